"""What the coding and the behavioral interview services share: a session in the store whose
state is saved after every change, answers kept with how they were said, the final report kept
and read back."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ava_core.errors import InvalidInput, NotFound
from ava_core.interview.flow import utc
from ava_core.interviewer import Interviewer
from ava_core.interviewer.report import Report
from ava_core.questions import QuestionBank
from ava_core.speech import SpeechMetrics, measure
from ava_core.speech.transcription import Transcript
from ava_core.store import MessageRecord, SessionRecord, SessionWrite, Store

if TYPE_CHECKING:
    from ava_core.interview.behavioral_flow import BehavioralFlow, BehavioralState
    from ava_core.interview.coding_flow import CodingFlow, CodingState

MAX_ANSWER_CHARS = 20_000


def clean_answer(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Say or type your answer first.", field="answer")
    if len(text) > MAX_ANSWER_CHARS:
        raise InvalidInput(f"That answer is longer than {MAX_ANSWER_CHARS:,} characters; shorten it.",
                           field="answer")
    return text


class Interview:
    """A session of the signed-in user. Subclasses own a flow (``self.flow``, with ``.state``)."""

    flow: CodingFlow | BehavioralFlow

    def __init__(self, store: Store, user_id: uuid.UUID, record: SessionRecord, bank: QuestionBank,
                 interviewer: Interviewer, *, clock: Callable[[], float] = time.time):
        self.store, self.user_id, self.record = store, user_id, record
        self.bank, self.interviewer, self.clock = bank, interviewer, clock
        self._answers: dict[int, MessageRecord] = {}  # stored by this object: no need to read them back

    @property
    def state(self) -> CodingState | BehavioralState:
        return self.flow.state

    @property
    def session_id(self) -> uuid.UUID:
        return self.record.id

    def _save(self, **changes: Any) -> None:
        self.record = self.store.sessions.update_session(self.user_id, self.session_id,
                                                state=self.state.to_dict(), **changes)

    def abandon(self) -> None:
        """Give up the interview (not started, or in progress) without a report."""
        self._save(status="abandoned", finished_at=utc(self.clock()))

    def _store_answer(self, step: str, text: str, transcript: Transcript | None,
                      data: dict[str, Any], record: Callable[[int], None]) -> MessageRecord:
        """Keep the user's answer, with its delivery when it was spoken, and the state that
        ``record(message_id)`` leaves, in one transaction: the one place an answer is stored,
        before any feedback is asked for."""
        with self.store.sessions.writing(self.user_id, self.session_id) as unit:
            metrics = self._delivery(transcript, unit.recent_answer_metrics)
            timed = metrics if metrics is not None and metrics.timed else None
            message = unit.add_message(
                role="user", kind="answer", step=step, text=text,
                metrics=metrics.to_dict() if metrics else None,
                audio_seconds=transcript.duration if transcript else None,
                words_per_minute=timed.words_per_minute if timed else None,
                fillers_per_100_words=metrics.fillers_per_100_words if metrics else None,
                long_pauses=timed.long_pause_count if timed else None,
                talk_time_s=timed.talk_time_seconds if timed else None,
                data={**data, "spoken": metrics is not None},
            )
            record(message.id)
            unit.update(state=self.state.to_dict())
        self.record = unit.record
        self._answers[message.id] = message
        return message

    @staticmethod
    def _delivery(transcript: Transcript | None,
                  baseline: Callable[[], list[dict[str, Any]]]) -> SpeechMetrics | None:
        """How a spoken answer was said, measured on the transcript as heard: pace, pauses and
        fillers stay what they were when the user corrects a misheard word or deletes an "um"."""
        if transcript is None or transcript.backend == "typed":
            return None
        return measure(transcript, baseline())

    def _store_feedback(self, record: Callable[[int, SessionWrite], None], **feedback: Any) -> None:
        """Keep feedback (``SessionWrite.add_feedback``'s fields) and the state that
        ``record(feedback_id, unit)`` leaves, with what it writes, in one transaction."""
        with self.store.sessions.writing(self.user_id, self.session_id) as unit:
            stored = unit.add_feedback(**feedback)
            record(stored.id, unit)
            unit.update(state=self.state.to_dict())
        self.record = unit.record

    def _store_report(self, report: Report, finished_at: float | None) -> None:
        self.store.sessions.add_feedback(
            self.user_id, self.session_id, scope="session", score=report.overall,
            summary=report.summary, evidence=report.strengths,
            improvement="; ".join(report.practice_next), provider=report.provider,
            fallback_reason=report.fallback_reason, details=report.to_dict(),
        )
        self._save(status="finished", overall_score=report.overall, hiring_signal=report.signal,
                   finished_at=utc(finished_at))

    def report(self) -> Report | None:
        """The stored final report, once the interview is finished."""
        for fb in reversed(self.store.sessions.list_feedback(self.user_id, self.session_id)):
            if fb.scope == "session":
                return Report.from_dict(fb.details)
        return None

    def _message(self, message_id: int | None) -> MessageRecord:
        """An answer of this interview: the one just stored, else read from the store."""
        message = self._answers.get(message_id) if message_id is not None else None
        if message is None and message_id is not None:
            try:
                message = self.store.sessions.get_message(self.user_id, message_id)
            except NotFound:
                pass
        if message is None or message.session_id != self.session_id:
            raise NotFound("That answer is no longer stored.")
        return message
