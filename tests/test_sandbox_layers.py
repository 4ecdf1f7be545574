"""The local sandbox's kernel layers (``ava_core/confine/_confine.py``), tried as a candidate would
try them, with the child's audit hook turned off so that only the kernel stands in the way.

Each test checks an effect on this machine, not the verdict alone: a canary file unchanged, a
secret absent from everything the run returned, a listener never contacted, a process alive.
Each runs twice: with namespaces where the host allows them, and with none.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from ava_core import confine, judge
from ava_core.errors import ConfigError
from ava_core.judge import sandbox, verdicts
from ava_core.judge.sandbox import LocalExecutor
from ava_core.questions import load_bank, validate_question
from tests.conftest import ROOT, sandbox_leftovers

pytestmark = [pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the layers are Linux's"),
              pytest.mark.hostile]

ECHO = load_bank().get("two-sum")
KERNEL_ONLY = judge.Limits(per_test_seconds=2.0, suite_seconds=4.0, block_unsafe_calls=False)


def attack(body: str) -> tuple[judge.TestReport, str]:
    """Run ``body`` as the first thing a solution does; the report, and everything it returned
    (results, messages, output) as one text to search for a leaked secret."""
    code = "def two_sum(nums, target):\n" + "".join(f"    {line}\n" for line in body.splitlines())
    report = judge.run_tests(code, ECHO, limits=KERNEL_ONLY, include_hidden=False)
    seen = json.dumps(dataclasses.asdict(report), default=str)
    return report, seen


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(autouse=True, params=["namespaces where allowed", "no namespaces"])
def isolation(request, monkeypatch):
    """Every test twice: with the isolation as detected, and with every namespace denied (as a
    container's seccomp profile denies them), the kernel's own layers alone."""
    found = sandbox._get_isolation()
    if request.param == "no namespaces":
        found = dataclasses.replace(found, prefixes=[])
        monkeypatch.setattr(sandbox, "_get_isolation", lambda: found)
    return found


@pytest.fixture(scope="module")
def layers():
    found = sandbox._get_isolation()
    if not found.confined:
        pytest.fail(f"the sandbox cannot confine code on this machine: {found.missing}")
    return found.layers


def test_every_layer_holds_here(layers):
    assert {"no_new_privs", "landlock_files", "seccomp"} <= set(layers)


def test_a_file_outside_its_folder_is_neither_read_nor_changed(layers, tmp_path):
    secret = f"secret-{uuid.uuid4().hex}"
    canary = tmp_path / "secrets.toml"
    canary.write_text(f'ANTHROPIC_API_KEY = "{secret}"\n')
    before = digest(canary)
    report, seen = attack(f"print(open({str(canary)!r}).read())\nopen({str(canary)!r}, 'a').write('x')")
    assert secret not in seen and digest(canary) == before
    assert report.error.type == "PermissionError"


def test_the_database_is_out_of_reach_even_through_sqlite(layers, tmp_path):
    db = tmp_path / "ava.db"
    secret = f"argon2-{uuid.uuid4().hex}"
    with sqlite3.connect(db) as conn:
        conn.execute("create table users (hash text)")
        conn.execute("insert into users values (?)", (secret,))
    before = digest(db)
    report, seen = attack(
        "import sqlite3\n"
        f"c = sqlite3.connect({str(db)!r})\n"
        "print(c.execute('select * from users').fetchall())\n"
        "c.execute('delete from users'); c.commit()"
    )
    assert secret not in seen and digest(db) == before
    assert report.error is not None


def test_no_module_can_be_dropped_into_the_app(layers, tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    page = app / "home.py"
    page.write_text("print('home')\n")
    before = digest(page)
    attack(f"open({str(page)!r}, 'a').write('import evil')")
    attack(f"open({str(app / 'evil.py')!r}, 'w').write('boom')")
    assert digest(page) == before and sorted(p.name for p in app.iterdir()) == ["home.py"]


def test_nothing_is_left_in_tmp_or_dev_shm(layers):
    name = f"ava-leftover-{uuid.uuid4().hex}"
    attack(f"open('/tmp/{name}', 'w').write('x')")
    attack(f"open('/dev/shm/{name}', 'w').write('x')")
    assert not Path("/tmp", name).exists() and not Path("/dev/shm", name).exists()


def test_the_servers_environment_stays_secret(layers, monkeypatch):
    secret = f"sk-{uuid.uuid4().hex}"
    monkeypatch.setenv("AVA_TEST_CANARY_KEY", secret)
    _, seen = attack(
        "import os\n"
        f"for pid in (os.getppid(), {os.getpid()}, 1):\n"
        "    try:\n"
        "        print(open(f'/proc/{pid}/environ').read())\n"
        "    except OSError as e:\n"
        "        print(e)"
    )
    assert secret not in seen


def test_no_connection_reaches_a_local_service(layers):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    server.settimeout(0.5)
    contacted = []

    def accept():
        try:
            contacted.append(server.accept())
        except OSError:
            pass

    listener = threading.Thread(target=accept)
    listener.start()
    report, _ = attack(f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=1)")
    listener.join()
    server.close()
    assert contacted == [] and report.error is not None


def test_no_signal_reaches_a_process_outside(layers):
    victim = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        report, _ = attack(f"import os, signal\nos.kill({victim.pid}, signal.SIGKILL)")
        assert victim.poll() is None
        assert report.error.type in ("PermissionError", "ProcessLookupError")  # or not even seen
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait()


def test_no_program_outside_the_runtime_runs(layers, tmp_path):
    marker = tmp_path / "ran"
    report, _ = attack(f"import os\nprint(os.system('touch {marker}'))")
    assert not marker.exists()


def test_no_new_namespace_no_ptrace_and_no_socket_behind_the_jailer(layers, tmp_path):
    """Straight through the jailer, with ctypes at hand (the child may not offer it)."""
    code = ("import ctypes, errno, os\n"
            "libc = ctypes.CDLL(None, use_errno=True)\n"
            "calls = [libc.unshare(0x10000000), libc.ptrace(16, os.getppid(), 0, 0), libc.socket(2, 1, 0)]\n"
            "print(calls, ctypes.get_errno() == errno.EPERM)")
    policy = json.dumps({"write": [str(tmp_path)], "require": layers})
    run = subprocess.run([confine.PYTHON, "-I", "-S", str(confine.JAILER), policy, "--",
                          confine.PYTHON, "-I", "-S", "-c", code], capture_output=True, text=True)
    assert run.stdout.split("]")[0] == "[-1, -1, -1" and run.stdout.strip().endswith("True"), run.stderr


def test_where_a_container_denies_namespaces_the_kernel_layers_still_confine(layers, tmp_path):
    """``tests.deny_namespaces`` denies them with seccomp, as a container's default profile
    does (CI also runs this whole suite under it): unshare fails there, and a run still keeps a
    canary secret out of reach, with every layer the probe found here."""
    wrapped = [sys.executable, "-m", "tests.deny_namespaces"]
    denied = subprocess.run([*wrapped, "unshare", "--user", "--map-root-user", "true"], cwd=ROOT,
                            capture_output=True, text=True)
    assert denied.returncode != 0, denied.stderr
    secret = f"secret-{uuid.uuid4().hex}"
    canary = tmp_path / "secrets.toml"
    canary.write_text(secret)
    program = (
        "import dataclasses, json, sys\n"
        "from ava_core import judge\n"
        "from ava_core.questions import load_bank\n"
        "code = 'def two_sum(nums, target):\\n    return open(%r).read()\\n' % sys.argv[1]\n"
        "report = judge.run_tests(code, load_bank().get('two-sum'), include_hidden=False,\n"
        "                         limits=judge.Limits(block_unsafe_calls=False))\n"
        "print(json.dumps(dataclasses.asdict(report), default=str))\n")
    run = subprocess.run([*wrapped, sys.executable, "-c", program, str(canary)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert secret not in run.stdout and report["results"][0]["error"]["type"] == "PermissionError"
    held = report["protections"]
    assert any("is not permitted here" in note for note in held["notes"]), held["notes"]
    assert not held["own_process_space"]  # no PID namespace: the layers alone hold
    assert set(held["layers"]) == {confine.LAYER_NAMES[x] for x in layers}


def test_the_executor_refuses_to_run_unconfined(monkeypatch):
    missing = {"landlock_files": "this kernel offers no Landlock"}
    weak = dataclasses.replace(sandbox._get_isolation(), layers=["no_new_privs"], missing=missing)
    monkeypatch.setattr(sandbox, "_get_isolation", lambda: weak)
    with pytest.raises(ConfigError, match="AVA_EXECUTOR_URL.*AVA_SANDBOX_UNCONFINED"):
        judge.run_tests("def two_sum(nums, target):\n    return [0, 1]\n", ECHO, executor=LocalExecutor())
    report = judge.run_tests("def two_sum(nums, target):\n    return [0, 1]\n", ECHO,
                             executor=LocalExecutor(unconfined=True), include_hidden=False)
    assert report.results  # the operator accepted the risk: it runs


def test_a_required_layer_that_fails_stops_the_run(tmp_path):
    policy = json.dumps({"write": [str(tmp_path)], "require": ["no_such_layer"]})
    run = subprocess.run([confine.PYTHON, "-I", "-S", str(confine.JAILER), policy, "--",
                          confine.PYTHON, "-c", "print('ran')"], capture_output=True, text=True)
    assert run.returncode == 3 and "ran" not in run.stdout and "refused" in run.stderr


def test_the_probe_reports_each_layer_it_checked(tmp_path):
    run = subprocess.run([confine.PYTHON, "-I", "-S", str(confine.JAILER), "--probe", str(tmp_path)],
                         capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    assert set(found) == {"applied", "missing", "landlock_abi"}
    assert not set(found["applied"]) & set(found["missing"])


def test_a_hidden_input_never_comes_back_in_a_message():
    """Raised as a message, raised as a key, or printed: nothing of a hidden test's input."""
    q = ECHO
    hidden = [json.dumps(v) for c in q.tests for v in c.input.values() if len(json.dumps(v)) > 8]
    assert hidden
    for body in ("raise ValueError(repr((nums, target)))",
                 "raise KeyError(str(nums))",
                 "print(nums, target)\nraise RuntimeError(str(target))"):
        code = "def two_sum(nums, target):\n" + "".join(f"    {line}\n" for line in body.splitlines())
        report = judge.run_tests(code, q)
        seen = json.dumps(dataclasses.asdict(report), default=str)
        hidden_results = [r for r in report.results if r.kind == "hidden"]
        assert hidden_results and all(r.error.message == verdicts.WITHHELD for r in hidden_results)
        assert not any(text in seen for text in hidden), body
        assert [r.note for r in hidden_results] == [c.note for c in q.tests]  # the note stays
    shown = judge.run_tests("def two_sum(nums, target):\n    raise ValueError(str(nums))\n", q,
                            hide_hidden=False)
    assert any(text in r.error.message for r in shown.results for text in hidden)  # the check sees it


def test_a_forged_result_is_an_error_not_a_pass():
    """The code writes results for the tests still to come, with their expected outputs (as if
    it had stolen them), into the report's channel, then answers wrongly."""
    q = ECHO
    forged = [{"event": "result", "i": i, "status": "returned", "got": c.output, "stdout": ""}
              for i, c in enumerate([*q.examples, *q.tests])]
    lines = "".join(json.dumps(e) + "\n" for e in forged)
    code = ("import os, sys\n"
            "def two_sum(nums, target):\n"
            f"    os.write(int(sys.argv[2]), {lines.encode()!r})\n"
            "    return [-1, -1]\n")
    report = judge.run_tests(code, q, limits=KERNEL_ONLY)
    assert not report.accepted and report.passed == 0
    assert all(r.error == verdicts.UNTRUSTED for r in report.results[1:])


def test_a_flooded_report_is_cut_and_distrusted():
    code = ("import os, sys\n"
            "def two_sum(nums, target):\n"
            "    os.write(int(sys.argv[2]), b'{\"event\": \"noise\"}\\n' * 50_000)\n"
            "    seen = {}\n"
            "    for i, x in enumerate(nums):\n"
            "        if target - x in seen:\n"
            "            return [seen[target - x], i]\n"
            "        seen[x] = i\n")
    report = judge.run_tests(code, ECHO, limits=KERNEL_ONLY, include_hidden=False)
    assert not report.accepted and report.results[0].error == verdicts.UNTRUSTED


@pytest.mark.parametrize("ending", ["returns", "outlasts the wall clock"])
def test_no_process_outlives_its_run_not_even_one_that_left_the_session(layers, isolation, ending):
    """A grandchild in a new session, which a process-group kill misses. The run then returns,
    or swallows its time-out until the executor stops it."""
    wait = ("    while True:\n        try:\n            time.sleep(1)\n        except BaseException:\n"
            "            pass\n" if ending == "outlasts the wall clock" else "")
    code = ("import os, time\n"
            "def two_sum(nums, target):\n"
            "    if os.fork() == 0:\n"
            "        os.setsid()\n"
            "        if os.fork() == 0:\n"
            "            time.sleep(60)\n"
            "        os._exit(0)\n"
            "    time.sleep(0.2)\n" + wait +
            "    return [0, 1]\n")
    assert sandbox_leftovers(0) == []
    report = judge.run_tests(code, ECHO, limits=KERNEL_ONLY, include_hidden=False)
    assert report.results
    assert sandbox_leftovers() == []


# --- measurement: the timings come from the kernel, read outside the code ------------------------

TIMED = validate_question({
    "id": "timed", "title": "Timed", "topics": ["arrays-and-hashing"], "difficulty": "easy",
    "statement": "Timing only.", "function": "f", "starter_code": "def f(nums):\n    pass\n",
    "examples": [{"input": {"nums": [1]}, "output": 0}],
    "generator": {"code": "def generate(n, rng):\n    return {'nums': list(range(n))}\n",
                  "min_n": 16, "max_n": 512},
})
QUADRATIC = "def f(nums):\n    return sum(1 for a in nums for b in nums if a < b)\n"
MEASURE_ATTACKS = {
    "patches every clock": (
        "import time\n"
        "for name in ('perf_counter', 'process_time', 'monotonic', 'time', 'thread_time'):\n"
        "    setattr(time, name, lambda: 0.0)\n"
        "    setattr(time, name + '_ns', lambda: 0)\n"),
    "forges the report on every descriptor": (
        "import json, os\n"
        "fake = json.dumps({'event': 'measured', 'points': [[n, 1e-6, 9] for n in (16, 32, 64, 128)],\n"
        "                   'stop': {'reason': 'largest size'}}) + '\\n'\n"
        "for fd in range(64):\n"
        "    try:\n"
        "        os.write(fd, fake.encode())\n"
        "    except OSError:\n"
        "        pass\n"
        "print(fake)\n"),
    "reopens the measuring process's descriptors and memory": (
        "import os\n"
        "for path in [f'/proc/{os.getppid()}/mem'] + [f'/proc/{os.getppid()}/fd/{i}' for i in range(64)]:\n"
        "    try:\n"
        "        open(path, 'wb', buffering=0).close()\n"
        "    except OSError:\n"
        "        continue\n"
        "    raise SystemExit(f'opened {path}')\n"),
    "signals the measuring process": (
        "import os, signal\n"
        "try:\n"
        "    os.kill(os.getppid(), signal.SIGSTOP)\n"
        "except OSError:\n"
        "    pass\n"),
}


@pytest.mark.parametrize("attack_name", MEASURE_ATTACKS)
def test_measured_complexity_cannot_be_forged(layers, attack_name):
    """Each attack runs in every sample before the quadratic function is timed; the timings are
    still the work's own, or (where the kernel cannot scope signals) there are none at all."""
    code = MEASURE_ATTACKS[attack_name] + QUADRATIC
    cx = judge.measure_complexity(code, TIMED, limits=KERNEL_ONLY, budget_seconds=2.0)
    if attack_name == "signals the measuring process" and "landlock_scopes" not in layers:
        assert cx.label is None and "did not finish" in cx.message
        return
    assert cx.error is None, cx.message
    assert_real(cx)


def test_work_hidden_in_a_detached_process_is_still_timed(layers):
    """Each call does its quadratic work in a grandchild that leaves the session and is never
    waited for; its CPU time still counts (without it, a call would cost only its two forks)."""
    code = ("import os\n"
            "def f(nums):\n"
            "    r, w = os.pipe()\n"
            "    pid = os.fork()\n"
            "    if pid == 0:\n"
            "        os.setsid()\n"
            "        if os.fork() == 0:\n"
            "            os.write(w, str(sum(1 for a in nums for b in nums if a < b)).encode())\n"
            "        os._exit(0)\n"
            "    os.waitpid(pid, 0)\n"
            "    os.close(w)\n"
            "    answer = int(os.read(r, 64))\n"
            "    os.close(r)\n"
            "    return answer\n")
    big = TIMED.model_copy(update={"generator": TIMED.generator.model_copy(update={"min_n": 512, "max_n": 2048})})
    cx = judge.measure_complexity(code, big, limits=KERNEL_ONLY, budget_seconds=4.0)
    assert cx.error is None, cx.message
    assert_real(cx, big, budget_seconds=4.0)
    assert sandbox_leftovers() == []


def assert_real(cx: judge.ComplexityResult, question=TIMED, budget_seconds=2.0) -> None:
    """At the largest size both reached, the call costs at least an eighth of what the same
    quadratic work costs measured without any attack (timings on this machine vary up to about
    fourfold): the timings are the work's own, not a forged or hidden fraction of it (that
    would be a thousandth, or the forks' cost alone, under a twentieth)."""
    plain = dict(_plain(question, budget_seconds).timings)
    both = [n for n, _ in cx.timings if n in plain]
    assert both, (cx.timings, plain)
    n = max(both)
    assert dict(cx.timings)[n] >= plain[n] / 8, (n, cx.timings, plain)


_plain_results: dict[str, judge.ComplexityResult] = {}


def _plain(question, budget_seconds: float) -> judge.ComplexityResult:
    key = question.generator.model_dump_json()
    if key not in _plain_results:
        _plain_results[key] = judge.measure_complexity(QUADRATIC, question, limits=KERNEL_ONLY,
                                                       budget_seconds=budget_seconds)
    return _plain_results[key]
