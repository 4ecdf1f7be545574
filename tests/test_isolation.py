"""Isolation: for every store method that takes a user id, a second user can neither read,
update nor delete the first user's rows. Runs on SQLite and PostgreSQL.

``ATTACKS`` has one entry per such method; a test fails when a method is added to the store
without one, so the rule cannot be forgotten.
"""

from __future__ import annotations

import inspect
import uuid
from dataclasses import dataclass

import pytest

from ava_core.errors import NotFound
from ava_core.store import AlreadyExists, Score, Store
from ava_core.store.base import Repository


@dataclass
class World:
    store: Store
    ada: object
    bob: object
    session: object
    message: object
    feedback: object
    resume: object
    question: object
    bob_session: object


@pytest.fixture
def world(store) -> World:
    store.bank.sync_bank([{"id": "two-sum", "kind": "coding", "title": "Two Sum", "topics": [],
                      "difficulty": "easy", "body": {}}])
    ada = store.accounts.create_user("ada@example.com", "Ada", password_hash="h1")
    bob = store.accounts.create_user("bob@example.com", "Bob", password_hash="h2")
    resume = store.resumes.add_resume(ada.id, filename="ada.pdf", text="Ada's resume", parsed={},
                              page_count=1, size_bytes=10, sha256="a" * 64)
    question = store.bank.add_question(ada.id, kind="coding", title="Ada's question", body={"x": 1})
    session = store.sessions.create_session(ada.id, "coding", title="Ada's session",
                                   question_id=question.id, resume_id=resume.id)
    message = store.sessions.add_message(ada.id, session.id, role="user", text="Ada's answer",
                                metrics={"words_per_minute": 150})
    feedback = store.sessions.add_feedback(ada.id, session.id, scope="step", score=4, message_id=message.id,
                                  scores=[Score("plan", 4)])
    bob_session = store.sessions.create_session(bob.id, "coding", title="Bob's session")
    return World(store, ada, bob, session, message, feedback, resume, question, bob_session)


def snapshot(w: World):
    s, a = w.store, w.ada.id
    return (
        s.accounts.get_user(a), s.accounts.credentials("ada@example.com"), s.sessions.load_session(a, w.session.id),
        s.resumes.list_resumes(a), [q for q in s.bank.list_questions(a) if q.owner_id], s.accounts.count_rows(a),
    )


def refused(call):
    with pytest.raises(NotFound):
        call()


ATTACKS = {}


def attack(fn):
    """Bob (``b``) calls the store method named like ``fn`` and aims at Ada's rows."""
    ATTACKS[fn.__name__] = fn
    return fn


# Account-level methods: a user id only ever reaches that user's own row.
@attack
def get_user(w, s, b):
    assert s.accounts.get_user(b).email == "bob@example.com"


@attack
def update_user(w, s, b):
    assert s.accounts.update_user(b, display_name="Ada").id == b


@attack
def set_password_hash(w, s, b):
    s.accounts.set_password_hash(b, "stolen")


@attack
def record_sign_in(w, s, b):
    s.accounts.record_sign_in(b)


@attack
def count_rows(w, s, b):
    assert s.accounts.count_rows(b)["sessions"] == 1


@attack
def ensure_external_user(w, s, b):
    with pytest.raises(AlreadyExists):  # claiming Ada's email
        s.accounts.ensure_external_user(b, "ada@example.com", "A", "supabase")


@attack
def create_user(w, s, b):
    with pytest.raises(AlreadyExists):  # a new account that reuses Ada's id
        s.accounts.create_user("eve@example.com", "Eve", user_id=w.ada.id)


@attack
def delete_user(w, s, b):
    s.accounts.delete_user(b)  # deletes Bob, never Ada


@attack
def list_questions(w, s, b):
    assert all(q.owner_id in (None, b) for q in s.bank.list_questions(b))


@attack
def get_question(w, s, b):
    refused(lambda: s.bank.get_question(b, w.question.id))


@attack
def add_question(w, s, b):
    assert s.bank.add_question(b, kind="coding", title="Bob's", body={}).owner_id == b


@attack
def delete_question(w, s, b):
    refused(lambda: s.bank.delete_question(b, w.question.id))


