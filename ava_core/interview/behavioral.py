"""A behavioral interview as it happens: the flow (``behavioral_flow``) plus the store, the
resume and the interviewer. Each answer is stored before its feedback is asked for; after the
feedback the interviewer follows up on what was missing (at most twice per question). A page
reload, a new tab or signing in again picks the interview up where it was.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ava_core import vocabulary
from ava_core.errors import InvalidInput, NotFound
from ava_core.interview.behavioral_flow import (
    BehavioralFlow,
    BehavioralState,
    PlannedQuestion,
    Turn,
    new_behavioral_state,
)
from ava_core.interview.flow import NotAllowed
from ava_core.interview.session import Interview, clean_answer
from ava_core.interviewer import AnswerFeedback, Interviewer
from ava_core.interviewer.report import BehavioralAnswer, BehavioralSession, Report
from ava_core.questions import BehavioralQuestion, QuestionBank
from ava_core.resume import ParsedResume, parse_resume
from ava_core.settings import Settings
from ava_core.speech.transcription import Transcript
from ava_core.store import (
    FeedbackRecord, MessageRecord, ResumeRecord, Score, SessionRecord, SessionWrite, Store,
)
from ava_core.vocabulary import MAX_QUESTIONS, MIN_QUESTIONS

MAX_JOB_DESCRIPTION = 20_000


def stored_resumes(store: Store, user_id: uuid.UUID) -> list[ResumeRecord]:
    """The user's resumes, newest first, to pick one for an interview."""
    return store.resumes.list_resumes(user_id)


def delete_resume(store: Store, user_id: uuid.UUID, resume_id: uuid.UUID) -> None:
    """Delete one of the user's resumes; the sessions planned from it keep their questions."""
    store.resumes.delete_resume(user_id, resume_id)


def save_resume(store: Store, user_id: uuid.UUID, data: bytes, filename: str,
                settings: Settings | None = None) -> tuple[ResumeRecord, ParsedResume]:
    """Parse an uploaded resume and keep it; the same file uploaded again is not stored twice."""
    parsed = parse_resume(data, filename=filename, settings=settings)
    for existing in store.resumes.list_resumes(user_id):
        if existing.sha256 == parsed.sha256:
            return existing, parsed
    record = store.resumes.add_resume(
        user_id, filename=filename or "resume.pdf", text=parsed.markdown, parsed=parsed.to_dict(),
        page_count=parsed.page_count, size_bytes=parsed.size_bytes, sha256=parsed.sha256,
    )
    return record, parsed


@dataclass
class QuestionView:
    """One planned question with its conversation so far, for the page."""

    index: int
    text: str
    turns: list[Turn]
    feedback: list[dict[str, Any] | None]  # per turn: the stored AnswerFeedback dict
    delivery: list[dict[str, Any] | None]  # per turn: the answer's speech metrics
    done: bool


