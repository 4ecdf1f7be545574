"""Runs a user's code against a question's tests in a sandbox, and measures its complexity.

``run_tests(code, q)`` runs the examples (visible) and hidden tests in one child process and
compares the outputs here, in the parent: expected outputs never reach the user's code.
``measure_complexity(code, q)`` times the code on generated inputs of growing size and fits the
timings to a complexity class. Both run through an executor: ``local`` (a subprocess sandbox on
this machine) or ``piston`` (a remote Piston-compatible engine at ``AVA_EXECUTOR_URL``).
"""

from __future__ import annotations

import json
import math
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

from ava_core.errors import ConfigError, InvalidInput, ServiceUnavailable
from ava_core.questions import COMPLEXITY_CLASSES, CodingQuestion

RUNNER = Path(__file__).with_name("_sandbox_child.py")
MAX_CODE_CHARS = 100_000
CHANNEL_LIMIT = 64 * 2**20  # bytes of report a child may send before it is stopped
NOBODY = 65534
OCCAM = 2.0  # a faster-growing class must fit this many times better to be chosen,
NOISE_FLOOR = 0.05  # and better by this much of relative error (timing noise)
UNEXPLAINED = 0.5  # when even the best class is off by this much, the timings fit no class
GROWING = 4.0  # the largest sizes this many times slower than the smallest: not constant

Status = Literal["passed", "failed", "error", "timed_out", "not_run"]


# --- limits and what protected a run -------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    per_test_seconds: float = 2.0
    suite_seconds: float = 6.0  # all tests together; tests after that are not run
    memory_mb: int = 512
    processes: int = 32
    file_size_mb: int = 4
    open_files: int = 64
    output_chars: int = 64_000  # printed output kept
    block_unsafe_calls: bool = True  # the audit hook; off leaves only the OS protections

    def wall_seconds(self) -> float:
        return self.suite_seconds + self.per_test_seconds + 2.0

    def rlimits(self, wall: float) -> dict[str, int]:
        return {
            "cpu_seconds": math.ceil(wall) + 1, "memory_bytes": self.memory_mb * 2**20,
            "processes": self.processes, "file_bytes": self.file_size_mb * 2**20,
            "open_files": self.open_files, "core_bytes": 0,
        }


@dataclass(frozen=True)
class Protections:
    """What protected a run, as measured inside the sandbox (None: could not be measured)."""

    executor: str
    isolated_mode: bool
    clean_environment: bool
    temp_folder: bool
    no_network: bool | None
    own_process_space: bool | None
    unprivileged_user: bool | None
    audit_hook: bool
    limits: dict[str, int | None] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def active(self) -> list[str]:
        checks = {
            "separate process": True, "isolated mode (-I)": self.isolated_mode,
            "environment without secrets": self.clean_environment,
            "fresh temporary folder": self.temp_folder, "no network": self.no_network,
            "own process space": self.own_process_space,
            "unprivileged user": self.unprivileged_user, "unsafe calls blocked": self.audit_hook,
        }
        names = [name for name, on in checks.items() if on]
        names += [f"{k.replace('_', ' ')} limit" for k, v in self.limits.items() if v is not None]
        return names

    def missing(self) -> list[str]:
        checks = {"no network": self.no_network, "own process space": self.own_process_space,
                  "unprivileged user": self.unprivileged_user}
        return [name for name, on in checks.items() if on is False]

    def summary(self) -> str:
        text = f"{self.executor} sandbox: " + ", ".join(self.active())
        if self.missing():
            text += "; not available here: " + ", ".join(self.missing())
        return text


# --- executors -----------------------------------------------------------------------------------


@dataclass
class Execution:
    """What an executor saw: the child's report events and its raw output."""

    events: list[dict[str, Any]]
    stdout: str = ""
    stderr: str = ""
    returncode: int | None = None
    signal: str | None = None
    timed_out: bool = False  # stopped by the wall clock or the engine's time limit
    output_limited: bool = False  # stopped by the engine's output limit
    protections: Protections | None = None
    seconds: float = 0.0


class Executor(Protocol):
    name: str

    def execute(self, job: dict[str, Any], limits: Limits, wall_seconds: float) -> Execution:
        """Run the sandbox child on ``job``; never raises for anything the user's code does."""
        ...


_EXECUTORS: dict[str, Callable[[], Executor]] = {}


def register_executor(name: str, factory: Callable[[], Executor]) -> None:
    _EXECUTORS[name] = factory


def executor_names() -> list[str]:
    return sorted(_EXECUTORS)


def get_executor(name: str | Executor | None = None) -> Executor:
    """The executor by name; None: ``piston`` when AVA_EXECUTOR_URL is set, else ``local``."""
    if name is not None and not isinstance(name, str):
        return name
    if name is None:
        from ava_core.settings import load_settings

        name = "piston" if load_settings().executor_url else "local"
    factory = _EXECUTORS.get(name)
    if factory is None:
        raise ConfigError(f"There is no code executor named {name!r}: use one of {', '.join(executor_names())}.")
    return factory()


