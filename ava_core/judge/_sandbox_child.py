"""The sandbox's child process: runs one job (tests, timings or checks) and reports JSON lines.

``ava_core.judge`` starts it as ``python -I -S _sandbox_child.py JOB CHANNEL`` in a fresh folder;
CHANNEL is a file descriptor for the report, or ``-`` for stdout lines that start with the job's
token (how a remote Piston engine returns it). Standard library only, Python 3.8+, no imports
from ava_core. Expected outputs never come here: the parent compares, so code run here cannot
forge a pass. Timings come from the kernel, not from the code: the ``measure`` job runs the
code only in samples forked from this process and reads each one's CPU time after it ended.
"""

# Running untrusted code is this module's job: it execs it and catches all it raises.
# ruff: noqa: BLE001, S102

from __future__ import annotations

import copy
import gc
import io
import json
import math
import os
import random
import signal
import struct
import sys
import time
from types import ModuleType
from typing import Any

resource: ModuleType | None
try:
    import resource
except ImportError:  # not on Windows
    resource = None

SOLUTION_FILE = "solution.py"
MAX_NODES = 1_000_000  # nodes read back from a returned linked list or tree
GOT_LIMIT = 1_000_000  # characters of JSON kept per returned value
RECURSION_LIMIT = 10_000
MAX_RECURSION_LIMIT = 100_000  # what sys.setrecursionlimit() may raise it to in the sandbox
# Imported before privileges are dropped, when the sandbox user cannot read the standard library.
PRELOAD = (
    "array", "bisect", "collections", "copy", "dataclasses", "decimal", "enum", "fractions",
    "functools", "heapq", "itertools", "math", "operator", "queue", "re", "statistics", "string",
    "typing",
)


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

    def __repr__(self):
        return f"ListNode({self.val})"


class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right

    def __repr__(self):
        return f"TreeNode({self.val})"


class Timeout(BaseException):
    """A time limit fired while the user's code ran."""


class Unreadable(Exception):
    """A returned value cannot be turned into JSON."""


# --- adapters: plain JSON <-> ListNode / TreeNode ------------------------------------------------


def build_list(values):
    head = None
    for v in reversed(values):
        head = ListNode(v, head)
    return head


def list_values(node):
    out: list[Any] = []
    seen: set[int] = set()
    while node is not None:
        if not isinstance(node, ListNode):
            raise Unreadable(f"a linked list node is a {type(node).__name__}, not a ListNode")
        if id(node) in seen:
            raise Unreadable("the returned linked list has a cycle")
        if len(out) >= MAX_NODES:
            raise Unreadable(f"the returned linked list is longer than {MAX_NODES} nodes")
        seen.add(id(node))
        out.append(plain(node.val))
        node = node.next
    return out


def build_tree(values):
    if not values or values[0] is None:
        return None
    nodes = [None if v is None else TreeNode(v) for v in values]
    children = iter(nodes[1:])
    for node in nodes:
        if node is None:
            continue
        node.left = next(children, None)
        node.right = next(children, None)
    return nodes[0]


def tree_values(root):
    out: list[Any] = []
    queue = [root]
    seen: set[int] = set()
    i = 0
    while i < len(queue):
        node = queue[i]
        i += 1
        if node is None:
            out.append(None)
            continue
        if not isinstance(node, TreeNode):
            raise Unreadable(f"a tree node is a {type(node).__name__}, not a TreeNode")
        if id(node) in seen:
            raise Unreadable("the returned tree has a cycle or a shared node")
        if len(seen) >= MAX_NODES:
            raise Unreadable(f"the returned tree has more than {MAX_NODES} nodes")
        seen.add(id(node))
        out.append(plain(node.val))
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


def to_arg(value, adapter):
    if adapter == "linked_list":
        return build_list(value or [])
    if adapter == "tree":
        return build_tree(value or [])
    if adapter.startswith("list:"):
        return [to_arg(v, adapter[5:]) for v in value]
    return clone(value)


