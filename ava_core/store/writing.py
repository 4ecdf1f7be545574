"""One transaction on one of a user's sessions (``Sessions.writing``): the one place messages,
feedback and the session's own fields are written, and its summary kept in step with them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ava_core.errors import NotFound
from ava_core.store import models
from ava_core.store.base import choice, is_id
from ava_core.store.models import storable, utcnow
from ava_core.store.records import FeedbackRecord, MessageRecord, Score, ScoreRecord, SessionRecord, record
from ava_core.store.summary import summarize
from ava_core.store.summary_queries import delivery_means, recent_metrics, score_rows, summaries
from ava_core.vocabulary import ROLES, SCOPES, STATUSES

# The session's fields a caller may change.
SESSION_FIELDS = frozenset(
    {"status", "title", "context", "state", "overall_score", "hiring_signal", "finished_at",
     "time_limit_s", "topic", "difficulty", "question_id"}
)


class SessionWrite:
    """Writes to one session in one transaction. Its row is locked first, which orders
    concurrent writers to one session, and its summary is brought up to date once, at the end,
    from only what changed (answers change the delivery means, scores the criteria)."""

    def __init__(self, s: Session, session: models.InterviewSession):
        self._s, self._session = s, session
        self._delivery_changed = self._scores_changed = False

    @property
    def record(self) -> SessionRecord:
        return record(SessionRecord, self._session)

    def recent_answer_metrics(self, limit: int = 5) -> list[dict[str, Any]]:
        """The speech metrics of the user's latest spoken answers, oldest first (their baseline)."""
        return recent_metrics(self._s, self._session.user_id, limit)

    def add_message(self, *, role: str, text: str, kind: str = "answer", step: str | None = None,
                    code: str | None = None, metrics: dict[str, Any] | None = None,
                    data: dict[str, Any] | None = None, audio_seconds: float | None = None,
                    words_per_minute: float | None = None, fillers_per_100_words: float | None = None,
                    long_pauses: int | None = None, talk_time_s: float | None = None) -> MessageRecord:
        choice("role", role, ROLES)
        session = self._session
        row = models.Message(
            session_id=session.id, user_id=session.user_id, role=role, kind=kind, step=step,
            text=text, code=code, metrics=metrics, data=data or {},
            audio_seconds=audio_seconds, words_per_minute=words_per_minute,
            fillers_per_100_words=fillers_per_100_words, long_pauses=long_pauses,
            talk_time_s=talk_time_s,
        )
        self._s.add(row)
        self._s.flush()
        self._delivery_changed |= role == "user" and kind == "answer"
        return record(MessageRecord, row)

    def add_feedback(self, *, scope: str, score: float | None, summary: str = "",
                     evidence: list[str] | None = None, improvement: str = "",
                     provider: str = "offline", step: str | None = None,
                     message_id: int | None = None, fallback_reason: str | None = None,
                     details: dict[str, Any] | None = None, scores: Iterable[Score] = ()) -> FeedbackRecord:
        choice("scope", scope, SCOPES)
        session = self._session
        if message_id is not None:
            M = models.Message
            owner = self._s.scalar(select(M.session_id).where(
                M.id == message_id, M.user_id == session.user_id)) if is_id(message_id) else None
            if owner is None:
                raise NotFound("That item does not exist.")
            if owner != session.id:
                raise NotFound("That message is not part of this session.")
        row = models.Feedback(
            session_id=session.id, user_id=session.user_id, message_id=message_id,
            scope=scope, step=step, score=score, summary=summary, evidence=list(evidence or []),
            improvement=improvement, provider=provider, fallback_reason=fallback_reason,
            details=details or {},
        )
        self._s.add(row)
        self._s.flush()
        values = [
            {"feedback_id": row.id, "session_id": session.id, "user_id": session.user_id,
             "criterion": storable(sc.criterion), "step": storable(sc.step), "score": sc.score,
             "out_of": sc.out_of, "evidence": storable(list(sc.evidence))}
            for sc in scores
        ]
        # one statement for all of them (insertmanyvalues), the rows read back; a bulk insert
        # skips the session's before_flush, so the text is made storable here
        score_rows_written = list(self._s.scalars(
            insert(models.StepScore).returning(models.StepScore), values)) if values else []
        self._scores_changed |= bool(score_rows_written)
        return record(FeedbackRecord, row,
                      scores=tuple(record(ScoreRecord, r) for r in score_rows_written))

    def update(self, **changes: Any) -> None:
        """Change the session's own fields (``SESSION_FIELDS``)."""
        unknown = set(changes) - SESSION_FIELDS
        if unknown:
            raise ValueError(f"cannot update session fields {sorted(unknown)}")
        if "status" in changes:
            choice("status", changes["status"], STATUSES)
        for name, value in changes.items():
            setattr(self._session, name, value)

    def refresh_delivery(self) -> None:
        """Say that an answer's delivery changed outside ``add_message`` (``update_message``)."""
        self._delivery_changed = True

    def finish(self) -> None:
        """The summary's changed parts, then one UPDATE of the session with everything."""
        session, ids = self._session, [self._session.id]
        old = session.summary
        with self._s.no_autoflush:  # the session's own changes go out once, below
            if old is None and (self._delivery_changed or self._scores_changed):
                session.summary = summaries(self._s, ids)[session.id]
            elif old is not None and (self._delivery_changed or self._scores_changed):
                summary = dict(old)
                if self._scores_changed:
                    rows = score_rows(self._s, ids)[session.id]
                    summary["criteria"] = summarize(rows, old["delivery"])["criteria"]
                if self._delivery_changed:
                    summary["delivery"] = delivery_means(self._s, ids)[session.id]
                session.summary = summary
        session.updated_at = utcnow()
        self._s.flush()