def _parse_events(lines: list[bytes] | list[str], token: str = "") -> tuple[list[dict], list[str]]:
    events, other = [], []
    prefix = token + " " if token else ""
    for raw in lines:
        line = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        if prefix and not line.startswith(prefix):
            other.append(line)
            continue
        try:
            event = json.loads(line[len(prefix):])
        except ValueError:
            other.append(line)
            continue
        if isinstance(event, dict) and "event" in event:
            events.append(event)
    return events, other


def _protections(executor: str, events: list[dict], audit: bool, notes: list[str]) -> Protections:
    start = next((e for e in events if e.get("event") == "start"), {})
    interfaces = start.get("interfaces")
    uid = start.get("outside_uid")
    limits = dict(start.get("limits") or {})
    unprivileged = None if uid is None else uid != 0
    if unprivileged is False and limits.get("processes") is not None:
        limits["processes"] = None  # not enforced for root
        notes = [*notes, "the process limit is not enforced for root"]
    return Protections(
        executor=executor, isolated_mode=executor == "local", clean_environment=True, temp_folder=True,
        no_network=None if interfaces is None else set(interfaces) <= {"lo"},
        # alone in its process namespace, with a /proc that shows only that namespace
        own_process_space=(start.get("pid") == 1 and start.get("proc_self") == "1") if start else None,
        unprivileged_user=unprivileged, audit_hook=audit and bool(start.get("audit")),
        limits=limits, notes=tuple(notes),
    )


@dataclass
class _Isolation:
    prefixes: list[list[str]]  # namespace command prefixes still to try, strongest first
    drop_to: int | None  # the uid the child switches to (when started as root)
    preload: bool  # import common modules before dropping privileges
    notes: list[str]

    @property
    def prefix(self) -> list[str]:
        return self.prefixes[0] if self.prefixes else []


_isolation: _Isolation | None = None
_isolation_lock = threading.Lock()


def _detect_isolation() -> _Isolation:
    notes: list[str] = []
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    unshare = shutil.which("unshare") if sys.platform.startswith("linux") else None
    prefixes: list[list[str]] = []
    if unshare:
        base = [unshare] if root else [unshare, "--user", "--map-root-user"]
        pid = ["--pid", "--fork", "--kill-child"]
        prefixes = [[*base, "--net", *pid, "--mount-proc"], [*base, "--net", *pid], [*base, "--net"]]
    else:
        notes.append("no unshare command here: the network and other processes stay reachable")
    drop_to = None
    if root:
        try:
            import pwd

            drop_to = pwd.getpwnam("nobody").pw_uid
        except (ImportError, KeyError):
            drop_to = NOBODY
    preload = drop_to is not None and not _others_can_read(sysconfig.get_paths()["stdlib"])
    if preload:
        notes.append("the sandbox user cannot read this Python's standard library: only common "
                     "modules are preloaded for the code to import")
    return _Isolation(prefixes, drop_to, preload, notes)


def _others_can_read(path: str) -> bool:
    p = Path(path).resolve()
    for part in [*reversed(p.parents), p]:
        mode = part.stat().st_mode
        if not mode & stat.S_IXOTH or (part == p and not mode & stat.S_IROTH):
            return False
    return True


def _get_isolation() -> _Isolation:
    global _isolation
    with _isolation_lock:
        if _isolation is None:
            _isolation = _detect_isolation()
        return _isolation


