"""Progress dashboard speed on SQLite, for a user with 2,000 sessions and their messages.

Figures:
1. Time to build all the frames of the page from the store (load the history, then every frame
   and figure: ``load_history`` + ``build``), median of fresh loads (target under 200 ms).
   Baselines in the same run: the summaries computed from the scores and answers in their own
   tables (the store's fallback for sessions without a stored summary: tens of thousands of rows
   instead of one per session), and the naive way, one store call per session (``list_sessions`` then
   ``load_session`` for each); both feed the same frame code.
2. Time to render the progress page under AppTest, signed in as that user: the first render in a
   fresh process (the Scores tab), a rerun in the same process (a filter change, say), and the
   slowest switch to another tab (only the open tab runs) (target under 2 s).
   Baseline in the same run: the same page for a new user with no sessions (the page's fixed
   cost: Streamlit, pandas, the question bank; Altair is only imported once there is data).

The machine may be shared: each figure also gives the CPU time the process used (which other
processes' load does not inflate as much as wall time) or the fastest run.

    python bench/progress_bench.py [--sessions 2000] [--others 2000] [--repeat 25] [--samples 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ava_core import progress  # noqa: E402
from ava_core.store import db  # noqa: E402
from ava_core.questions import TOPICS  # noqa: E402
from ava_core.store import ProgressData, Store, Table  # noqa: E402
from ava_core.store.summary import DELIVERY, summarize  # noqa: E402
from tests.progress_helpers import bulk_history  # noqa: E402

HEAVY = "bench@example.com"
TZ = "Europe/Paris"
NEW = "new@example.com"
OTHERS = 4

SAMPLE = r"""
import json, sys, time
from streamlit.testing.v1 import AppTest
from streamlit.runtime import pages_manager
init = pages_manager.PagesManager.__init__
def patched(self, *a, **k):
    init(self, *a, **k)
    pages_manager.PagesManager.uses_pages_directory = False
pages_manager.PagesManager.__init__ = patched
from ava_core.accounts import SignedIn
from ava_core.settings import load_settings
from ava_core.store import Store
email, expected = sys.argv[1], int(sys.argv[2])
store = Store.open(load_settings(), migrate=False)
at = AppTest.from_file("app.py", default_timeout=120)
at.session_state["signed_in"] = SignedIn(store.accounts.credentials(email)[0])
c0, t0 = time.process_time(), time.perf_counter()
at.switch_page("pages/progress.py").run()
t1, c1 = time.perf_counter(), time.process_time()
at.run()
t2 = time.perf_counter()
assert not at.exception, at.exception
shown = {m.label: m.value for m in at.metric}
assert shown.get("Sessions done", "0") == f"{expected:,}", shown
tabs = {}
for label in ("Coding", "Behavioral", "Delivery", "History") if expected else ():
    at.session_state["progress_tab"] = label
    t = time.perf_counter()
    at.run()
    tabs[label] = time.perf_counter() - t
    assert not at.exception, at.exception
