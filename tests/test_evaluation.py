"""The evaluation harness: its measures on hand-made pairs, the baselines, the labelled pairs'
halves, the command line and the notebook."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from ava_core.__main__ import main
from ava_core.errors import InvalidInput
from ava_core.evaluation import (
    AnswerPair,
    Split,
    evaluate,
    load_pairs,
    load_split,
    longer_wins,
    question_words,
    question_words_win,
    spearman,
)

ROOT = Path(__file__).resolve().parent.parent


# --- the measures ----------------------------------------------------------------------------------


def test_spearman_exact_values():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # ranks of the scores with ties: 1.5, 1.5, 3.5, 3.5 -> r = 4 / sqrt(5 * 4)
    assert spearman([1, 2, 3, 4], [1, 1, 2, 2]) == pytest.approx(4 / math.sqrt(20))
    # labels 1, 2, 2, 3 (ranks 1, 2.5, 2.5, 4) against scores 2, 1, 3, 4: r = 3 / sqrt(4.5 * 5)
    assert spearman([1, 2, 2, 3], [2, 1, 3, 4]) == pytest.approx(3 / math.sqrt(22.5))
    assert math.isnan(spearman([1, 2, 3], [2, 2, 2]))
    with pytest.raises(ValueError):
        spearman([1, 2], [1])


def pair(i: int, stronger: str, weaker: str, *, kind="coding", question="two-sum", step="match",
         failure="plain", strong_kind=()) -> AnswerPair:
    return AnswerPair(kind=kind, id=f"p{i}", question=question, step=step, failure=failure,
                      strong_kind=strong_kind, stronger={"answer": stronger, "label": 4},
                      weaker={"answer": weaker, "label": 2}, why="hand-made")


def test_the_baselines_count_words_strictly():
    question = "Two Sum: return the indices of two numbers that add up to the target."
    assert question_words("the target and two indices, two", question) == 4  # target, two, indices, two
    assert longer_wins(pair(1, "a b c", "a b"), question)
    assert not longer_wins(pair(2, "a b", "c d"), question)  # a tie is a miss
    assert question_words_win(pair(3, "the target sum", "a long answer with no shared words"), question)


@dataclass
class Scored:
    score: int


class LengthScorer:
    """A provider that scores by answer length: 1 word per point, at most 5."""

    name = "length"

    def step_feedback(self, q, step, answer_text, **facts):
        return Scored(min(5, len(answer_text.split())))

    def answer_feedback(self, bq, answer_text, **facts):
        return Scored(min(5, len(answer_text.split())))


SPLIT = Split({"development": {"coding": frozenset({"two-sum"}), "behavioral": frozenset({"Q?"})},
               "test": {"coding": frozenset({"group-anagrams"}), "behavioral": frozenset()}})


def test_evaluate_reports_strict_accuracy_by_kind_step_and_failure_beside_the_baselines():
    pairs = [
        pair(1, "a b c d e", "a", failure="salad"),
        pair(2, "a b", "c d", failure="salad", strong_kind=("speech",)),  # a tie: a miss
        pair(3, "a", "b c d", step="plan"),  # the weaker is longer: a miss for both
        pair(4, "a b c", "a", kind="behavioral", question="Q?", step="behavioral", failure="template"),
        pair(5, "x y z w v u", "x", question="group-anagrams"),  # in the test half
    ]
    result = evaluate(LengthScorer(), pairs, half="development", split=SPLIT)
    rows = {r.name: r for r in result.rows}
    assert [r.name for r in result.rows][:2] == ["coding", "behavioral"]
    assert (rows["coding"].pairs, rows["coding"].accuracy) == (3, pytest.approx(1 / 3))
    assert rows["coding"].baselines["longer"] == pytest.approx(1 / 3)
    assert (rows["coding: match"].pairs, rows["coding: plan"].accuracy) == (2, 0.0)
    assert rows["coding: salad"].accuracy == 0.5 and rows["coding: strong speech"].accuracy == 0.0
    assert (rows["behavioral"].accuracy, rows["behavioral: template"].pairs) == (1.0, 1)
    assert [s.pair.id for s in result.misses()] == ["p2", "p3"]
    assert result.answers == 8 and "development half" in result.table()
    assert evaluate(LengthScorer(), pairs, half="test", split=SPLIT).row("coding").pairs == 1
    assert evaluate(LengthScorer(), pairs, half="all", split=SPLIT).row("coding").pairs == 4


def test_a_question_outside_the_split_or_the_bank_is_named():
    with pytest.raises(InvalidInput, match="p1: its question is in neither half"):
        evaluate(LengthScorer(), [pair(1, "a", "b", question="nope")], split=SPLIT)
    lost = Split({"development": {"coding": frozenset({"nope"})}, "test": {}})
    with pytest.raises(InvalidInput, match="p1: the coding question 'nope' is not in the bank"):
        evaluate(LengthScorer(), [pair(1, "a", "b", question="nope")], split=lost, half="all")


def test_loading_rejects_bad_files(tmp_path):
    (tmp_path / "a.yaml").write_text("kind: coding\npairs:\n  - {id: x}\n")
    with pytest.raises(InvalidInput, match="a.yaml, pair 1"):
        load_pairs(tmp_path)
    with pytest.raises(InvalidInput, match="No labelled pairs"):
        load_pairs(tmp_path / "missing")


# --- the labelled pairs and the offline coach ------------------------------------------------------


def _sample(tmp_path: Path, every: int = 12) -> Path:
    """Every ``every``-th pair of each labelled file, coding and behavioral, copied to ``tmp_path``:
    each step, failure and half is there, and it is scored in seconds (the notebook scores them all)."""
    import yaml

    folder = ROOT / "ava_core" / "data" / "eval" / "pairs"
    for file in folder.glob("*.yaml"):
        if file.name != "split.yaml":
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            data["pairs"] = data["pairs"][::every]
            (tmp_path / file.name).write_text(yaml.safe_dump(data), encoding="utf-8")
    return tmp_path


def test_every_pair_is_in_a_half_and_the_halves_share_no_question():
    split, pairs = load_split(), load_pairs()
    halves = {p.id: split.half(p) for p in pairs}
    assert set(halves.values()) == {"development", "test"}
    for kind in ("coding", "behavioral"):
        assert not split.halves["development"][kind] & split.halves["test"][kind]


def test_scoring_is_deterministic(tmp_path):
    pairs = load_pairs(_sample(tmp_path))
    assert {p.kind for p in pairs} == {"coding", "behavioral"} and any(p.stronger.code for p in pairs)
    first, again = evaluate("offline", pairs, half="all"), evaluate("offline", pairs, half="all")
    assert [(s.stronger, s.weaker) for s in again.scored] == [(s.stronger, s.weaker) for s in first.scored]


def test_the_command_prints_the_table(tmp_path, capsys):
    assert main(["eval", "--half", "development", "--misses", "--path", str(_sample(tmp_path))]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("development half") and out[1].split() == ["pairs", "coach", "longer", "question", "words"]
    assert any(line.startswith("coding ") for line in out) and any(line.startswith("behavioral ") for line in out)
    assert any(line.startswith("Spearman") for line in out)


# --- the notebook ----------------------------------------------------------------------------------

NOTEBOOK = ROOT / "notebooks" / "evaluate_coach.ipynb"
RERUN = "python notebooks/run.py"  # notebooks/run.py executes the notebook and saves it with its outputs
IMAGES = ("image/png", "image/svg+xml")
REMOTE = ("<script", "src=\"http", "src='http", "href=\"http", "cdn.", "jsdelivr", "unpkg")


def _code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def _is_chart_cell(cell) -> bool:
    return "alt.Chart(" in cell.source


def _texts(output) -> list[str]:
    """What an output shows as text: a stream's text, or each text-like value of its data."""
    if output.output_type == "stream":
        return [output.text]
    return [value for mime, value in output.get("data", {}).items()
            if mime not in ("image/png", "image/jpeg") and isinstance(value, str)]


