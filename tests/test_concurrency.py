"""Concurrency on the embedded SQLite database: parallel writers lose nothing."""

from __future__ import annotations

import threading

from ava_core import db
from ava_core.store import Store

THREADS = 8
MESSAGES_PER_THREAD = 200


def test_eight_threads_writing_two_hundred_messages_each_lose_nothing(tmp_path):
    store = Store(db.make_engine(f"sqlite:///{tmp_path / 'busy.db'}"))
    db.upgrade(store.engine)
    user = store.create_user("ada@example.com", "Ada")
    session = store.create_session(user.id, "behavioral")
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(MESSAGES_PER_THREAD):
                # add_message reads the session, then writes: the pattern that loses writes or
                # fails with "database is locked" when transactions start deferred.
                store.add_message(user.id, session.id, role="user", text=f"{n}:{i}",
                                  data={"thread": n, "i": i})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    messages = store.list_messages(user.id, session.id)
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