print(json.dumps({"first": t1 - t0, "first_cpu": c1 - c0, "rerun": t2 - t1, "tabs": tabs}))
"""


def prepare(path: Path, sessions: int, others: int) -> None:
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    store = Store(engine)
    last = datetime.now(timezone.utc)
    heavy = store.accounts.create_user(HEAVY, "Bench", password_hash="x")
    store.accounts.create_user(NEW, "New", password_hash="x")
    for i in range(OTHERS):
        other = store.accounts.create_user(f"other{i}@example.com", "Other", password_hash="x")
        bulk_history(store, other.id, others // OTHERS, last)
    bulk_history(store, heavy.id, sessions, last)
    store.sessions.fill_summaries()  # bulk inserts bypass the store's writes; Store.open would fill them
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def naive_data(store: Store, user_id: uuid.UUID) -> ProgressData:
    """The same data as ``Progress.progress_data``, gathered one store call per session."""
    topics = {q.id: q.topics for q in store.bank.list_questions(user_id)}
    sessions, criteria = [], []
    for s in store.sessions.list_sessions(user_id, limit=None):
        detail = store.sessions.load_session(user_id, s.id)
        spoken = [m for m in detail.messages if m.role == "user" and m.kind == "answer"]
        measured = {name: [getattr(m, name) for m in spoken if getattr(m, name) is not None]
                    for name in DELIVERY}
        summed = summarize(
            [(f.scope, c.step or f.step, c.criterion, c.score, c.out_of)
             for f in detail.feedback for c in f.scores],
            {name: sum(v) / len(v) if v else None for name, v in measured.items()})
        sessions.append((s.id, s.mode, s.status, s.title, s.topic, s.difficulty, s.overall_score,
                         s.hiring_signal, s.started_at, s.updated_at, s.finished_at,
                         topics.get(s.question_id), *summed["delivery"].values()))
        c = summed["criteria"]
        criteria += zip([s.id] * len(c["criterion"]), *c.values())
    real = store.progress.progress_data(user_id)
    return ProgressData(*(Table(t.columns, tuple(zip(*rows)) or ((),) * len(t.columns))
                          for t, rows in ((real.sessions, sessions), (real.criteria, criteria))))


def frame_timings(path: Path, repeat: int) -> dict:
    tables_path = path.with_name("tables.db")  # a copy without session summaries
    shutil.copy(path, tables_path)
    with sqlite3.connect(tables_path) as conn:
        conn.execute("UPDATE sessions SET summary = NULL")
    tables = Store(db.make_engine(f"sqlite:///{tables_path}"))
    store = Store(db.make_engine(f"sqlite:///{path}"))
    user = store.accounts.credentials(HEAVY)[0].id
    bank = dict.fromkeys(TOPICS, 3)  # a fixed bank: the figure must not depend on its growth
    now = datetime.now(timezone.utc)

    def all_frames(load):
        c0, t0 = time.process_time(), time.perf_counter()
        history = load()
        t1 = time.perf_counter()
        dash = progress.build(history, progress.Filters(), bank, now)
        t2, c2 = time.perf_counter(), time.process_time()
        assert dash.headline.sessions_done == len(history.sessions)
        return t1 - t0, t2 - t1, c2 - c0

    def measure(load, n):
        all_frames(load)  # warm the connection and the statement caches
        runs = [all_frames(load) for _ in range(n)]
        totals = [(r[0] + r[1]) * 1000 for r in runs]
        return {"total": statistics.median(totals), "fastest": min(totals),
                "load": statistics.median(r[0] for r in runs) * 1000,
                "build": statistics.median(r[1] for r in runs) * 1000,
                "cpu": statistics.median(r[2] for r in runs) * 1000}

    fast = measure(lambda: progress.load_history(store, user, TZ), repeat)
    from_tables = measure(lambda: progress.load_history(tables, user, TZ), repeat)
    naive = measure(lambda: progress.history_from_data(naive_data(store, user),
                                                       lambda: store.progress.progress_rows(user), TZ),
                    max(3, repeat // 5))
    store.engine.dispose()
    tables.engine.dispose()
    return {"fast": fast, "tables": from_tables, "naive": naive}


def render(email: str, expected: int, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", SAMPLE, email, str(expected)], capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=600)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--others", type=int, default=2000, help="sessions of other users")
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--samples", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "progress.db"
        t = time.perf_counter()
        prepare(path, args.sessions, args.others)
        print(f"built {args.sessions:,} sessions for one user (and {args.others:,} for "
              f"{OTHERS} others) in {time.perf_counter() - t:.1f} s")
        frames = frame_timings(path, args.repeat)
        env = {**os.environ, "AVA_SQLITE_PATH": str(path), "PYTHONPATH": str(ROOT)}
        heavy = [render(HEAVY, args.sessions, env) for _ in range(args.samples)]
        empty = [render(NEW, 0, env) for _ in range(args.samples)]

    fast, tables, naive = frames["fast"], frames["tables"], frames["naive"]
    print(f"\n1. all frames, median of {args.repeat} fresh loads (wall time; the CPU time this "
          f"process used, which other processes on the machine inflate less; the fastest run):")
    print(f"   load_history + build:            {fast['total']:7.1f} ms, CPU {fast['cpu']:.1f} ms, "
          f"fastest {fast['fastest']:.1f} ms (load {fast['load']:.1f}: 1 query and the history "
          f"frames; build {fast['build']:.1f}: every frame of the page)")
    print(f"   baseline, summaries from the score and answer tables: {tables['total']:7.1f} ms, CPU "
          f"{tables['cpu']:.1f} ms, fastest {tables['fastest']:.1f} ms (load {tables['load']:.1f}, "
          f"build {tables['build']:.1f})")
    print(f"   baseline, one load_session per session: {naive['total']:7.1f} ms, CPU "
          f"{naive['cpu']:.1f} ms (load {naive['load']:.1f}, build {naive['build']:.1f})")
    print(f"   tables / stored summaries: {tables['total'] / fast['total']:.1f}x; "
          f"load_session per session / stored summaries: {naive['total'] / fast['total']:.1f}x; "
          f"target < 200 ms: "
          f"{'met' if fast['total'] < 200 else 'MISSED'}")

    first = statistics.median(h["first"] for h in heavy)
    first_cpu = statistics.median(h["first_cpu"] for h in heavy)
    floor_cpu = statistics.median(e["first_cpu"] for e in empty)
    rerun = statistics.median(h["rerun"] for h in heavy)
    tabs = {label: statistics.median(h["tabs"][label] for h in heavy) for label in heavy[0]["tabs"]}
    slowest = max(tabs, key=tabs.get)
    floor_first = statistics.median(e["first"] for e in empty)
    floor_rerun = statistics.median(e["rerun"] for e in empty)
    print(f"\n2. progress page under AppTest, median of {args.samples} fresh processes:")
    print(f"   {args.sessions:,} sessions: first render {first:.2f} s (CPU {first_cpu:.2f} s), "
          f"rerun {rerun:.2f} s, "
          f"slowest tab switch {tabs[slowest]:.2f} s ({slowest}; "
          + ", ".join(f"{k} {v:.2f}" for k, v in tabs.items()) + ")")
    print(f"   baseline, a new user:   first render {floor_first:.2f} s (CPU {floor_cpu:.2f} s), "
          f"rerun {floor_rerun:.2f} s")
    print(f"   {args.sessions:,} sessions / new user: first {first / floor_first:.1f}x, rerun "
          f"{rerun / floor_rerun:.1f}x; target < 2 s: "
          f"{'met' if max(first, rerun, tabs[slowest]) < 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