def _child_env(folder: str) -> dict[str, str]:
    """An allow-list: nothing from the parent's environment (keys, database URLs) gets through."""
    env = {"PATH": "/usr/bin:/bin", "HOME": folder, "TMPDIR": folder,
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    if os.name == "nt":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    return env


class _Reader:
    """Drains one pipe in a thread, keeping the first ``cap`` bytes."""

    def __init__(self, fd: int, cap: int, on_overflow: Callable[[], None] | None = None):
        self.fd, self.cap, self.on_overflow = fd, cap, on_overflow
        self.data = bytearray()
        self.dropped = 0
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            room = self.cap - len(self.data)
            self.data += chunk[:max(room, 0)]
            if len(chunk) > room:
                self.dropped += len(chunk) - max(room, 0)
                if self.on_overflow:
                    self.on_overflow()
                    self.on_overflow = None

    def finish(self, timeout: float) -> None:
        self.thread.join(timeout)


class LocalExecutor:
    """A subprocess sandbox on this machine; see ``describe_sandbox()`` for what it enforces."""

    name = "local"

    def execute(self, job: dict[str, Any], limits: Limits, wall_seconds: float) -> Execution:
        iso = _get_isolation()
        while True:
            with _isolation_lock:
                prefix, notes = list(iso.prefix), list(iso.notes)
            execution = self._run(job, limits, wall_seconds, prefix, iso, notes)
            if not prefix or execution.events or not execution.stderr.startswith("unshare:"):
                return execution
            reason = execution.stderr.strip().splitlines()[0]
            with _isolation_lock:  # remembered: later runs start from what works here
                if iso.prefixes and iso.prefixes[0] == prefix:
                    iso.prefixes.pop(0)
                    weaker = " with fewer namespaces" if iso.prefixes else " without namespaces"
                    iso.notes.append(f"{' '.join(prefix[1:])} is not permitted here ({reason}): running{weaker}")

    def _run(self, job: dict[str, Any], limits: Limits, wall: float, prefix: list[str],
             iso: _Isolation, notes: list[str]) -> Execution:
        started = time.monotonic()
        folder = tempfile.mkdtemp(prefix="ava-sandbox-")
        posix = os.name == "posix"
        token = "" if posix else secrets.token_hex(8)
        job = {**job, "token": token, "sandbox": {
            "drop_to": iso.drop_to, "preload": iso.preload, "audit": limits.block_unsafe_calls,
            "limits": limits.rlimits(wall),
        }}
        try:
            job_path = os.path.join(folder, "job.json")
            with open(job_path, "w", encoding="utf-8") as f:
                json.dump(job, f)
            if iso.drop_to is not None:
                os.chown(folder, iso.drop_to, iso.drop_to)
            read_end, write_end = os.pipe() if posix else (None, None)
            cmd = [*prefix, sys.executable, "-I", "-S", str(RUNNER), job_path,
                   str(write_end) if posix else "-"]
            try:
                proc = subprocess.Popen(
                    cmd, cwd=folder, env=_child_env(folder), stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, close_fds=True,
                    pass_fds=(write_end,) if posix else (), start_new_session=posix,
                )
            except OSError as exc:
                if posix:
                    os.close(read_end)
                raise ServiceUnavailable(
                    f"The local sandbox could not start Python ({exc}). Check that {sys.executable} "
                    "runs, or set AVA_EXECUTOR_URL to use a remote execution engine."
                ) from None
            finally:
                if posix:
                    os.close(write_end)
            readers = [_Reader(proc.stdout.fileno(), limits.output_chars * 4),
                       _Reader(proc.stderr.fileno(), limits.output_chars)]
            if posix:
                readers.append(_Reader(read_end, CHANNEL_LIMIT, on_overflow=lambda: _kill(proc)))
            timed_out = False
            try:
                proc.wait(timeout=max(wall - (time.monotonic() - started), 0.1))
            except subprocess.TimeoutExpired:
                timed_out = True
            _kill(proc)  # also whatever the user's code left behind in its process group
            proc.wait()
            for r in readers:
                r.finish(timeout=2.0)
            proc.stdout.close()
            proc.stderr.close()
            if posix:
                os.close(read_end)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        raw_out = bytes(readers[0].data)
        if posix:
            events, _ = _parse_events(bytes(readers[2].data).splitlines())
            stdout_lines = raw_out.decode("utf-8", "replace")
        else:
            events, other = _parse_events(raw_out.splitlines(), token)
            stdout_lines = "\n".join(other)
        code = proc.returncode
        sig = None
        if code is not None and code < 0:
            try:
                sig = signal.Signals(-code).name
            except ValueError:
                sig = f"signal {-code}"
        return Execution(
            events=events, stdout=stdout_lines, stderr=bytes(readers[1].data).decode("utf-8", "replace"),
            returncode=code, signal=sig, timed_out=timed_out,
            protections=_protections("local", events, limits.block_unsafe_calls, notes),
            seconds=time.monotonic() - started,
        )


def _kill(proc: subprocess.Popen) -> None:
    if os.name == "posix":
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    elif proc.poll() is None:
        proc.kill()


class PistonExecutor:
    """A remote Piston-compatible engine (``POST /api/v2/execute``) running the same child."""

    name = "piston"

    def __init__(self, url: str, *, version: str = "3.x", run_timeout_ms: int = 3000,
                 client: Any = None):
        self.url = url.rstrip("/")
        self.version = version
        self.run_timeout_ms = run_timeout_ms
        self.client = client

    @classmethod
    def from_settings(cls) -> PistonExecutor:
        from ava_core.settings import load_settings

        url = load_settings().executor_url
        if not url:
            raise ConfigError("AVA_EXECUTOR_URL is not set: give the URL of a Piston engine, "
                              "or use the local executor.")
        return cls(url)

    def execute(self, job: dict[str, Any], limits: Limits, wall_seconds: float) -> Execution:
        import httpx

        started = time.monotonic()
        host = urlsplit(self.url).netloc or self.url
        token = secrets.token_hex(8)
        room = self.run_timeout_ms / 1000 - 0.5  # the engine's limit, less the child's start-up
        job = {**job, "token": token, "sandbox": {
            "drop_to": None, "preload": False, "audit": limits.block_unsafe_calls,
            "limits": limits.rlimits(room),
        }}
        if "suite_seconds" in job:
            job["per_test_seconds"] = min(job["per_test_seconds"], room / 2)
            job["suite_seconds"] = min(job["suite_seconds"], room - job["per_test_seconds"])
        if "budget_seconds" in job:
            job["budget_seconds"] = min(job["budget_seconds"], room)
        payload = {
            "language": "python", "version": self.version,
            "files": [{"name": "main.py", "content": RUNNER.read_text(encoding="utf-8")},
                      {"name": "job.json", "content": json.dumps(job)}],
            "args": ["job.json", "-"], "stdin": "",
            "run_timeout": min(int(wall_seconds * 1000), self.run_timeout_ms),
            "compile_timeout": 10_000,
        }
        client = self.client or httpx.Client()
        try:
            response = client.post(f"{self.url}/api/v2/execute", json=payload,
                                   timeout=wall_seconds + 15)
        except httpx.TimeoutException:
            raise ServiceUnavailable(
                f"The code execution service at {host} did not answer in time. Try again, or unset "
                "AVA_EXECUTOR_URL to run code in the local sandbox."
            ) from None
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(
                f"The code execution service at {host} could not be reached ({type(exc).__name__}). "
                "Check AVA_EXECUTOR_URL, or unset it to run code in the local sandbox."
            ) from None
        finally:
            if self.client is None:
                client.close()
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code >= 400 or not isinstance(data, dict) or "run" not in data:
            detail = data.get("message") if isinstance(data, dict) else None
            raise ServiceUnavailable(
                f"The code execution service at {host} refused the run (HTTP {response.status_code}: "
                f"{detail or response.text[:200]}). Check that it has a Python 3 runtime."
            )
        stage = data.get("compile") or {}
        if stage.get("code") not in (0, None):
            raise ServiceUnavailable(
                f"The code execution service at {host} could not prepare the run: "
                f"{(stage.get('stderr') or stage.get('output') or '').strip()[:300]}"
            )
        run = data["run"] or {}
        events, other = _parse_events((run.get("stdout") or "").splitlines(), token)
        status = run.get("status")
        sig = run.get("signal")
        finished = any(e.get("event") == "done" for e in events)
        if not any(e.get("event") == "start" for e in events) and not sig and run.get("code"):
            raise ServiceUnavailable(
                f"The code execution service at {host} could not run Ava's test runner: "
                f"{(run.get('stderr') or '').strip()[-300:]}"
            )
        notes = [f"run by the remote engine at {host} (it applies its own limits too)"]
        return Execution(
            events=events, stdout="\n".join(other), stderr=run.get("stderr") or "",
            returncode=run.get("code"), signal=sig,
            timed_out=status == "TO" or (not finished and sig == "SIGKILL" and status not in ("OL", "EL")),
            output_limited=status in ("OL", "EL"),
            protections=_protections("piston", events, limits.block_unsafe_calls, notes),
            seconds=time.monotonic() - started,
        )


register_executor("local", LocalExecutor)
register_executor("piston", PistonExecutor.from_settings)


# --- comparing outputs ---------------------------------------------------------------------------


def _normal(x: Any) -> Any:
    if isinstance(x, float) and x.is_integer():
        return int(x)
    if isinstance(x, list):
        return [_normal(v) for v in x]
    if isinstance(x, dict):
        return {k: _normal(v) for k, v in x.items()}
    return x


def _key(x: Any) -> str:
    return json.dumps(_normal(x), sort_keys=True)


def _equal(a: Any, b: Any, tol: float | None) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if tol is not None:
            return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k], tol) for k in a)
    return type(a) is type(b) and a == b


