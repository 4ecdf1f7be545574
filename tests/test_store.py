"""The store's contract, run against SQLite and a real PostgreSQL server alike."""

from __future__ import annotations

import stat
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from ava_core.errors import InvalidInput, NotFound
from ava_core.store import AlreadyExists, Score, SignInThrottle, db


def make_user(store, email="ada@example.com", name="Ada"):
    return store.accounts.create_user(email, name, password_hash="x")


def bank_item(qid, title="Two Sum", body=None, kind="coding"):
    return {
        "id": qid, "kind": kind, "title": title, "topics": ["arrays-and-hashing"],
        "difficulty": "easy", "body": body or {"statement": title},
    }


# --- users ---------------------------------------------------------------------------------


def test_user_round_trip(store):
    user = make_user(store)
    assert store.accounts.get_user(user.id) == user
    assert user.created_at.tzinfo is not None
    found, password_hash = store.accounts.credentials("ada@example.com")
    assert found.id == user.id and password_hash == "x"
    assert store.accounts.credentials("nobody@example.com") is None


def test_duplicate_email_is_refused(store):
    make_user(store)
    with pytest.raises(AlreadyExists):
        make_user(store, name="Other Ada")


def test_update_user_and_sign_in_time(store):
    user = make_user(store)
    updated = store.accounts.update_user(user.id, display_name="Ada L.", preferences={"voice": False})
    assert updated.display_name == "Ada L." and updated.preferences == {"voice": False}
    assert store.accounts.record_sign_in(user.id).last_sign_in_at is not None
    store.accounts.set_password_hash(user.id, "y")
    assert store.accounts.credentials(user.email)[1] == "y"


def test_unknown_and_malformed_user_ids_are_not_found(store):
    for bad in (uuid.uuid4(), "not-a-uuid", "", "1 OR 1=1"):
        with pytest.raises(NotFound):
            store.accounts.get_user(bad)


def test_external_user_is_created_then_refreshed(store):
    uid = uuid.uuid4()
    first = store.accounts.ensure_external_user(uid, "sb@example.com", "Sb", "supabase")
    again = store.accounts.ensure_external_user(uid, "sb2@example.com", "Sb", "supabase")
    assert first.id == again.id == uid and again.email == "sb2@example.com"
    make_user(store, "taken@example.com")
    with pytest.raises(AlreadyExists):
        store.accounts.ensure_external_user(uuid.uuid4(), "taken@example.com", "T", "supabase")


# --- sessions, messages, feedback --------------------------------------------------------------


def test_session_lifecycle(store):
    user = make_user(store)
    session = store.sessions.create_session(
        user.id, "coding", title="Two Sum", topic="arrays-and-hashing", difficulty="easy",
        context={"question": {"id": "two-sum"}}, state={"step": "understand"}, time_limit_s=2700,
    )
    assert session.status == "active" and session.state == {"step": "understand"}
    assert store.sessions.unfinished_session(user.id) == session
    assert store.sessions.unfinished_session(user.id, mode="behavioral") is None

    finished_at = datetime.now(timezone.utc)
    done = store.sessions.update_session(
        user.id, session.id, status="finished", overall_score=72.5, hiring_signal="hire",
        finished_at=finished_at, state={"step": "done"},
    )
    assert done.status == "finished" and done.overall_score == 72.5
    assert done.updated_at >= session.updated_at
    assert store.sessions.get_session(user.id, session.id) == done
    assert store.sessions.unfinished_session(user.id) is None


def test_session_fields_are_checked(store):
    user = make_user(store)
    with pytest.raises(ValueError):
        store.sessions.create_session(user.id, "karaoke")
    session = store.sessions.create_session(user.id, "behavioral")
    with pytest.raises(ValueError):
        store.sessions.update_session(user.id, session.id, mode="coding")
    with pytest.raises(ValueError):
        store.sessions.update_session(user.id, session.id, status="paused")


