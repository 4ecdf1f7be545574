"""Cold first render of the home page under AppTest (target under 1.5 s).

Each sample is a fresh Python process (cold imports, a database to open and migrate-check),
signed in as a user with 20 sessions, timing ``AppTest.run()`` of app.py. Baseline in the same
run: the cold first render of a one-line Streamlit script, which is the floor Streamlit itself
sets.

    python bench/home_bench.py [--samples 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = r"""
import json, sys, time
t0 = time.perf_counter()
from streamlit.testing.v1 import AppTest
from streamlit.runtime import pages_manager
init = pages_manager.PagesManager.__init__
def patched(self, *a, **k):
    init(self, *a, **k)
    pages_manager.PagesManager.uses_pages_directory = False
pages_manager.PagesManager.__init__ = patched
mode, script = sys.argv[1], sys.argv[2]
at = AppTest.from_file(script, default_timeout=60)
if mode == "home":
    from ava_core.accounts import SignedIn
    from ava_core.settings import load_settings
    from ava_core.store import Store
    store = Store.open(load_settings(), migrate=False)
    user = store.accounts.credentials("bench@example.com")[0]
    at.session_state["signed_in"] = SignedIn(user)
t1 = time.perf_counter()
at.run()
t2 = time.perf_counter()
assert not at.exception, at.exception
if mode == "home":
    assert at.title[0].value.endswith("Bench") and len(at.dataframe[0].value) == 20
print(json.dumps({"render": t2 - t1, "with_imports": t2 - t0}))
"""

BARE_APP = 'import streamlit as st\nst.title("Hello")\n'


def prepare(db_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from ava_core.settings import load_settings
    from ava_core.store import Store

    store = Store.open(load_settings({"AVA_SQLITE_PATH": str(db_path)}))
    user = store.accounts.create_user("bench@example.com", "Bench", password_hash="x")
    for i in range(20):
        s = store.sessions.create_session(user.id, "coding", title=f"Question {i}")
        store.sessions.update_session(user.id, s.id, status="finished", overall_score=60 + i)
    store.engine.dispose()


def sample(mode: str, script: Path, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", SAMPLE, mode, str(script)], capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=300)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "home.db"
        prepare(db_path)
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP)
        env = {**os.environ, "AVA_SQLITE_PATH": str(db_path), "PYTHONPATH": str(ROOT)}
        homes = [sample("home", ROOT / "app.py", env) for _ in range(args.samples)]
        bares = [sample("bare", bare, env) for _ in range(args.samples)]

    home = statistics.median(h["render"] for h in homes)
    home_all = statistics.median(h["with_imports"] for h in homes)
    floor = statistics.median(b["render"] for b in bares)
    print(f"cold first render, median of {args.samples} fresh processes:")
    print(f"  home page (app.py, signed in, 20 sessions): {home:.3f} s "
          f"({home_all:.3f} s counting the AppTest import)")
    print(f"  baseline, one-line Streamlit script:        {floor:.3f} s")
    print(f"home / baseline: {home / floor:.1f}x; target < 1.5 s: {'met' if home < 1.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
