"""What every repository of the store shares: one engine, its read and write transactions, and
the rule that a user's row is found only by that user."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ava_core.errors import NotFound
from ava_core.store import db
from ava_core.store.models import Base, StoreSession

Row = TypeVar("Row", bound=Base)


class Database:
    """One engine and its two kinds of transaction: ``read()`` and ``write()`` (a writer from
    its first statement, ``db.WRITE``). Every repository of one store shares one."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._writer = engine.execution_options(**db.WRITE)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with db.reported(self.engine), StoreSession(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with db.reported(self.engine), StoreSession(self._writer, expire_on_commit=False) as session:
            with session.begin():
                yield session


class Repository:
    """One concern's reads and writes over the store's ``Database``."""

    def __init__(self, database: Database):
        self.db = database


def uid(value: uuid.UUID | str) -> uuid.UUID:
    """``value`` as a UUID; NotFound when it cannot be one (an id from a URL or a form)."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound("That item does not exist.") from None


def is_id(value: Any) -> bool:
    """Whether ``value`` can be an integer row id (a bool cannot)."""
    return isinstance(value, int) and not isinstance(value, bool)


def choice(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, not {value!r}")


def owned(s: Session, model: type[Row], user_id: uuid.UUID | str, row_id: Any) -> Row:
    """The row with ``row_id`` if it belongs to ``user_id``; else NotFound (never a hint)."""
    user = uid(user_id)
    table = model.__table__
    if table.c.id.type.python_type is uuid.UUID:
        row_id = uid(row_id)
    elif not is_id(row_id):
        raise NotFound("That item does not exist.")
    row = s.scalar(select(model).where(table.c.id == row_id, table.c.user_id == user))
    if row is None:
        raise NotFound("That item does not exist.")
    return row
