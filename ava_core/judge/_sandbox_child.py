"""The sandbox's child process: runs one job (tests, timings or checks) and reports JSON lines.

``ava_core.judge`` starts it as ``python -I -S _sandbox_child.py JOB CHANNEL`` in a fresh folder;
CHANNEL is a file descriptor for the report, or ``-`` for stdout lines that start with the job's
token (how a remote Piston engine returns it). Standard library only, Python 3.8+, no imports
from ava_core. Expected outputs never come here: the parent compares, so code run here cannot
forge a pass.
"""

# Running untrusted code is this module's job: it execs it and catches all it raises.
# ruff: noqa: BLE001, S102

from __future__ import annotations

import copy
import gc
import io
import json
import os
import random
import signal
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
    entry = job["entry"]
    fn = namespace.get(entry)
    if not callable(fn) and isinstance(namespace.get("Solution"), type):
        try:
            fn = getattr(namespace["Solution"](), entry, None)
        except Exception:
            fn = None
    if not callable(fn):
        defined = sorted(k for k, v in namespace.items()
                         if callable(v) and getattr(v, "__module__", "") == "solution")
        emit({"event": "fatal", "kind": "missing", "defined": defined, "stdout": capture.take()})
        return None
    emit({"event": "loaded", "stdout": capture.take()})
    return fn


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


class Size:
    """One input size being timed: its raw input, reusable arguments and best time so far."""

    def __init__(self, n, raw, args, mutated, best):
        self.n, self.raw, self.args, self.mutated, self.best = n, raw, args, mutated, best
        self.repeats = 1


def run_measure(job, emit, capture):
    """Time the entry function on generated inputs of growing size, within the budget.

    First the sizes grow until a call gets slow or half the budget is spent; then the sizes are
    timed again in turns (so a burst of load elsewhere hits them all alike), keeping each
    size's fastest call.
    """
    start = time.monotonic()
    deadline = start + job["budget_seconds"]
    fn = load(job, emit, capture)
    if fn is None:
        return
    rng = random.Random(job.get("seed", 0))
    pid = os.getpid()
    timed: list[Size] = []
    stage = ["generate"]
    try:
        try:
            set_timer(deadline - time.monotonic())
            gen_ns: dict[str, Any] = {"__name__": "generator"}
            exec(compile(job["generator"], "generator.py", "exec"), gen_ns)
            stop = _grow(job, fn, gen_ns["generate"], rng, timed, start, deadline, stage)
            stage[0] = "call"
            _emit_points(emit, timed)  # first timings, in case the run is stopped from outside
            _repeat(job, fn, timed, deadline)
        finally:
            set_timer(0)
            gc.enable()
    except Timeout:
        stop = {"reason": "budget"}
    except BaseException as exc:
        if os.getpid() != pid:
            os._exit(0)
        emit({"event": "fatal", "kind": stage[0], "n": stage[1] if len(stage) > 1 else None,
              "error": error_info(exc), "stdout": capture.take()})
        return
    if os.getpid() != pid:
        os._exit(0)
    capture.take()
    _emit_points(emit, timed)
    emit({"event": "stop", **stop})


def _emit_points(emit, timed):
    for size in timed:
        emit({"event": "point", "n": size.n, "seconds": size.best, "repeats": size.repeats})


def _grow(job, fn, generate, rng, timed, start, deadline, stage):
    sizes = job["sizes"]
    grow_until = start + (deadline - start) / 2
    for k, n in enumerate(sizes):
        stage[:] = ["generate", n]
        g0 = time.perf_counter()
        raw = generate(n, rng)
        gen_seconds = time.perf_counter() - g0
        args = _args(job, raw)
        stage[0] = "call"
        gc.disable()
        t0 = time.perf_counter()
        fn(*args)
        first = time.perf_counter() - t0
        gc.enable()
        mutated = not all(_unchanged(x, a, raw[p])
                          for x, p, a in zip(args, job["params"], job["arg_adapters"]))
        timed.append(Size(n, raw, None if mutated else args, mutated, first))
        if first > job["max_call_seconds"]:
            return {"reason": "slow", "n": n}
        if k + 1 < len(sizes):
            ratio = sizes[k + 1] / max(n, 1)
            previous = timed[-2].best if len(timed) > 1 else None
            growth = max(ratio, first / previous if previous else ratio)
            if time.monotonic() + gen_seconds * ratio + first * growth > grow_until:
                return {"reason": "budget", "n": sizes[k + 1]}
    return {"reason": "largest size"}


def _repeat(job, fn, timed, deadline, visit_seconds=0.002):
    """Time every size again in turns, keeping the fastest call of each, until two passes in a
    row improve no size by more than 2% (at least 6 passes, at most 40, within the budget)."""
    quiet = 0
    for done in range(40):
        improved = False
        for size in timed:
            before = size.best
            calls = max(1, int(visit_seconds / max(size.best, 1e-7)))
            for _ in range(calls):
                if time.monotonic() + size.best * 2 > deadline:
                    return
                args = _args(job, size.raw) if size.mutated else size.args
                gc.disable()
                t0 = time.perf_counter()
                fn(*args)
                t = time.perf_counter() - t0
                gc.enable()
                size.repeats += 1
                size.best = min(size.best, t)
            improved = improved or size.best < before * 0.98
        quiet = 0 if improved else quiet + 1
        if done >= 5 and quiet >= 2:
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
        stdlib = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
        install_audit_hook(stdlib + [os.getcwd()])
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
