"""The database tables (SQLAlchemy 2). Migrations in ``ava_core/migrations`` follow these.

Every table that holds a user's data carries ``user_id`` (even where a parent row would do), so
the store can filter every query by owner and Supabase can apply one row-level-security rule.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    Uuid,
    event,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
BigId = BigInteger().with_variant(Integer(), "sqlite")
SURROGATES = re.compile("[\ud800-\udfff]")


def storable(value: Any) -> Any:
    """Text both databases accept: PostgreSQL refuses NUL characters and neither database can
    encode a lone UTF-16 surrogate. Applied to every value the store writes (``StoreSession``)."""
    if isinstance(value, str):
        value = value.replace("\x00", "")
        return SURROGATES.sub("\ufffd", value) if SURROGATES.search(value) else value
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [storable(v) for v in value]
    return value


class JSONData(TypeDecorator):
    """JSON on SQLite, JSONB on PostgreSQL. Python None is SQL NULL (not the JSON ``null``)."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.JSONB(none_as_null=True))
        return dialect.type_descriptor(JSON(none_as_null=True))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Stores UTC; always returns timezone-aware datetimes (SQLite forgets the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class StoreSession(Session):
    """An ORM session that cleans every value before it is written (see ``storable``), so the
    objects, the records built from them and the database all hold the same text."""


@event.listens_for(StoreSession, "before_flush")
def _store_only_storable(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        for attr in sa_inspect(obj).mapper.column_attrs:
            value = getattr(obj, attr.key)
            clean = storable(value)
            if clean != value:
                setattr(obj, attr.key, clean)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSONData(),
        list[Any]: JSONData(),
        uuid.UUID: Uuid(),
    }


def _owner(ondelete: str = "CASCADE", nullable: bool = False, index: bool = True):
    return mapped_column(
        ForeignKey("users.id", ondelete=ondelete), nullable=nullable, index=index
    )


class User(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    # NULL for accounts whose password lives elsewhere (Supabase Auth).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    auth_provider: Mapped[str] = mapped_column(String(16), default="local")
    preferences: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]


class SignInThrottle(Base):
    """Failed sign-ins per normalised email (known or not), for throttling."""

    __tablename__ = "sign_in_throttle"

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    lockouts: Mapped[int] = mapped_column(default=0)


class Question(Base):
    """A question of the shipped bank (``owner_id`` NULL) or a user's own custom question."""

    __tablename__ = "questions"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # coding | behavioral
    title: Mapped[str] = mapped_column(String(200))
    topics: Mapped[list[Any]] = mapped_column(default=list)
    difficulty: Mapped[str | None] = mapped_column(String(16))
    owner_id: Mapped[uuid.UUID | None] = _owner(nullable=True)
    source: Mapped[str] = mapped_column(String(16), default="bank")  # bank | custom
    body: Mapped[dict[str, Any]] = mapped_column(default=dict)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Resume(Base):
    __tablename__ = "resumes"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = _owner()
    filename: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text, default="")  # markdown, contact details kept
    parsed: Mapped[dict[str, Any]] = mapped_column(default=dict)  # sections, skills, entities
    page_count: Mapped[int] = mapped_column(default=0)
    size_bytes: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InterviewSession(Base):
    """One mock interview: its initial context, its state-machine snapshot and its outcome."""

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_user_started", "user_id", "started_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = _owner(index=False)
    mode: Mapped[str] = mapped_column(String(16))  # coding | behavioral
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | finished | abandoned
    title: Mapped[str] = mapped_column(String(200), default="")
    question_id: Mapped[str | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), index=True
    )
    resume_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("resumes.id", ondelete="SET NULL"), index=True
    )
    topic: Mapped[str | None] = mapped_column(String(40))
    difficulty: Mapped[str | None] = mapped_column(String(16))
    context: Mapped[dict[str, Any]] = mapped_column(default=dict)  # question or parsed resume
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the flow's persisted state
    time_limit_s: Mapped[int | None]
    overall_score: Mapped[float | None] = mapped_column(Float)  # 0 to 100
    hiring_signal: Mapped[str | None] = mapped_column(String(24))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # What the progress dashboard needs of the session (ava_core.summary), kept in step with its
    # feedback and answers by the store; NULL until computed. Deferred: nothing else loads it.
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSONData(), deferred=True)


class Message(Base):
    """One turn of the conversation: a question asked, an answer given (with its delivery)."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_session_order", "session_id", "id"),
        Index("ix_messages_user_session", "user_id", "session_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=False
    )
    user_id: Mapped[uuid.UUID] = _owner(index=False)
    role: Mapped[str] = mapped_column(String(16))  # user | interviewer | system
    kind: Mapped[str] = mapped_column(String(24), default="answer")
    step: Mapped[str | None] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text, default="")
    code: Mapped[str | None] = mapped_column(Text)
    audio_seconds: Mapped[float | None] = mapped_column(Float)
    words_per_minute: Mapped[float | None] = mapped_column(Float)
    fillers_per_100_words: Mapped[float | None] = mapped_column(Float)
    long_pauses: Mapped[int | None]
    talk_time_s: Mapped[float | None] = mapped_column(Float)
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSONData())
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Feedback(Base):
    """An assessment of one answer or step (score 1-5) or of a whole session (score 0-100)."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_user_session", "user_id", "session_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID] = _owner(index=False)
    message_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("messages.id", ondelete="SET NULL"), index=True
    )
    scope: Mapped[str] = mapped_column(String(16))  # step | answer | session
    step: Mapped[str | None] = mapped_column(String(24))
    score: Mapped[float | None] = mapped_column(Float)
    summary: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    improvement: Mapped[str] = mapped_column(Text, default="")
    provider: Mapped[str] = mapped_column(String(24), default="offline")
    fallback_reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StepScore(Base):
    """One criterion of a feedback: an UMPIRE step, a STAR part, specificity, communication..."""

    __tablename__ = "step_scores"
    __table_args__ = (Index("ix_step_scores_user_session", "user_id", "session_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    feedback_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("feedback.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID] = _owner(index=False)
    criterion: Mapped[str] = mapped_column(String(40))
    step: Mapped[str | None] = mapped_column(String(24))
    score: Mapped[float] = mapped_column(Float)
    out_of: Mapped[float] = mapped_column(Float, default=5.0)
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


USER_TABLES = ("resumes", "sessions", "messages", "feedback", "step_scores")
