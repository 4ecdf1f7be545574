"""Shared fixtures: settings isolated from the machine, stores on SQLite and PostgreSQL, AppTest.

PostgreSQL tests need a server: set AVA_TEST_DATABASE_URL (``eval "$(.ci/start-postgres)"``
starts one). Without it they skip with a reason, unless AVA_REQUIRE_POSTGRES=1 (CI), which makes
a missing server a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import delete

from ava_core.judge.executors import RUNNER
from ava_core.store import db, models
from ava_core.settings import setting_fields
from ava_core.store import Store

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m ava_core ARGS`` from the repository, with ``env`` added to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "ava_core", *args], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, **env}, timeout=120,
    )
PG_URL = os.environ.get("AVA_TEST_DATABASE_URL", "")
REQUIRE_PG = os.environ.get("AVA_REQUIRE_POSTGRES") == "1"


def pytest_report_header(config):
    if PG_URL:
        return f"PostgreSQL tests: {PG_URL}"
    return "PostgreSQL tests: skipped (no AVA_TEST_DATABASE_URL; `eval \"$(.ci/start-postgres)\"`)"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No test sees the developer's keys or database: every setting starts at its default."""
    for f in setting_fields():
        monkeypatch.delenv(f.metadata["env"], raising=False)
    monkeypatch.setenv("AVA_SQLITE_PATH", str(tmp_path / "ava.db"))


def postgres_url() -> str:
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("AVA_REQUIRE_POSTGRES=1 but AVA_TEST_DATABASE_URL is not set")
        pytest.skip("no PostgreSQL server: set AVA_TEST_DATABASE_URL (see .ci/start-postgres)")
    return PG_URL


@pytest.fixture(scope="session")
def pg_engine():
    """The test PostgreSQL database, emptied and migrated once per test run."""
    engine = db.make_engine(postgres_url())
    reset_schema(engine)
    db.upgrade(engine)
    yield engine
    engine.dispose()


def reset_schema(engine) -> None:
    """Drop everything in the public schema (left by an earlier run or another test)."""
    with db.reported(engine), engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")


def empty_tables(engine) -> None:
    with engine.begin() as connection:
        for table in reversed(models.Base.metadata.sorted_tables):
            connection.execute(delete(table))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path) -> Store:
    """A fresh, migrated store: one SQLite file per test, or the emptied PostgreSQL database."""
    if request.param == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'store.db'}")
        db.upgrade(engine)
        yield Store(engine)
        engine.dispose()
    else:
        engine = request.getfixturevalue("pg_engine")
        empty_tables(engine)
        yield Store(engine)


@pytest.fixture
def sqlite_store(tmp_path) -> Store:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    db.upgrade(engine)
    yield Store(engine)
    engine.dispose()


@pytest.fixture
def fast_hasher():
    """argon2id with tiny costs, so tests that hash many passwords stay fast."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def app_test(monkeypatch):
    """A factory for AppTest on app.py with a fresh Streamlit resource cache."""
    import streamlit as st
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import AppTest

    # A running server stops treating pages/ as a legacy page folder once app.py calls
    # st.navigation; AppTest re-detects it before every run. Keep the server's behaviour.
    original_init = pages_manager.PagesManager.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(pages_manager.PagesManager, "__init__", init)
    st.cache_resource.clear()

    def make(**env) -> AppTest:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)

    yield make
    st.cache_resource.clear()


def sandbox_leftovers(seconds: float = 2.0) -> list[int]:
    """Processes of this checkout's sandbox child still alive after ``seconds`` (zombies that
    wait for init do not count). Tests run one at a time, so any is a leftover."""
    runner = str(RUNNER).encode()
    deadline = time.monotonic() + seconds
    while True:
        alive = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if runner in cmdline and state != "Z":
                alive.append(int(pid))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)
