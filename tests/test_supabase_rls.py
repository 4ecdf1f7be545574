"""supabase/schema.sql on a real PostgreSQL server dressed as Supabase: row-level security makes
each row visible only to its owner when used from Supabase clients (the ``authenticated`` and
``anon`` roles, with ``auth.uid()`` read from the request's JWT claims)."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.conftest import ROOT, postgres_url

pytestmark = pytest.mark.postgres

FAKE_SUPABASE = """
DO $$ BEGIN
  IF to_regrole('anon') IS NULL THEN CREATE ROLE anon NOLOGIN; END IF;
  IF to_regrole('authenticated') IS NULL THEN CREATE ROLE authenticated NOLOGIN; END IF;
END $$;
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('request.jwt.claims', true)::json->>'sub', '')::uuid
$$;
GRANT USAGE ON SCHEMA auth TO anon, authenticated;
GRANT EXECUTE ON FUNCTION auth.uid() TO anon, authenticated;
-- Supabase grants table rights to its client roles; RLS is what restricts them.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated;
"""

ADA, BOB = uuid.uuid4(), uuid.uuid4()


def libpq(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def supabase_db():
    base = postgres_url()
    name = "ava_rls_test"
    with psycopg.connect(libpq(base), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    url = libpq(base, name)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(FAKE_SUPABASE)
        conn.execute((ROOT / "supabase" / "schema.sql").read_text())
        for uid, email in ((ADA, "ada@example.com"), (BOB, "bob@example.com")):
            conn.execute("INSERT INTO auth.users VALUES (%s, %s)", (uid, email))
            conn.execute(
                "INSERT INTO users (id, email, display_name, auth_provider, preferences, "
                "created_at) VALUES (%s, %s, 'x', 'supabase', '{}', now())", (uid, email),
            )
        conn.execute(
            "INSERT INTO questions (id, kind, title, topics, source, body, content_hash, retired, "
            "created_at, updated_at) VALUES ('two-sum', 'coding', 'Two Sum', '[]', 'bank', '{}', "
            "'', false, now(), now())"
        )
    yield url
    with psycopg.connect(libpq(base), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class Client:
    """A connection acting as a Supabase client: role ``authenticated`` (or ``anon``) with JWT."""

    def __init__(self, url: str, user: uuid.UUID | None):
        self.conn = psycopg.connect(url, autocommit=True)
        self.conn.execute("SET ROLE " + ("authenticated" if user else "anon"))
        claims = json.dumps({"sub": str(user), "role": "authenticated"} if user else {})
        self.conn.execute("SELECT set_config('request.jwt.claims', %s, false)", (claims,))

    def rows(self, sql: str, *params):
        return self.conn.execute(sql, params).fetchall()

    def run(self, sql: str, *params) -> int:
        return self.conn.execute(sql, params).rowcount

    def close(self):
        self.conn.close()


@pytest.fixture
def clients(supabase_db):
    ada, bob, anon = Client(supabase_db, ADA), Client(supabase_db, BOB), Client(supabase_db, None)
    yield ada, bob, anon
    for c in (ada, bob, anon):
        c.close()


def new_session(client: Client, owner: uuid.UUID) -> uuid.UUID:
    sid = uuid.uuid4()
    client.run(
        "INSERT INTO sessions (id, user_id, mode, status, title, context, state, started_at, "
        "updated_at) VALUES (%s, %s, 'coding', 'active', 'mine', '{}', '{}', now(), now())",
        sid, owner,
    )
    return sid


def test_every_table_has_row_level_security(supabase_db):
    with psycopg.connect(supabase_db) as conn:
        off = conn.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND relkind = 'r' AND NOT relrowsecurity"
        ).fetchall()
    assert off == []


def test_users_see_and_change_only_their_own_rows(clients):
    ada, bob, anon = clients
    ada_session = new_session(ada, ADA)
    bob_session = new_session(bob, BOB)
    assert ada.rows("SELECT id FROM sessions") == [(ada_session,)]
    assert bob.rows("SELECT id FROM sessions") == [(bob_session,)]
    assert ada.rows("SELECT email FROM users") == [("ada@example.com",)]

    assert ada.run("UPDATE sessions SET title = 'hacked' WHERE id = %s", bob_session) == 0
    assert ada.run("DELETE FROM sessions WHERE id = %s", bob_session) == 0
    assert ada.run("DELETE FROM users WHERE id = %s", BOB) == 0
    assert bob.rows("SELECT title FROM sessions") == [("mine",)]

    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a row in Bob's name
        new_session(ada, BOB)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # own name, Bob's session
        ada.run(
            "INSERT INTO messages (session_id, user_id, role, kind, text, data, created_at) "
            "VALUES (%s, %s, 'user', 'answer', 'injected', '{}', now())", bob_session, ADA,
        )
    ada.run(
        "INSERT INTO messages (session_id, user_id, role, kind, text, data, created_at) "
        "VALUES (%s, %s, 'user', 'answer', 'mine', '{}', now())", ada_session, ADA,
    )
    assert bob.rows("SELECT count(*) FROM messages") == [(0,)]

    for table in ("users", "sessions", "messages", "questions", "sign_in_throttle"):
        assert anon.rows(f"SELECT count(*) FROM {table}") == [(0,)]
    assert ada.rows("SELECT count(*) FROM sign_in_throttle") == [(0,)]


def test_questions_bank_is_shared_custom_questions_are_private(clients):
    ada, bob, _ = clients
    ada.run(
        "INSERT INTO questions (id, kind, title, topics, owner_id, source, body, content_hash, "
        "retired, created_at, updated_at) VALUES ('custom-ada', 'coding', 'Mine', '[]', %s, "
        "'custom', '{}', '', false, now(), now())", ADA,
    )
    assert sorted(ada.rows("SELECT id FROM questions")) == [("custom-ada",), ("two-sum",)]
    assert bob.rows("SELECT id FROM questions") == [("two-sum",)]
    assert bob.run("DELETE FROM questions WHERE id = 'custom-ada'") == 0
    assert ada.run("DELETE FROM questions WHERE id = 'two-sum'") == 0  # the bank is read-only
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        bob.run(
            "INSERT INTO questions (id, kind, title, topics, source, body, content_hash, retired, "
            "created_at, updated_at) VALUES ('fake-bank', 'coding', 'X', '[]', 'bank', '{}', '', "
            "false, now(), now())"
        )


def test_delete_own_account_removes_only_the_caller(clients, supabase_db):
    ada, bob, anon = clients
    new_session(bob, BOB)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        anon.rows("SELECT public.delete_own_account()")
    bob.rows("SELECT public.delete_own_account()")
    with psycopg.connect(supabase_db) as conn:
        assert conn.execute("SELECT id FROM auth.users").fetchall() == [(ADA,)]
        assert conn.execute("SELECT id FROM users").fetchall() == [(ADA,)]
        assert conn.execute("SELECT count(*) FROM sessions WHERE user_id = %s", (BOB,)).fetchone() == (0,)