_SCALARS = (int, float, str, bool, type(None))


def clone(value):
    """A deep copy of plain data, fast for long lists of numbers."""
    if isinstance(value, list):
        return [x if type(x) in _SCALARS else clone(x) for x in value]
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    return copy.deepcopy(value) if type(value) not in _SCALARS else value


def returned(value, adapter):
    """The JSON form of a returned value; ListNode and TreeNode only where the signature says."""
    if adapter in ("linked_list", "tree"):
        if value is None:
            return []
        kind = ListNode if adapter == "linked_list" else TreeNode
        if not isinstance(value, kind):
            raise Unreadable(f"returned a {type(value).__name__}; expected a {kind.__name__} or None")
        return list_values(value) if kind is ListNode else tree_values(value)
    if adapter.startswith("list:"):
        if not isinstance(value, (list, tuple)):
            raise Unreadable(f"returned a {type(value).__name__}; expected a list")
        return [returned(v, adapter[5:]) for v in value]
    return plain(value)


def plain(value, depth=0):
    """A JSON-safe copy: tuples become lists, sets sorted lists; anything else is refused."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if depth > 100:
        raise Unreadable("the returned value is nested more than 100 levels deep")
    if isinstance(value, (list, tuple)):
        return [plain(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [plain(v, depth + 1) for v in value]
        try:
            return sorted(items)
        except TypeError:
            return items
    if isinstance(value, dict):
        return {str(k): plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, ListNode):
        return list_values(value)
    if isinstance(value, TreeNode):
        return tree_values(value)
    raise Unreadable(f"returned a {type(value).__name__}, which is not a plain value")


# --- output capture ------------------------------------------------------------------------------


class Capture(io.TextIOBase):
    """Stands in for stdout and stderr: keeps the first ``limit`` characters, counts the rest."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.kept = 0
        self.dropped = 0
        self.parts = []

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        room = max(0, self.limit - self.kept)
        if room:
            piece = s[:room]
            self.parts.append(piece)
            self.kept += len(piece)
        self.dropped += max(0, len(s) - room)
        return len(s)

    def take(self):
        text = "".join(self.parts)
        self.parts = []
        return text

    encoding = "utf-8"


# --- running the user's code ---------------------------------------------------------------------


def error_info(exc):
    """Type, message and the deepest line of the user's code in the traceback."""
    line = None
    if isinstance(exc, SyntaxError) and exc.filename == SOLUTION_FILE:
        line = exc.lineno
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == SOLUTION_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    try:
        message = str(exc)
    except Exception:
        message = ""
    if isinstance(exc, SyntaxError):
        message = exc.msg or message
    if isinstance(exc, SystemExit):
        message = "sys.exit() was called: return the answer instead of exiting"
    if isinstance(exc, RecursionError):
        message = f"{message} (the limit is {sys.getrecursionlimit()} calls)"
    return {"type": type(exc).__name__, "message": message[:500], "line": line}


_armed = False


def _on_alarm(signum, frame):
    if _armed:
        # Fire again soon in case the user's code swallows this one with a bare except.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        raise Timeout()


def set_timer(seconds):
    """Arm the time limit for the user's code (0: disarm; a late signal is then ignored)."""
    global _armed
    _armed = bool(seconds)
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001) if seconds else 0)


def load(job, emit, capture):
    """Compile and run the user's module; the entry function, or None after a fatal event."""
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": SOLUTION_FILE,
                                 "ListNode": ListNode, "TreeNode": TreeNode}
    try:
        code = compile(job["code"], SOLUTION_FILE, "exec")
    except (SyntaxError, ValueError) as exc:
        emit({"event": "fatal", "kind": "syntax", "error": error_info(exc)})
        return None
    try:
        try:
            set_timer(job["per_test_seconds"])
            exec(code, namespace)
        finally:
            set_timer(0)
    except Timeout:
        emit({"event": "fatal", "kind": "timeout", "stdout": capture.take()})
        return None
    except BaseException as exc:
        emit({"event": "fatal", "kind": "load", "error": error_info(exc), "stdout": capture.take()})
        return None
    fn = _entry_function(namespace, job["entry"])
    if fn is None:
        defined = sorted(k for k, v in namespace.items()
                         if callable(v) and getattr(v, "__module__", "") == "solution")
        emit({"event": "fatal", "kind": "missing", "defined": defined, "stdout": capture.take()})
        return None
    emit({"event": "loaded", "stdout": capture.take()})
    return fn


