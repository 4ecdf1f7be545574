"""A coding interview as it happens: the flow (``coding_flow``) plus the store, the judge and
the interviewer. Every action stores what it changed before anything that can fail runs next:
an answer is stored before its feedback is asked for, code before it is run. A page reload, a
new tab or signing in again picks the interview up where it was (``CodingInterview.resume``).

The page calls these methods and draws their results; the decisions live here and in the flow.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ava_core import judge, vocabulary
from ava_core.errors import InvalidInput, NotFound
from ava_core.interview.coding_flow import CodingFlow, CodingState, new_coding_state
from ava_core.interview.flow import NotAllowed, pick_question
from ava_core.interview.session import Interview, clean_answer
from ava_core.interviewer import Interviewer, StepFeedback
from ava_core.interviewer.report import CodingSession, Report
from ava_core.questions import CodingQuestion, QuestionBank, validate_question
from ava_core.speech.transcription import Transcript
from ava_core.store import MessageRecord, Score, SessionRecord, Store
from ava_core.vocabulary import STEP_PROMPTS, STEPS

RECENT_SESSIONS = 50  # "seen recently": the questions of the user's last 50 coding sessions


@dataclass
class StepView:
    """What the page shows for one step: the answer, its feedback and delivery."""

    step: str
    answer: MessageRecord | None
    feedback: dict[str, Any] | None  # StepFeedback.to_dict() as stored
    delivery: dict[str, Any] | None  # SpeechMetrics.to_dict() as stored


def load_question(store: Store, user_id: uuid.UUID, bank: QuestionBank, question_id: str) -> CodingQuestion:
    """A question of the bank, or one stored in the store (a user's own, or a retired one)."""
    if question_id in bank:
        question = bank.get(question_id)
    else:
        question = validate_question(store.bank.get_question(user_id, question_id).body, kind="coding")
    if question.kind != "coding":
        raise NotFound("That is not a coding question.")
    return question


def choose_question(bank: QuestionBank, topic: str | None, difficulty: str | None,
                    recent_ids: Sequence[str], *, rng: random.Random | None = None,
                    exclude: Iterable[str] = ()) -> CodingQuestion:
    """A question of ``topic`` and ``difficulty``, preferring ones not seen recently (pick_question)."""
    found = [q for q in bank.search(kind="coding", topic=topic or None, difficulty=difficulty or None)
             if isinstance(q, CodingQuestion)]
    question = pick_question(found, recent_ids, rng=rng, exclude=exclude)
    if question is None:
        raise InvalidInput(
            "No question matches that topic and difficulty yet. Pick another difficulty or "
            "“Any topic”."
        )
    return question


class CodingInterview(Interview):
    """One user's coding interview. Create with ``begin`` or ``resume``."""

    flow: CodingFlow

    def __init__(
        self,
        store: Store,
        user_id: uuid.UUID,
        record: SessionRecord,
        bank: QuestionBank,
        interviewer: Interviewer,
        *,
        clock: Callable[[], float] = time.time,
        executor: judge.Executor | str | None = None,
    ):
        super().__init__(store, user_id, record, bank, interviewer, clock=clock)
        self.executor = executor
        self.flow = CodingFlow(CodingState.from_dict(record.state))
        self.question = load_question(store, user_id, bank, self.state.question_id)

    # --- creating and resuming --------------------------------------------------------------------

    @classmethod
    def begin(
        cls,
        store: Store,
        user_id: uuid.UUID,
        bank: QuestionBank,
        interviewer: Interviewer,
        *,
        minutes: int,
        topic: str | None = None,
        difficulty: str | None = None,
        question_id: str | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.time,
        executor: judge.Executor | str | None = None,
    ) -> CodingInterview:
        """A new interview on ``question_id``, or on a random question of ``topic`` and
        ``difficulty`` that the user has not seen recently. It waits for ``start``."""
        if question_id:
            question = load_question(store, user_id, bank, question_id)
        else:
            question = choose_question(bank, topic, difficulty, cls._recent(store, user_id), rng=rng)
        state = new_coding_state(question.id, minutes=minutes, topic=topic, difficulty=difficulty)
        record = store.sessions.create_session(
            user_id, "coding", title=question.title, question_id=cls._stored_id(store, user_id, question),
            topic=question.topics[0], difficulty=question.difficulty,
            context={"question_id": question.id, "content_hash": question.content_hash()},
            state=state.to_dict(), time_limit_s=minutes * 60,
        )
        return cls(store, user_id, record, bank, interviewer, clock=clock, executor=executor)

    @classmethod
    def open(
        cls,
        store: Store,
        user_id: uuid.UUID,
        session_id: uuid.UUID | str,
        bank: QuestionBank,
        interviewer: Interviewer,
        *,
        clock: Callable[[], float] = time.time,
        executor: judge.Executor | str | None = None,
    ) -> CodingInterview:
        """Any of the user's coding interviews by id (a finished one, to read its report)."""
        record = store.sessions.get_session(user_id, session_id)
        if record.mode != "coding":
            raise NotFound("That session is not a coding interview.")
        return cls(store, user_id, record, bank, interviewer, clock=clock, executor=executor)

    @classmethod
    def resume(
        cls,
        store: Store,
        user_id: uuid.UUID,
        bank: QuestionBank,
        interviewer: Interviewer,
        *,
        clock: Callable[[], float] = time.time,
        executor: judge.Executor | str | None = None,
    ) -> CodingInterview | None:
        """The user's unfinished coding interview, if any (finished for them if its time ran out)."""
        record = store.sessions.unfinished_session(user_id, mode="coding")
        if record is None:
            return None
        interview = cls(store, user_id, record, bank, interviewer, clock=clock, executor=executor)
        interview.tick()
        return interview

    @staticmethod
    def _recent(store: Store, user_id: uuid.UUID) -> list[str]:
        sessions = store.sessions.list_sessions(user_id, mode="coding", limit=RECENT_SESSIONS)
        return [qid for s in sessions if (qid := s.context.get("question_id") or s.question_id)]

    @staticmethod
    def _stored_id(store: Store, user_id: uuid.UUID, question: CodingQuestion) -> str | None:
        """The question's id when the store has it (the bank is synced on start), else None."""
        try:
            return store.bank.get_question(user_id, question.id).id
        except NotFound:
            return None

    # --- state ------------------------------------------------------------------------------------

    @property
    def state(self) -> CodingState:
        return self.flow.state

    def now(self) -> float:
        return self.clock()

    def allowed(self) -> set[str]:
        return self.flow.allowed(self.now())

    def _say(self, kind: str, step: str, text: str, **data: Any) -> MessageRecord:
        return self.store.sessions.add_message(self.user_id, self.session_id, role="interviewer",
                                      kind=kind, step=step, text=text, data=data)

    # --- before the start ---------------------------------------------------------------------------

    def another_question(self, rng: random.Random | None = None) -> CodingQuestion:
        """Swap the question for another with the same filters (before the start)."""
        if self.state.phase != "choosing":
            raise NotAllowed("The question can only be changed before the interview starts.")
        question = choose_question(self.bank, self.state.topic, self.state.difficulty,
                                   self._recent(self.store, self.user_id), rng=rng,
                                   exclude=[self.question.id])
        self.flow.another_question(question.id)
        self.question = question
        self._save(
            title=question.title, question_id=self._stored_id(self.store, self.user_id, question),
            topic=question.topics[0], difficulty=question.difficulty,
            context={"question_id": question.id, "content_hash": question.content_hash()},
        )
        return question

    def start(self) -> None:
        self.flow.start(self.now(), starter_code=self.question.starter_code)
        self._save()
        self._say("question", STEPS[0], STEP_PROMPTS[STEPS[0]])

    # --- answering -----------------------------------------------------------------------------------

    def answer(self, text: str, transcript: Transcript | None = None) -> MessageRecord:
        """Store the answer to the current step (typed, or a transcript edited by the user)."""
        text = clean_answer(text)
        now = self.now()
        self.flow.require("answer", now)
        return self._store_answer(self.state.step, text, transcript, {},
                                  lambda message_id: self.flow.record_answer(text, message_id, now))

    def feedback(self, on_text: Callable[[str], None] | None = None) -> StepFeedback:
        """Feedback on the current step's latest answer; stored with its scores."""
        step = self.state.step
        state = self.state.steps[step]
        if not state.answered:
            raise NotAllowed(f"Answer the {step.capitalize()} step first.")
        answer = self._message(state.message_id)
        fb = self.interviewer.step_feedback(
            self.question, step, answer.text, code=self.state.code or None,
            tests=self.state.last_submission, complexity=self.state.complexity,
            delivery=answer.metrics, on_text=on_text,
        )
        self._store_feedback(
            lambda feedback_id, _unit: self.flow.record_feedback(step, fb.score, feedback_id),
            scope="step", step=step, score=fb.score, summary=fb.summary, evidence=fb.evidence,
            improvement=fb.improvement, provider=fb.provider, fallback_reason=fb.fallback_reason,
            message_id=answer.id, details=fb.to_dict(),
            scores=[Score(criterion, score, out_of, step=step) for criterion, score, out_of in fb.criteria()],
        )
        return fb

    # --- code --------------------------------------------------------------------------------------

    def save_code(self, code: str) -> None:
        """Keep the editor's content (called on every change, so nothing typed is lost)."""
        if code != self.state.code:
            self.flow.edit_code(code, self.now())
            self._save()

    def run_code(self, code: str, on_wait: judge.OnWait | None = None) -> judge.TestReport:
        """Run the code on the visible examples (``on_wait``: see ``queue_text``)."""
        self.flow.record_run(code, self.now())
        self._save()
        report = judge.run_tests(code, self.question, include_hidden=False, executor=self.executor,
                                 on_wait=on_wait)
        self._code_message("code_run", code, report, hidden=False)
        return report

    def submit_code(self, code: str, on_wait: judge.OnWait | None = None) -> judge.TestReport:
        """Run the code on the examples and the hidden tests; the submission counts."""
        now = self.now()
        self.flow.require("submit_code", now)
        self.flow.edit_code(code, now)
        self._save()
        report = judge.run_tests(code, self.question, include_hidden=True, executor=self.executor,
                                 on_wait=on_wait)
        self._code_message("code_submission", code, report, hidden=True)
        hidden = [r for r in report.results if r.kind == "hidden"]
        passed = sum(r.passed for r in hidden)
        self.flow.record_submission(code, passed, len(hidden) - passed, now)
        self.state.complexity = None  # measured on earlier code
        self._save()
        return report

    def _code_message(self, kind: str, code: str, report: judge.TestReport, *, hidden: bool) -> None:
        counts = [r.status for r in report.results]
        self.store.sessions.add_message(
            self.user_id, self.session_id, role="user", kind=kind, step=self.state.step,
            text=report.message, code=code,
            data={**vocabulary.test_summary(report.passed, report.failed, hidden=hidden,
                                         errors=counts.count("error"),
                                         timed_out=counts.count("timed_out")),
                  "verdict": report.verdict},
        )

    def measure_complexity(self, on_wait: judge.OnWait | None = None) -> judge.ComplexityResult:
        """Time the submitted code on growing inputs; kept for Evaluate's feedback and the report."""
        if self.state.last_submission is None:
            raise NotAllowed("Submit your code first: the complexity is measured on it.")
        result = judge.measure_complexity(self.state.code, self.question, executor=self.executor,
                                          on_wait=on_wait)
        self.state.complexity = {
            "label": result.label, "confidence": result.confidence, "declared": result.declared,
            "timings": [list(t) for t in result.timings], "message": result.message,
        }
        self._save()
        return result

    # --- moving through the interview --------------------------------------------------------------------

    def hint(self) -> str | None:
        """The next hint, or None when all were shown. Hints lower the score."""
        index = self.flow.use_hint(len(self.question.hints), self.now())
        if index is None:
            return None
        self._save()
        text = self.question.hints[index]
        self._say("hint", self.state.step, text, index=index)
        return text

    def hints_shown(self) -> list[str]:
        return [self.question.hints[i] for i in self.state.hints_used]

    def next_step(self) -> None:
        self.flow.next_step(self.now())
        self._save()
        self._say("question", self.state.step, STEP_PROMPTS[self.state.step])

    def view(self, step: str) -> None:
        self.flow.view(step, self.now())
        self._save()

    def tick(self) -> bool:
        """Finish the interview when its time is up; True when that just happened."""
        if self.state.phase == "in_progress" and self.state.clock.expired(self.now()):
            self.finish()
            return True
        return False

    def finish(self) -> Report:
        """End the interview (or note that time ran out) and store its report."""
        self.flow.finish(self.now())
        self._save()
        report = self.interviewer.coding_report(self._report_input())
        self._store_report(report, self.state.finished_at)
        return report

    def _report_input(self) -> CodingSession:
        detail = self.store.sessions.load_session(self.user_id, self.session_id)
        by_id = {f.id: f for f in detail.feedback}
        feedback = [StepFeedback.from_dict(by_id[s.feedback_id].details)
                    for s in self.state.steps.values() if s.feedback_id in by_id]
        answers = {s.message_id for s in self.state.steps.values()}
        delivery = [m.metrics for m in detail.messages if m.id in answers and m.metrics]
        s = self.state
        used = (s.finished_at or self.now()) - (s.clock.started_at or self.now())
        return CodingSession(
            question=self.question, feedback=feedback, tests=s.last_submission,
            complexity=(s.complexity or {}).get("label"), delivery=delivery,
            hints_used=len(s.hints_used), seconds_used=used, time_limit_seconds=s.clock.limit_s,
        )

    # --- reading back -----------------------------------------------------------------------------------

    def step_view(self, step: str) -> StepView:
        state = self.state.steps[step]
        if not state.answered:
            return StepView(step, None, None, None)
        answer = self._message(state.message_id)
        feedback = None
        if state.feedback_id is not None:
            feedback = next((f.details for f in self.store.sessions.list_feedback(self.user_id, self.session_id)
                             if f.id == state.feedback_id), None)
        return StepView(step, answer, feedback, answer.metrics)


STATUS_LABELS = {"passed": "passed", "failed": "wrong answer", "error": "error",
                 "timed_out": "timed out", "not_run": "not run"}


def test_rows(report: judge.TestReport) -> list[dict[str, Any]]:
    """One row per visible example (hidden tests are only counted): what a page tables."""
    rows = []
    for r in report.results:
        if r.kind != "example":
            continue
        detail = str(r.error) if r.error else r.reason
        rows.append({
            "Test": r.name, "Result": STATUS_LABELS.get(r.status, r.status),
            "Input": _short(r.input), "Expected": _short(r.expected),
            "Got": _short(r.got) if r.status != "error" else "", "Detail": detail or "",
        })
    return rows


def test_headline(report: judge.TestReport) -> str:
    """One line: the verdict's message, with the counts of examples and hidden tests apart when
    hidden tests ran and not all passed (otherwise the message says the counts)."""
    examples = [r for r in report.results if r.kind == "example"]
    hidden = [r for r in report.results if r.kind == "hidden"]
    if not hidden or report.accepted:
        return report.message
    return (f"{report.message} (examples {sum(r.passed for r in examples)}/{len(examples)}, "
            f"hidden tests {sum(r.passed for r in hidden)}/{len(hidden)} passed)")


def queue_text(ahead: int) -> str:
    """What a user waiting for a sandbox reads: how many runs go before theirs."""
    runs = "1 run" if ahead == 1 else f"{ahead} runs"
    return f"Other users' code is running: {runs} ahead of yours. It starts as soon as a sandbox is free."


def _short(value: Any, limit: int = 120) -> str:
    text = "" if value is None else repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