def _shown(cell) -> list[tuple[str, str]]:
    """The cell's stream text, text/plain and text/html: the table and the figures (images aside)."""
    shown = []
    for output in cell.outputs:
        if output.output_type == "stream":
            shown.append((output.name, output.text))
        for mime in ("text/plain", "text/html"):
            if mime in output.get("data", {}):
                shown.append((mime, output.data[mime]))
    return shown


@pytest.fixture(scope="module")
def fresh_notebook():
    """The committed notebook executed top to bottom in a fresh python3 kernel (the file is untouched)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("notebook_run", ROOT / "notebooks" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    assert run.NOTEBOOK == NOTEBOOK and run.COMMAND == RERUN
    return run.execute(NOTEBOOK)


def _check_charts_are_static(nb, which: str) -> None:
    charts = [cell for cell in _code_cells(nb) if _is_chart_cell(cell)]
    assert len(charts) >= 2, f"{which}: expected the two chart cells"
    for cell in charts:
        mimes = [set(o.get("data", {})) for o in cell.outputs]
        assert any(m & set(IMAGES) for m in mimes), (
            f"{which}: the chart cell {cell.source.splitlines()[0]!r} has no static image output "
            f"(outputs: {mimes}); the charts must be rendered by vl-convert (alt.renderers.enable('png'))"
        )
        assert not any("text/html" in m or any("javascript" in x or "vegalite" in x for x in m) for m in mimes), (
            f"{which}: a chart cell has an HTML or JavaScript output: {mimes}"
        )
    for cell in _code_cells(nb):
        for output in cell.outputs:
            for text in _texts(output):
                found = [r for r in REMOTE if r in text.lower()]
                assert not found, f"{which}: an output references {found}: {text[:300]!r}"


def test_the_notebook_runs_headless(fresh_notebook):
    outputs = [o for cell in _code_cells(fresh_notebook) for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("strict pairwise accuracy" in o.get("text", "") for o in outputs)
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]


def test_the_notebooks_charts_are_static_images_with_nothing_from_the_network(fresh_notebook):
    _check_charts_are_static(fresh_notebook, "the fresh run")


def test_the_committed_notebook_holds_the_outputs_of_a_fresh_run(fresh_notebook):
    import nbformat

    committed = nbformat.read(NOTEBOOK, as_version=4)
    stale = f"{NOTEBOOK.relative_to(ROOT)} is stale: run `{RERUN}` and commit the notebook"
    _check_charts_are_static(committed, f"the committed notebook; if it is stale, run `{RERUN}` and commit it")
    fresh_cells, committed_cells = _code_cells(fresh_notebook), _code_cells(committed)
    assert len(fresh_cells) == len(committed_cells)
    for fresh, saved in zip(fresh_cells, committed_cells):
        first_line = fresh.source.splitlines()[0]
        if fresh.outputs:
            assert saved.outputs, f"{stale} (the cell {first_line!r} has no outputs)"
        assert [o.output_type for o in saved.outputs] == [o.output_type for o in fresh.outputs], (
            f"{stale} (the cell {first_line!r} has other outputs)"
        )
        assert _shown(saved) == _shown(fresh), f"{stale} (the cell {first_line!r} shows other results)"
    table = next(cell for cell in committed_cells if "result.table()" in cell.source)
    assert any(line.startswith("coding ") for line in table.outputs[0].text.splitlines()), stale