def _entry_function(namespace, entry):
    """The function named ``entry``, or the method of that name of a ``Solution`` class."""
    fn = namespace.get(entry)
    if not callable(fn) and isinstance(namespace.get("Solution"), type):
        try:
            fn = getattr(namespace["Solution"](), entry, None)
        except Exception:
            fn = None
    return fn if callable(fn) else None


def run_tests(job, emit, capture):
    fn = load(job, emit, capture)
    if fn is None:
        return
    pid = os.getpid()
    adapters = job["arg_adapters"]
    deadline = time.monotonic() + job["suite_seconds"]
    for i, test in enumerate(job["tests"]):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            emit({"event": "result", "i": i, "status": "not_run"})
            continue
        event = {"event": "result", "i": i}
        try:
            try:
                args = [to_arg(test[name], a) for name, a in zip(job["params"], adapters)]
                set_timer(min(job["per_test_seconds"], remaining))
                start = time.perf_counter()
                value = fn(*args)
                event["seconds"] = time.perf_counter() - start
                got = returned(value, job["return_adapter"])
                text = json.dumps(got)
            finally:
                set_timer(0)
            event.update(status="returned", got=got if len(text) <= GOT_LIMIT else {"__too_large__": len(text)})
        except Timeout:
            event["status"] = "timeout"
        except Unreadable as exc:
            event.update(status="unreadable", message=str(exc))
        except BaseException as exc:
            event.update(status="error", error=error_info(exc))
        if os.getpid() != pid:  # a process forked by the user's code never reports
            os._exit(0)
        event["stdout"] = capture.take()
        emit(event)


# --- measuring: every timing taken outside the user's code --------------------------------------

TARGET_SAMPLE_SECONDS = 0.006  # CPU time the calls add to one sample
MIN_SAMPLE_SECONDS = 0.001  # less than this, and the calls are too few to time: more calls
MAX_SAMPLE_SECONDS = 0.05  # but a sample's calls never take longer than this
MAX_CALLS = 1_000_000
MAX_COPY_CHARS = 20_000_000  # the copies of an input that the function changes, as JSON
REPORT_BYTES = 8192  # read from a sample's report, which the user's code can write to
PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS, PR_SET_CHILD_SUBREAPER = 4, 38, 36
LANDLOCK_CREATE_RULESET, LANDLOCK_RESTRICT_SELF = 444, 446  # the same on x86_64 and aarch64
LANDLOCK_CREATE_RULESET_VERSION = 1
LANDLOCK_ACCESS_FS_MAKE_BLOCK = 1 << 11
LANDLOCK_SCOPES = 0b11  # abstract unix sockets and signals


class MeasureFailed(Exception):
    """The user's code (or the question's generator) failed while being measured."""

    def __init__(self, fatal):
        super().__init__(fatal.get("kind"))
        self.fatal = fatal