def outputs_match(expected: Any, got: Any, mode: str = "exact", tolerance: float | None = None) -> bool:
    """Whether ``got`` is right for ``expected`` under a comparison mode (not ``checker``)."""
    if mode in ("exact", "float"):
        return _equal(expected, got, (tolerance or 1e-6) if mode == "float" else None)
    if not isinstance(expected, list) or not isinstance(got, list):
        return _equal(expected, got, None)
    if mode == "unordered":
        return sorted(map(_key, expected)) == sorted(map(_key, got))
    if mode == "unordered_nested":
        def inner(xs: list) -> list[str]:
            return sorted(_key(sorted(x, key=_key)) if isinstance(x, list) else _key(x) for x in xs)
        return inner(expected) == inner(got)
    raise ValueError(f"unknown comparison mode {mode!r}")


# --- test reports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorInfo:
    type: str
    message: str
    line: int | None = None  # in the user's code
    code_line: str | None = None  # that line's text

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.type}: {self.message}{where}" if self.message else f"{self.type}{where}"


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest class

    kind: Literal["example", "hidden"]
    index: int  # within its kind, from 0
    status: Status
    input: dict[str, Any] | None  # None when hidden
    expected: Any
    got: Any
    error: ErrorInfo | None = None
    reason: str = ""  # why a returned value failed, when it is not a plain mismatch
    seconds: float | None = None
    stdout: str | None = ""
    hidden: bool = False  # input, expected, got and printed output withheld
    note: str | None = None

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def name(self) -> str:
        return f"{'example' if self.kind == 'example' else 'hidden test'} {self.index + 1}"


