"""The judge: every verdict, hostile code in the local sandbox, and the remote Piston executor."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest
import respx

from ava_core import confine, judge
from ava_core.interview import coding as coding_session
from ava_core.judge import sandbox
from ava_core.judge.piston import PistonExecutor
from ava_core.judge.sandbox import LocalExecutor
from ava_core.errors import ConfigError, InvalidInput, ServiceUnavailable
from ava_core.questions import load_bank, validate_question
from tests.conftest import ROOT, sandbox_leftovers

BANK = load_bank()
FAST = judge.Limits(per_test_seconds=0.5, suite_seconds=1.5)
OS_ONLY = dataclasses.replace(FAST, block_unsafe_calls=False)  # the audit hook off
SECRETS = {
    "ANTHROPIC_API_KEY": "sk-ant-test-secret", "OPENAI_API_KEY": "sk-openai-test-secret",
    "AVA_DATABASE_URL": "postgresql://ava:hunter2@db.example/ava",
    "SUPABASE_URL": "https://project.supabase.co", "SUPABASE_ANON_KEY": "supabase-test-secret",
    "ELEVENLABS_API_KEY": "eleven-test-secret",
}


def make_question(**overrides):
    data = {
        "id": "echo", "title": "Echo", "topics": ["arrays-and-hashing"], "difficulty": "easy",
        "statement": "Return x.", "function": "echo", "starter_code": "def echo(x):\n    pass\n",
        "examples": [{"input": {"x": 1}, "output": 1}, {"input": {"x": 2}, "output": 2}],
        "tests": [{"input": {"x": i}, "output": i} for i in range(3, 6)],
    }
    return validate_question({**data, **overrides})


ECHO = make_question()


def run(code: str, q=ECHO, **kwargs) -> judge.TestReport:
    kwargs.setdefault("limits", FAST)
    return judge.run_tests(code, q, **kwargs)


@pytest.fixture
def no_leftovers():
    yield
    if sys.platform.startswith("linux"):
        assert sandbox_leftovers() == []  # waits: the kernel tears a namespace down asynchronously


# --- verdicts ------------------------------------------------------------------------------------


def test_accepted_reports_examples_and_hidden_tests_separately():
    report = run("def echo(x):\n    return x\n")
    assert report.verdict == "accepted" and report.accepted
    assert (report.passed, report.failed, report.total) == (5, 0, 5)
    assert [r.name for r in report.examples] == ["example 1", "example 2"]
    assert [r.kind for r in report.hidden] == ["hidden"] * 3
    assert report.message == "Accepted: all 5 tests passed (2 examples, 3 hidden)."
    assert report.executor == "local" and report.question_id == "echo"
    assert all(r.seconds is not None and r.seconds >= 0 for r in report.results)


def test_wrong_answer_shows_input_expected_and_got_for_an_example():
    report = run("def echo(x):\n    return x + 1 if x == 2 else x\n")
    assert report.verdict == "wrong_answer"
    failed = report.results[1]
    assert (failed.status, failed.input, failed.expected, failed.got) == ("failed", {"x": 2}, 2, 3)
    assert report.message == "4 of 5 tests passed. Wrong answer on example 2: expected 2, got 3."
    assert report.counts == {"passed": 4, "failed": 1, "error": 0, "timed_out": 0, "not_run": 0}


def test_a_run_on_the_examples_is_not_called_accepted():
    passed = run("def echo(x):\n    return x\n", include_hidden=False)
    assert passed.verdict == "accepted" and passed.total == 2
    assert passed.message == "All 2 examples passed. Submit to run the hidden tests as well."
    failed = run("def echo(x):\n    return x + 1 if x == 2 else x\n", include_hidden=False)
    assert failed.message == "1 of 2 examples passed. Wrong answer on example 2: expected 2, got 3."
    assert coding_session.test_headline(failed) == failed.message  # its counts are in it
    accepted = run("def echo(x):\n    return x\n")
    assert coding_session.test_headline(accepted) == accepted.message
    wrong = run("def echo(x):\n    return x if x < 5 else 0\n")
    assert coding_session.test_headline(wrong).endswith("(examples 2/2, hidden tests 2/3 passed)")


def test_hidden_inputs_stay_hidden_unless_asked():
    code = "def echo(x):\n    print('seen', x)\n    return -x\n"
    hidden = run(code).hidden[0]
    assert hidden.status == "failed" and hidden.hidden
    assert (hidden.input, hidden.expected, hidden.got, hidden.stdout) == (None, None, None, None)
    report = run(code, hide_hidden=False)
    shown = report.hidden[0]
    assert (shown.input, shown.expected, shown.got, shown.stdout) == ({"x": 3}, 3, -3, "seen 3\n")
    assert "seen 3" in report.stdout
    assert "seen 3" not in run(code).stdout and "seen 1" in run(code).stdout


def test_examples_only_when_hidden_tests_are_not_included():
    report = run("def echo(x):\n    return x\n", include_hidden=False)
    assert report.total == 2 and report.hidden == []


def test_runtime_error_names_the_exception_and_the_line_in_the_users_code():
    code = "def helper(x):\n    return [0][x]\n\ndef echo(x):\n    return helper(x)\n"
    report = run(code)
    assert report.verdict == "runtime_error"
    error = report.results[0].error
    assert (error.type, error.line, error.code_line) == ("IndexError", 2, "return [0][x]")
    assert error.message == "list index out of range"
    assert "Runtime error on example 1: IndexError: list index out of range (line 2)" in report.message


def test_an_error_while_loading_stops_before_any_test():
    report = run("x = 1 / 0\ndef echo(x):\n    return x\n")
    assert report.verdict == "runtime_error" and report.error.line == 1
    assert report.error.type == "ZeroDivisionError"
    assert {r.status for r in report.results} == {"not_run"}


def test_syntax_error_reports_the_line():
    report = run("def echo(x)\n    return x\n")
    assert report.verdict == "syntax_error"
    assert report.error.type == "SyntaxError" and report.error.line == 1
    assert report.passed == 0 and report.failed == 5


def test_wrong_function_name_lists_what_the_code_defines():
    report = run("def echo_value(x):\n    return x\n")
    assert report.verdict == "missing_function"
    assert "No function named echo(); your code defines echo_value" in report.message


def test_a_solution_class_method_is_accepted():
    code = "class Solution:\n    def echo(self, x):\n        return x\n"
    assert run(code).verdict == "accepted"


def test_timed_out_then_the_suite_budget_runs_out():
    code = "import time\ndef echo(x):\n    time.sleep(0.4 if x < 3 else 5)\n    return x\n"
    report = run(code)
    statuses = [r.status for r in report.results]
    assert statuses[:2] == ["passed", "passed"]
    assert statuses[2] == "timed_out" and statuses[-1] == "not_run"
    assert set(statuses[3:]) <= {"timed_out", "not_run"}
    assert report.verdict == "time_limit_exceeded"
    assert "Time limit exceeded on hidden test 1" in report.message


def test_printed_output_is_captured_per_test():
    code = "print('loading')\ndef echo(x):\n    print('call', x)\n    return x\n"
    report = run(code, include_hidden=False)
    assert report.stdout == "loading\ncall 1\ncall 2\n"
    assert report.results[0].stdout == "call 1\n"


def test_code_too_long_is_refused():
    with pytest.raises(InvalidInput, match="longer than"):
        run("#" * (judge.MAX_CODE_CHARS + 1))


# --- comparison modes and adapters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "got", "mode", "ok"),
    [
        ([0, 1], [0, 1], "exact", True), ([0, 1], [1, 0], "exact", False),
        (True, 1, "exact", False), (2, 2.0, "exact", True), (None, 0, "exact", False),
        ([0, 1], [1, 0], "unordered", True), ([0, 1, 1], [1, 0, 0], "unordered", False),
        ([[1, 2], [3]], [[3], [2, 1]], "unordered_nested", True),
        ([[1, 2], [3]], [[3], [2, 2]], "unordered_nested", False),
        ([[1, 2]], [[1, 2], [1, 2]], "unordered_nested", False),
        (0.1 + 0.2, 0.3, "float", True), ([1.0, 2.0], [1.0, 2.1], "float", False),
        ({"a": [1]}, {"a": [1]}, "exact", True),
    ],
)
def test_outputs_match(expected, got, mode, ok):
    assert judge.outputs_match(expected, got, mode) is ok


def test_float_tolerance_comes_from_the_question():
    q = BANK.get("maximum-average-subarray")
    close = "def find_max_average(nums, k):\n    return 12.750001 if k == 4 else max(nums) / k\n"
    far = "def find_max_average(nums, k):\n    return 12.76 if k == 4 else max(nums) / k\n"
    assert run(close, q, include_hidden=False).verdict == "accepted"
    assert run(far, q, include_hidden=False).results[0].status == "failed"


def test_linked_lists_and_trees_travel_as_plain_json():
    reverse = BANK.get("reverse-linked-list")
    report = run(reverse.solution, reverse, hide_hidden=False)
    assert report.accepted and report.examples[0].got == [5, 4, 3, 2, 1]
    invert = BANK.get("invert-binary-tree")
    assert run(invert.solution, invert).accepted


def test_a_plain_list_where_a_node_is_expected_fails_with_a_reason():
    q = BANK.get("reverse-linked-list")
    code = ("def reverse_list(head):\n    out = []\n    while head:\n"
            "        out.append(head.val)\n        head = head.next\n    return out[::-1]\n")
    result = run(code, q).results[0]
    assert result.status == "failed" and result.reason == "returned a list; expected a ListNode or None"


def test_a_cyclic_list_is_refused_not_followed_forever():
    q = BANK.get("reverse-linked-list")
    code = "def reverse_list(head):\n    if head:\n        head.next = head\n    return head\n"
    result = run(code, q).results[0]
    assert result.status == "failed" and "cycle" in result.reason


def test_any_valid_answer_is_accepted_by_the_checker():
    q = BANK.get("course-schedule-order")
    depth_first = """