def test_list_sessions_most_recent_first_with_filters(store):
    user = make_user(store)
    ids = []
    for i in range(5):
        s = store.sessions.create_session(user.id, "coding" if i % 2 else "behavioral", title=f"s{i}")
        ids.append(s.id)
    listed = store.sessions.list_sessions(user.id)
    assert [s.title for s in listed] == ["s4", "s3", "s2", "s1", "s0"]
    assert [s.title for s in store.sessions.list_sessions(user.id, limit=2)] == ["s4", "s3"]
    assert [s.title for s in store.sessions.list_sessions(user.id, mode="coding")] == ["s3", "s1"]
    store.sessions.update_session(user.id, ids[0], status="finished")
    assert [s.title for s in store.sessions.list_sessions(user.id, status="finished")] == ["s0"]
    assert len(store.sessions.list_sessions(user.id, limit=None)) == 5


def test_messages_keep_order_and_metrics(store):
    user = make_user(store)
    session = store.sessions.create_session(user.id, "coding")
    first = store.sessions.add_message(user.id, session.id, role="interviewer", kind="question", text="Q?")
    second = store.sessions.add_message(
        user.id, session.id, role="user", step="understand", text="So the input is...",
        metrics={"words_per_minute": 140.0, "fillers": {"um": 2}}, audio_seconds=12.5,
        words_per_minute=140.0, fillers_per_100_words=1.5, long_pauses=1, talk_time_s=11.0,
        data={"words": [["so", 0.0, 0.2]]},
    )
    third = store.sessions.add_message(user.id, session.id, role="user", step="implement", text="",
                              code="def f(): pass")
    messages = store.sessions.list_messages(user.id, session.id)
    assert [m.id for m in messages] == [first.id, second.id, third.id]
    assert messages[1].metrics["fillers"] == {"um": 2} and messages[1].long_pauses == 1
    assert messages[2].code == "def f(): pass"

    edited = store.sessions.update_message(user.id, second.id, text="So the input is a list")
    assert edited.text == "So the input is a list"
    with pytest.raises(ValueError):
        store.sessions.update_message(user.id, second.id, role="interviewer")
    with pytest.raises(ValueError):
        store.sessions.add_message(user.id, session.id, role="narrator", text="...")


def test_recent_answer_metrics_are_the_latest_spoken_answers_oldest_first(store):
    user = make_user(store)
    session = store.sessions.create_session(user.id, "coding")
    for i in range(7):
        store.sessions.add_message(user.id, session.id, role="user", text=f"a{i}",
                          metrics={"words_per_minute": 100 + i})
    store.sessions.add_message(user.id, session.id, role="user", text="typed, no metrics")
    store.sessions.add_message(user.id, session.id, role="user", kind="code_run", text="ran",
                      metrics={"words_per_minute": 1})
    assert [m["words_per_minute"] for m in store.sessions.recent_answer_metrics(user.id)] == [102, 103, 104, 105, 106]
    assert len(store.sessions.recent_answer_metrics(user.id, limit=2)) == 2


def test_feedback_with_scores(store):
    user = make_user(store)
    session = store.sessions.create_session(user.id, "behavioral")
    answer = store.sessions.add_message(user.id, session.id, role="user", text="I led the migration...")
    fb = store.sessions.add_feedback(
        user.id, session.id, scope="answer", score=3.5, message_id=answer.id,
        summary="Clear situation, thin result.", evidence=["I led the migration"],
        improvement="Say what changed, with a number.", provider="offline",
        details={"star": {"situation": True}},
        scores=[Score("star_result", 2, evidence=["it went well"]), Score("ownership", 4.5)],
    )
    assert [s.criterion for s in fb.scores] == ["star_result", "ownership"]
    assert fb.scores[0].evidence == ["it went well"] and fb.scores[1].out_of == 5.0
    report = store.sessions.add_feedback(user.id, session.id, scope="session", score=68.0,
                                summary="Lean hire", details={"signal": "lean_hire"})
    listed = store.sessions.list_feedback(user.id, session.id)
    assert [f.id for f in listed] == [fb.id, report.id]
    assert listed[0] == fb and listed[1].scores == ()

    with pytest.raises(ValueError):
        store.sessions.add_feedback(user.id, session.id, scope="vibes", score=1)
    other = store.sessions.create_session(user.id, "behavioral")
    with pytest.raises(NotFound):  # a message of another session
        store.sessions.add_feedback(user.id, other.id, scope="answer", score=1, message_id=answer.id)