@dataclass(frozen=True)
class TestReport:
    __test__ = False

    question_id: str
    verdict: str  # accepted, wrong_answer, runtime_error, time_limit_exceeded, memory_limit_exceeded,
    #               syntax_error, missing_function, crashed
    message: str
    results: list[TestResult]
    stdout: str
    stdout_truncated: bool
    stderr: str
    protections: Protections | None
    executor: str
    seconds: float
    error: ErrorInfo | None = None  # a syntax error, or an error while loading the code

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def failed(self) -> int:
        """Every test that did not pass (failed, error, timed out, not run)."""
        return len(self.results) - self.passed

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def accepted(self) -> bool:
        return self.verdict == "accepted"

    @property
    def examples(self) -> list[TestResult]:
        return [r for r in self.results if r.kind == "example"]

    @property
    def hidden(self) -> list[TestResult]:
        return [r for r in self.results if r.kind == "hidden"]

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(("passed", "failed", "error", "timed_out", "not_run"), 0)
        for r in self.results:
            out[r.status] += 1
        return out


def _error(raw: dict | None, code: str) -> ErrorInfo | None:
    if not raw:
        return None
    line = raw.get("line")
    lines = code.splitlines()
    text = lines[line - 1].strip() if line and 0 < line <= len(lines) else None
    return ErrorInfo(str(raw.get("type", "Error")), str(raw.get("message", "")), line, text)


def _crash(execution: Execution) -> ErrorInfo:
    if execution.output_limited:
        return ErrorInfo("OutputLimit", "the execution service stopped the run at its output limit "
                                        "(Piston's PISTON_OUTPUT_MAX_SIZE; Ava needs about 64 KB)")
    if execution.signal == "SIGSEGV":
        return ErrorInfo("Crash", "the process crashed (segmentation fault), usually recursion "
                                  "too deep for the stack")
    if execution.signal in ("SIGKILL", "SIGXCPU"):
        return ErrorInfo("Crash", "the process was killed: it used up its CPU time or memory")
    if execution.signal:
        return ErrorInfo("Crash", f"the process was stopped by {execution.signal}")
    return ErrorInfo("Crash", f"the process exited (code {execution.returncode}) before reporting: "
                              "do not call os._exit() or end the process")


def _tests_job(code: str, q: CodingQuestion, cases: list[dict], limits: Limits) -> dict[str, Any]:
    sig = q.signature
    return {
        "mode": "tests", "code": code, "entry": q.function, "params": sig.param_names,
        "arg_adapters": [p.adapter for p in sig.params], "return_adapter": sig.return_adapter,
        "tests": cases, "per_test_seconds": limits.per_test_seconds,
        "suite_seconds": limits.suite_seconds, "stdout_limit": limits.output_chars,
    }


def run_tests(
    code: str,
    q: CodingQuestion,
    *,
    include_hidden: bool = True,
    hide_hidden: bool = True,
    limits: Limits | None = None,
    executor: str | Executor | None = None,
) -> TestReport:
    """Run ``code`` on the question's examples (and hidden tests) in the sandbox.

    ``hide_hidden`` withholds hidden tests' inputs, expected and returned values and printed
    output. Raises InvalidInput for code too long to run, ServiceUnavailable when the executor
    itself cannot run; everything the code does is a verdict in the report.
    """
    if len(code) > MAX_CODE_CHARS:
        raise InvalidInput(f"The code is longer than {MAX_CODE_CHARS:,} characters; shorten it.", field="code")
    limits = limits or Limits()
    ex = get_executor(executor)
    cases = [("example", i, c) for i, c in enumerate(q.examples)]
    if include_hidden:
        cases += [("hidden", i, c) for i, c in enumerate(q.tests)]
    job = _tests_job(code, q, [c.input for _, _, c in cases], limits)
    execution = ex.execute(job, limits, limits.wall_seconds())
    return _report(code, q, cases, execution, ex, limits, hide_hidden)


