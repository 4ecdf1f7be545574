"""The store: every read and write of Ava's data.

Every method that touches a user's data takes that user's id first and filters by it, so no call
returns or changes another user's rows: a row of someone else's is reported as ``NotFound``,
exactly like a row that does not exist. Results are plain frozen dataclasses, detached from the
database, safe to keep in a Streamlit session.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, String, delete, func, insert, select, type_coerce, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from ava_core import db, models
from ava_core.errors import AvaError, InvalidInput, NotFound
from ava_core.models import StoreSession, storable, utcnow
from ava_core.settings import Settings
from ava_core.summary import CRITERIA_COLUMNS, DELIVERY, summarize

MODES = ("coding", "behavioral")
STATUSES = ("active", "finished", "abandoned")
ROLES = ("user", "interviewer", "system")
SCOPES = ("step", "answer", "session")
QUESTION_KINDS = ("coding", "behavioral")


class AlreadyExists(AvaError):
    """A row with the same unique value (an email) exists already."""


# --- records --------------------------------------------------------------------------------


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


R = TypeVar("R")


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _record(cls: type[R], row: Any, **extra: Any) -> R:
    values = {name: getattr(row, name) for name in _field_names(cls) if name not in extra}
    return cls(**values, **extra)


def _uid(value: uuid.UUID | str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound("That item does not exist.") from None


def _is_id(value: Any) -> bool:
    """Whether ``value`` can be an integer row id (a bool cannot)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, not {value!r}")


def new_custom_id() -> str:
    return f"custom-{uuid.uuid4().hex[:16]}"