class BehavioralInterview(Interview):
    """One user's behavioral interview. Create with ``plan``, ``resume`` or ``open``."""

    flow: BehavioralFlow

    def __init__(self, store: Store, user_id: uuid.UUID, record: SessionRecord, bank: QuestionBank,
                 interviewer: Interviewer, *, clock: Callable[[], float] = time.time):
        super().__init__(store, user_id, record, bank, interviewer, clock=clock)
        self.flow = BehavioralFlow(BehavioralState.from_dict(record.state))

    # --- creating -----------------------------------------------------------------------------------

    @classmethod
    def plan(cls, store: Store, user_id: uuid.UUID, bank: QuestionBank, interviewer: Interviewer,
             *, resume_id: uuid.UUID | str, job_description: str = "", n: int = 5,
             clock: Callable[[], float] = time.time) -> BehavioralInterview:
        """Generate ``n`` questions from a stored resume (and a job description) to review."""
        if not MIN_QUESTIONS <= n <= MAX_QUESTIONS:
            raise InvalidInput(f"Pick between {MIN_QUESTIONS} and {MAX_QUESTIONS} questions.", field="n")
        job_description = (job_description or "").strip()
        if len(job_description) > MAX_JOB_DESCRIPTION:
            raise InvalidInput(f"The job description is longer than {MAX_JOB_DESCRIPTION:,} "
                               "characters; paste the part about the role.", field="job_description")
        resume = store.resumes.get_resume(user_id, resume_id)
        parsed = ParsedResume.from_dict(resume.parsed)
        texts = interviewer.generate_questions(parsed, n=n, job_description=job_description or None,
                                               bank=bank).questions
        state = new_behavioral_state([cls._planned(bank, t) for t in texts], resume_id=str(resume.id),
                                     job_description=job_description)
        record = store.sessions.create_session(
            user_id, "behavioral", title=f"Behavioral: {resume.filename}", resume_id=resume.id,
            context={"resume_id": str(resume.id), "job_description": job_description},
            state=state.to_dict(),
        )
        return cls(store, user_id, record, bank, interviewer, clock=clock)

    @staticmethod
    def _planned(bank: QuestionBank, text: str) -> PlannedQuestion:
        """A generated question, linked to the bank question it was built on (for its signals)."""
        for q in bank.behavioral:
            if q.text in text:
                return PlannedQuestion(text, source="bank" if q.text == text else "resume", bank_id=q.id)
        return PlannedQuestion(text, source="resume")

    @classmethod
    def resume(cls, store: Store, user_id: uuid.UUID, bank: QuestionBank, interviewer: Interviewer,
               *, clock: Callable[[], float] = time.time) -> BehavioralInterview | None:
        record = store.sessions.unfinished_session(user_id, mode="behavioral")
        return None if record is None else cls(store, user_id, record, bank, interviewer, clock=clock)

    @classmethod
    def open(cls, store: Store, user_id: uuid.UUID, session_id: uuid.UUID | str, bank: QuestionBank,
             interviewer: Interviewer, *, clock: Callable[[], float] = time.time) -> BehavioralInterview:
        record = store.sessions.get_session(user_id, session_id)
        if record.mode != "behavioral":
            raise NotFound("That session is not a behavioral interview.")
        return cls(store, user_id, record, bank, interviewer, clock=clock)

    # --- state -------------------------------------------------------------------------------------------

    @property
    def state(self) -> BehavioralState:
        return self.flow.state

    def allowed(self) -> set[str]:
        return self.flow.allowed()

    def _question(self, planned: PlannedQuestion) -> BehavioralQuestion | str:
        bank_id = planned.bank_id
        bank_question = self.bank.get(bank_id) if bank_id is not None and bank_id in self.bank else None
        if isinstance(bank_question, BehavioralQuestion):
            if bank_question.text == planned.text:
                return bank_question
            # A resume-framed version of a bank question: its text, the bank's signals.
            return bank_question.model_copy(update={"text": planned.text})
        return planned.text

    # --- planning --------------------------------------------------------------------------------------

    def drop(self, index: int) -> None:
        self.flow.drop(index)
        self._save()

    def regenerate(self, index: int) -> str:
        """Replace one question with a new one generated from the same resume."""
        if "replace" not in self.allowed():
            raise NotAllowed("Questions can only be changed before the interview starts.")
        if self.state.resume_id is None:
            raise NotAllowed("This interview was not planned from a resume: start a new one to get new questions.")
        parsed = ParsedResume.from_dict(self.store.resumes.get_resume(self.user_id, self.state.resume_id).parsed)
        used = {q.text for q in self.state.questions} | set(self.state.dropped)
        count = min(20, len(used) + MAX_QUESTIONS)
        fresh = [t for t in self.interviewer.generate_questions(
            parsed, n=count, job_description=self.state.job_description or None, bank=self.bank,
        ).questions if t not in used]
        if not fresh:
            fresh = [q.text for q in self.bank.behavioral if q.text not in used]
        if not fresh:
            raise NotAllowed("There is no other question to offer; keep this one or drop it.")
        self.flow.replace(index, self._planned(self.bank, fresh[0]))
        self._save()
        return fresh[0]

    def start(self) -> None:
        self.flow.start(self.clock())
        self._save()
        self._ask("question", self.state.question.text)

    def _ask(self, kind: str, text: str) -> None:
        self.store.sessions.add_message(self.user_id, self.session_id, role="interviewer", kind=kind,
                               step=vocabulary.behavioral_step(self.state.current), text=text)

    # --- answering ----------------------------------------------------------------------------------------

    def answer(self, text: str, transcript: Transcript | None = None) -> MessageRecord:
        """Store the answer to the open question or follow-up."""
        text = clean_answer(text)
        turn = self.flow.open_turn()
        now = self.clock()
        return self._store_answer(
            vocabulary.behavioral_step(self.state.current), text, transcript,
            {"turn": len(self.state.question.turns) - 1, "kind": turn.kind},
            lambda message_id: self.flow.record_answer(text, message_id, now),
        )

    def answer_so_far(self) -> str:
        """The answers to the current question and its follow-ups, joined (judged as one story)."""
        return "\n\n".join(t.answer for t in self.state.question.turns if t.answered)

    def feedback(self, on_text: Callable[[str], None] | None = None) -> tuple[AnswerFeedback, str | None]:
        """Feedback on the open turn's answer, then the follow-up it calls for (None: the question
        is complete). Both are stored before this returns."""
        turn = self.state.turn
        if self.state.phase != "in_progress" or turn is None or not turn.answered:
            raise NotAllowed("Answer the question first.")
        question = self._question(self.state.question)
        story = self.answer_so_far()
        message = self._message(turn.message_id)
        fb = self.interviewer.answer_feedback(question, story, delivery=message.metrics, on_text=on_text)
        follow_up = None
        if self.flow.follow_ups_left():  # the flow holds the limit of follow-ups
            asked = [t.text for t in self.state.question.turns if t.kind == "follow_up"]
            follow_up = self.interviewer.follow_up(question, story, asked=asked).question
        step = vocabulary.behavioral_step(self.state.current)
        now = self.clock()

        def record(feedback_id: int, unit: SessionWrite) -> None:
            """The feedback, then the follow-up it calls for, or the question complete."""
            self.flow.record_feedback(fb.score, feedback_id)
            if follow_up:
                self.flow.follow_up(follow_up, now)
                unit.add_message(role="interviewer", kind="follow_up", step=step, text=follow_up)
            else:
                self.flow.complete_question()

        self._store_feedback(
            record, scope="answer", step=step, score=fb.score, summary=fb.summary,
            evidence=fb.evidence, improvement=fb.improvement, provider=fb.provider,
            fallback_reason=fb.fallback_reason, message_id=message.id, details=fb.to_dict(),
            scores=[Score(criterion, score, out_of, step=step) for criterion, score, out_of in fb.criteria()],
        )
        return fb, follow_up

    def skip(self) -> None:
        """Move past the open question or follow-up."""
        self.flow.skip_question()
        self._save()

    def next_question(self) -> None:
        self.flow.next_question(self.clock())
        self._save()
        self._ask("question", self.state.question.text)

    def finish(self) -> Report:
        self.flow.finish(self.clock())
        self._save()
        report = self.interviewer.behavioral_report(self._report_input())
        self._store_report(report, self.state.finished_at)
        return report

    def _report_input(self) -> BehavioralSession:
        detail = self.store.sessions.load_session(self.user_id, self.session_id)
        # looked up by a turn's ids, None until it has one
        feedback: dict[int | None, FeedbackRecord] = {f.id: f for f in detail.feedback}
        metrics: dict[int | None, dict[str, Any] | None] = {m.id: m.metrics for m in detail.messages}
        answers = []
        for planned in self.state.questions:
            if not planned.turns:
                continue
            assessed = [t for t in planned.turns if t.feedback_id in feedback]
            last = assessed[-1] if assessed else None
            spoken = [metrics[t.message_id] for t in planned.turns if metrics.get(t.message_id)]
            answers.append(BehavioralAnswer(
                question=self._question(planned),
                feedback=AnswerFeedback.from_dict(feedback[last.feedback_id].details) if last else None,
                follow_ups=planned.follow_ups, delivery=spoken[-1] if spoken else None,
            ))
        s = self.state
        return BehavioralSession(answers, seconds_used=(s.finished_at or self.clock()) - (s.started_at or self.clock()))

    # --- reading back ----------------------------------------------------------------------------------------

    def view(self, index: int | None = None) -> QuestionView:
        index = self.state.current if index is None else index
        planned = self.state.questions[index]
        detail = self.store.sessions.load_session(self.user_id, self.session_id)
        feedback: dict[int | None, dict[str, Any]] = {f.id: f.details for f in detail.feedback}
        metrics: dict[int | None, dict[str, Any] | None] = {m.id: m.metrics for m in detail.messages}
        return QuestionView(
            index, planned.text, planned.turns,
            [feedback.get(t.feedback_id) for t in planned.turns],
            [metrics.get(t.message_id) for t in planned.turns], planned.done,
        )



def resume_digest(parsed: ParsedResume) -> dict[str, Any]:
    """What the page shows of a parsed resume so the user can check it was read right."""
    kinds = [s.kind for s in parsed.sections]
    return {
        "sections": [s.heading for s in parsed.sections],
        "employers": parsed.entities.employers, "projects": parsed.entities.projects,
        "skills": parsed.skills[:20], "warnings": parsed.warnings,
        "has_experience": "experience" in kinds,
    }
