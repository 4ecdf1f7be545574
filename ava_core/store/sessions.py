"""Interview sessions with their messages and feedback. Every write to a session goes through
``writing`` (``SessionWrite``), which keeps the session's summary in step."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, undefer

from ava_core.errors import NotFound
from ava_core.store import models
from ava_core.store.base import Repository, choice, owned, uid
from ava_core.store.records import (
    FeedbackRecord, MessageRecord, Score, ScoreRecord, SessionDetail, SessionRecord, record,
)
from ava_core.store.summary import DELIVERY, summarize
from ava_core.store.summary_queries import CHUNK, recent_metrics, summaries
from ava_core.store.writing import SessionWrite
from ava_core.vocabulary import MODES

# The message's fields a caller may change.
MESSAGE_FIELDS = frozenset(
    {"text", "code", "audio_seconds", "words_per_minute", "fillers_per_100_words",
     "long_pauses", "talk_time_s", "metrics", "data"}
)


def _locked(s: Session, user_id: uuid.UUID | str, session_id: uuid.UUID | str) -> models.InterviewSession:
    """The user's session, its row locked for this transaction; NotFound when it is not theirs."""
    S = models.InterviewSession
    row = s.scalar(select(S).where(S.id == uid(session_id), S.user_id == uid(user_id))
                   .options(undefer(S.summary)).with_for_update(key_share=True))
    if row is None:
        raise NotFound("That item does not exist.")
    return row


