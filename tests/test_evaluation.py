"""The evaluation harness: its measures on hand-made sets, the labelled data, the offline coach's
figures, the command line and the notebook."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from ava_core.__main__ import main
from ava_core.interviewer.offline import OfflineCoach
from ava_core.errors import InvalidInput
from ava_core.evaluation import (
    LabelledAnswer,
    Prediction,
    evaluate,
    load_labelled,
    mean_absolute_error,
    pairwise_accuracy,
    spearman,
    summarize,
)
from ava_core.vocabulary import STEPS
from ava_core.questions import load_bank

ROOT = Path(__file__).resolve().parent.parent


# --- the measures ----------------------------------------------------------------------------------


def test_mean_absolute_error():
    assert mean_absolute_error([1, 2, 3], [1, 3, 5]) == 1.0
    assert mean_absolute_error([4], [4]) == 0.0
    assert math.isnan(mean_absolute_error([], []))


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


def test_pairwise_accuracy_pairs_within_a_group_and_counts_ties_half():
    labels = [5, 3, 1, 3, 4, 4]
    scores = [4, 4, 2, 1, 2, 5]
    groups = ["a", "a", "a", "b", "b", "c"]
    # group a: (5,3) tie 0.5, (5,1) right, (3,1) right; group b: (3,4) scored 1 < 2, right;
    # group c has one answer; equal labels across groups are never paired.
    assert pairwise_accuracy(labels, scores, groups) == (3.5 / 4, 4)
    assert pairwise_accuracy([2, 1], [1, 2], ["x", "x"]) == (0.0, 1)
    accuracy, pairs = pairwise_accuracy([3, 3], [1, 5], ["x", "x"])
    assert math.isnan(accuracy) and pairs == 0


def test_summarize_a_row():
    predictions = [Prediction(str(i), "plan", "plan:q", label, score)
                   for i, (label, score) in enumerate([(1, 1), (3, 2), (5, 5)])]
    row = summarize("plan", predictions)
    assert (row.name, row.n, row.pairs) == ("plan", 3, 3)
    assert row.mae == pytest.approx(1 / 3) and row.spearman == pytest.approx(1.0) and row.pairwise == 1.0


@dataclass
class Scored:
    score: int
    fallback_reason: str | None = None


class LengthScorer:
    """A provider that scores by answer length: 1 word per point, at most 5."""

    name = "length"

    def step_feedback(self, q, step, answer_text, **facts):
        return Scored(min(5, len(answer_text.split())))

    def answer_feedback(self, bq, answer_text, **facts):
        return Scored(min(5, len(answer_text.split())), "offline because of a test")


def item(i: int, step: str, question: str, answer: str, label: int) -> LabelledAnswer:
    return LabelledAnswer(id=f"i{i}", step=step, question=question, question_text="Q?",
                          answer=answer, label=label, reason="hand-made")


def test_evaluate_runs_any_provider_and_reports_per_step_and_overall():
    items = [
        item(1, "match", "two-sum", "a b c d e", 5),
        item(2, "match", "two-sum", "a", 1),
        item(3, "match", "two-sum", "a b", 3),
        item(4, "behavioral", "not-in-the-bank", "a b c", 2),
        item(5, "behavioral", "not-in-the-bank", "a b", 4),
    ]
    result = evaluate(LengthScorer(), items)
    assert [r.name for r in result.rows] == ["match", "behavioral", "overall"]
    match, behavioral, overall = result.rows
    assert (match.mae, match.pairwise, match.pairs) == (pytest.approx(1 / 3), 1.0, 3)
    assert (behavioral.mae, behavioral.pairwise, behavioral.pairs) == (1.5, 0.0, 1)
    assert overall.n == 5 and overall.pairs == 4 and overall.pairwise == 0.75
    assert overall.mae == pytest.approx((0 + 0 + 1 + 1 + 2) / 5)
    assert result.fallbacks == 2 and result.provider == "length"
    assert [p.score for p in result.predictions] == [5, 1, 2, 3, 2]
    assert "overall" in result.table() and "2 answered by the offline fallback" in result.table()


def test_a_coding_question_missing_from_the_bank_is_named():
    with pytest.raises(InvalidInput, match="i1: the coding question 'nope'"):
        evaluate(LengthScorer(), [item(1, "plan", "nope", "x", 3)])


# --- the labelled set ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def labelled():
    return load_labelled()


def test_the_labelled_set_is_big_varied_and_stands_alone(labelled):
    bank = load_bank()
    counts = Counter(i.step for i in labelled)
    assert len(labelled) >= 150
    assert all(counts[s] >= 15 for s in STEPS) and counts["behavioral"] >= 30
    for step in (*STEPS, "behavioral"):
        assert {i.label for i in labelled if i.step == step} == {1, 2, 3, 4, 5}
    for i in labelled:
        assert i.question in bank and i.question_text.strip() and i.reason.strip()
        assert len(i.answer.split()) >= 1
        if i.step == "implement":
            assert i.code and i.tests["passed"] + i.tests["failed"] > 0
    texts = [i.answer for i in labelled]
    assert len(set(texts)) == len(texts)


def test_loading_rejects_bad_files(tmp_path):
    (tmp_path / "bad.yaml").write_text("step: plan\nitems:\n  - {id: x, question: q, question_text: t, answer: a, label: 7, reason: r}\n")
    with pytest.raises(InvalidInput, match="bad.yaml, item 1"):
        load_labelled(tmp_path)
    (tmp_path / "bad.yaml").write_text("step: dance\nitems: []\n")
    with pytest.raises(InvalidInput, match="must have step"):
        load_labelled(tmp_path)
    with pytest.raises(InvalidInput, match="No labelled answers"):
        load_labelled(tmp_path / "missing")


# --- the offline coach's figures -----------------------------------------------------------------


def test_offline_coach_agrees_with_the_labels(labelled):
    result = evaluate("offline", labelled)
    overall = result.overall
    assert overall.n == len(labelled)
    assert overall.pairwise >= 0.85
    assert overall.spearman >= 0.7
    for step in (*STEPS, "behavioral"):
        assert result.row(step).pairwise >= 0.8, step
    assert result.fallbacks == 0


def test_every_offline_score_has_evidence_and_one_improvement(labelled):
    bank, coach = load_bank(), OfflineCoach()
    for i in labelled:
        if i.step == "behavioral":
            fb = coach.answer_feedback(bank.get(i.question), i.answer)
        else:
            fb = coach.step_feedback(bank.get(i.question), i.step, i.answer, code=i.code,
                                     tests=i.tests, complexity=i.measured)
        assert fb.evidence, i.id
        assert fb.improvement[-1] in ".?" and fb.improvement.count(". ") <= 1, (i.id, fb.improvement)


def test_scoring_twice_gives_the_same_result(labelled):
    assert evaluate("offline", labelled).predictions == evaluate("offline", labelled).predictions


def test_the_command_prints_the_table(capsys):
    assert main(["eval"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["n", "MAE", "Spearman", "pairwise", "pairs"]
    assert any(line.startswith("overall") for line in out.splitlines())
    assert main(["eval", "--path", str(ROOT / "ava_core" / "data" / "eval" / "evaluate.yaml")]) == 0
    assert "evaluate" in capsys.readouterr().out


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
    assert any("overall" in o.get("text", "") for o in outputs)
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
    assert any(line.startswith("overall") for line in table.outputs[0].text.splitlines()), stale
