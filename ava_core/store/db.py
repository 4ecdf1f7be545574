"""Database engines and migrations.

The embedded default is a SQLite file in WAL mode with a busy timeout; PostgreSQL (Supabase's or
any other) is used when ``AVA_DATABASE_URL`` is set. ``upgrade`` brings any database, new or old,
to the newest schema; the app calls it on start and ``python -m ava_core db upgrade`` from a shell.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from ava_core.errors import ServiceUnavailable
from ava_core.settings import redact_url

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 15
# Execution option that marks a transaction as a writer: on SQLite it starts with BEGIN IMMEDIATE,
# so a read-then-write transaction waits for the lock instead of failing on a stale snapshot.
WRITE = {"ava_write": True}


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url`` with Ava's connection settings for its dialect."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, echo)
    connect_args: dict[str, int | None] = {"connect_timeout": 10}
    host = parsed.host or ""
    if parsed.port == 6543 or "pooler.supabase.com" in host:
        # Supabase's transaction pooler (PgBouncer) cannot keep prepared statements.
        connect_args["prepare_threshold"] = None
    return create_engine(url, echo=echo, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url: str, echo: bool) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        private_file(Path(database))
    engine = create_engine(
        url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below emit BEGIN itself (pysqlite's own is deferred only).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        writer = connection.get_execution_options().get("ava_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


def private_file(path: Path) -> None:
    """Make ``path`` readable and writable by this user only (0600), and the folders Ava creates
    for it (0700); SQLite gives its -wal and -shm files the database file's mode."""
    folder = path.parent
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for created in reversed(missing):
        created.mkdir(mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    os.chmod(path, 0o600)


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


@contextmanager
def reported(engine: Engine) -> Iterator[None]:
    """Turn a database that cannot be reached or opened into a message a user can act on."""
    try:
        yield
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        if engine.dialect.name == "sqlite":
            where, setting = f"the SQLite file {engine.url.database}", "AVA_SQLITE_PATH"
        else:
            where, setting = f"the database at {redact_url(str(engine.url))}", "AVA_DATABASE_URL"
        raise ServiceUnavailable(
            f"Ava could not use {where} ({reason}). Nothing was lost. Check {setting} and that "
            "the database is running, then try again."
        ) from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (default: the newest). Safe to call on every start."""
    from alembic import command

    config = alembic_config(engine)
    with reported(engine), engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with reported(engine), engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS}")
    return head


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def postgres_schema_sql() -> str:
    """The whole schema as PostgreSQL DDL, from the migrations (``supabase/schema.sql``)."""
    import io

    from alembic import command
    from alembic.config import Config

    buffer = io.StringIO()
    config = Config(output_buffer=buffer)
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", "postgresql+psycopg://")
    command.upgrade(config, "head", sql=True)
    header = (
        "-- Ava's database schema for Supabase (or any PostgreSQL), generated from the migrations\n"
        "-- by `python -m ava_core db schema-sql`. Do not edit by hand.\n"
        "-- Paste it into Supabase's SQL editor once; `python -m ava_core db upgrade` (or the app\n"
        "-- on start) applies later migrations.\n\n"
    )
    return header + buffer.getvalue()
