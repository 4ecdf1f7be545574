"""The offline coach: deterministic, explainable rubric scoring with no service and no key.

Each UMPIRE step earns rubric points for what the answer shows (``wording.RUBRIC`` lists them;
the same text goes into Claude's prompt), and the points map to a 1-5 score in half points. Evidence
is the phrase of the answer that earned a point, quoted, or a fact (tests passed, measured complexity).
The improvement is the first thing missing, in the step's order of importance, made concrete for
the question. The same input always gives the same output.

A coding step is judged against the question's facts (``questions.facts``): ``coverage`` finds
which of them the answer covers in the candidate's own words, and which approach the candidate
takes as their own; ``form`` caps a keyword salad or an answer to another problem at 2.

One module per step (``understand`` ... ``evaluate``), ``star`` for behavioral answers (read as
a story by ``story``: who acted, how concretely, what came of it; on topic by ``competencies``),
``follow_ups`` and ``resume_questions``; ``scoring``, ``edge_cases``, ``question`` and ``coverage``
are what they share, with ``interviewer.text`` (an answer as text) and ``interviewer.claims`` (the
complexity an answer claims), which the Claude provider and the coding page read too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ava_core.interviewer import follow_ups_exhausted, register_interviewer
from ava_core.interviewer.delivery import communication_score
from ava_core.interviewer.inputs import (
    OnText,
    TestFacts,
    check_count,
    check_step,
    measured_label,
)
from ava_core.interviewer.offline.coverage import coverage
from ava_core.interviewer.offline.evaluate import score_evaluate
from ava_core.interviewer.offline.follow_ups import next_follow_up
from ava_core.interviewer.offline.form import hold_to_conviction, hold_to_form, hold_to_substance
from ava_core.interviewer.offline.implement import defines, score_implement
from ava_core.interviewer.offline.match import score_match
from ava_core.interviewer.offline.plan import score_plan
from ava_core.interviewer.offline.resume_questions import offline_questions
from ava_core.interviewer.offline.review import score_review
from ava_core.interviewer.offline.scoring import whole_answer
from ava_core.interviewer.offline.star import score_answer
from ava_core.interviewer.offline.understand import score_understand
from ava_core.interviewer.report import (
    BehavioralSession,
    CodingSession,
    Report,
    build_behavioral_report,
    build_coding_report,
)
from ava_core.interviewer.results import (
    AnswerFeedback,
    FollowUp,
    GeneratedQuestions,
    StepFeedback,
    out_of_five,
)
from ava_core.interviewer.text import Text
from ava_core.sentences import join_words as _join
from ava_core.vocabulary import STEP_TITLES

if TYPE_CHECKING:
    from ava_core.interviewer.delivery import Delivery
    from ava_core.interviewer.inputs import Complexity, Tests
    from ava_core.questions import BehavioralQuestion, CodingQuestion, QuestionBank
    from ava_core.resume import ParsedResume
    from ava_core.settings import Settings


class OfflineCoach:
    """The ``offline`` interviewer: the rubric of each step, deterministic and fast."""

    name = "offline"

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
    ) -> StepFeedback:
        step = check_step(step)
        t = Text(answer_text)
        measured = measured_label(complexity)
        covered = coverage(q.facts, t) if q.facts else None  # read once, for every rule of the step
        if step == "understand":
            scored = score_understand(q, t, covered)
        elif step == "match":
            scored = score_match(q, t, covered)
        elif step == "plan":
            scored = score_plan(q, t, covered)
        elif step == "implement":
            scored = score_implement(q, t, covered, code, TestFacts.of(tests), measured)
        elif step == "review":
            scored = score_review(q, t, covered, TestFacts.of(tests))
        else:
            scored = score_evaluate(q, t, covered, measured, code)
        if t.word_count:
            hold_to_form(q, t, covered, scored, of_code=step in ("review", "evaluate") and defines(code, q.function))
            hold_to_substance(t, scored)
            hold_to_conviction(t, scored)
        if not t.word_count and step != "implement":
            scored.score, scored.found = 1, []
            scored.improvement = "Answer out loud: even a rough attempt at this step earns feedback."
        if not scored.evidence:
            scored.evidence = [whole_answer(t) if t.word_count else "no answer was given"]
        summary = f"{STEP_TITLES[step]} {out_of_five(scored.score)}: " + (
            f"you {_join(scored.found)}." if scored.found else "nothing the rubric looks for was found yet."
        ) + "".join(f" {fact}" for fact in scored.facts)
        feedback = StepFeedback(
            step=step, score=scored.score, summary=summary, evidence=scored.evidence,
            improvement=scored.improvement, details=scored.details,
            communication=communication_score(delivery),
        )
        if on_text:
            on_text(feedback.summary)
        return feedback

    def answer_feedback(
        self, bq: BehavioralQuestion | str, answer_text: str, *, delivery: Delivery | None = None,
        on_text: OnText | None = None
    ) -> AnswerFeedback:
        feedback = score_answer(bq, answer_text, delivery)
        if on_text:
            on_text(feedback.summary)
        return feedback

    def follow_up(self, bq: BehavioralQuestion | str, answer_text: str, *, asked: Sequence[str] = ()) -> FollowUp:
        if follow_ups_exhausted(asked):
            return FollowUp(None)
        return FollowUp(next_follow_up(bq, answer_text, asked))

    def generate_questions(
        self, resume: ParsedResume, n: int = 5, *, job_description: str | None = None,
        bank: QuestionBank | None = None
    ) -> GeneratedQuestions:
        n = check_count(n)
        if bank is None:
            from ava_core.questions import load_bank

            bank = load_bank()
        return GeneratedQuestions(offline_questions(resume, n, job_description, bank))

    def coding_report(self, session: CodingSession) -> Report:
        return build_coding_report(session)

    def behavioral_report(self, session: BehavioralSession) -> Report:
        return build_behavioral_report(session)


def _build(settings: Settings) -> OfflineCoach:
    return OfflineCoach()


register_interviewer("offline", _build)
