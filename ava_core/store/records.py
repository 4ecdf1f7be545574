"""What the store returns: plain frozen dataclasses, detached from the database, safe to keep
in a Streamlit session; and ``record``, which makes one from a row."""

from __future__ import annotations

import dataclasses
import functools
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from ava_core.errors import AvaError


class AlreadyExists(AvaError):
    """A row with the same unique value (an email) exists already."""


@dataclass(frozen=True)
class User:
    id: uuid.UUID
    email: str
    display_name: str
    auth_provider: str
    preferences: dict[str, Any]
    created_at: datetime
    last_sign_in_at: datetime | None


@dataclass(frozen=True)
class SignInThrottle:
    email: str
    failures: int
    window_started_at: datetime
    locked_until: datetime | None
    lockouts: int


@dataclass(frozen=True)
class QuestionRecord:
    id: str
    kind: str
    title: str
    topics: list[str]
    difficulty: str | None
    owner_id: uuid.UUID | None
    source: str
    body: dict[str, Any]
    content_hash: str
    retired: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ResumeRecord:
    id: uuid.UUID
    user_id: uuid.UUID
    filename: str
    text: str
    parsed: dict[str, Any]
    page_count: int
    size_bytes: int
    sha256: str
    created_at: datetime


@dataclass(frozen=True)
class SessionRecord:
    id: uuid.UUID
    user_id: uuid.UUID
    mode: str
    status: str
    title: str
    question_id: str | None
    resume_id: uuid.UUID | None
    topic: str | None
    difficulty: str | None
    context: dict[str, Any]
    state: dict[str, Any]
    time_limit_s: int | None
    overall_score: float | None
    hiring_signal: str | None
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class MessageRecord:
    id: int
    session_id: uuid.UUID
    user_id: uuid.UUID
    role: str
    kind: str
    step: str | None
    text: str
    code: str | None
    audio_seconds: float | None
    words_per_minute: float | None
    fillers_per_100_words: float | None
    long_pauses: int | None
    talk_time_s: float | None
    metrics: dict[str, Any] | None
    data: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class ScoreRecord:
    id: int
    feedback_id: int
    session_id: uuid.UUID
    user_id: uuid.UUID
    criterion: str
    step: str | None
    score: float
    out_of: float
    evidence: list[str]
    created_at: datetime


@dataclass(frozen=True)
class FeedbackRecord:
    id: int
    session_id: uuid.UUID
    user_id: uuid.UUID
    message_id: int | None
    scope: str
    step: str | None
    score: float | None
    summary: str
    evidence: list[str]
    improvement: str
    provider: str
    fallback_reason: str | None
    details: dict[str, Any]
    created_at: datetime
    scores: tuple[ScoreRecord, ...] = ()


@dataclass(frozen=True)
class SessionDetail:
    session: SessionRecord
    messages: list[MessageRecord]
    feedback: list[FeedbackRecord]


@dataclass(frozen=True)
class Score:
    """One criterion score to store with a feedback."""

    criterion: str
    score: float
    out_of: float = 5.0
    step: str | None = None
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BankSync:
    added: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0


# --- progress, by column -----------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """Query results by column: ``values[i]`` holds every row's value of ``columns[i]``. Column
    tuples go into pandas at once, and leave no per-row object for the garbage collector to walk
    over and over while the frames are built."""

    columns: tuple[str, ...]
    values: tuple[tuple[Any, ...], ...]

    def column(self, name: str) -> tuple[Any, ...]:
        return self.values[self.columns.index(name)]

    def __len__(self) -> int:
        return len(self.values[0]) if self.values else 0


@dataclass(frozen=True)
class ProgressData:
    """What the progress dashboard reads about one user, from one query.

    Ids and times are left as the database driver returns them (SQLite: text; PostgreSQL: UUID
    and datetime objects), so rows arrive without a conversion per value;
    ``progress.history_from_data`` converts whole columns at once. ``sessions.id`` and every
    ``session_id`` use the same representation, so they match.

    sessions: one row per session, with the topics of its question (None without one) and the
    mean delivery of its answers (ava_core.store.summary.DELIVERY).
    criteria: one row per (session, criterion) that counts (ava_core.store.summary.criterion_values):
    points, possible and n.
    """

    sessions: Table
    criteria: Table


SCORE_ROWS = ("session_id", "feedback_id", "scope", "step", "criterion", "score", "out_of")
ANSWER_ROWS = ("session_id", "message_id", "step", "audio_seconds", "words_per_minute",
               "fillers_per_100_words", "long_pauses", "talk_time_s")


@dataclass(frozen=True)
class ProgressRows:
    """Every criterion score and answer of one user, by column (for exports and notebooks).

    scores: SCORE_ROWS, one row per criterion score (StepScore): its feedback's scope, its step
    (the score's own, else its feedback's); in the order they were written.
    answers: ANSWER_ROWS, one row per answer the user gave (role user, kind answer), with its
    delivery; in the order they were given.
    """

    scores: Table
    answers: Table


R = TypeVar("R")


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def record(cls: type[R], row: Any, **extra: Any) -> R:
    """A ``cls`` with the attributes of ``row`` that it has fields for (``extra`` given apart)."""
    kind: type = cls  # (mypy cannot see that a type[R] is hashable)
    values = {name: getattr(row, name) for name in _field_names(kind) if name not in extra}
    return cls(**values, **extra)


def columns(rows: list[Any], names: tuple[str, ...]) -> Table:
    return Table(names, tuple(zip(*rows)) or ((),) * len(names))