def test_load_session_returns_everything(store):
    user = make_user(store)
    session = store.sessions.create_session(user.id, "coding", title="Valid Parentheses")
    m = store.sessions.add_message(user.id, session.id, role="user", step="match", text="A stack")
    store.sessions.add_feedback(user.id, session.id, scope="step", step="match", score=4, message_id=m.id,
                       scores=[Score("match", 4, step="match")])
    detail = store.sessions.load_session(user.id, session.id)
    assert detail.session.title == "Valid Parentheses"
    assert [x.text for x in detail.messages] == ["A stack"]
    assert detail.feedback[0].scores[0].criterion == "match"


def test_deleting_a_session_removes_its_rows(store):
    user = make_user(store)
    session = store.sessions.create_session(user.id, "coding")
    m = store.sessions.add_message(user.id, session.id, role="user", text="hi")
    store.sessions.add_feedback(user.id, session.id, scope="step", score=3, message_id=m.id,
                       scores=[Score("plan", 3)])
    store.sessions.delete_session(user.id, session.id)
    counts = store.accounts.count_rows(user.id)
    assert counts["sessions"] == counts["messages"] == counts["feedback"] == counts["step_scores"] == 0
    with pytest.raises(NotFound):
        store.sessions.get_session(user.id, session.id)


# --- resumes -------------------------------------------------------------------------------


def test_resumes(store):
    user = make_user(store)
    r1 = store.resumes.add_resume(user.id, filename="cv.pdf", text="# Ada", parsed={"skills": ["Python"]},
                          page_count=1, size_bytes=1234, sha256="a" * 64)
    r2 = store.resumes.add_resume(user.id, filename="x" * 300 + ".pdf", text="# Ada v2", parsed={},
                          page_count=2, size_bytes=2048, sha256="b" * 64)
    assert len(r2.filename) == 255
    assert [r.id for r in store.resumes.list_resumes(user.id)] == [r2.id, r1.id]
    assert store.resumes.get_resume(user.id, r1.id).parsed == {"skills": ["Python"]}
    session = store.sessions.create_session(user.id, "behavioral", resume_id=r1.id)
    store.resumes.delete_resume(user.id, r1.id)
    assert [r.id for r in store.resumes.list_resumes(user.id)] == [r2.id]
    assert store.sessions.get_session(user.id, session.id).resume_id is None  # the session stays


# --- questions -------------------------------------------------------------------------------


def test_bank_sync_is_idempotent(store):
    bank = [bank_item("two-sum"), bank_item("valid-parentheses", "Valid Parentheses")]
    assert store.bank.sync_bank(bank).added == 2
    again = store.bank.sync_bank(bank)
    assert (again.added, again.updated, again.retired, again.unchanged) == (0, 0, 0, 2)

    changed = [bank_item("two-sum", "Two Sum (revised)", {"statement": "new"})]
    result = store.bank.sync_bank(changed)
    assert (result.updated, result.retired, result.unchanged) == (1, 1, 0)
    user = make_user(store)
    titles = [q.title for q in store.bank.list_questions(user.id)]
    assert titles == ["Two Sum (revised)"]
    # A retired question can still be opened (old sessions point at it), and comes back.
    assert store.bank.get_question(user.id, "valid-parentheses").retired
    assert store.bank.sync_bank(bank).updated == 2
    assert not store.bank.get_question(user.id, "valid-parentheses").retired


