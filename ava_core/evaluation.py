"""The evaluation harness: does an interviewer order answers the way a strong interviewer would?

``ava_core/data/eval/pairs/`` holds pairs of a stronger and a weaker answer to the same question
and step, labelled 1-5, written apart from the offline coach's rules (its README), and
``split.yaml`` puts every question once in a development half or a test half. Rules are tuned on
the development half; the test half is what is reported.

``evaluate(provider, half="test")`` scores both answers of every pair and reports, overall, by
step and by failure kind:

- **strict accuracy**: the share of pairs whose stronger answer scores strictly higher (a tie is
  a miss);
- the same for two baselines on the same pairs: the longer answer wins; the answer holding more
  of the question's words wins;
- **Spearman**: the rank correlation of all the scores with all the labels.

The code of Implement, Review and Evaluate answers runs against the question's tests in the
sandbox, as in an interview; with ``measure=True`` the Evaluate answers' code is measured too.
``python -m ava_core eval`` prints the table.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from ava_core.errors import InvalidInput
from ava_core.interviewer import Interviewer, get_interviewer
from ava_core.questions import CodingQuestion, QuestionBank, load_bank
from ava_core.settings import Settings

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "eval" / "pairs"
HALVES = ("development", "test")
Half = Literal["development", "test"]


# --- the labelled pairs --------------------------------------------------------------------------


class Side(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    answer: Annotated[str, Field(min_length=1)]
    label: int = Field(ge=1, le=5)
    code: str | None = None


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else (value or [])


class AnswerPair(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["coding", "behavioral"]
    id: str
    question: str  # coding: a bank id; behavioral: the question as asked
    step: str  # an UMPIRE step or "behavioral"
    failure: str  # what the weaker answer does wrong
    strong_kind: Annotated[tuple[str, ...], BeforeValidator(_as_list)] = ()
    stronger: Side
    weaker: Side
    why: str
    competency: str | None = None  # behavioral
    resume: str | None = None  # behavioral: the resume line the question came from


def load_pairs(path: str | Path | None = None) -> list[AnswerPair]:
    """Every pair in the YAML files under ``path`` (a folder, or one file), split.yaml aside."""
    import yaml

    root = Path(path) if path else DEFAULT_PATH
    files = [f for f in sorted(root.glob("*.yaml")) if f.name != "split.yaml"] if root.is_dir() else [root]
    if not files or not files[0].is_file():
        raise InvalidInput(f"No labelled pairs at {root}: expected YAML files of pairs.", "path")
    pairs: list[AnswerPair] = []
    for file in files:
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise InvalidInput(f"{file} cannot be read as YAML: {exc}", "path") from None
        if not isinstance(data, dict) or not isinstance(data.get("pairs"), list):
            raise InvalidInput(f"{file} must have a kind and a list of pairs.", "path")
        for i, raw in enumerate(data["pairs"]):
            try:
                pairs.append(AnswerPair.model_validate({"kind": data.get("kind"), **raw}))
            except (ValidationError, TypeError) as exc:
                raise InvalidInput(f"{file}, pair {i + 1}: {exc}", "path") from None
    ids = [p.id for p in pairs]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise InvalidInput(f"Pair ids must be unique: {', '.join(repeated)}.", "path")
    return pairs


@dataclass(frozen=True)
class Split:
    """Which half each question is in, by kind."""

    halves: dict[str, dict[str, frozenset[str]]]

    def half(self, pair: AnswerPair) -> Half:
        for name in HALVES:
            if pair.question in self.halves[name].get(pair.kind, ()):
                return name  # type: ignore[return-value]
        raise InvalidInput(f"{pair.id}: its question is in neither half of split.yaml.", "split")


def load_split(path: str | Path | None = None) -> Split:
    import yaml

    file = Path(path) if path else DEFAULT_PATH / "split.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    return Split({h: {k: frozenset(v) for k, v in data[h].items()} for h in HALVES})


# --- the measures --------------------------------------------------------------------------------


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(labels: Sequence[float], scores: Sequence[float]) -> float:
    """Spearman's rho (Pearson's r of the ranks); nan when either side is constant."""
    if len(labels) != len(scores):
        raise ValueError("labels and scores must have the same length")
    x, y = _ranks(labels), _ranks(scores)
    n = len(x)
    if n < 2:
        return math.nan
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if not sxx or not syy:
        return math.nan
    return sxy / math.sqrt(sxx * syy)


_WORD = re.compile(r"[a-z0-9]+")
# Words so common that sharing them says nothing about the question.
_COMMON = frozenset(
    "a an the and or of to in on at for by with from is are be it its this that as if then than "
    "so we i you they what which who how when where do does did not no can will would should "
    "your my our their".split()
)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def question_words(answer: str, question: str) -> int:
    """How many of the answer's words are words of the question (common words aside)."""
    vocabulary = set(words(question)) - _COMMON
    return sum(w in vocabulary for w in words(answer))