class Size:
    """One input size: its raw input, the arguments the samples call with (one set per call
    when the function changes its input), and the least CPU time seen for a sample with the
    calls and for one without them."""

    def __init__(self, job, n, raw):
        self.job, self.n, self.raw = job, n, raw
        self.chars = len(json.dumps(raw))
        self.calls = 1
        self.args: list = []
        self.best = {True: math.inf, False: math.inf}
        self.samples = 0

    def prepare(self, calls, fresh):
        """Make the arguments here, before any sample, so their making is not timed: one set,
        or one per call and one for the warm-up call when the function changes its input."""
        if fresh:
            calls = min(calls, max(1, MAX_COPY_CHARS // max(self.chars, 1) - 1))
        sets = calls + 1 if fresh else 1
        if calls != self.calls or len(self.args) != sets:
            self.args = [_args(self.job, self.raw) for _ in range(sets)]
            self.best, self.samples = {True: math.inf, False: math.inf}, 0
        self.calls = calls

    def per_call(self):
        """CPU seconds of one call: the difference of the two kinds of sample, over the calls."""
        return (self.best[True] - self.best[False]) / self.calls


class Sampler:
    """Times samples of the user's code, each in a process forked from this one, which never
    runs that code itself. A sample's CPU time is what the kernel accounts to it and to every
    process it started, read here after they all ended: a patched clock or a forged report
    changes nothing. Each sample closes every descriptor but its own report's and nests itself
    in a Landlock domain of its own where the kernel has Landlock (so it cannot signal this
    process or open its memory or files through /proc); this process is not dumpable, and is
    the subreaper of what a sample leaves behind, which is killed and counted with it."""

    def __init__(self, job, code, deadline, guards):
        self.job, self.code, self.deadline = job, code, deadline
        self.guards = guards  # run in the sample before the user's code
        self.fresh = False  # one set of arguments per call: the function changes its input

    def pair(self, size):
        """A sample with the calls and one without: each kind keeps its least CPU time."""
        for with_calls in (False, True):
            size.best[with_calls] = min(size.best[with_calls], self.sample(size, with_calls)[0])
        size.samples += 1

    def changes_input(self, size):
        """Whether a call changes its arguments (a sample not timed; its word is the user's
        code's, which can only choose how its own input is copied)."""
        return bool(self.sample(size, True, check=True)[1].get("mutated"))

    def sample(self, size, with_calls, check=False):
        """One sample: its CPU seconds and its report."""
        before = _children_cpu()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            self._child(size, with_calls, check, write_end)
        os.close(write_end)
        try:
            os.setpgid(pid, pid)
        except OSError:  # it already did, or it already ended
            pass
        limit = self.deadline
        if size.samples:  # far longer than the last samples of this size: stopped
            limit = min(limit, time.monotonic() + 4 * (size.best[True] + size.best[False]) + 0.5)
        timed_out = False
        try:
            try:
                set_timer(max(limit - time.monotonic(), 0.001))
                os.waitpid(pid, 0)
            finally:
                set_timer(0)
        except Timeout:
            timed_out = True
        _sweep(pid)
        after = _children_cpu()
        report = _read_report(read_end)
        if timed_out:
            raise Timeout()
        if "kind" in report:
            raise MeasureFailed({**report, "n": size.n})
        return after - before, report

    def _child(self, size, with_calls, check, report_fd):
        """The sample: the user's module and a warm-up call, then the calls, or nothing more.
        The warm-up call pays for what only a first call costs, such as copying the pages of
        this process's memory that a call writes to; with a set of arguments per call, each
        call pays for its own set's pages, a cost in proportion to the pages it writes."""
        try:
            os.closerange(0, report_fd)
            os.closerange(report_fd + 1, 65536)
            for guard in self.guards:
                guard()
            sys.stdout = sys.stderr = Capture(0)
            fn = _entry(self.job, self.code)
            report: dict[str, Any] = {}
            gc.disable()
            fn(*size.args[0])
            if check:
                job = self.job
                report["mutated"] = not all(
                    _unchanged(x, a, size.raw[p])
                    for x, p, a in zip(size.args[0], job["params"], job["arg_adapters"]))
            elif with_calls:
                for i in range(size.calls):
                    fn(*size.args[i + 1 if self.fresh else 0])
        except MeasureFailed as failed:
            report = failed.fatal
        except BaseException as exc:
            report = {"kind": "call", "error": error_info(exc)}
        try:
            os.write(report_fd, json.dumps(report).encode()[:REPORT_BYTES])
        finally:
            os._exit(0)


def _entry(job, code):
    """The user's entry function, in a sample."""
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": SOLUTION_FILE,
                                 "ListNode": ListNode, "TreeNode": TreeNode}
    try:
        exec(code, namespace)
    except BaseException as exc:
        raise MeasureFailed({"kind": "load", "error": error_info(exc)}) from None
    fn = _entry_function(namespace, job["entry"])
    if fn is None:
        raise MeasureFailed({"kind": "missing"})
    return fn


def _children_cpu():
    """CPU seconds of every process this one has reaped."""
    assert resource is not None  # run_measure checked
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _read_report(fd):
    """A sample's report: at most REPORT_BYTES, read once every process that could write it ended."""
    try:
        os.set_blocking(fd, False)
        data = os.read(fd, REPORT_BYTES)
    except OSError:
        data = b""
    finally:
        os.close(fd)
    try:
        report = json.loads(data.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        return {}
    return report if isinstance(report, dict) else {}


def _children():
    """This process's children (a sample's orphans come here: it is their subreaper), or None
    where /proc does not list them."""
    try:
        with open(f"/proc/self/task/{os.getpid()}/children") as f:
            return [int(x) for x in f.read().split()]
    except (OSError, ValueError):
        return None


def _sweep(pgid, rounds=2000):
    """Kill the sample's process group and every process it left, and reap them all, so their
    CPU time is counted before the next sample starts."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass
    for _ in range(rounds):
        for pid in _children() or ():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            return
        time.sleep(0.0005)


_guards: list = []  # what each sample does before it runs the user's code


def prepare_measuring():
    """Before privileges are dropped (ctypes may not be readable after): make this process the
    subreaper of its samples and not dumpable, and keep what each sample does first, nest
    itself in a Landlock domain of its own (where the kernel has Landlock)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
    except (ImportError, OSError):
        return
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    if os.uname().machine not in ("x86_64", "aarch64"):
        return
    abi = libc.syscall(LANDLOCK_CREATE_RULESET, None, 0, LANDLOCK_CREATE_RULESET_VERSION)
    if abi < 1:
        return
    # A right no sample needs (making block devices) and, where the kernel scopes them, signals
    # and abstract sockets: enough for a domain of its own, nested in this process's.
    fields = [LANDLOCK_ACCESS_FS_MAKE_BLOCK, 0, LANDLOCK_SCOPES] if abi >= 6 else [LANDLOCK_ACCESS_FS_MAKE_BLOCK]
    attr = struct.pack(f"{len(fields)}Q", *fields)

    def nest():
        libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        fd = libc.syscall(LANDLOCK_CREATE_RULESET, attr, len(attr), 0)
        if fd < 0:
            return
        try:
            libc.syscall(LANDLOCK_RESTRICT_SELF, fd, 0)
        finally:
            os.close(fd)

    _guards.append(nest)


def run_measure(job, emit, capture):
    """Time the entry function on generated inputs of growing size, within the budget, and
    report the timings as one ``measured`` event, the run's last word.

    Each size gets samples with ``calls`` calls and samples without them; a call's time is the
    difference of the least CPU time of each kind, over ``calls``. First the sizes grow until a
    call gets slow or half the budget is spent; then the sizes are sampled again in turns (so a
    burst of load elsewhere hits them all alike)."""
    start = time.monotonic()
    deadline = start + job["budget_seconds"]
    try:
        code = compile(job["code"], SOLUTION_FILE, "exec")
    except (SyntaxError, ValueError) as exc:
        emit({"event": "measured", "fatal": {"kind": "syntax", "error": error_info(exc)}})
        return
    if not hasattr(os, "fork") or resource is None:
        emit({"event": "measured", "fatal": {"kind": "unsupported"}})
        return
    sampler = Sampler(job, code, deadline, _guards)
    timed: list[Size] = []
    try:
        try:
            stop = _grow(job, sampler, timed, start, deadline)
            _repeat(sampler, timed, deadline)
        finally:
            set_timer(0)
    except Timeout:  # the budget is spent, or a sample took far longer than the last ones
        stop = {"reason": "budget" if time.monotonic() >= deadline - 0.01 else "slow"}
    except MeasureFailed as failed:
        emit({"event": "measured", "fatal": failed.fatal})
        return
    points = [[s.n, s.per_call(), s.samples] for s in timed if s.samples and s.per_call() > 0]
    emit({"event": "measured", "points": points, "stop": stop})


def _generator(job):
    namespace: dict[str, Any] = {"__name__": "generator"}
    try:
        exec(compile(job["generator"], "generator.py", "exec"), namespace)
        return namespace["generate"]
    except BaseException as exc:
        raise MeasureFailed({"kind": "generate", "error": error_info(exc)}) from None


def _generate(generate, n, rng, deadline):
    """The question's input of size n, made here (its generator is the question's code)."""
    try:
        try:
            set_timer(max(deadline - time.monotonic(), 0.001))
            return generate(n, rng)
        finally:
            set_timer(0)
    except Timeout:
        raise
    except BaseException as exc:
        raise MeasureFailed({"kind": "generate", "n": n, "error": error_info(exc)}) from None


def _calls_for(per_call):
    return max(1, min(MAX_CALLS, int(TARGET_SAMPLE_SECONDS / max(per_call, 1e-8))))


def _grow(job, sampler, timed, start, deadline):
    sizes = job["sizes"]
    grow_until = start + (deadline - start) / 2
    generate = _generator(job)
    rng = random.Random(job.get("seed", 0))
    guess = None  # the CPU seconds of a call at the next size
    for k, n in enumerate(sizes):
        g0 = time.monotonic()
        size = Size(job, n, _generate(generate, n, rng, deadline))
        size.prepare(1, False)
        if not sampler.fresh and sampler.changes_input(size):
            sampler.fresh = True
        size.prepare(_calls_for(guess) if guess is not None else 1, sampler.fresh)
        prepared = time.monotonic() - g0
        sampler.pair(size)
        for _ in range(4):  # the calls too few to tell from the rest of a sample: more calls
            spent = size.best[True] - size.best[False]
            if spent >= MIN_SAMPLE_SECONDS or size.calls >= MAX_CALLS:
                break
            more = math.ceil(2 * MIN_SAMPLE_SECONDS / spent) if spent > 0 else 10
            room = MAX_SAMPLE_SECONDS / max(spent, size.best[True] / 10, 1e-6)
            calls = min(MAX_CALLS, int(size.calls * max(min(more, 100, room), 2)))
            size.prepare(calls, sampler.fresh)
            if size.samples:  # as many calls as it can copy the input for
                break
            sampler.pair(size)
        timed.append(size)
        per_call = max(size.per_call(), 1e-8)
        if per_call > job["max_call_seconds"]:
            return {"reason": "slow", "n": n}
        if k + 1 < len(sizes):
            ratio = sizes[k + 1] / max(n, 1)
            previous = max(timed[-2].per_call(), 1e-8) if len(timed) > 1 else None
            growth = max(ratio, per_call / previous if previous else ratio)
            guess = per_call * growth
            pair_seconds = size.best[True] + size.best[False]
            if time.monotonic() + prepared * ratio + pair_seconds * growth > grow_until:
                return {"reason": "budget", "n": sizes[k + 1]}
    return {"reason": "largest size"}


def _repeat(sampler, timed, deadline):
    """Sample every size again in turns, keeping the least CPU time of each kind, until two
    rounds in a row improve no size's call by more than 2% (at least 10 rounds, at most 40,
    within the budget)."""
    quiet = 0
    for done in range(40):
        improved = False
        for size in timed:
            if time.monotonic() + (size.best[True] + size.best[False]) * 2 > deadline:
                return
            before = size.per_call()
            sampler.pair(size)
            improved = improved or size.per_call() < before * 0.98
        quiet = 0 if improved else quiet + 1
        if done >= 9 and quiet >= 2:
            return


def _args(job, raw):
    return [to_arg(raw[p], a) for p, a in zip(job["params"], job["arg_adapters"])]


def _unchanged(value, adapter, raw):
    """Whether an argument still reads back as its generated JSON. Lists of nodes are compared
    one at a time and stop at the first change: a relinked list can be long."""
    if adapter.startswith("list:") and isinstance(value, list) and isinstance(raw, list):
        inner = adapter[len("list:"):]
        return len(value) == len(raw) and all(
            _as_json(v, inner) == r for v, r in zip(value, raw))
    return _as_json(value, adapter) == raw


def _as_json(value, adapter):
    try:
        return returned(value, adapter) if adapter != "json" else value
    except Unreadable:
        return None


def run_check(job, emit, capture):
    """Run the question's checker on each (args, expected, got)."""
    ns: dict[str, Any] = {"__name__": "checker"}
    exec(compile(job["checker"], "checker.py", "exec"), ns)
    check = ns["check"]
    for i, case in enumerate(job["cases"]):
        event = {"event": "checked", "i": i, "ok": False}
        try:
            try:
                set_timer(job["per_test_seconds"])
                event["ok"] = bool(check(case["args"], case["expected"], case["got"]))
            finally:
                set_timer(0)
        except Timeout:
            event["error"] = {"type": "Timeout", "message": "the checker ran too long", "line": None}
        except BaseException as exc:
            event["error"] = error_info(exc)
        emit(event)
    capture.take()


MODES = {"tests": run_tests, "measure": run_measure, "check": run_check}


def run_job(job, emit, capture=None):
    """Run ``job`` in this process, reporting through ``emit``. No isolation: main() adds it."""
    capture = capture or Capture(job.get("stdout_limit", 64_000))
    if hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _on_alarm)
    MODES[job["mode"]](job, emit, capture)


# --- isolation -----------------------------------------------------------------------------------


def _interfaces():
    try:
        with open("/proc/self/net/dev") as f:
            return [line.split(":")[0].strip() for line in f.readlines()[2:]]
    except OSError:
        return None


def _proc_self():
    try:
        return os.readlink("/proc/self")
    except OSError:
        return None


def _outside_uid():
    try:
        with open("/proc/self/uid_map") as f:
            inside, outside, _ = f.read().split()[:3]
        return os.getuid() - int(inside) + int(outside)
    except (OSError, ValueError):
        return os.getuid() if hasattr(os, "getuid") else None


_set_recursion_limit = sys.setrecursionlimit


def _capped_recursion_limit(limit):
    """Far deeper recursion only ends in a crash or a stall, never in an answer."""
    _set_recursion_limit(min(int(limit), MAX_RECURSION_LIMIT))


class Unavailable:
    """Last import finder when the sandbox user cannot read the standard library."""

    def find_spec(self, name, path=None, target=None):
        raise ModuleNotFoundError(
            f"module {name!r} is not available in Ava's sandbox here; these are: "
            + ", ".join(PRELOAD), name=name)


def drop_privileges(uid):
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def apply_limits(limits):
    """Lower each resource limit (never raise it); the limits in force, as measured."""
    if resource is None:
        return {}
    names = {"cpu_seconds": "RLIMIT_CPU", "memory_bytes": "RLIMIT_AS", "processes": "RLIMIT_NPROC",
             "file_bytes": "RLIMIT_FSIZE", "open_files": "RLIMIT_NOFILE", "core_bytes": "RLIMIT_CORE"}
    measured = {}
    for key, name in names.items():
        res = getattr(resource, name, None)
        if res is None:
            continue
        if key in limits:
            hard = resource.getrlimit(res)[1]
            want = limits[key] if hard == resource.RLIM_INFINITY else min(limits[key], hard)
            try:
                resource.setrlimit(res, (want, want))
            except (ValueError, OSError):
                pass
        value = resource.getrlimit(res)[0]
        measured[key] = None if value == resource.RLIM_INFINITY else value
    return measured


BLOCKED = {
    "os.system": "running shell commands", "os.exec": "running programs",
    "os.posix_spawn": "starting processes", "os.spawn": "starting processes",
    "os.fork": "starting processes", "os.forkpty": "starting processes",
    "subprocess.Popen": "starting processes", "os.kill": "sending signals",
    "os.killpg": "sending signals", "socket.__new__": "network access",
    "socket.connect": "network access", "socket.bind": "network access",
    "socket.getaddrinfo": "network access", "ctypes.dlopen": "loading native code",
    "os.remove": "changing files", "os.rename": "changing files", "os.rmdir": "changing files",
    "os.mkdir": "changing files", "os.truncate": "changing files", "os.chmod": "changing files",
    "os.link": "changing files", "os.symlink": "changing files", "shutil.rmtree": "changing files",
}
BLOCKED_IMPORTS = {"_posixsubprocess": "starting processes", "_ctypes": "loading native code"}


def install_audit_hook(readable_roots):
    """Refuse what no interview answer needs; a clear error, not a security boundary by itself."""
    roots = tuple(os.path.join(os.path.realpath(r), "") for r in readable_roots)

    def hook(event, args):
        what = BLOCKED.get(event)
        if what is None and event == "import" and args and args[0] in BLOCKED_IMPORTS:
            what = BLOCKED_IMPORTS[args[0]]
        if what is None and event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC))
            if writing:
                what = "writing files"
            elif isinstance(path, (str, bytes)) and not os.path.realpath(os.fsdecode(path)).startswith(roots):
                what = "reading files outside the sandbox folder"
        if what is not None:
            raise PermissionError(f"{what} is not allowed in Ava's sandbox")

    sys.addaudithook(hook)