def test_custom_questions(store):
    store.bank.sync_bank([bank_item("two-sum")])
    user = make_user(store)
    mine = store.bank.add_question(user.id, kind="behavioral", title="Tell me about a launch",
                              body={"text": "Tell me about a launch"}, topics=["impact"])
    assert mine.source == "custom" and mine.owner_id == user.id and mine.id.startswith("custom-")
    assert {q.id for q in store.bank.list_questions(user.id)} == {"two-sum", mine.id}
    assert [q.id for q in store.bank.list_questions(user.id, kind="behavioral")] == [mine.id]
    with pytest.raises(ValueError):  # a custom id never collides with the bank's
        store.bank.add_question(user.id, kind="coding", title="x", body={}, question_id="two-sum")
    with pytest.raises(InvalidInput):
        store.bank.delete_question(user.id, "two-sum")
    store.bank.delete_question(user.id, mine.id)
    with pytest.raises(NotFound):
        store.bank.get_question(user.id, mine.id)
    with pytest.raises(NotFound):
        store.bank.delete_question(user.id, "no-such-question")


def test_session_on_a_question(store):
    store.bank.sync_bank([bank_item("two-sum")])
    user = make_user(store)
    session = store.sessions.create_session(user.id, "coding", question_id="two-sum")
    assert session.question_id == "two-sum"
    with pytest.raises(NotFound):
        store.sessions.create_session(user.id, "coding", question_id="missing")


# --- throttle and account deletion ---------------------------------------------------------------


def test_throttle_row_updates_atomically(store):
    now = datetime.now(timezone.utc)
    state = store.accounts.update_throttle(
        "a@example.com", lambda old: SignInThrottle("a@example.com", 1, now, None, 0)
    )
    assert store.accounts.get_throttle("a@example.com") == state
    bumped = store.accounts.update_throttle(
        "a@example.com",
        lambda old: SignInThrottle(old.email, old.failures + 1, old.window_started_at,
                                   now + timedelta(minutes=1), 1),
    )
    assert bumped.failures == 2 and store.accounts.get_throttle("a@example.com").locked_until is not None
    assert store.accounts.update_throttle("a@example.com", lambda old: None) is None
    assert store.accounts.get_throttle("a@example.com") is None


def test_delete_user_removes_every_row_and_only_theirs(store):
    store.bank.sync_bank([bank_item("two-sum")])
    ada, bob = make_user(store), make_user(store, "bob@example.com", "Bob")
    for user in (ada, bob):
        session = store.sessions.create_session(user.id, "coding", question_id="two-sum")
        m = store.sessions.add_message(user.id, session.id, role="user", text="hello")
        store.sessions.add_feedback(user.id, session.id, scope="step", score=3, message_id=m.id,
                           scores=[Score("understand", 3)])
        store.resumes.add_resume(user.id, filename="cv.pdf", text="", parsed={}, page_count=1,
                         size_bytes=1, sha256="c" * 64)
        store.bank.add_question(user.id, kind="coding", title="Mine", body={})
    bob_before = store.accounts.count_rows(bob.id)

    deleted = store.accounts.delete_user(ada.id)
    assert deleted == {"step_scores": 1, "feedback": 1, "messages": 1, "sessions": 1,
                       "resumes": 1, "questions": 1, "users": 1}
    assert set(store.accounts.count_rows(ada.id).values()) == {0}
    assert store.accounts.count_rows(bob.id) == bob_before
    assert store.bank.list_questions(bob.id)  # the bank is untouched
    with pytest.raises(NotFound):
        store.accounts.delete_user(ada.id)


def test_the_sqlite_file_and_the_folders_made_for_it_are_private(tmp_path):
    """Another user of the machine (or a sandboxed run) cannot read the accounts and answers."""
    path = tmp_path / "new" / "deeper" / "ava.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("create table t (x)")  # the WAL file appears with a write
    made = [path, path.with_name("ava.db-wal"), path.parent, path.parent.parent]
    assert [stat.S_IMODE(p.stat().st_mode) for p in made] == [0o600, 0o600, 0o700, 0o700]
    engine.dispose()
    path.chmod(0o644)  # a file made before: made private when opened again
    db.make_engine(f"sqlite:///{path}").dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
