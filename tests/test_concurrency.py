"""Concurrency: parallel writers lose nothing (SQLite, and PostgreSQL where said)."""

from __future__ import annotations

import threading

from ava_core.store import db
from ava_core.store import Score, Store

THREADS = 8
MESSAGES_PER_THREAD = 200


def run_together(threads: int, work) -> list[BaseException]:
    """``work(n)`` in ``threads`` threads started at once; what they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def run(n: int) -> None:
        try:
            start.wait()
            work(n)
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            errors.append(exc)

    pool = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return errors


def test_eight_threads_writing_two_hundred_messages_each_lose_nothing(tmp_path):
    store = Store(db.make_engine(f"sqlite:///{tmp_path / 'busy.db'}"))
    db.upgrade(store.engine)
    user = store.accounts.create_user("ada@example.com", "Ada")
    session = store.sessions.create_session(user.id, "behavioral")

    def writer(n: int) -> None:
        for i in range(MESSAGES_PER_THREAD):
            # add_message reads the session, then writes: the pattern that loses writes or
            # fails with "database is locked" when transactions start deferred.
            store.sessions.add_message(user.id, session.id, role="user", text=f"{n}:{i}",
                              data={"thread": n, "i": i})

    assert run_together(THREADS, writer) == []
    messages = store.sessions.list_messages(user.id, session.id)
    assert len(messages) == THREADS * MESSAGES_PER_THREAD
    assert {m.text for m in messages} == {
        f"{n}:{i}" for n in range(THREADS) for i in range(MESSAGES_PER_THREAD)
    }
    for n in range(THREADS):  # each thread's messages are stored in the order it wrote them
        own = [m.data["i"] for m in messages if m.data["thread"] == n]
        assert own == list(range(MESSAGES_PER_THREAD))


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_parallel_answers_and_feedback_on_one_session_keep_its_summary_whole(store):
    """On PostgreSQL too: each write recomputes the session's summary, and none may be computed
    from rows that miss another writer's committed answer or score."""
    user = store.accounts.create_user("ada@example.com", "Ada")
    session = store.sessions.create_session(user.id, "behavioral")
    threads, writes = 4, 15

    def writer(n: int) -> None:
        for i in range(writes):
            if n % 2:
                store.sessions.add_message(user.id, session.id, role="user", text=f"{n}:{i}",
                                  words_per_minute=100 + n * writes + i)
            else:
                store.sessions.add_feedback(user.id, session.id, scope="answer", score=3,
                                   scores=[Score("specificity", 1 + (n + i) % 5)])

    assert run_together(threads, writer) == []
    stored = store.progress.progress_data(user.id)
    assert stored.criteria.column("n") == (threads // 2 * writes,)
    speeds = [100 + n * writes + i for n in (1, 3) for i in range(writes)]
    assert stored.sessions.column("words_per_minute") == (sum(speeds) / len(speeds),)
    assert store.sessions.fill_summaries() == 0