def find_order(num_courses, prerequisites):
    after = [[] for _ in range(num_courses)]
    for course, before in prerequisites:
        after[before].append(course)
    state, order = [0] * num_courses, []
    def visit(c):
        if state[c] == 1:
            return False
        if state[c] == 2:
            return True
        state[c] = 1
        if not all(visit(n) for n in after[c]):
            return False
        state[c] = 2
        order.append(c)
        return True
    if not all(visit(c) for c in range(num_courses)):
        return []
    return order[::-1]
"""
    report = run(depth_first, q, hide_hidden=False)
    assert report.accepted, [(r.name, r.got, r.expected) for r in report.results if not r.passed]
    assert report.examples[1].got == [0, 2, 1, 3] != report.examples[1].expected  # another valid order
    ignoring = "def find_order(num_courses, prerequisites):\n    return list(range(num_courses))[::-1]\n"
    assert run(ignoring, q).verdict == "wrong_answer"


def test_a_broken_checker_is_reported_as_the_questions_fault():
    q = make_question(compare="checker", checker="def check(args, expected, got):\n    return args['y']\n")
    result = run("def echo(x):\n    return x\n", q).results[0]
    assert result.status == "error" and result.error.type == "CheckerError"
    assert "KeyError" in result.error.message and "report this question" in result.error.message


# --- hostile code: a clear verdict and the parent stays up ---------------------------------------


@pytest.mark.hostile
@pytest.mark.usefixtures("no_leftovers")
class TestHostileCode:
    def test_infinite_loop(self):
        report = run("def echo(x):\n    while True:\n        pass\n")
        assert report.verdict == "time_limit_exceeded"
        assert report.results[0].status == "timed_out"

    def test_a_loop_that_swallows_the_timeout_is_stopped_by_the_wall_clock(self):
        code = "def echo(x):\n    while True:\n        try:\n            pass\n        except BaseException:\n            pass\n"
        report = run(code, limits=dataclasses.replace(FAST, suite_seconds=0.5))
        assert report.verdict == "time_limit_exceeded"

    def test_deep_recursion(self):
        report = run("def echo(x):\n    return echo(x + 1)\n")
        assert report.verdict == "runtime_error"
        assert report.error.type == "RecursionError" and report.error.line == 2

    def test_deep_recursion_after_raising_the_limit(self):
        code = "import sys\nsys.setrecursionlimit(10**9)\ndef echo(x):\n    return echo(x + 1)\n"
        report = run(code, limits=OS_ONLY)
        assert report.verdict == "runtime_error" and report.error.type == "RecursionError"
        assert "100000" in report.error.message

    def test_memory_bomb(self):
        code = "def echo(x):\n    hog = []\n    while True:\n        hog.append(bytearray(10**8))\n"
        report = run(code, limits=dataclasses.replace(OS_ONLY, per_test_seconds=2.0))
        assert report.verdict == "memory_limit_exceeded"
        assert report.error.type == "MemoryError" and report.error.line == 4

    def test_fork_bomb_is_refused(self):
        report = run("import os\ndef echo(x):\n    while True:\n        os.fork()\n")
        assert report.verdict == "runtime_error" and report.error.type == "PermissionError"
        assert "starting processes is not allowed" in report.error.message

    def test_fork_bomb_meets_the_process_limit(self):
        protections = judge.describe_sandbox()
        if not protections.unprivileged_user or protections.limits.get("processes") is None:
            pytest.skip(f"no enforced process limit here: {protections.summary()}")
        report = run("import os\ndef echo(x):\n    while True:\n        os.fork()\n", limits=OS_ONLY)
        assert report.verdict == "runtime_error"
        assert report.results[0].error.type == "BlockingIOError" and report.error.line == 4

    def test_huge_file_is_refused(self):
        code = "def echo(x):\n    with open('big', 'w') as f:\n        f.write('x' * 10**8)\n"
        report = run(code)
        assert report.error.type == "PermissionError" and "writing files" in report.error.message

    def test_huge_file_meets_the_file_size_limit(self):
        code = "def echo(x):\n    with open('big', 'w') as f:\n        f.write('x' * 10**8)\n    return x\n"
        report = run(code, limits=OS_ONLY)
        assert report.verdict == "runtime_error"
        assert report.error.type == "OSError" and "File too large" in report.error.message

    def test_environment_holds_no_secrets(self, monkeypatch):
        for name, value in SECRETS.items():
            monkeypatch.setenv(name, value)
        code = "import os\ndef echo(x):\n    return dict(os.environ)\n"
        env = run(code).results[0].got
        assert set(env) <= {"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "SYSTEMROOT"}
        assert not any(secret in json.dumps(env) for secret in SECRETS.values())

    def test_reading_the_parents_environment_is_refused(self, monkeypatch):
        monkeypatch.setenv("ANTHROPIC_API_KEY", SECRETS["ANTHROPIC_API_KEY"])
        code = f"def echo(x):\n    return open('/proc/{os.getpid()}/environ').read()\n"
        result = run(code).results[0]
        assert result.error.type == "PermissionError" and "outside the sandbox" in result.error.message
        p = judge.describe_sandbox()
        landlock = confine.LAYER_NAMES["landlock_files"] in p.layers
        if not (landlock or p.own_process_space or (os.geteuid() == 0 and p.unprivileged_user)):
            pytest.skip(f"the OS alone does not hide the parent here: {p.summary()}")
        result = run(code, limits=OS_ONLY).results[0]
        assert result.status == "error"
        assert result.error.type in ("PermissionError", "FileNotFoundError")

    def test_socket_is_refused(self):
        code = "import socket\ndef echo(x):\n    socket.create_connection(('1.1.1.1', 80), timeout=1)\n"
        report = run(code)
        assert report.verdict == "runtime_error"
        assert report.error.type in ("PermissionError", "ModuleNotFoundError")
        assert "sandbox" in report.error.message

    def test_the_network_is_gone_where_the_os_allows(self):
        protections = judge.describe_sandbox()
        if protections.no_network is not True:
            pytest.skip(f"no network namespace here: {protections.summary()}")
        code = ("import os\ndef echo(x):\n"
                "    return sorted(line.split(':')[0].strip() for line in open('/proc/self/net/dev').readlines()[2:])\n")
        assert run(code, limits=OS_ONLY).results[0].got == ["lo"]

    def test_os_system_is_refused(self):
        report = run("import os\ndef echo(x):\n    return os.system('echo hi')\n")
        assert report.error.type == "PermissionError"
        assert "running shell commands is not allowed" in report.error.message

    def test_os_system_runs_no_program_without_the_hook(self):
        report = run("import os\ndef echo(x):\n    os.system('id -u')\n    return x\n",
                     limits=OS_ONLY, include_hidden=False)
        assert report.accepted and report.stdout.strip() == ""  # the shell is out of its reach

    def test_sys_exit(self):
        report = run("import sys\ndef echo(x):\n    sys.exit(0)\n")
        assert report.verdict == "runtime_error" and report.error.type == "SystemExit"
        assert "return the answer instead" in report.error.message

    def test_os_exit_crashes_the_run_not_the_app(self):
        report = run("import os\ndef echo(x):\n    os._exit(3)\n")
        assert report.verdict == "crashed"
        assert report.results[0].error.type == "Crash" and "code 3" in report.results[0].error.message
        assert {r.status for r in report.results[1:]} == {"not_run"}

    def test_printing_100_mb(self):
        report = run("def echo(x):\n    print('x' * 100_000_000)\n    return x\n", include_hidden=False)
        assert report.accepted and report.stdout_truncated
        assert len(report.stdout) == FAST.output_chars

    def test_writing_100_mb_to_the_raw_stdout(self):
        code = "import os\ndef echo(x):\n    os.write(1, b'x' * 100_000_000)\n    return x\n"
        # 100 MB through a pipe takes more than FAST's half second on a busy machine
        roomy = dataclasses.replace(FAST, per_test_seconds=4.0, suite_seconds=8.0)
        report = run(code, include_hidden=False, limits=roomy)
        assert report.accepted and len(report.stdout) <= FAST.output_chars

    def test_syntax_error_and_wrong_name(self):
        assert run("def echo(x):\n  return (\n").verdict == "syntax_error"
        assert run("def other(x):\n    return x\n").verdict == "missing_function"


# --- what protected the run ----------------------------------------------------------------------


def test_describe_sandbox_reports_measured_protections():
    p = judge.describe_sandbox()
    assert p.executor == "local" and p.isolated_mode and p.clean_environment and p.temp_folder
    assert p.audit_hook
    assert p.limits["memory_bytes"] == judge.Limits().memory_mb * 2**20
    assert p.limits["file_bytes"] == judge.Limits().file_size_mb * 2**20
    assert "environment without secrets" in p.summary()


def test_without_namespaces_the_run_falls_back_and_says_so(monkeypatch):
    real = sandbox._get_isolation()
    refuse = ["/bin/sh", "-c", "echo 'unshare: unshare failed: Operation not permitted' >&2; exit 1", "sh"]
    fake = dataclasses.replace(real, prefixes=[refuse, refuse], notes=[])
    monkeypatch.setattr(sandbox, "_isolation", fake)
    report = run("def echo(x):\n    return x\n")
    assert report.accepted
    p = report.protections
    assert len(p.notes) == 2 and all("not permitted here" in note for note in p.notes)
    assert p.notes[-1].endswith("running without namespaces")
    assert p.own_process_space is False
    assert fake.prefixes == []  # remembered: later runs skip the namespaces


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_as_root_without_dropping_privileges_the_process_limit_is_not_claimed(monkeypatch):
    real = sandbox._get_isolation()
    monkeypatch.setattr(sandbox, "_isolation", dataclasses.replace(real, drop_to=None, preload=False))
    p = run("def echo(x):\n    return x\n").protections
    assert p.unprivileged_user is False and p.limits["processes"] is None
    assert "the process limit is not enforced for root" in p.notes
    assert "unprivileged user" in p.missing()


# --- executors -----------------------------------------------------------------------------------

PISTON = "http://piston.test"


def fake_piston(request: httpx.Request) -> httpx.Response:
    """A Piston engine that really runs the posted files (python main.py args) here."""
    body = json.loads(request.content)
    with tempfile.TemporaryDirectory() as folder:
        for f in body["files"]:
            Path(folder, f["name"]).write_text(f["content"])
        proc = subprocess.run(
            [sys.executable, "-I", "-S", body["files"][0]["name"], *body["args"]],
            cwd=folder, capture_output=True, text=True, check=False, timeout=body["run_timeout"] / 1000 + 5,
        )
    run_ = {"stdout": proc.stdout, "stderr": proc.stderr, "code": proc.returncode, "signal": None,
            "output": proc.stdout + proc.stderr}
    return httpx.Response(200, json={"language": "python", "version": "3.11.7", "run": run_})


def posted_job(request: httpx.Request) -> dict:
    files = json.loads(request.content)["files"]
    return json.loads(next(f["content"] for f in files if f["name"] == "job.json"))


@respx.mock
def test_piston_runs_the_same_tests_remotely():
    route = respx.post(f"{PISTON}/api/v2/execute").mock(side_effect=fake_piston)
    q = make_question(tests=[{"input": {"x": 3}, "output": 271828}] * 10)
    report = run("def echo(x):\n    return x\n", q, executor=PistonExecutor(PISTON))
    assert report.executor == "piston"
    assert [r.status for r in report.results] == ["passed", "passed"] + ["failed"] * 10
    assert report.protections.executor == "piston"
    sent = route.calls.last.request
    payload = json.loads(sent.content)
    assert payload["language"] == "python" and payload["args"] == ["job.json", "-"]
    assert "271828" not in sent.content.decode()  # expected outputs never leave the parent
    assert posted_job(sent)["suite_seconds"] <= 2.5  # fitted into the engine's 3 s run limit


@respx.mock
def test_piston_reports_the_users_syntax_error_as_a_verdict():
    respx.post(f"{PISTON}/api/v2/execute").mock(side_effect=fake_piston)
    report = run("def echo(x)\n    return x\n", executor=PistonExecutor(PISTON))
    assert report.verdict == "syntax_error" and report.error.line == 1


@respx.mock
def test_piston_compile_stage_failure_is_a_clear_error():
    respx.post(f"{PISTON}/api/v2/execute").mock(return_value=httpx.Response(200, json={
        "language": "python", "version": "3.10.0",
        "compile": {"stdout": "", "stderr": "python3: not found", "code": 127, "signal": None},
        "run": {"stdout": "", "stderr": "", "code": None, "signal": None},
    }))
    with pytest.raises(ServiceUnavailable, match="could not prepare the run: python3: not found"):
        run("def echo(x):\n    return x\n", executor=PistonExecutor(PISTON))


@respx.mock
def test_piston_timeout_marks_the_running_test_and_skips_the_rest():
    def killed(request):
        token = posted_job(request)["token"]
        lines = [{"event": "start", "pid": 7, "uid": 1001, "outside_uid": 1001,
                  "interfaces": ["lo"], "limits": {}, "audit": True},
                 {"event": "loaded", "stdout": ""},
                 {"event": "result", "i": 0, "status": "returned", "got": 1, "seconds": 0.01}]
        stdout = "".join(f"{token} {json.dumps(e)}\n" for e in lines)
        return httpx.Response(200, json={"run": {"stdout": stdout, "stderr": "", "code": None,
                                                 "signal": "SIGKILL", "status": "TO"}})

    respx.post(f"{PISTON}/api/v2/execute").mock(side_effect=killed)
    report = run("def echo(x):\n    return x\n", executor=PistonExecutor(PISTON))
    assert [r.status for r in report.results[:3]] == ["passed", "timed_out", "not_run"]
    assert report.verdict == "time_limit_exceeded"
    assert "Time limit exceeded on example 2" in report.message
    assert report.protections.unprivileged_user and report.protections.no_network


@respx.mock
def test_piston_output_limit_is_named():
    def cut(request):
        token = posted_job(request)["token"]
        start = {"event": "start", "pid": 7, "uid": 1001, "outside_uid": 1001, "interfaces": None,
                 "limits": {}, "audit": True}
        return httpx.Response(200, json={"run": {"stdout": f"{token} {json.dumps(start)}\n",
                                                 "stderr": "", "code": None, "signal": "SIGKILL",
                                                 "status": "OL"}})

    respx.post(f"{PISTON}/api/v2/execute").mock(side_effect=cut)
    report = run("def echo(x):\n    return x\n", executor=PistonExecutor(PISTON))
    assert report.verdict == "crashed" and "PISTON_OUTPUT_MAX_SIZE" in report.message


@respx.mock
def test_piston_unreachable_is_a_clear_error():
    respx.post(f"{PISTON}/api/v2/execute").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(ServiceUnavailable, match="could not be reached.*AVA_EXECUTOR_URL"):
        run("def echo(x):\n    return x\n", executor=PistonExecutor(PISTON))


@respx.mock
def test_piston_refusing_the_job_is_a_clear_error():
    respx.post(f"{PISTON}/api/v2/execute").mock(
        return_value=httpx.Response(400, json={"message": "python-3.x runtime is unknown"}))
    with pytest.raises(ServiceUnavailable, match="HTTP 400: python-3.x runtime is unknown"):
        run("def echo(x):\n    return x\n", executor=PistonExecutor(PISTON))


@respx.mock
def test_the_executor_follows_the_settings(monkeypatch):
    assert isinstance(judge.get_executor(), LocalExecutor)
    monkeypatch.setenv("AVA_EXECUTOR_URL", PISTON)
    executor = judge.get_executor()
    assert isinstance(executor, PistonExecutor) and executor.url == PISTON
    respx.post(f"{PISTON}/api/v2/execute").mock(side_effect=fake_piston)
    assert run("def echo(x):\n    return x\n").executor == "piston"
    assert judge.get_executor("local").name == "local"
    with pytest.raises(ConfigError, match="no code executor named 'judge0'"):
        judge.get_executor("judge0")
    assert judge.executor_names() == ["local", "piston"]


def test_piston_needs_its_url():
    with pytest.raises(ConfigError, match="AVA_EXECUTOR_URL is not set"):
        judge.get_executor("piston")


def test_the_bank_command_runs_a_reference_solution_and_fails_a_wrong_one(capsys, tmp_path):
    from ava_core.judge.__main__ import main as bank_command

    assert bank_command(["bank", "--only", "two-sum"]) == 0
    assert "two-sum:" in capsys.readouterr().out
    root = tmp_path / "bank"
    shutil.copytree(ROOT / "ava_core" / "data" / "questions", root)
    path = next(root.glob("coding/*/two-sum.yaml"))
    text = path.read_text()
    path.write_text(text.replace("return [seen[target - x], i]", "return [0, 0]"))
    assert bank_command(["bank", str(root), "--only", "two-sum"]) == 1