def content_hash(body: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


# --- progress --------------------------------------------------------------------------------


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
    mean delivery of its answers (ava_core.summary.DELIVERY).
    criteria: one row per (session, criterion) that counts (ava_core.summary.criterion_values):
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


def _columns(rows: list[Any], names: tuple[str, ...]) -> Table:
    return Table(names, tuple(zip(*rows)) or ((),) * len(names))


def _score_rows(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    """The criterion scores of these sessions, as ``summary.ScoreRow``s in the order written."""
    F, SS = models.Feedback, models.StepScore
    scores: dict[uuid.UUID, list[Any]] = {sid: [] for sid in ids}
    for sid, *row in s.execute(
        select(SS.session_id, F.scope, func.coalesce(SS.step, F.step), SS.criterion, SS.score, SS.out_of)
        .join(F, F.id == SS.feedback_id)
        .where(SS.session_id.in_(ids))
        .order_by(SS.feedback_id, SS.id)
    ):
        scores[sid].append(row)
    return scores


def _delivery_means(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, float | None]]:
    """The mean of each DELIVERY measure over these sessions' answers."""
    M = models.Message
    delivery: dict[uuid.UUID, dict[str, float | None]] = {sid: dict.fromkeys(DELIVERY) for sid in ids}
    for sid, *means in s.execute(  # AVG skips NULL: typed answers have no delivery
        select(M.session_id, *(func.avg(getattr(M, name)) for name in DELIVERY))
        .where(M.session_id.in_(ids), M.role == "user", M.kind == "answer")
        .group_by(M.session_id)
    ):
        delivery[sid] = {name: None if v is None else float(v) for name, v in zip(DELIVERY, means)}
    return delivery


def _summaries(s: Session, session_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """The summaries of these sessions (ava_core.summary), from their scores and answers."""
    ids = list(session_ids)
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        scores, delivery = _score_rows(s, chunk), _delivery_means(s, chunk)
        found.update({sid: summarize(scores[sid], delivery[sid]) for sid in chunk})
    return found


def _recent_metrics(s: Session, user_id: uuid.UUID, limit: int) -> list[dict[str, Any]]:
    M = models.Message
    rows = s.scalars(
        select(M.metrics)
        .where(M.user_id == user_id, M.kind == "answer", M.metrics.is_not(None))
        .order_by(M.id.desc())
        .limit(limit)
    )
    return [m for m in reversed(list(rows)) if m]


class SessionWrite:
    """One transaction on one of the user's sessions (``Store.writing``): its row is locked
    first, which orders concurrent writers to one session, and its summary is brought up to date
    once, at the end, from only what changed (answers change the delivery means, scores the
    criteria)."""

    def __init__(self, s: Session, session: models.InterviewSession):
        self._s, self._session = s, session
        self._delivery_changed = self._scores_changed = False

    @property
    def record(self) -> SessionRecord:
        return _record(SessionRecord, self._session)

    def recent_answer_metrics(self, limit: int = 5) -> list[dict[str, Any]]:
        """The speech metrics of the user's latest spoken answers, oldest first (their baseline)."""
        return _recent_metrics(self._s, self._session.user_id, limit)

    def add_message(self, *, role: str, text: str, kind: str = "answer", step: str | None = None,
                    code: str | None = None, metrics: dict[str, Any] | None = None,
                    data: dict[str, Any] | None = None, audio_seconds: float | None = None,
                    words_per_minute: float | None = None, fillers_per_100_words: float | None = None,
                    long_pauses: int | None = None, talk_time_s: float | None = None) -> MessageRecord:
        _choice("role", role, ROLES)
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
        return _record(MessageRecord, row)

    def add_feedback(self, *, scope: str, score: float | None, summary: str = "",
                     evidence: list[str] | None = None, improvement: str = "",
                     provider: str = "offline", step: str | None = None,
                     message_id: int | None = None, fallback_reason: str | None = None,
                     details: dict[str, Any] | None = None, scores: Iterable[Score] = ()) -> FeedbackRecord:
        _choice("scope", scope, SCOPES)
        session = self._session
        if message_id is not None:
            M = models.Message
            owner = self._s.scalar(select(M.session_id).where(
                M.id == message_id, M.user_id == session.user_id)) if _is_id(message_id) else None
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
        score_rows = list(self._s.scalars(insert(models.StepScore).returning(models.StepScore), values)) \
            if values else []
        self._scores_changed |= bool(score_rows)
        return _record(FeedbackRecord, row, scores=tuple(_record(ScoreRecord, r) for r in score_rows))

    def update(self, **changes: Any) -> None:
        """Change the session's own fields (``Store.SESSION_FIELDS``)."""
        unknown = set(changes) - Store.SESSION_FIELDS
        if unknown:
            raise ValueError(f"cannot update session fields {sorted(unknown)}")
        if "status" in changes:
            _choice("status", changes["status"], STATUSES)
        for name, value in changes.items():
            setattr(self._session, name, value)

    def finish(self) -> None:
        """The summary's changed parts, then one UPDATE of the session with everything."""
        session, ids = self._session, [self._session.id]
        old = session.summary
        with self._s.no_autoflush:  # the session's own changes go out once, below
            if old is None and (self._delivery_changed or self._scores_changed):
                session.summary = _summaries(self._s, ids)[session.id]
            elif self._delivery_changed or self._scores_changed:
                summary = dict(old)
                if self._scores_changed:
                    rows = _score_rows(self._s, ids)[session.id]
                    summary["criteria"] = summarize(rows, old["delivery"])["criteria"]
                if self._delivery_changed:
                    summary["delivery"] = _delivery_means(self._s, ids)[session.id]
                session.summary = summary
        session.updated_at = utcnow()
        self._s.flush()


# --- the store ------------------------------------------------------------------------------


class Store:
    """Ava's data access. Create with ``Store.open(settings)`` or ``Store(engine)``."""

    SESSION_FIELDS = frozenset(
        {"status", "title", "context", "state", "overall_score", "hiring_signal", "finished_at",
         "time_limit_s", "topic", "difficulty", "question_id"}
    )
    MESSAGE_FIELDS = frozenset(
        {"text", "code", "audio_seconds", "words_per_minute", "fillers_per_100_words",
         "long_pauses", "talk_time_s", "metrics", "data"}
    )

    def __init__(self, engine: Engine):
        self.engine = engine
        self._writer = engine.execution_options(**db.WRITE)

    @classmethod
    def open(cls, settings: Settings, *, migrate: bool = True) -> Store:
        """Connect to the configured database and, by default, bring its schema up to date."""
        engine = db.make_engine(settings.db_url)
        store = cls(engine)
        if migrate:
            db.upgrade(engine)
            store.fill_summaries()
        return store

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with db.reported(self.engine), StoreSession(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with db.reported(self.engine), StoreSession(self._writer, expire_on_commit=False) as session:
            with session.begin():
                yield session

    @contextmanager
    def writing(self, user_id: uuid.UUID | str, session_id: uuid.UUID | str) -> Iterator[SessionWrite]:
        """One transaction on one of the user's sessions: messages, feedback and the session's
        own fields written together (``SessionWrite``); NotFound when it is not theirs."""
        S = models.InterviewSession
        with self._write() as s:
            row = s.scalar(select(S).where(S.id == _uid(session_id), S.user_id == _uid(user_id))
                           .options(undefer(S.summary)).with_for_update(key_share=True))
            if row is None:
                raise NotFound("That item does not exist.")
            write = SessionWrite(s, row)
            yield write
            write.finish()

    # --- users (the accounts module calls these) ---------------------------------------------

    def create_user(
        self,
        email: str,
        display_name: str,
        *,
        password_hash: str | None = None,
        auth_provider: str = "local",
        user_id: uuid.UUID | None = None,
    ) -> User:
        row = models.User(
            id=user_id or uuid.uuid4(),
            email=email,
            display_name=display_name,
            password_hash=password_hash,
            auth_provider=auth_provider,
            preferences={},
        )
        try:
            with self._write() as s:
                s.add(row)
        except IntegrityError:
            raise AlreadyExists("An account with this email already exists.") from None
        return _record(User, row)

    def get_user(self, user_id: uuid.UUID | str) -> User:
        with self._read() as s:
            row = s.get(models.User, _uid(user_id))
            if row is None:
                raise NotFound("That account does not exist.")
            return _record(User, row)

    def credentials(self, email: str) -> tuple[User, str | None] | None:
        """The account with this (normalised) email and its password hash, or None."""
        with self._read() as s:
            row = s.scalar(select(models.User).where(models.User.email == email))
            return None if row is None else (_record(User, row), row.password_hash)

    def set_password_hash(self, user_id: uuid.UUID | str, password_hash: str) -> None:
        self._update_user_row(user_id, password_hash=password_hash)

    def record_sign_in(self, user_id: uuid.UUID | str) -> User:
        return self._update_user_row(user_id, last_sign_in_at=utcnow())

    def update_user(
        self,
        user_id: uuid.UUID | str,
        *,
        display_name: str | None = None,
        preferences: dict[str, Any] | None = None,
    ) -> User:
        changes: dict[str, Any] = {}
        if display_name is not None:
            changes["display_name"] = display_name
        if preferences is not None:
            changes["preferences"] = preferences
        return self._update_user_row(user_id, **changes)

    def _update_user_row(self, user_id: uuid.UUID | str, **changes: Any) -> User:
        with self._write() as s:
            row = s.get(models.User, _uid(user_id))
            if row is None:
                raise NotFound("That account does not exist.")
            for name, value in changes.items():
                setattr(row, name, value)
            s.flush()
            return _record(User, row)

    def ensure_external_user(
        self, user_id: uuid.UUID | str, email: str, display_name: str, auth_provider: str
    ) -> User:
        """The local row of an account that lives in an outside service (Supabase Auth)."""
        uid = _uid(user_id)
        try:
            with self._write() as s:
                row = s.get(models.User, uid)
                if row is None:
                    row = models.User(
                        id=uid, email=email, display_name=display_name,
                        auth_provider=auth_provider, preferences={},
                    )
                    s.add(row)
                else:
                    row.email = email
                row.last_sign_in_at = utcnow()
                s.flush()
                return _record(User, row)
        except IntegrityError:
            raise AlreadyExists(
                "This email already belongs to a local Ava account on this database. "
                "Delete that account (or use another email) to sign in with Supabase."
            ) from None

    def delete_user(self, user_id: uuid.UUID | str) -> dict[str, int]:
        """Delete the account and every row it owns; returns how many rows went, per table."""
        uid = _uid(user_id)
        counts: dict[str, int] = {}
        with self._write() as s:
            row = s.get(models.User, uid)
            if row is None:
                raise NotFound("That account does not exist.")
            for model, column in (
                (models.StepScore, models.StepScore.user_id),
                (models.Feedback, models.Feedback.user_id),
                (models.Message, models.Message.user_id),
                (models.InterviewSession, models.InterviewSession.user_id),
                (models.Resume, models.Resume.user_id),
                (models.Question, models.Question.owner_id),
            ):
                counts[model.__tablename__] = s.execute(delete(model).where(column == uid)).rowcount
            s.execute(delete(models.SignInThrottle).where(models.SignInThrottle.email == row.email))
            s.delete(row)
            counts["users"] = 1
        return counts

    def count_rows(self, user_id: uuid.UUID | str) -> dict[str, int]:
        """How many rows of each table belong to the user."""
        uid = _uid(user_id)
        with self._read() as s:
            counts = {"users": s.scalar(select(func.count()).where(models.User.id == uid))}
            for model, column in (
                (models.Question, models.Question.owner_id),
                (models.Resume, models.Resume.user_id),
                (models.InterviewSession, models.InterviewSession.user_id),
                (models.Message, models.Message.user_id),
                (models.Feedback, models.Feedback.user_id),
                (models.StepScore, models.StepScore.user_id),
            ):
                counts[model.__tablename__] = s.scalar(select(func.count()).where(column == uid))
            return counts

    # --- sign-in throttling (keyed by email: unknown emails are throttled too) ----------------

    def update_throttle(
        self,
        email: str,
        change: Callable[[SignInThrottle | None], SignInThrottle | None],
    ) -> SignInThrottle | None:
        """Read the email's throttle row, apply ``change`` and save the result, atomically."""
        with self._write() as s:
            query = select(models.SignInThrottle).where(models.SignInThrottle.email == email)
            if self.dialect == "postgresql":
                query = query.with_for_update()
            row = s.scalar(query)
            new = change(None if row is None else _record(SignInThrottle, row))
            if new is None:
                if row is not None:
                    s.delete(row)
                return None
            if row is None:
                row = models.SignInThrottle(email=email)
                s.add(row)
            for f in dataclasses.fields(SignInThrottle):
                setattr(row, f.name, getattr(new, f.name))
            return new

    def get_throttle(self, email: str) -> SignInThrottle | None:
        with self._read() as s:
            row = s.get(models.SignInThrottle, email)
            return None if row is None else _record(SignInThrottle, row)

    # --- questions -----------------------------------------------------------------------------

    def sync_bank(self, questions: Iterable[Mapping[str, Any]]) -> BankSync:
        """Load the shipped bank: add new questions, update changed ones, retire removed ones.

        Each item has id, kind, title, topics, difficulty, body and (optionally) content_hash.
        Idempotent: a second call with the same bank changes nothing.
        """
        added = updated = unchanged = 0
        incoming = {q["id"]: q for q in questions}
        with self._write() as s:
            rows = {
                r.id: r
                for r in s.scalars(select(models.Question).where(models.Question.owner_id.is_(None)))
            }
            for qid, q in incoming.items():
                digest = q.get("content_hash") or content_hash(q["body"])
                row = rows.get(qid)
                if row is None:
                    s.add(models.Question(
                        id=qid, kind=q["kind"], title=q["title"], topics=list(q.get("topics", [])),
                        difficulty=q.get("difficulty"), source="bank", body=q["body"],
                        content_hash=digest,
                    ))
                    added += 1
                elif row.content_hash != digest or row.retired:
                    row.kind, row.title, row.body = q["kind"], q["title"], q["body"]
                    row.topics, row.difficulty = list(q.get("topics", [])), q.get("difficulty")
                    row.content_hash, row.retired, row.updated_at = digest, False, utcnow()
                    updated += 1
                else:
                    unchanged += 1
            gone = [r for qid, r in rows.items() if qid not in incoming and not r.retired]
            for row in gone:
                row.retired, row.updated_at = True, utcnow()
        return BankSync(added=added, updated=updated, retired=len(gone), unchanged=unchanged)

    def list_questions(
        self, user_id: uuid.UUID | str, *, kind: str | None = None
    ) -> list[QuestionRecord]:
        """The bank's current questions and the user's own custom ones."""
        uid = _uid(user_id)
        with self._read() as s:
            query = select(models.Question).where(
                ((models.Question.owner_id.is_(None)) & (models.Question.retired.is_(False)))
                | (models.Question.owner_id == uid)
            )
            if kind is not None:
                query = query.where(models.Question.kind == kind)
            rows = s.scalars(query.order_by(models.Question.kind, models.Question.title))
            return [_record(QuestionRecord, r) for r in rows]

    def get_question(self, user_id: uuid.UUID | str, question_id: str) -> QuestionRecord:
        """A bank question (retired ones too: old sessions refer to them) or one of the user's."""
        uid = _uid(user_id)
        with self._read() as s:
            row = s.get(models.Question, question_id)
            if row is None or (row.owner_id is not None and row.owner_id != uid):
                raise NotFound("That question does not exist.")
            return _record(QuestionRecord, row)

    def add_question(
        self,
        user_id: uuid.UUID | str,
        *,
        kind: str,
        title: str,
        body: dict[str, Any],
        topics: list[str] | None = None,
        difficulty: str | None = None,
        question_id: str | None = None,
    ) -> QuestionRecord:
        """Store a custom question (validated by the caller) owned by the user. Its id starts
        with ``custom-`` (made here when not given), so it never collides with the bank's."""
        _choice("kind", kind, QUESTION_KINDS)
        uid = _uid(user_id)
        question_id = question_id or new_custom_id()
        if not question_id.startswith("custom-"):
            raise ValueError(f"a custom question's id must start with 'custom-', not {question_id!r}")
        row = models.Question(
            id=question_id, kind=kind, title=title[:200],
            topics=list(topics or []), difficulty=difficulty, owner_id=uid, source="custom",
            body=body, content_hash=content_hash(body),
        )
        with self._write() as s:
            if s.get(models.User, uid) is None:
                raise NotFound("That account does not exist.")
            s.add(row)
        return _record(QuestionRecord, row)

    def delete_question(self, user_id: uuid.UUID | str, question_id: str) -> None:
        uid = _uid(user_id)
        with self._write() as s:
            row = s.get(models.Question, question_id)
            if row is not None and row.owner_id is None:
                raise InvalidInput("Built-in questions can't be deleted; only your own questions can.")
            if row is None or row.owner_id != uid:
                raise NotFound("That question does not exist.")
            s.delete(row)

    # --- resumes -------------------------------------------------------------------------------

    def add_resume(
        self,
        user_id: uuid.UUID | str,
        *,
        filename: str,
        text: str,
        parsed: dict[str, Any],
        page_count: int,
        size_bytes: int,
        sha256: str,
    ) -> ResumeRecord:
        uid = _uid(user_id)
        row = models.Resume(
            user_id=uid, filename=filename[:255], text=text, parsed=parsed,
            page_count=page_count, size_bytes=size_bytes, sha256=sha256,
        )
        with self._write() as s:
            if s.get(models.User, uid) is None:
                raise NotFound("That account does not exist.")
            s.add(row)
        return _record(ResumeRecord, row)

    def list_resumes(self, user_id: uuid.UUID | str) -> list[ResumeRecord]:
        uid = _uid(user_id)
        with self._read() as s:
            rows = s.scalars(
                select(models.Resume)
                .where(models.Resume.user_id == uid)
                .order_by(models.Resume.created_at.desc())
            )
            return [_record(ResumeRecord, r) for r in rows]

    def get_resume(self, user_id: uuid.UUID | str, resume_id: uuid.UUID | str) -> ResumeRecord:
        with self._read() as s:
            return _record(ResumeRecord, self._owned(s, models.Resume, user_id, resume_id))

    def delete_resume(self, user_id: uuid.UUID | str, resume_id: uuid.UUID | str) -> None:
        with self._write() as s:
            s.delete(self._owned(s, models.Resume, user_id, resume_id))

    # --- sessions ------------------------------------------------------------------------------

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
        _choice("mode", mode, MODES)
        uid = _uid(user_id)
        with self._write() as s:
            if s.get(models.User, uid) is None:
                raise NotFound("That account does not exist.")
            if question_id is not None:
                question = s.get(models.Question, question_id)
                if question is None or question.owner_id not in (None, uid):
                    raise NotFound("That question does not exist.")
            if resume_id is not None:
                resume_id = self._owned(s, models.Resume, uid, resume_id).id
            row = models.InterviewSession(
                user_id=uid, mode=mode, status="active", title=title[:200],
                question_id=question_id, resume_id=resume_id, topic=topic, difficulty=difficulty,
                context=context or {}, state=state or {}, time_limit_s=time_limit_s,
                summary=summarize((), dict.fromkeys(DELIVERY)),
            )
            s.add(row)
        return _record(SessionRecord, row)

    def get_session(self, user_id: uuid.UUID | str, session_id: uuid.UUID | str) -> SessionRecord:
        with self._read() as s:
            return _record(SessionRecord, self._owned(s, models.InterviewSession, user_id, session_id))

    def list_sessions(
        self,
        user_id: uuid.UUID | str,
        *,
        limit: int | None = 50,
        mode: str | None = None,
        status: str | None = None,
    ) -> list[SessionRecord]:
        """The user's sessions, most recent first."""
        uid = _uid(user_id)
        query = select(models.InterviewSession).where(models.InterviewSession.user_id == uid)
        if mode is not None:
            query = query.where(models.InterviewSession.mode == mode)
        if status is not None:
            query = query.where(models.InterviewSession.status == status)
        query = query.order_by(models.InterviewSession.started_at.desc(), models.InterviewSession.id)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as s:
            return [_record(SessionRecord, r) for r in s.scalars(query)]

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
        with self._write() as s:
            s.delete(self._owned(s, models.InterviewSession, user_id, session_id))

    def load_session(self, user_id: uuid.UUID | str, session_id: uuid.UUID | str) -> SessionDetail:
        """A session with its messages (in order) and its feedback (with scores)."""
        with self._read() as s:
            row = self._owned(s, models.InterviewSession, user_id, session_id)
            messages = s.scalars(
                select(models.Message)
                .where(models.Message.session_id == row.id, models.Message.user_id == row.user_id)
                .order_by(models.Message.id)
            )
            return SessionDetail(
                session=_record(SessionRecord, row),
                messages=[_record(MessageRecord, m) for m in messages],
                feedback=self._feedback(s, row),
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
        unknown = set(changes) - self.MESSAGE_FIELDS
        if unknown:
            raise ValueError(f"cannot update message fields {sorted(unknown)}")
        with self._write() as s:
            row = self._owned(s, models.Message, user_id, message_id)
            for name, value in changes.items():
                setattr(row, name, value)
            s.flush()
            if row.role == "user" and row.kind == "answer" and set(changes) & set(DELIVERY):
                self._refresh_summary(s, s.get(models.InterviewSession, row.session_id))
            return _record(MessageRecord, row)

    def get_message(self, user_id: uuid.UUID | str, message_id: int) -> MessageRecord:
        with self._read() as s:
            return _record(MessageRecord, self._owned(s, models.Message, user_id, message_id))

    def recent_answer_metrics(self, user_id: uuid.UUID | str, limit: int = 5) -> list[dict[str, Any]]:
        """The speech metrics of the user's latest spoken answers, oldest first (their baseline)."""
        with self._read() as s:
            return _recent_metrics(s, _uid(user_id), limit)

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
        with self._read() as s:
            return self._feedback(s, self._owned(s, models.InterviewSession, user_id, session_id))

    @staticmethod
    def _feedback(s: Session, session: models.InterviewSession) -> list[FeedbackRecord]:
        owner = (models.Feedback.session_id == session.id) & (models.Feedback.user_id == session.user_id)
        rows = list(s.scalars(select(models.Feedback).where(owner).order_by(models.Feedback.id)))
        scores: dict[int, list[ScoreRecord]] = {}
        if rows:
            for sc in s.scalars(
                select(models.StepScore)
                .where(models.StepScore.session_id == session.id,
                       models.StepScore.user_id == session.user_id)
                .order_by(models.StepScore.id)
            ):
                scores.setdefault(sc.feedback_id, []).append(_record(ScoreRecord, sc))
        return [_record(FeedbackRecord, r, scores=tuple(scores.get(r.id, ()))) for r in rows]

    # --- progress ----------------------------------------------------------------------------

    def progress_data(self, user_id: uuid.UUID | str) -> ProgressData:
        """What the progress dashboard reads about the user, in one query (ProgressData)."""
        uid = _uid(user_id)
        S, Q = models.InterviewSession, models.Question

        def raw(column):
            return type_coerce(column, String).label(column.key)

        query = (
            select(raw(S.id), S.mode, S.status, S.title, S.topic, S.difficulty, S.overall_score,
                   S.hiring_signal, raw(S.started_at), raw(S.updated_at), raw(S.finished_at),
                   Q.topics.label("question_topics"), S.summary)
            .outerjoin(Q, (Q.id == S.question_id) & (Q.owner_id.is_(None) | (Q.owner_id == uid)))
            .where(S.user_id == uid)
        )
        with self._read() as s:
            result = s.connection().execute(query)
            names = tuple(result.keys())[:-1]
            rows = result.all()
            missing = [uuid.UUID(str(r[0])) for r in rows if r[-1] is None]
            # Sessions written by bulk inserts, or before the column existed, until filled.
            found = _summaries(s, missing) if missing else {}
        sessions, criteria = [], []
        for *row, summed in rows:
            if summed is None:
                summed = found[uuid.UUID(str(row[0]))]
            delivery = summed["delivery"]
            sessions.append((*row, *(delivery[name] for name in DELIVERY)))
            c = summed["criteria"]
            criteria += zip([row[0]] * len(c["criterion"]), c["criterion"], c["points"],
                            c["possible"], c["n"])
        return ProgressData(
            _columns(sessions, names + DELIVERY),
            _columns(criteria, ("session_id", *CRITERIA_COLUMNS)),
        )

    def progress_rows(self, user_id: uuid.UUID | str) -> ProgressRows:
        """Every criterion score and answer of the user (ProgressRows), in two queries."""
        uid = _uid(user_id)
        F, SS, M = models.Feedback, models.StepScore, models.Message
        scores = (
            select(type_coerce(SS.session_id, String), SS.feedback_id, F.scope,
                   func.coalesce(SS.step, F.step), SS.criterion, SS.score, SS.out_of)
            .join(F, F.id == SS.feedback_id)
            .where(SS.user_id == uid)
            .order_by(SS.feedback_id, SS.id)
        )
        answers = (
            select(type_coerce(M.session_id, String), M.id, M.step, M.audio_seconds,
                   M.words_per_minute, M.fillers_per_100_words, M.long_pauses, M.talk_time_s)
            .where(M.user_id == uid, M.role == "user", M.kind == "answer")
            .order_by(M.id)
        )
        with self._read() as s:
            return ProgressRows(
                _columns(s.execute(scores).all(), SCORE_ROWS),
                _columns(s.execute(answers).all(), ANSWER_ROWS),
            )

    def fill_summaries(self, batch: int = 500) -> int:
        """Compute the summary of every session that has none (written before the column
        existed, or by bulk inserts); returns how many. ``Store.open`` calls it after upgrading."""
        S = models.InterviewSession
        filled = 0
        while True:
            with self._write() as s:
                ids = list(s.scalars(
                    select(S.id).where(S.summary.is_(None)).limit(batch).with_for_update(key_share=True)))
                if not ids:
                    return filled
                found = _summaries(s, ids)
                s.execute(update(S), [{"id": i, "summary": found[i]} for i in ids])
                filled += len(ids)

    @staticmethod
    def _refresh_summary(s: Session, session: models.InterviewSession) -> None:
        """Recompute the session's summary within the write. Locking its row first orders
        concurrent writers to one session (PostgreSQL; SQLite has one writer at a time), so each
        summary sees every row committed before it."""
        S = models.InterviewSession
        s.execute(select(S.id).where(S.id == session.id).with_for_update(key_share=True))
        session.summary = _summaries(s, [session.id])[session.id]
        s.flush()

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _owned(s: Session, model: type, user_id: uuid.UUID | str, row_id: Any):
        """The row with ``row_id`` if it belongs to ``user_id``; else NotFound (never a hint)."""
        uid = _uid(user_id)
        if model.__table__.c.id.type.python_type is uuid.UUID:
            row_id = _uid(row_id)
        elif not _is_id(row_id):
            raise NotFound("That item does not exist.")
        row = s.scalar(select(model).where(model.id == row_id, model.user_id == uid))
        if row is None:
            raise NotFound("That item does not exist.")
        return row


__all__ = [
    "AlreadyExists", "BankSync", "FeedbackRecord", "MessageRecord", "ProgressData", "ProgressRows",
    "QuestionRecord", "ResumeRecord", "Score", "ScoreRecord", "SessionDetail", "SessionRecord",
    "SignInThrottle", "Store", "Table", "User", "content_hash",
]