def longer_wins(pair: AnswerPair, question: str) -> bool:
    return len(words(pair.stronger.answer)) > len(words(pair.weaker.answer))


def question_words_win(pair: AnswerPair, question: str) -> bool:
    return question_words(pair.stronger.answer, question) > question_words(pair.weaker.answer, question)


BASELINES: dict[str, Callable[[AnswerPair, str], bool]] = {
    "longer": longer_wins,
    "question words": question_words_win,
}


# --- running a provider --------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoredPair:
    pair: AnswerPair
    half: Half
    stronger: float
    weaker: float
    baselines: dict[str, bool]

    @property
    def right(self) -> bool:
        return self.stronger > self.weaker

    @property
    def groups(self) -> list[str]:
        """The rows this pair counts in."""
        return [self.pair.kind, f"{self.pair.kind}: {self.pair.step}" if self.pair.kind == "coding" else "",
                f"{self.pair.kind}: {self.pair.failure}",
                *(f"{self.pair.kind}: strong {k}" for k in self.pair.strong_kind)]


@dataclass(frozen=True)
class Row:
    name: str
    pairs: int
    accuracy: float  # strict
    baselines: dict[str, float]

    @property
    def margin(self) -> float:
        """How far the accuracy is above the better baseline."""
        return self.accuracy - max(self.baselines.values())


@dataclass
class EvalResult:
    provider: str
    half: str
    rows: list[Row]
    spearman: dict[str, float]
    scored: list[ScoredPair] = field(default_factory=list)
    seconds: float = 0.0
    answers: int = 0
    measured: bool = False

    def row(self, name: str) -> Row:
        return next(r for r in self.rows if r.name == name)

    def records(self) -> list[dict[str, Any]]:
        """One dict per row, for a DataFrame or a chart."""
        return [{"group": r.name, "pairs": r.pairs, "coach": r.accuracy, **r.baselines} for r in self.rows]

    def misses(self) -> list[ScoredPair]:
        return [s for s in self.scored if not s.right]

    def table(self) -> str:
        names = list(BASELINES)
        lines = [f"{self.half} half, strict pairwise accuracy (the stronger answer must score higher)",
                 f"{'':34} {'pairs':>5} {'coach':>6} " + " ".join(f"{n:>14}" for n in names)]
        for r in self.rows:
            lines.append(f"{r.name:34} {r.pairs:>5} {_fmt(r.accuracy):>6} "
                         + " ".join(f"{_fmt(r.baselines[n]):>14}" for n in names))
        lines.append("Spearman with the labels: " + ", ".join(f"{k} {_fmt(v)}" for k, v in self.spearman.items()))
        per_answer = self.seconds / self.answers * 1000 if self.answers else 0
        lines.append(f"provider: {self.provider}; {self.answers} answers, {per_answer:.1f} ms each on average"
                     f" (code runs included); Evaluate code {'measured' if self.measured else 'not measured'}")
        return "\n".join(lines)


def _fmt(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.2f}"


def _rows(scored: Sequence[ScoredPair]) -> list[Row]:
    order: list[str] = []
    members: dict[str, list[ScoredPair]] = {}
    for s in scored:
        for g in s.groups:
            if g and g not in members:
                order.append(g)
                members[g] = []
            if g:
                members[g].append(s)
    kinds = [g for g in order if ":" not in g]
    named = sorted((g for g in order if ":" in g), key=lambda g: (g.split(":")[0], "strong" in g, g))
    rows = []
    for g in (*kinds, *named):
        group = members[g]
        rows.append(Row(g, len(group), sum(s.right for s in group) / len(group),
                        {n: sum(s.baselines[n] for s in group) / len(group) for n in BASELINES}))
    return rows