@attack
def add_resume(w, s, b):
    s.resumes.add_resume(b, filename="b.pdf", text="", parsed={}, page_count=1, size_bytes=1,
                 sha256="b" * 64)


@attack
def list_resumes(w, s, b):
    assert s.resumes.list_resumes(b) == []


@attack
def get_resume(w, s, b):
    refused(lambda: s.resumes.get_resume(b, w.resume.id))


@attack
def delete_resume(w, s, b):
    refused(lambda: s.resumes.delete_resume(b, w.resume.id))


@attack
def create_session(w, s, b):
    refused(lambda: s.sessions.create_session(b, "coding", resume_id=w.resume.id))
    refused(lambda: s.sessions.create_session(b, "coding", question_id=w.question.id))


@attack
def get_session(w, s, b):
    refused(lambda: s.sessions.get_session(b, w.session.id))


@attack
def list_sessions(w, s, b):
    assert [x.id for x in s.sessions.list_sessions(b)] == [w.bob_session.id]


@attack
def unfinished_session(w, s, b):
    assert s.sessions.unfinished_session(b).id == w.bob_session.id


@attack
def update_session(w, s, b):
    refused(lambda: s.sessions.update_session(b, w.session.id, status="abandoned", title="hacked"))


@attack
def delete_session(w, s, b):
    refused(lambda: s.sessions.delete_session(b, w.session.id))


@attack
def load_session(w, s, b):
    refused(lambda: s.sessions.load_session(b, w.session.id))


@attack
def add_message(w, s, b):
    refused(lambda: s.sessions.add_message(b, w.session.id, role="user", text="injected"))


@attack
def list_messages(w, s, b):
    refused(lambda: s.sessions.list_messages(b, w.session.id))


@attack
def get_message(w, s, b):
    refused(lambda: s.sessions.get_message(b, w.message.id))


@attack
def writing(w, s, b):
    def write():
        with s.sessions.writing(b, w.session.id) as unit:
            unit.add_message(role="user", text="injected")
            unit.update(state={"phase": "stolen"})
    refused(write)


@attack
def recent_answer_metrics(w, s, b):
    assert s.sessions.recent_answer_metrics(w.ada.id) and s.sessions.recent_answer_metrics(b) == []


@attack
def update_message(w, s, b):
    refused(lambda: s.sessions.update_message(b, w.message.id, text="rewritten"))


@attack
def add_feedback(w, s, b):
    refused(lambda: s.sessions.add_feedback(b, w.session.id, scope="step", score=1))
    refused(lambda: s.sessions.add_feedback(b, w.bob_session.id, scope="step", score=1,
                                   message_id=w.message.id))


@attack
def list_feedback(w, s, b):
    refused(lambda: s.sessions.list_feedback(b, w.session.id))


@attack
def progress_data(w, s, b):
    data = s.progress.progress_data(b)
    assert [uuid.UUID(str(i)) for i in data.sessions.column("id")] == [w.bob_session.id]
    assert len(data.criteria) == 0


@attack
def progress_rows(w, s, b):
    rows = s.progress.progress_rows(b)
    assert len(rows.scores) == len(rows.answers) == 0


def user_methods() -> list[str]:
    """Every public method, of every repository of the store, that takes a user id."""
    return sorted(
        name for repository in Repository.__subclasses__()
        for name, fn in inspect.getmembers(repository, inspect.isfunction)
        if not name.startswith("_") and "user_id" in inspect.signature(fn).parameters
    )


def test_every_user_method_has_an_isolation_check():
    assert set(user_methods()) == set(ATTACKS), "add the new store method to ATTACKS"


@pytest.mark.parametrize("method", sorted(ATTACKS))
def test_second_user_cannot_touch_first_users_rows(world, method):
    before = snapshot(world)
    ATTACKS[method](world, world.store, world.bob.id)
    assert snapshot(world) == before


def test_reading_with_the_wrong_user_looks_like_missing(world):
    """Someone else's row and a row that does not exist give the very same error."""
    s = world.store
    with pytest.raises(NotFound) as theirs:
        s.sessions.get_session(world.bob.id, world.session.id)
    with pytest.raises(NotFound) as missing:
        s.sessions.get_session(world.bob.id, uuid.uuid4())
    assert str(theirs.value) == str(missing.value)
