"""Ava's judgement: one interface, providers registered by name (``offline``, ``claude``).

    coach = get_interviewer()                      # settings.interviewer_provider
    fb = coach.step_feedback(q, "match", text)     # StepFeedback: score 1-5, evidence, improvement
    af = coach.answer_feedback(bq, text)           # AnswerFeedback: STAR, specificity, ownership...
    nxt = coach.follow_up(bq, text, asked=[...])   # FollowUp: .question, or None when complete
    qs = coach.generate_questions(resume, n=5)     # GeneratedQuestions: .questions, personalized
    report = coach.coding_report(session)          # interviewer.report: 0-100 and a hiring signal

Every provider does the same five jobs and returns the same dataclasses (``results``). ``offline``
(the deterministic rubric coach in ``interviewer.offline``) needs nothing; ``claude``
(``interviewer.claude``) needs ANTHROPIC_API_KEY and falls back to the offline coach, saying so
in ``provider`` and ``fallback_reason``, when the service fails or answers with something
invalid. This module names the built-in providers only as strings (its ``INTERVIEWERS`` registry): each
registers itself with ``register_interviewer`` when imported.

A behavioral question may be a bank ``BehavioralQuestion`` or a plain question text (a question
generated from a resume). For a follow-up, pass the answer so far: the first answer and the
answers to earlier follow-ups, joined.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from ava_core.interviewer.inputs import OnText, TestFacts
from ava_core.interviewer.results import (
    AnswerFeedback,
    Communication,
    Criterion,
    FollowUp,
    GeneratedQuestions,
    StarPart,
    StepFeedback,
)
from ava_core.registry import Registry
from ava_core.settings import Settings, load_settings
from ava_core.vocabulary import MAX_FOLLOW_UPS

if TYPE_CHECKING:
    from ava_core.interviewer.delivery import Delivery
    from ava_core.interviewer.inputs import Complexity, Tests
    from ava_core.resume import ParsedResume
    from ava_core.interviewer.report import BehavioralSession, CodingSession, Report
    from ava_core.questions import BehavioralQuestion, CodingQuestion, QuestionBank

__all__ = [
    "AnswerFeedback",
    "Communication",
    "Criterion",
    "FollowUp",
    "GeneratedQuestions",
    "Interviewer",
    "OnText",
    "StarPart",
    "StepFeedback",
    "TestFacts",
    "get_interviewer",
    "interviewer_names",
    "register_interviewer",
]


class Interviewer(Protocol):
    name: str

    def step_feedback(
        self,
        q: CodingQuestion,
        step: str,
        answer_text: str,
        *,
        code: str | None = None,
        tests: Tests | None = None,
        complexity: Complexity | None = None,
        delivery: Delivery | None = None,
        on_text: OnText | None = None,
    ) -> StepFeedback: ...

    def answer_feedback(
        self,
        bq: BehavioralQuestion | str,
        answer_text: str,
        *,
        delivery: Delivery | None = None,
        on_text: OnText | None = None,
    ) -> AnswerFeedback: ...

    def follow_up(
        self, bq: BehavioralQuestion | str, answer_text: str, *, asked: Sequence[str] = ()
    ) -> FollowUp: ...

    def generate_questions(
        self,
        resume: ParsedResume,
        n: int = 5,
        *,
        job_description: str | None = None,
        bank: QuestionBank | None = None,
    ) -> GeneratedQuestions: ...

    def coding_report(self, session: CodingSession) -> Report: ...

    def behavioral_report(self, session: BehavioralSession) -> Report: ...


def follow_ups_exhausted(asked: Sequence[str]) -> bool:
    """Whether a question already had its MAX_FOLLOW_UPS follow-ups. The flow (``behavioral_flow``)
    never asks for more; a provider asked anyway answers none, without any work."""
    return len(asked) >= MAX_FOLLOW_UPS


# --- the registry --------------------------------------------------------------------------------

# The built-in providers, by module name: imported on the first lookup, each registers itself.
INTERVIEWERS: Registry[Interviewer] = Registry(
    "interviewer", ("ava_core.interviewer.offline", "ava_core.interviewer.claude")
)


def register_interviewer(name: str, factory: Callable[[Settings], Interviewer]) -> None:
    """Make ``get_interviewer(name)`` build a provider with ``factory(settings)``."""
    INTERVIEWERS.register(name, factory)


def interviewer_names() -> list[str]:
    return INTERVIEWERS.names()


def get_interviewer(name: str | None = None, settings: Settings | None = None) -> Interviewer:
    """The provider ``name``; None (or "auto") means ``settings.interviewer_provider``."""
    settings = settings or load_settings()
    if name in (None, "auto"):
        name = settings.interviewer_provider
    return INTERVIEWERS.create(name, settings)
