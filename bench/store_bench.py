"""Store speed on SQLite with 10,000 sessions and 100,000 messages.

Figures: median time to list a user's 50 most recent sessions (target under 20 ms) and to load
one session with its messages and feedback (target under 20 ms), through the store.
Baselines in the same run: the same SQL through the raw sqlite3 module (the floor: what the
ORM and records cost), and the store on a copy of the database without Ava's two indexes
(what the indexes buy).

    python bench/store_bench.py [--sessions 10000] [--messages-per-session 10]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from ava_core.store import db, models  # noqa: E402
from ava_core.store import Store  # noqa: E402

HEAVY_USER_SESSIONS = 2_000
# The indexes Ava adds for these reads; the baseline database has none of them.
NO_INDEX_BASELINE = ("ix_sessions_user_started", "ix_messages_session_order",
                     "ix_messages_user_session", "ix_feedback_session_id", "ix_feedback_user_session")
SESSIONS_PER_OTHER_USER = 100


def populate(path: Path, sessions: int, per_session: int) -> tuple[uuid.UUID, uuid.UUID]:
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    heavy = uuid.uuid4()
    users = [heavy] + [uuid.uuid4() for _ in range((sessions - HEAVY_USER_SESSIONS) // SESSIONS_PER_OTHER_USER)]
    owners = [heavy] * HEAVY_USER_SESSIONS + [
        u for u in users[1:] for _ in range(SESSIONS_PER_OTHER_USER)
    ]
    rng.shuffle(owners)
    now = datetime.now(timezone.utc)
    session_rows, message_rows, feedback_rows = [], [], []
    for i, owner in enumerate(owners):
        sid = uuid.uuid4()
        started = start + timedelta(minutes=i * 37 + rng.randint(0, 30))
        session_rows.append({
            "id": sid, "user_id": owner, "mode": rng.choice(["coding", "behavioral"]),
            "status": "finished", "title": f"Session {i}", "topic": "graphs", "difficulty": "medium",
            "context": {"question": {"id": f"q{i % 80}", "title": "A question"}},
            "state": {"step": "done"}, "overall_score": rng.uniform(30, 95),
            "hiring_signal": "lean_hire", "started_at": started, "updated_at": started,
            "finished_at": started + timedelta(minutes=40),
        })
        for j in range(per_session):
            message_rows.append({
                "session_id": sid, "user_id": owner, "role": "user" if j % 2 else "interviewer",
                "kind": "answer", "step": "plan", "text": "I would use a hash map " * 12,
                "words_per_minute": 140.0, "fillers_per_100_words": 1.2, "long_pauses": 1,
                "talk_time_s": 30.0, "metrics": {"wpm": 140}, "data": {}, "created_at": started,
            })
        feedback_rows.append({
            "session_id": sid, "user_id": owner, "scope": "session", "score": 70.0,
            "summary": "Solid", "evidence": ["quote"], "improvement": "More edge cases",
            "provider": "offline", "details": {}, "created_at": now,
        })
    with engine.begin() as conn:
        conn.execute(insert(models.User), [
            {"id": u, "email": f"{u}@example.com", "display_name": "User", "auth_provider": "local",
             "preferences": {}, "created_at": now} for u in users
        ])
        conn.execute(insert(models.InterviewSession), session_rows)
        conn.execute(insert(models.Message), message_rows)
        conn.execute(insert(models.Feedback), feedback_rows)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        target = conn.exec_driver_sql(
            "SELECT id FROM sessions WHERE user_id = ? ORDER BY started_at DESC LIMIT 1 OFFSET 25",
            (heavy.hex,),
        ).scalar()
    engine.dispose()
    return heavy, uuid.UUID(target)


def median_ms(fn, repeat: int) -> float:
    fn()  # warm the connection pool and statement caches
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def store_timings(path: Path, user: uuid.UUID, session: uuid.UUID, repeat: int):
    store = Store(db.make_engine(f"sqlite:///{path}"))
    listed = store.sessions.list_sessions(user, limit=50)
    loaded = store.sessions.load_session(user, session)
    assert len(listed) == 50 and loaded.messages
    result = (
        median_ms(lambda: store.sessions.list_sessions(user, limit=50), repeat),
        median_ms(lambda: store.sessions.load_session(user, session), repeat),
        len(loaded.messages),
    )
    store.engine.dispose()
    return result


def raw_timings(path: Path, user: uuid.UUID, session: uuid.UUID, repeat: int):
    conn = sqlite3.connect(path)

    def list_raw():
        return conn.execute(
            "SELECT * FROM sessions WHERE user_id = ? ORDER BY started_at DESC, id LIMIT 50",
            (user.hex,),
        ).fetchall()

    def load_raw():
        conn.execute("SELECT * FROM sessions WHERE id = ? AND user_id = ?", (session.hex, user.hex)).fetchall()
        conn.execute("SELECT * FROM messages WHERE session_id = ? AND user_id = ? ORDER BY id",
                     (session.hex, user.hex)).fetchall()
        conn.execute("SELECT * FROM feedback WHERE session_id = ? AND user_id = ? ORDER BY id",
                     (session.hex, user.hex)).fetchall()

    result = median_ms(list_raw, repeat), median_ms(load_raw, repeat)
    conn.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--messages-per-session", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t = time.perf_counter()
        user, session = populate(path, args.sessions, args.messages_per_session)
        print(f"built {args.sessions:,} sessions, {args.sessions * args.messages_per_session:,} "
              f"messages in {time.perf_counter() - t:.1f} s (heavy user: {HEAVY_USER_SESSIONS:,} sessions)")

        list_ms, load_ms, n_messages = store_timings(path, user, session, args.repeat)
        raw_list, raw_load = raw_timings(path, user, session, args.repeat)

        bare = Path(tmp) / "no_indexes.db"
        shutil.copy(path, bare)
        with sqlite3.connect(bare) as conn:
            for index in NO_INDEX_BASELINE:
                conn.execute(f"DROP INDEX {index}")
        slow_list, slow_load, _ = store_timings(bare, user, session, max(20, args.repeat // 10))

    print(f"\n{'figure':<44}{'store':>10}{'raw sqlite3':>13}{'no indexes':>12}")
    print(f"{'list 50 most recent sessions (median ms)':<44}{list_ms:>10.2f}{raw_list:>13.2f}{slow_list:>12.2f}")
    print(f"{f'load one session + {n_messages} messages (median ms)':<44}{load_ms:>10.2f}{raw_load:>13.2f}{slow_load:>12.2f}")
    print(f"\nlist: {list_ms:.2f} ms (target < 20 ms: {'met' if list_ms < 20 else 'MISSED'}); "
          f"{list_ms / raw_list:.1f}x raw sqlite3; no-index baseline is {slow_list / list_ms:.1f}x slower")
    print(f"load: {load_ms:.2f} ms (target < 20 ms: {'met' if load_ms < 20 else 'MISSED'}); "
          f"{load_ms / raw_load:.1f}x raw sqlite3; no-index baseline is {slow_load / load_ms:.1f}x slower")


if __name__ == "__main__":
    main()
