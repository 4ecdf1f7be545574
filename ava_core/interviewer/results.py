"""What every interviewer returns: feedback on a coding step, on a behavioral answer, and on how
it was said (dataclasses with ``to_dict``/``from_dict`` for the store), a follow-up and questions
generated from a resume. Each says which provider answered and, when it fell back, why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ava_core import vocabulary
from ava_core.vocabulary import STAR_PARTS


def out_of_five(score: float) -> str:
    """A score as shown everywhere: "4/5", "3.5/5"."""
    return f"{score:g}/5"


@dataclass
class Communication:
    """How an answer was said, from its speech metrics: a 1-5 score with evidence."""

    score: float
    evidence: list[str]
    improvement: str


@dataclass
class StepFeedback:
    step: str  # one of STEPS
    score: float  # 1-5 in half points
    summary: str  # one or two sentences a page shows first (and streams)
    evidence: list[str]  # quoted phrases from the answer, or test and complexity facts
    improvement: str  # one concrete sentence
    details: dict[str, Any] = field(default_factory=dict)  # what the rubric found
    communication: Communication | None = None
    provider: str = "offline"  # who answered
    fallback_reason: str | None = None  # why the configured provider did not

    def criteria(self) -> list[tuple[str, float, float]]:
        """``(criterion, score, out_of)`` rows for the store (see ``ava_core.vocabulary``)."""
        rows: list[tuple[str, float, float]] = [(self.step, float(self.score), 5.0)]
        tests = self.details.get("tests")
        if tests:
            rows.append((vocabulary.TESTS_PASSED, float(tests["passed"]), float(tests["total"])))
        agrees = self.details.get("complexity_agrees")
        if agrees is not None:
            rows.append((vocabulary.COMPLEXITY_AGREES, float(agrees), 1.0))
        if self.communication:
            rows.append((vocabulary.COMMUNICATION, float(self.communication.score), 5.0))
        return rows

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StepFeedback:
        values = dict(data)
        if values.get("communication"):
            values["communication"] = Communication(**values["communication"])
        return cls(**values)


@dataclass
class StarPart:
    present: bool
    quotes: list[str] = field(default_factory=list)


@dataclass
class Criterion:
    score: float  # 1-5 in half points
    note: str
    evidence: list[str] = field(default_factory=list)


@dataclass
class AnswerFeedback:
    score: float  # 1-5 in half points
    summary: str
    star: dict[str, StarPart]  # situation, task, action, result
    specificity: Criterion  # numbers, names, outcomes
    ownership: Criterion  # "I" against "we"
    relevance: Criterion  # to the question's competencies and signals
    words: int
    length: str  # too_short, short, good, long
    i_count: int
    we_count: int
    reflection: bool  # says what they learned or would do differently
    evidence: list[str]
    improvement: str
    details: dict[str, Any] = field(default_factory=dict)
    communication: Communication | None = None
    provider: str = "offline"
    fallback_reason: str | None = None

    @property
    def missing(self) -> list[str]:
        """The STAR components not found, in STAR_PARTS order."""
        return [part for part in STAR_PARTS if not self.star[part].present]

    def criteria(self) -> list[tuple[str, float, float]]:
        """``(criterion, score, out_of)`` rows for the store (see ``ava_core.vocabulary``)."""
        rows: list[tuple[str, float, float]] = [(vocabulary.ANSWER, float(self.score), 5.0)]
        rows += [(vocabulary.star_criterion(p), float(self.star[p].present), 1.0) for p in STAR_PARTS]
        rows += [
            (vocabulary.SPECIFICITY, float(self.specificity.score), 5.0),
            (vocabulary.OWNERSHIP, float(self.ownership.score), 5.0),
            (vocabulary.RELEVANCE, float(self.relevance.score), 5.0),
        ]
        if self.communication:
            rows.append((vocabulary.COMMUNICATION, float(self.communication.score), 5.0))
        return rows

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnswerFeedback:
        values = dict(data)
        values["star"] = {part: StarPart(**v) for part, v in values["star"].items()}
        for name in ("specificity", "ownership", "relevance"):
            values[name] = Criterion(**values[name])
        if values.get("communication"):
            values["communication"] = Communication(**values["communication"])
        return cls(**values)


@dataclass(frozen=True)
class FollowUp:
    """The follow-up a behavioral answer calls for; ``question`` is None when it needs none."""

    question: str | None
    provider: str = "offline"
    fallback_reason: str | None = None


@dataclass(frozen=True)
class GeneratedQuestions:
    """Behavioral questions written from a resume."""

    questions: list[str]
    provider: str = "offline"
    fallback_reason: str | None = None
