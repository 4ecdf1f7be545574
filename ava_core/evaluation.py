"""The evaluation harness: how far an interviewer's scores agree with labelled answers.

``ava_core/data/eval/<step>.yaml`` hold answers labelled 1-5 by the rubric a strong human interviewer uses
(``ava_core/data/eval/README.md``). ``evaluate("offline")`` scores every answer with a provider and reports,
per step and overall:

- **MAE**: the mean absolute difference between score and label;
- **Spearman**: the rank correlation of scores and labels (ties get their average rank);
- **pairwise**: over every pair of answers to the same question and step whose labels differ, the
  share the provider puts in the same order (a tie in the scores counts as half).

``python -m ava_core eval`` prints the table.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ava_core.errors import InvalidInput
from ava_core.interviewer import AnswerFeedback, Interviewer, StepFeedback, get_interviewer
from ava_core.questions import BehavioralQuestion, CodingQuestion, QuestionBank, load_bank
from ava_core.settings import Settings
from ava_core.vocabulary import STEPS

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "eval"
GROUPS = (*STEPS, "behavioral")


class LabelledAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    step: str  # an UMPIRE step or "behavioral"
    question: str  # a bank id
    question_text: str  # the question itself, so the file stands alone
    answer: str
    label: int = Field(ge=1, le=5)
    reason: str = Field(min_length=1)
    code: str | None = None
    tests: dict[str, Any] | None = None  # passed, failed, verdict
    measured: str | None = None  # the complexity measured on the candidate's code

    @property
    def group(self) -> str:
        """Pairs are compared within one question and step."""
        return f"{self.step}:{self.question}"


def load_labelled(path: str | Path | None = None) -> list[LabelledAnswer]:
    """Every labelled answer under ``path`` (a folder of YAML files, or one file)."""
    import yaml

    root = Path(path) if path else DEFAULT_PATH
    files = sorted(root.glob("*.yaml")) if root.is_dir() else [root]
    if not files or not files[0].is_file():
        raise InvalidInput(f"No labelled answers at {root}: expected YAML files such as understand.yaml.", "path")
    items: list[LabelledAnswer] = []
    for file in files:
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise InvalidInput(f"{file} cannot be read as YAML: {exc}", "path") from None
        if not isinstance(data, dict) or data.get("step") not in GROUPS or not isinstance(data.get("items"), list):
            raise InvalidInput(f"{file} must have step (one of {', '.join(GROUPS)}) and a list of items.", "path")
        for i, raw in enumerate(data["items"]):
            try:
                items.append(LabelledAnswer.model_validate({"step": data["step"], **raw}))
            except (ValidationError, TypeError) as exc:
                raise InvalidInput(f"{file}, item {i + 1}: {exc}", "path") from None
    ids = [item.id for item in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InvalidInput(f"Labelled answer ids must be unique: {', '.join(duplicates)}.", "path")
    return items


# --- the measures --------------------------------------------------------------------------------


def mean_absolute_error(labels: Sequence[float], scores: Sequence[float]) -> float:
    if not labels:
        return math.nan
    return sum(abs(a - b) for a, b in zip(labels, scores, strict=True)) / len(labels)


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


def pairwise_accuracy(
    labels: Sequence[float], scores: Sequence[float], groups: Sequence[str]
) -> tuple[float, int]:
    """(accuracy, pairs): pairs in one group with different labels, ordered like the labels.

    A pair the scores tie counts as half right. Accuracy is nan when there is no pair.
    """
    right, pairs = 0.0, 0
    n = len(labels)
    for i in range(n):
        for j in range(i + 1, n):
            if groups[i] != groups[j] or labels[i] == labels[j]:
                continue
            pairs += 1
            label_order = labels[i] > labels[j]
            if scores[i] == scores[j]:
                right += 0.5
            elif (scores[i] > scores[j]) == label_order:
                right += 1
    return (right / pairs if pairs else math.nan), pairs


# --- running a provider --------------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    id: str
    step: str
    group: str
    label: int
    score: int


@dataclass(frozen=True)
class Row:
    name: str  # a step, "behavioral" or "overall"
    n: int
    mae: float
    spearman: float
    pairwise: float
    pairs: int


@dataclass
class EvalResult:
    provider: str
    rows: list[Row]
    predictions: list[Prediction] = field(default_factory=list)
    seconds: float = 0.0
    fallbacks: int = 0  # answers the configured provider handed to the offline coach

    @property
    def overall(self) -> Row:
        return self.rows[-1]

    def row(self, name: str) -> Row:
        return next(r for r in self.rows if r.name == name)

    def records(self) -> list[dict[str, Any]]:
        """One dict per row, for a DataFrame or a chart."""
        return [r.__dict__.copy() for r in self.rows]

    def table(self) -> str:
        lines = [f"{'':12} {'n':>4} {'MAE':>6} {'Spearman':>9} {'pairwise':>9} {'pairs':>6}"]
        for r in self.rows:
            lines.append(
                f"{r.name:12} {r.n:>4} {_fmt(r.mae):>6} {_fmt(r.spearman):>9} "
                f"{_fmt(r.pairwise):>9} {r.pairs:>6}"
            )
        lines.append(f"provider: {self.provider}; {self.seconds * 1000:.0f} ms"
                     + (f"; {self.fallbacks} answered by the offline fallback" if self.fallbacks else ""))
        return "\n".join(lines)


def _fmt(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.2f}"


def summarize(name: str, predictions: Sequence[Prediction]) -> Row:
    labels = [p.label for p in predictions]
    scores = [p.score for p in predictions]
    accuracy, pairs = pairwise_accuracy(labels, scores, [p.group for p in predictions])
    return Row(name, len(predictions), mean_absolute_error(labels, scores), spearman(labels, scores),
               accuracy, pairs)


def _score(coach: Interviewer, item: LabelledAnswer, bank: QuestionBank) -> tuple[int, bool]:
    question = bank.get(item.question) if item.question in bank else None
    fb: AnswerFeedback | StepFeedback
    if item.step == "behavioral":
        asked = question if isinstance(question, BehavioralQuestion) else item.question_text
        fb = coach.answer_feedback(asked, item.answer)
    elif isinstance(question, CodingQuestion):
        fb = coach.step_feedback(
            question, item.step, item.answer, code=item.code, tests=item.tests, complexity=item.measured,
        )
    else:
        raise InvalidInput(
            f"{item.id}: the coding question {item.question!r} is not in the bank.", "question"
        )
    return fb.score, fb.fallback_reason is not None


def evaluate(
    provider: str | Interviewer | None = "offline",
    items: Sequence[LabelledAnswer] | None = None,
    *,
    settings: Settings | None = None,
    bank: QuestionBank | None = None,
) -> EvalResult:
    """Score every labelled answer with ``provider`` (a name or an interviewer) and measure it."""
    coach = provider if provider is not None and not isinstance(provider, str) else get_interviewer(provider, settings)
    items = load_labelled() if items is None else list(items)
    bank = load_bank() if bank is None else bank
    started = time.perf_counter()
    predictions, fallbacks = [], 0
    for item in items:
        score, fell_back = _score(coach, item, bank)
        fallbacks += fell_back
        predictions.append(Prediction(item.id, item.step, item.group, item.label, score))
    seconds = time.perf_counter() - started
    rows = [
        summarize(name, [p for p in predictions if p.step == name])
        for name in GROUPS
        if any(p.step == name for p in predictions)
    ]
    rows.append(summarize("overall", predictions))
    return EvalResult(coach.name, rows, predictions, seconds, fallbacks)