def _report(code: str, q: CodingQuestion, cases: list, execution: Execution, ex: Executor,
            limits: Limits, hide_hidden: bool) -> TestReport:
    events = execution.events
    if not any(e["event"] == "start" for e in events) and execution.stderr and not execution.timed_out:
        raise ServiceUnavailable(
            f"The {ex.name} sandbox could not run the code: {execution.stderr.strip()[-300:]}"
        )
    fatal = next((e for e in events if e["event"] == "fatal"), None)
    by_index: dict[int, dict] = {}
    for e in events:
        if e["event"] == "result" and isinstance(e.get("i"), int):
            by_index.setdefault(e["i"], e)
    done = next((e for e in events if e["event"] == "done"), None)

    statuses: list[dict[str, Any]] = []
    culprit_seen = False
    for i, (kind, idx, case) in enumerate(cases):
        e = by_index.get(i)
        item: dict[str, Any] = {"got": None, "error": None, "reason": "", "seconds": None, "stdout": ""}
        if fatal is not None or (e is None and culprit_seen):
            item["status"] = "not_run"
        elif e is None:
            culprit_seen = True
            if execution.timed_out:
                item["status"] = "timed_out"
            else:
                item.update(status="error", error=_crash(execution))
        else:
            item["stdout"] = e.get("stdout", "")
            item["seconds"] = e.get("seconds")
            st = e.get("status")
            if st == "returned":
                item.update(status="pending", got=e.get("got"))
            elif st == "unreadable":
                item.update(status="failed", reason=str(e.get("message", "")))
            elif st == "timeout":
                item["status"] = "timed_out"
            elif st == "error":
                item.update(status="error", error=_error(e.get("error"), code))
            else:
                item["status"] = "not_run"
        statuses.append(item)

    pending = [i for i, s in enumerate(statuses) if s["status"] == "pending"]
    if q.compare == "checker" and pending:
        verdicts = _run_checker(q, [(cases[i][2], statuses[i]["got"]) for i in pending], ex, limits)
        for i, (ok, err) in zip(pending, verdicts):
            if err is not None:
                statuses[i].update(status="error", error=err)
            else:
                statuses[i]["status"] = "passed" if ok else "failed"
    else:
        for i in pending:
            got = statuses[i]["got"]
            if isinstance(got, dict) and "__too_large__" in got:
                statuses[i].update(status="failed", reason="the returned value is too large to compare")
            else:
                ok = outputs_match(cases[i][2].output, got, q.compare, q.tolerance)
                statuses[i]["status"] = "passed" if ok else "failed"

    results = []
    for (kind, idx, case), s in zip(cases, statuses):
        hidden = hide_hidden and kind == "hidden"
        results.append(TestResult(
            kind=kind, index=idx, status=s["status"],
            input=None if hidden else case.input, expected=None if hidden else case.output,
            got=None if hidden else s["got"], error=s["error"], reason=s["reason"],
            seconds=s["seconds"], stdout=None if hidden else s["stdout"], hidden=hidden,
            note=None if hidden else case.note,
        ))

    loaded = next((e for e in events if e["event"] in ("loaded", "fatal")), {})
    printed = [loaded.get("stdout", "")] + [r.stdout or "" for r in results]
    raw_ok = not any(r.hidden for r in results)  # raw output cannot be told apart by test
    stdout = "".join(printed) + (execution.stdout if raw_ok else "")
    truncated = bool(done and done.get("stdout_dropped")) or len(stdout) > limits.output_chars
    examples_only = bool(q.tests) and not any(kind == "hidden" for kind, _, _ in cases)
    verdict, message, error = _verdict(q, results, fatal, code, examples_only)
    return TestReport(
        question_id=q.id, verdict=verdict, message=message, results=results,
        stdout=stdout[:limits.output_chars], stdout_truncated=truncated,
        stderr=execution.stderr[:limits.output_chars] if raw_ok else "", protections=execution.protections,
        executor=ex.name, seconds=execution.seconds, error=error,
    )


def _verdict(q: CodingQuestion, results: list[TestResult], fatal: dict | None,
             code: str, examples_only: bool = False) -> tuple[str, str, ErrorInfo | None]:
    """The verdict, its message and the error behind it. ``examples_only``: a run on the
    examples of a question that has hidden tests, so passing them all is not "Accepted"."""
    if fatal is not None:
        kind = fatal.get("kind")
        err = _error(fatal.get("error"), code)
        if kind == "syntax":
            return "syntax_error", f"Syntax error: {err}. Fix that line and run again.", err
        if kind == "missing":
            defined = fatal.get("defined") or []
            also = f"; your code defines {', '.join(defined)}" if defined else ""
            return ("missing_function",
                    f"No function named {q.function}(){also}. Keep the name from the starter code.", None)
        if kind == "timeout":
            return ("time_limit_exceeded",
                    "Your code ran too long before any test started: move work into the function.", None)
        if err and err.type == "MemoryError":
            return "memory_limit_exceeded", f"Your code ran out of memory while loading: {err}.", err
        return "runtime_error", f"Your code raised {err} while loading, before any test ran.", err
    total = len(results)
    first = next((r for r in results if not r.passed), None)
    if first is None and examples_only:
        return "accepted", (f"All {total} examples passed. Submit to run the hidden tests "
                            "as well."), None
    if first is None:
        n_ex = sum(r.kind == "example" for r in results)
        split = f" ({n_ex} examples, {total - n_ex} hidden)" if total > n_ex else ""
        return "accepted", f"Accepted: all {total} tests passed{split}.", None
    noun = "examples" if examples_only else "tests"
    summary = f"{sum(r.passed for r in results)} of {total} {noun} passed. "
    if first.status == "failed":
        detail = first.reason or (
            "" if first.hidden else f"expected {_short(first.expected)}, got {_short(first.got)}"
        )
        return "wrong_answer", f"{summary}Wrong answer on {first.name}" + (f": {detail}." if detail else "."), None
    if first.status == "timed_out":
        return "time_limit_exceeded", f"{summary}Time limit exceeded on {first.name}.", None
    if first.status == "not_run":
        return ("time_limit_exceeded",
                f"{summary}The time for all tests ran out before {first.name}.", None)
    err = first.error
    if err and err.type == "MemoryError":
        return "memory_limit_exceeded", f"{summary}Memory limit exceeded on {first.name}: {err}.", err
    if err and err.type in ("Crash", "OutputLimit"):
        return "crashed", f"{summary}On {first.name} {err.message}.", err
    return "runtime_error", f"{summary}Runtime error on {first.name}: {err}.", err


