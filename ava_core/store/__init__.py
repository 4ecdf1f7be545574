"""The store: every read and write of Ava's data, one repository per concern over one engine.

    store = Store.open(settings)          # or Store(engine)
    store.accounts   users, sign-in throttles, a user's data counted or deleted
    store.bank       the shipped question bank and each user's own questions
    store.resumes    uploaded resumes (text and sections)
    store.sessions   interview sessions, their messages and feedback; ``writing`` is the one
                     transaction that writes to a session
    store.progress   what the dashboard and the exports read

Every method that touches a user's data takes that user's id first and filters by it, so no call
returns or changes another user's rows: a row of someone else's is reported as ``NotFound``,
exactly like a row that does not exist. Results are plain frozen dataclasses (``records``),
detached from the database, safe to keep in a Streamlit session.
"""

from __future__ import annotations

from sqlalchemy import Engine

from ava_core.settings import Settings
from ava_core.store import db
from ava_core.store.accounts import Accounts
from ava_core.store.bank import Bank, content_hash, new_custom_id
from ava_core.store.base import Database
from ava_core.store.progress import Progress
from ava_core.store.records import (
    ANSWER_ROWS, SCORE_ROWS, AlreadyExists, BankSync, FeedbackRecord, MessageRecord, ProgressData,
    ProgressRows, QuestionRecord, ResumeRecord, Score, ScoreRecord, SessionDetail, SessionRecord,
    SignInThrottle, Table, User,
)
from ava_core.store.resumes import Resumes
from ava_core.store.sessions import Sessions
from ava_core.store.writing import SessionWrite


class Store:
    """Ava's data access: its repositories over one engine."""

    def __init__(self, engine: Engine):
        self.engine = engine
        database = Database(engine)
        self.accounts = Accounts(database)
        self.bank = Bank(database)
        self.resumes = Resumes(database)
        self.sessions = Sessions(database)
        self.progress = Progress(database)

    @classmethod
    def open(cls, settings: Settings, *, migrate: bool = True) -> Store:
        """Connect to the configured database and, by default, bring its schema up to date."""
        store = cls(db.make_engine(settings.db_url))
        if migrate:
            db.upgrade(store.engine)
            store.sessions.fill_summaries()
        return store

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


__all__ = [
    "ANSWER_ROWS", "SCORE_ROWS", "AlreadyExists", "BankSync", "FeedbackRecord", "MessageRecord",
    "ProgressData", "ProgressRows", "QuestionRecord", "ResumeRecord", "Score", "ScoreRecord",
    "SessionDetail", "SessionRecord", "SessionWrite", "SignInThrottle", "Store", "Table", "User",
    "content_hash", "new_custom_id",
]