@dataclass
class CodeFacts:
    """What the interview would know about a pair's code: its tests, and its measured class."""

    bank: QuestionBank
    measure: bool
    settings: Settings | None = None

    def __post_init__(self) -> None:
        self.tests = cache(self._tests)
        self.measured = cache(self._measured)

    @cached_property
    def executor(self) -> Any:
        from ava_core.judge import get_executor

        return get_executor(None, self.settings)

    def _tests(self, qid: str, code: str) -> Any:
        from ava_core.judge import run_tests

        return run_tests(code, _coding_question(self.bank, qid), executor=self.executor)

    def _measured(self, qid: str, code: str) -> Any:
        from ava_core.judge import measure_complexity

        return measure_complexity(code, _coding_question(self.bank, qid), executor=self.executor)


def _coding_question(bank: QuestionBank, qid: str) -> CodingQuestion:
    q = bank.get(qid)
    assert isinstance(q, CodingQuestion)
    return q


def question_text(pair: AnswerPair, bank: QuestionBank) -> str:
    if pair.kind == "behavioral":
        return pair.question
    if pair.question not in bank:
        raise InvalidInput(f"{pair.id}: the coding question {pair.question!r} is not in the bank.", "question")
    q = _coding_question(bank, pair.question)
    return f"{q.title}\n{q.statement}"


def score_answer(
    coach: Interviewer, pair: AnswerPair, side: Side, bank: QuestionBank, code_facts: CodeFacts
) -> float:
    """The score ``coach`` gives one answer of ``pair``, with what an interview would know."""
    if pair.kind == "behavioral":
        return coach.answer_feedback(pair.question, side.answer).score
    q = _coding_question(bank, pair.question)
    tests = complexity = None
    if side.code and pair.step in ("implement", "review", "evaluate"):
        tests = code_facts.tests(q.id, side.code)
        if code_facts.measure and pair.step == "evaluate":
            complexity = code_facts.measured(q.id, side.code)
    return coach.step_feedback(q, pair.step, side.answer, code=side.code, tests=tests, complexity=complexity).score


def evaluate(
    provider: str | Interviewer | None = "offline",
    pairs: Sequence[AnswerPair] | None = None,
    *,
    half: str = "test",
    split: Split | None = None,
    measure: bool = False,
    settings: Settings | None = None,
    bank: QuestionBank | None = None,
) -> EvalResult:
    """Score both answers of every pair in ``half`` ("test", "development" or "all")."""
    if half not in (*HALVES, "all"):
        raise InvalidInput(f"half must be development, test or all, not {half!r}.", "half")
    coach = provider if provider is not None and not isinstance(provider, str) else get_interviewer(provider, settings)
    pairs = load_pairs() if pairs is None else list(pairs)
    split = split or load_split()
    bank = load_bank() if bank is None else bank
    code_facts = CodeFacts(bank, measure, settings)
    started = time.perf_counter()
    scored = []
    for pair in pairs:
        which = split.half(pair)
        if half != "all" and which != half:
            continue
        text = question_text(pair, bank)
        scored.append(ScoredPair(
            pair, which,
            score_answer(coach, pair, pair.stronger, bank, code_facts),
            score_answer(coach, pair, pair.weaker, bank, code_facts),
            {name: rule(pair, text) for name, rule in BASELINES.items()},
        ))
    seconds = time.perf_counter() - started
    correlations = {}
    for kind in ("coding", "behavioral"):
        mine = [s for s in scored if s.pair.kind == kind]
        labels = [x for s in mine for x in (s.pair.stronger.label, s.pair.weaker.label)]
        scores = [x for s in mine for x in (s.stronger, s.weaker)]
        if mine:
            correlations[kind] = spearman(labels, scores)
    return EvalResult(coach.name, half, _rows(scored), correlations, scored, seconds, 2 * len(scored), measure)
