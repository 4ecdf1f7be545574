"""Migrations: any database, new or old, comes up to date; the models and migrations agree."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ava_core.store import db
from ava_core.store.models import Base
from ava_core.settings import load_settings
from ava_core.store import Store
from tests.conftest import ROOT, postgres_url, reset_schema, run_cli

TABLES = {"users", "sign_in_throttle", "questions", "resumes", "sessions", "messages", "feedback",
          "step_scores", "alembic_version"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    else:
        engine = db.make_engine(postgres_url())
        reset_schema(engine)
    yield engine
    if request.param == "postgres":
        reset_schema(engine)
        db.upgrade(engine)  # leave the shared database as the other tests expect it
    engine.dispose()


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(db.alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_new_database_comes_up_to_date(empty_engine):
    assert db.current_revision(empty_engine) is None
    db.upgrade(empty_engine)
    assert db.current_revision(empty_engine) == db.head_revision()
    assert db.table_names(empty_engine) == TABLES


def test_models_match_the_migrations(empty_engine):
    db.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_revision_upgrades_and_downgrades(empty_engine):
    for revision in revisions():
        db.upgrade(empty_engine, revision)
        assert db.current_revision(empty_engine) == revision
    db.downgrade(empty_engine, "base")
    assert db.table_names(empty_engine) <= {"alembic_version"}
    db.upgrade(empty_engine)
    assert db.current_revision(empty_engine) == db.head_revision()


@pytest.mark.parametrize("start", ["base", *revisions()])
def test_an_old_database_is_brought_up_to_date_on_open_and_keeps_its_data(tmp_path, start):
    path = tmp_path / "old.db"
    engine = db.make_engine(f"sqlite:///{path}")
    if start != "base":
        db.upgrade(engine, start)
    engine.dispose()

    store = Store.open(load_settings({"AVA_SQLITE_PATH": str(path)}))
    assert db.current_revision(store.engine) == db.head_revision()
    user = store.accounts.create_user("ada@example.com", "Ada")
    store.engine.dispose()

    reopened = Store.open(load_settings({"AVA_SQLITE_PATH": str(path)}))  # a second start
    assert reopened.accounts.get_user(user.id).email == "ada@example.com"


def test_cli_upgrade_and_current(tmp_path):
    env = {"AVA_SQLITE_PATH": str(tmp_path / "deep" / "cli.db")}
    first = run_cli("db", "upgrade", **env)
    assert first.returncode == 0, first.stderr
    assert f"empty -> {db.head_revision()}" in first.stdout
    second = run_cli("db", "upgrade", **env)
    assert "already up to date" in second.stdout
    current = run_cli("db", "current", **env)
    assert f"revision {db.head_revision()}, up to date" in current.stdout


def test_cli_reports_an_unreachable_database_without_a_traceback():
    result = run_cli("db", "upgrade", AVA_DATABASE_URL="postgresql://ava:s3cret@127.0.0.1:1/ava")
    assert result.returncode == 1
    assert "could not use the database at" in result.stderr
    assert "s3cret" not in result.stderr and "Traceback" not in result.stderr


def test_supabase_schema_sql_is_generated_from_the_migrations():
    committed = (ROOT / "supabase" / "schema.sql").read_text()
    assert committed == db.postgres_schema_sql(), (
        "supabase/schema.sql is stale: python -m ava_core db schema-sql > supabase/schema.sql"
    )
    assert "ENABLE ROW LEVEL SECURITY" in committed and "delete_own_account" in committed
