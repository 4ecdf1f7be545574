"""Alembic environment: runs Ava's migrations on the connection the caller passes in
(``ava_core.db.upgrade``), or on ``sqlalchemy.url`` (the ``alembic`` command line)."""

from alembic import context
from sqlalchemy import create_engine, pool, text

from ava_core.store.models import Base, JSONData, UTCDateTime

config = context.config
target_metadata = Base.metadata
# Postgres: one migrator at a time when several app processes start together.
ADVISORY_LOCK = 0x417661  # "Ava"


def render_item(kind, obj, autogen_context):
    """Render Ava's column types as plain SQLAlchemy types, so migrations never import models."""
    if kind != "type":
        return False
    if isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if isinstance(obj, JSONData):
        return "JSONData"
    return False


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise SystemExit("Set sqlalchemy.url (alembic -x or alembic.ini) to the database to migrate.")
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.begin() as connection:
        run_on(connection)


if context.is_offline_mode():
    run_offline()
else:
    run_online()