def main(argv):
    job_path, channel = argv[1], argv[2]
    with open(job_path, encoding="utf-8") as f:
        job = json.load(f)
    os.remove(job_path)
    token = job.get("token", "")
    raw = sys.stdout.fileno() if channel == "-" else int(channel)
    prefix = (token + " ").encode() if channel == "-" else b""

    def emit(event):
        data = prefix + json.dumps(event).encode() + b"\n"
        while data:
            data = data[os.write(raw, data):]

    sandbox = job.get("sandbox", {})
    if sandbox.get("preload"):
        for name in PRELOAD:
            __import__(name)
        sys.meta_path.append(Unavailable())
    measuring = job.get("mode") == "measure"
    if measuring:
        prepare_measuring()
    dropped = False
    if sandbox.get("drop_to") is not None:
        try:
            drop_privileges(sandbox["drop_to"])
            dropped = True
        except OSError:
            pass
    limits = apply_limits(sandbox.get("limits", {}))
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails instead of killing
    sys.setrecursionlimit(RECURSION_LIMIT)
    sys.setrecursionlimit = _capped_recursion_limit
    emit({"event": "start", "pid": os.getpid(), "uid": os.getuid() if hasattr(os, "getuid") else None,
          "outside_uid": _outside_uid(), "proc_self": _proc_self(), "interfaces": _interfaces(),
          "limits": limits,
          "dropped": dropped, "audit": bool(sandbox.get("audit")), "python": sys.version.split()[0]})
    if sandbox.get("audit"):
        roots = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, os.getcwd()]
        if measuring:  # the code runs in the samples, which install the hook
            _guards.append(lambda: install_audit_hook(roots))
        else:
            install_audit_hook(roots)
    capture = Capture(job.get("stdout_limit", 64_000))
    sys.stdout = sys.stderr = capture
    # Replaced on purpose, so the user's code cannot print around the capture; typeshed declares
    # them Final TextIOWrapper.
    sys.__stdout__ = sys.__stderr__ = capture  # type: ignore[misc, assignment]
    sys.stdin = io.StringIO("")
    run_job(job, emit, capture)
    emit({"event": "done", "stdout_dropped": capture.dropped})
    os._exit(0)  # skip interpreter teardown: nothing of the user's code runs after the report


if __name__ == "__main__":
    main(sys.argv)
