"""Ava's judgement: one interface, providers registered by name (``offline``, ``claude``).

    coach = get_interviewer()                      # settings.interviewer_provider
    fb = coach.step_feedback(q, "match", text)     # StepFeedback: score 1-5, evidence, improvement
    af = coach.answer_feedback(bq, text)           # AnswerFeedback: STAR, specificity, ownership...
    nxt = coach.follow_up(bq, text, asked=[...])   # a follow-up question, or None
    qs = coach.generate_questions(resume, n=5)     # personalized question texts
    report = coach.coding_report(session)          # ava_core.interviewer.report: 0-100 and a hiring signal

Every provider does the same five jobs and returns the same dataclasses. ``offline`` (the
deterministic rubric coach in ``ava_core.interviewer.offline``) needs nothing; ``claude`` (``ava_core.interviewer.claude``)
needs ANTHROPIC_API_KEY and falls back to the offline coach, saying so in ``provider`` and
``fallback_reason``, when the service fails or answers with something invalid.

A behavioral question may be a bank ``BehavioralQuestion`` or a plain question text (a question
generated from a resume). For a follow-up, pass the answer so far: the first answer and the
answers to earlier follow-ups, joined.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ava_core import vocabulary
from ava_core.vocabulary import STAR_PARTS, STEPS
from ava_core.errors import ConfigError, InvalidInput

if TYPE_CHECKING:
    from ava_core.questions import BehavioralQuestion, CodingQuestion, QuestionBank
    from ava_core.interviewer.report import BehavioralSession, CodingSession, Report
    from ava_core.settings import Settings


OnText = Callable[[str], None]  # receives feedback text as it comes (a delta each call)


# --- results -------------------------------------------------------------------------------------


@dataclass
class Communication:
    """How an answer was said, from its speech metrics: a 1-5 score with evidence."""

    score: int
    evidence: list[str]
    improvement: str


@dataclass
class StepFeedback:
    step: str  # one of STEPS
    score: int  # 1-5
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
    score: int  # 1-5
    note: str
    evidence: list[str] = field(default_factory=list)


@dataclass
class AnswerFeedback:
    score: int  # 1-5
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


# --- facts a page passes in ----------------------------------------------------------------------


@dataclass(frozen=True)
class TestFacts:
    """The test results the Implement step is judged on (a ``judge.TestReport`` reduced)."""

    __test__ = False  # not a pytest class

    passed: int
    total: int
    verdict: str | None = None
    failing: tuple[str, ...] = ()  # names of tests that did not pass ("hidden test 3")

    @property
    def ratio(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @classmethod
    def of(cls, tests: Any) -> TestFacts | None:
        """From a ``judge.TestReport``, a ``vocabulary.test_summary`` dict, or ``TestFacts``."""
        if tests is None or isinstance(tests, TestFacts):
            return tests
        if isinstance(tests, Mapping):
            passed = int(tests.get("passed", 0))
            total = tests.get("total")
            total = int(total) if total is not None else passed + int(tests.get("failed", 0))
            return cls(passed, total, tests.get("verdict"))
        results = getattr(tests, "results", None) or []
        failing = tuple(r.name for r in results if not r.passed)
        total = getattr(tests, "total", None)
        if total is None:
            total = tests.passed + tests.failed
        return cls(int(tests.passed), int(total), getattr(tests, "verdict", None), failing)


def measured_label(complexity: Any) -> str | None:
    """The measured class from a ``judge.ComplexityResult``, a dict with ``label``, or a label."""
    if complexity is None:
        return None
    if isinstance(complexity, str):
        from ava_core.questions import canonical_complexity

        return canonical_complexity(complexity)
    if isinstance(complexity, Mapping):
        return complexity.get("label")
    return getattr(complexity, "label", None)


# --- the interface -------------------------------------------------------------------------------


class Interviewer(Protocol):
    name: str

    def step_feedback(
        self,
        q: CodingQuestion,
        step: str,
        answer_text: str,
        *,
        code: str | None = None,
        tests: Any = None,
        complexity: Any = None,
        delivery: Any = None,
        on_text: OnText | None = None,
    ) -> StepFeedback: ...

    def answer_feedback(
        self,
        bq: BehavioralQuestion | str,
        answer_text: str,
        *,
        delivery: Any = None,
        on_text: OnText | None = None,
    ) -> AnswerFeedback: ...

    def follow_up(
        self, bq: BehavioralQuestion | str, answer_text: str, *, asked: Sequence[str] = ()
    ) -> str | None: ...

    def generate_questions(
        self,
        resume: Any,
        n: int = 5,
        *,
        job_description: str | None = None,
        bank: QuestionBank | None = None,
    ) -> list[str]: ...

    def coding_report(self, session: CodingSession) -> Report: ...

    def behavioral_report(self, session: BehavioralSession) -> Report: ...


def check_step(step: str) -> str:
    name = (step or "").strip().lower()
    if name not in STEPS:
        raise InvalidInput(f"{step!r} is not an UMPIRE step: use one of {', '.join(STEPS)}.", "step")
    return name


def check_count(n: int) -> int:
    if not isinstance(n, int) or not 1 <= n <= 20:
        raise InvalidInput(f"Ask for between 1 and 20 questions, not {n!r}.", "n")
    return n


# --- the registry --------------------------------------------------------------------------------

_PROVIDERS: dict[str, Callable[[Settings], Interviewer]] = {}


def register_interviewer(name: str, factory: Callable[[Settings], Interviewer]) -> None:
    """Make ``get_interviewer(name)`` build a provider with ``factory(settings)``."""
    _PROVIDERS[name] = factory


def interviewer_names() -> list[str]:
    return sorted(_PROVIDERS)


def get_interviewer(name: str | None = None, settings: Settings | None = None) -> Interviewer:
    """The provider ``name``; None (or "auto") means ``settings.interviewer_provider``."""
    if settings is None:
        from ava_core.settings import load_settings

        settings = load_settings()
    if name in (None, "auto"):
        name = settings.interviewer_provider
    factory = _PROVIDERS.get(name)
    if factory is None:
        raise ConfigError(
            f"There is no interviewer named {name!r}: use one of {', '.join(interviewer_names())}."
        )
    return factory(settings)


def _offline(settings: Settings) -> Interviewer:
    from ava_core.interviewer.offline import OfflineCoach

    return OfflineCoach()


def _claude(settings: Settings) -> Interviewer:
    from ava_core.interviewer.claude import ClaudeInterviewer

    return ClaudeInterviewer(settings)


register_interviewer("offline", _offline)
register_interviewer("claude", _claude)