class Sessions(Repository):
    @contextmanager
    def writing(self, user_id: uuid.UUID | str, session_id: uuid.UUID | str) -> Iterator[SessionWrite]:
        """One transaction on one of the user's sessions: messages, feedback and the session's
        own fields written together (``SessionWrite``); NotFound when it is not theirs."""
        with self.db.write() as s:
            write = SessionWrite(s, _locked(s, user_id, session_id))
            yield write
            write.finish()

    def create_session(
        self,
        user_id: uuid.UUID | str,
        mode: str,
        *,
        title: str = "",
        question_id: str | None = None,
        resume_id: uuid.UUID | str | None = None,
        topic: str | None = None,
        difficulty: str | None = None,
        context: dict[str, Any] | None = None,
        state: dict[str, Any] | None = None,
        time_limit_s: int | None = None,
    ) -> SessionRecord:
        choice("mode", mode, MODES)
        user = uid(user_id)
        with self.db.write() as s:
            if s.get(models.User, user) is None:
                raise NotFound("That account does not exist.")
            if question_id is not None:
                question = s.get(models.Question, question_id)
                if question is None or question.owner_id not in (None, user):
                    raise NotFound("That question does not exist.")
            resume = None if resume_id is None else owned(s, models.Resume, user, resume_id).id
            row = models.InterviewSession(
                user_id=user, mode=mode, status="active", title=title[:200],
                question_id=question_id, resume_id=resume, topic=topic, difficulty=difficulty,
                context=context or {}, state=state or {}, time_limit_s=time_limit_s,
                summary=summarize((), dict.fromkeys(DELIVERY)),
            )
            s.add(row)
        return record(SessionRecord, row)

    def get_session(self, user_id: uuid.UUID | str, session_id: uuid.UUID | str) -> SessionRecord:
        with self.db.read() as s:
            return record(SessionRecord, owned(s, models.InterviewSession, user_id, session_id))

    def list_sessions(
        self,
        user_id: uuid.UUID | str,
        *,
        limit: int | None = 50,
        mode: str | None = None,
        status: str | None = None,
    ) -> list[SessionRecord]:
        """The user's sessions, most recent first."""
        S = models.InterviewSession
        query = select(S).where(S.user_id == uid(user_id))
        if mode is not None:
            query = query.where(S.mode == mode)
        if status is not None:
            query = query.where(S.status == status)
        query = query.order_by(S.started_at.desc(), S.id)
        if limit is not None:
            query = query.limit(limit)
        with self.db.read() as s:
            return [record(SessionRecord, r) for r in s.scalars(query)]

    def unfinished_session(
        self, user_id: uuid.UUID | str, mode: str | None = None
    ) -> SessionRecord | None:
        """The user's most recent active session (of ``mode``), to offer resuming it."""
        sessions = self.list_sessions(user_id, limit=1, mode=mode, status="active")
        return sessions[0] if sessions else None

    def update_session(
        self, user_id: uuid.UUID | str, session_id: uuid.UUID | str, **changes: Any
    ) -> SessionRecord:
        with self.writing(user_id, session_id) as unit:
            unit.update(**changes)
        return unit.record

    def delete_session(self, user_id: uuid.UUID | str, session_id: uuid.UUID | str) -> None:
        with self.db.write() as s:
            s.delete(owned(s, models.InterviewSession, user_id, session_id))

    def load_session(self, user_id: uuid.UUID | str, session_id: uuid.UUID | str) -> SessionDetail:
        """A session with its messages (in order) and its feedback (with scores)."""
        with self.db.read() as s:
            row = owned(s, models.InterviewSession, user_id, session_id)
            messages = s.scalars(
                select(models.Message)
                .where(models.Message.session_id == row.id, models.Message.user_id == row.user_id)
                .order_by(models.Message.id)
            )
            return SessionDetail(
                session=record(SessionRecord, row),
                messages=[record(MessageRecord, m) for m in messages],
                feedback=_feedback(s, row),
            )

    # --- messages ------------------------------------------------------------------------------

    def add_message(
        self,
        user_id: uuid.UUID | str,
        session_id: uuid.UUID | str,
        *,
        role: str,
        text: str,
        kind: str = "answer",
        step: str | None = None,
        code: str | None = None,
        metrics: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        audio_seconds: float | None = None,
        words_per_minute: float | None = None,
        fillers_per_100_words: float | None = None,
        long_pauses: int | None = None,
        talk_time_s: float | None = None,
    ) -> MessageRecord:
        with self.writing(user_id, session_id) as w:
            return w.add_message(
                role=role, text=text, kind=kind, step=step, code=code, metrics=metrics, data=data,
                audio_seconds=audio_seconds, words_per_minute=words_per_minute,
                fillers_per_100_words=fillers_per_100_words, long_pauses=long_pauses,
                talk_time_s=talk_time_s,
            )

    def list_messages(
        self, user_id: uuid.UUID | str, session_id: uuid.UUID | str
    ) -> list[MessageRecord]:
        return self.load_session(user_id, session_id).messages

    def update_message(
        self, user_id: uuid.UUID | str, message_id: int, **changes: Any
    ) -> MessageRecord:
        unknown = set(changes) - MESSAGE_FIELDS
        if unknown:
            raise ValueError(f"cannot update message fields {sorted(unknown)}")
        with self.db.write() as s:
            row = owned(s, models.Message, user_id, message_id)
            write = SessionWrite(s, _locked(s, row.user_id, row.session_id))
            for name, value in changes.items():
                setattr(row, name, value)
            s.flush()  # before the summary reads the answers back
            if row.role == "user" and row.kind == "answer" and set(changes) & set(DELIVERY):
                write.refresh_delivery()
            write.finish()
            return record(MessageRecord, row)

    def get_message(self, user_id: uuid.UUID | str, message_id: int) -> MessageRecord:
        with self.db.read() as s:
            return record(MessageRecord, owned(s, models.Message, user_id, message_id))

    def recent_answer_metrics(self, user_id: uuid.UUID | str, limit: int = 5) -> list[dict[str, Any]]:
        """The speech metrics of the user's latest spoken answers, oldest first (their baseline)."""
        with self.db.read() as s:
            return recent_metrics(s, uid(user_id), limit)

    # --- feedback ------------------------------------------------------------------------------

    def add_feedback(
        self,
        user_id: uuid.UUID | str,
        session_id: uuid.UUID | str,
        *,
        scope: str,
        score: float | None,
        summary: str = "",
        evidence: list[str] | None = None,
        improvement: str = "",
        provider: str = "offline",
        step: str | None = None,
        message_id: int | None = None,
        fallback_reason: str | None = None,
        details: dict[str, Any] | None = None,
        scores: Iterable[Score] = (),
    ) -> FeedbackRecord:
        with self.writing(user_id, session_id) as w:
            return w.add_feedback(
                scope=scope, score=score, summary=summary, evidence=evidence, improvement=improvement,
                provider=provider, step=step, message_id=message_id, fallback_reason=fallback_reason,
                details=details, scores=scores,
            )

    def list_feedback(
        self, user_id: uuid.UUID | str, session_id: uuid.UUID | str
    ) -> list[FeedbackRecord]:
        with self.db.read() as s:
            return _feedback(s, owned(s, models.InterviewSession, user_id, session_id))

    # --- summaries -----------------------------------------------------------------------------

    def fill_summaries(self, batch: int = CHUNK) -> int:
        """Compute the summary of every session that has none (written before the column
        existed, or by bulk inserts); returns how many. ``Store.open`` calls it after upgrading."""
        S = models.InterviewSession
        filled = 0
        while True:
            with self.db.write() as s:
                ids = list(s.scalars(
                    select(S.id).where(S.summary.is_(None)).limit(batch).with_for_update(key_share=True)))
                if not ids:
                    return filled
                found = summaries(s, ids)
                s.execute(update(S), [{"id": i, "summary": found[i]} for i in ids])
                filled += len(ids)


def _feedback(s: Session, session: models.InterviewSession) -> list[FeedbackRecord]:
    F, SS = models.Feedback, models.StepScore
    rows = list(s.scalars(select(F).where(F.session_id == session.id, F.user_id == session.user_id)
                          .order_by(F.id)))
    scores: dict[int, list[ScoreRecord]] = {}
    if rows:
        for sc in s.scalars(
            select(SS).where(SS.session_id == session.id, SS.user_id == session.user_id).order_by(SS.id)
        ):
            scores.setdefault(sc.feedback_id, []).append(record(ScoreRecord, sc))
    return [record(FeedbackRecord, r, scores=tuple(scores.get(r.id, ()))) for r in rows]