def _short(value: Any, limit: int = 120) -> str:
    text = json.dumps(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _run_checker(q: CodingQuestion, pairs: list, ex: Executor,
                 limits: Limits) -> list[tuple[bool, ErrorInfo | None]]:
    """The question's checker, in its own sandbox process (custom questions carry their own)."""
    job = {"mode": "check", "checker": q.checker, "per_test_seconds": limits.per_test_seconds,
           "cases": [{"args": c.input, "expected": c.output, "got": got} for c, got in pairs]}
    execution = ex.execute(job, replace(limits, block_unsafe_calls=True), limits.wall_seconds())
    verdicts: dict[int, tuple[bool, ErrorInfo | None]] = {}
    for e in execution.events:
        if e["event"] == "checked":
            err = e.get("error")
            info = ErrorInfo("CheckerError", f"the question's checker failed ({err.get('type')}: "
                             f"{err.get('message')}); report this question") if err else None
            verdicts.setdefault(e["i"], (bool(e.get("ok")), info))
    missing = (False, ErrorInfo("CheckerError", "the question's checker did not finish; report this question"))
    return [verdicts.get(i, missing) for i in range(len(pairs))]


# --- measured complexity -------------------------------------------------------------------------


def _growth(label: str, n: float) -> float:
    lg = math.log2(max(n, 2))
    return {
        "O(1)": 1.0, "O(log n)": lg, "O(n)": n, "O(n log n)": n * lg, "O(n^2)": n**2,
        # Nothing exponential runs at n = 64; a larger n also keeps the squares in _fit finite.
        "O(n^3)": n**3, "O(2^n)": 2.0**n if n <= 64 else math.inf,
    }[label]


def _fit(points: list[tuple[int, float]], label: str) -> float:
    """Relative RMS error of the best t = a + c*g(n) with a, c >= 0 (weights 1/t)."""
    g = [_growth(label, n) for n, _ in points]
    if any(math.isinf(x) for x in g):
        return math.inf
    w = [1 / max(t, 1e-9) for _, t in points]
    s11 = sum(x * x for x in w)
    s12 = sum(x * x * gi for x, gi in zip(w, g))
    s22 = sum((x * gi) ** 2 for x, gi in zip(w, g))
    b1 = sum(w)
    b2 = sum(x * gi for x, gi in zip(w, g))
    det = s11 * s22 - s12 * s12
    a = c = -1.0
    if label != "O(1)" and det > 1e-12 * s11 * s22:
        a, c = (b1 * s22 - b2 * s12) / det, (s11 * b2 - s12 * b1) / det
    if a < 0 or c < 0:
        fits = [(0.0, b2 / s22)] if s22 > 0 else []
        fits.append((b1 / s11, 0.0))
        a, c = min(fits, key=lambda ac: _rms(points, g, *ac))
    return _rms(points, g, a, c)


def _rms(points: list[tuple[int, float]], g: list[float], a: float, c: float) -> float:
    errs = [((a + c * gi) - t) / max(t, 1e-9) for (_, t), gi in zip(points, g)]
    return math.sqrt(sum(e * e for e in errs) / len(errs))


def _tolerance(error: float) -> float:
    return max(error * OCCAM, error + NOISE_FLOOR)


def fit_strength(confidence: float) -> str:
    """How clearly the measured class won, in words: the confidence is a margin over the next
    class, so 50% already means a clear win."""
    if confidence >= 0.5:
        return "a clear fit"
    if confidence >= 0.2:
        return "a likely fit"
    return "a close call"


def fit_complexity(points: list[tuple[int, float]]) -> tuple[str | None, float, dict[str, float]]:
    """The class that best explains (n, seconds) timings, a confidence in [0, 1], and every fit.

    The slowest-growing class whose error is within twice the best error (or within 5 points of
    it) wins: real timings grow a little faster than their class as data outgrows the CPU
    caches, which must not pass for an extra log factor. The confidence is how clearly that
    choice wins under this rule. Timings that clearly grow are never constant, and timings no
    class explains give no class at all.
    """
    if len({n for n, _ in points}) < 3:
        return None, 0.0, {}
    fits = {label: _fit(points, label) for label in COMPLEXITY_CLASSES}
    best_error = min(fits.values())
    if best_error > UNEXPLAINED:  # no class explains these timings (n!, or noise): say so
        return None, 0.0, fits
    times = [t for _, t in sorted(points)]
    grows = max(times[-2:]) > GROWING * min(times[:2])
    rank = {lb: i for i, lb in enumerate(COMPLEXITY_CLASSES)}
    label = next(lb for lb in COMPLEXITY_CLASSES
                 if fits[lb] <= _tolerance(best_error) and not (grows and lb == "O(1)"))
    err = fits[label]
    faster = [e for lb, e in fits.items() if rank[lb] > rank[label]]
    slower = [e for lb, e in fits.items() if rank[lb] < rank[label]]
    margins = [1.0]
    if faster:
        margins.append(1 - err / _tolerance(min(faster)))
    if slower:
        margins.append(1 - _tolerance(err) / min(slower))
    coverage = min(1.0, (len(points) - 2) / 4)
    return label, round(max(0.0, min(margins)) * coverage, 3), fits


@dataclass(frozen=True)
class ComplexityResult:
    label: str | None  # the measured class, None when it could not be measured
    confidence: float
    timings: list[tuple[int, float]]  # (n, seconds per call), for a chart
    fits: dict[str, float]  # relative error of each class
    declared: str | None  # the question's declared time complexity
    seconds: float  # wall time of the measurement
    stopped: str  # why timing stopped: "largest size", "budget", "slow", "error"
    message: str
    error: ErrorInfo | None = None

    @property
    def agrees(self) -> bool | None:
        if self.label is None or self.declared is None:
            return None
        return self.label == self.declared


def measure_complexity(
    code: str,
    q: CodingQuestion,
    *,
    budget_seconds: float = 3.0,
    executor: str | Executor | None = None,
    limits: Limits | None = None,
    seed: int = 0,
) -> ComplexityResult:
    """Time ``code`` on the question's generated inputs of growing size and fit a class.

    Bounded by ``budget_seconds`` in all (start-up included); growth stops early when a call
    gets slow. Runs in the sandbox: it is the user's code.
    """
    if q.generator is None:
        raise InvalidInput(f"{q.title} has no input generator, so its complexity cannot be measured.",
                           field="generator")
    if len(code) > MAX_CODE_CHARS:
        raise InvalidInput(f"The code is longer than {MAX_CODE_CHARS:,} characters; shorten it.", field="code")
    started = time.monotonic()
    limits = limits or Limits()
    ex = get_executor(executor)
    sig = q.signature
    job = {
        "mode": "measure", "code": code, "entry": q.function, "params": sig.param_names,
        "arg_adapters": [p.adapter for p in sig.params], "generator": q.generator.code,
        "sizes": q.generator.schedule(), "budget_seconds": max(budget_seconds - 0.4, 0.2),
        "max_call_seconds": budget_seconds / 8, "per_test_seconds": limits.per_test_seconds,
        "stdout_limit": limits.output_chars, "seed": seed,
    }
    execution = ex.execute(job, limits, max(budget_seconds - (time.monotonic() - started), 0.5))
    events = execution.events
    points = sorted({int(e["n"]): float(e["seconds"]) for e in events if e["event"] == "point"}.items())
    stop = next((e for e in events if e["event"] in ("stop", "fatal")), None)
    declared = q.complexity.time if q.complexity else None
    seconds = time.monotonic() - started
    error = None
    if stop is None:
        stopped = "budget"
    elif stop["event"] == "stop":
        stopped = stop["reason"]
    else:
        stopped = "error"
        error = _error(stop.get("error"), code)
    label, confidence, fits = fit_complexity(points)
    if stopped == "error":
        kind = stop.get("kind")
        if kind == "generate":
            message = f"The question's input generator failed ({error}); report this question."
        else:
            reason = {"syntax": f"has a syntax error ({error})",
                      "missing": f"has no function {q.function}()",
                      "timeout": "ran too long while loading",
                      "load": f"raised {error} while loading"}.get(kind, f"raised {error} at n={stop.get('n')}")
            message = f"Your code {reason}; fix it (run the tests) before measuring."
        label, confidence = None, 0.0
    elif label is None:
        message = ("Not enough timings to fit a class: even small inputs took too long "
                   f"(timed {len(points)} sizes).")
    else:
        message = (f"Your code behaves like {label} ({fit_strength(confidence)}, confidence "
                   f"{confidence:.0%}) on {len(points)} sizes from n={points[0][0]} to "
                   f"n={points[-1][0]}.")
    return ComplexityResult(label, confidence, points, fits, declared, seconds, stopped, message, error)


def describe_sandbox(executor: str | Executor | None = None) -> Protections:
    """Run a trivial job and report which protections are active on this machine."""
    ex = get_executor(executor)
    job = {"mode": "tests", "code": "def f():\n    return 1\n", "entry": "f", "params": [],
           "arg_adapters": [], "return_adapter": "json", "tests": [{}], "per_test_seconds": 1.0,
           "suite_seconds": 1.0, "stdout_limit": 1000}
    limits = Limits()
    execution = ex.execute(job, limits, 10.0)
    if execution.protections is None or not execution.events:
        raise ServiceUnavailable(f"The {ex.name} sandbox did not start: {execution.stderr.strip()[-300:]}")
    return execution.protections
