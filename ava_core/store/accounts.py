"""Accounts: users, sign-in throttles, and a user's data counted or deleted as a whole."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from ava_core.errors import NotFound
from ava_core.store import models
from ava_core.store.base import Repository, uid
from ava_core.store.models import utcnow
from ava_core.store.records import AlreadyExists, SignInThrottle, User, record

Throttle = TypeVar("Throttle", bound=SignInThrottle | None)  # what a change leaves: a state, or none

# The tables that hold a user's rows and the column that names the owner, children first.
OWNED = (
    (models.StepScore, models.StepScore.user_id),
    (models.Feedback, models.Feedback.user_id),
    (models.Message, models.Message.user_id),
    (models.InterviewSession, models.InterviewSession.user_id),
    (models.Resume, models.Resume.user_id),
    (models.Question, models.Question.owner_id),
)


class Accounts(Repository):
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
            with self.db.write() as s:
                s.add(row)
        except IntegrityError:
            raise AlreadyExists("An account with this email already exists.") from None
        return record(User, row)

    def get_user(self, user_id: uuid.UUID | str) -> User:
        with self.db.read() as s:
            row = s.get(models.User, uid(user_id))
            if row is None:
                raise NotFound("That account does not exist.")
            return record(User, row)

    def credentials(self, email: str) -> tuple[User, str | None] | None:
        """The account with this (normalised) email and its password hash, or None."""
        with self.db.read() as s:
            row = s.scalar(select(models.User).where(models.User.email == email))
            return None if row is None else (record(User, row), row.password_hash)

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
        with self.db.write() as s:
            row = s.get(models.User, uid(user_id))
            if row is None:
                raise NotFound("That account does not exist.")
            for name, value in changes.items():
                setattr(row, name, value)
            s.flush()
            return record(User, row)

    def ensure_external_user(
        self, user_id: uuid.UUID | str, email: str, display_name: str, auth_provider: str
    ) -> User:
        """The local row of an account that lives in an outside service (Supabase Auth)."""
        user = uid(user_id)
        try:
            with self.db.write() as s:
                row = s.get(models.User, user)
                if row is None:
                    row = models.User(
                        id=user, email=email, display_name=display_name,
                        auth_provider=auth_provider, preferences={},
                    )
                    s.add(row)
                else:
                    row.email = email
                row.last_sign_in_at = utcnow()
                s.flush()
                return record(User, row)
        except IntegrityError:
            raise AlreadyExists(
                "This email already belongs to a local Ava account on this database. "
                "Delete that account (or use another email) to sign in with Supabase."
            ) from None

    def delete_user(self, user_id: uuid.UUID | str) -> dict[str, int]:
        """Delete the account and every row it owns; returns how many rows went, per table."""
        user = uid(user_id)
        counts: dict[str, int] = {}
        with self.db.write() as s:
            row = s.get(models.User, user)
            if row is None:
                raise NotFound("That account does not exist.")
            rows = s.connection()  # plain deletes: nothing of theirs is loaded to keep in step
            for model, column in OWNED:
                counts[model.__tablename__] = rows.execute(delete(model).where(column == user)).rowcount
            s.execute(delete(models.SignInThrottle).where(models.SignInThrottle.email == row.email))
            s.delete(row)
            counts["users"] = 1
        return counts

    def count_rows(self, user_id: uuid.UUID | str) -> dict[str, int]:
        """How many rows of each table belong to the user."""
        user = uid(user_id)
        with self.db.read() as s:
            counts = {"users": s.scalar(select(func.count()).where(models.User.id == user)) or 0}
            for model, column in reversed(OWNED):
                counts[model.__tablename__] = s.scalar(select(func.count()).where(column == user)) or 0
            return counts

    # --- sign-in throttling (keyed by email: unknown emails are throttled too) ----------------

    def update_throttle(
        self, email: str, change: Callable[[SignInThrottle | None], Throttle]
    ) -> Throttle:
        """Read the email's throttle row, apply ``change`` and save the result, atomically."""
        with self.db.write() as s:
            query = select(models.SignInThrottle).where(models.SignInThrottle.email == email)
            if self.db.dialect == "postgresql":
                query = query.with_for_update()
            row = s.scalar(query)
            new = change(None if row is None else record(SignInThrottle, row))
            if new is None:
                if row is not None:
                    s.delete(row)
                return new
            if row is None:
                row = models.SignInThrottle(email=email)
                s.add(row)
            for f in dataclasses.fields(SignInThrottle):
                setattr(row, f.name, getattr(new, f.name))
            return new

    def get_throttle(self, email: str) -> SignInThrottle | None:
        with self.db.read() as s:
            row = s.get(models.SignInThrottle, email)
            return None if row is None else record(SignInThrottle, row)
