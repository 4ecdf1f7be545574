"""The executor interface: what a run may use (Limits), what protected it (Protections), what it
returned (Execution), the Executor protocol and the registry of executors by name. ``local``
(``sandbox.py``) and ``piston`` (``piston.py``) register themselves."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ava_core.judge.queue import RunQueue, default_slots
from ava_core.registry import Registry
from ava_core.settings import Settings, load_settings

RUNNER = Path(__file__).with_name("_sandbox_child.py")  # the child, run by every executor
MAX_EVENTS = 10_000  # report events read from one run: a few per test, and complexity points
MAX_EVENT_CHARS = 2_000_000  # one event: a returned value (1 MB at most) and its printed output
MAX_CODE_CHARS = 100_000


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
    layers: tuple[str, ...] = ()  # the jailer's, as probed on this machine
    layers_missing: tuple[str, ...] = ()

    def active(self) -> list[str]:
        checks = {
            "separate process": True, "isolated mode (-I)": self.isolated_mode,
            "environment without secrets": self.clean_environment,
            "fresh temporary folder": self.temp_folder, "no network": self.no_network,
            "own process space": self.own_process_space,
            "unprivileged user": self.unprivileged_user, "unsafe calls blocked": self.audit_hook,
        }
        names = [name for name, on in checks.items() if on] + list(self.layers)
        names += [f"{k.replace('_', ' ')} limit" for k, v in self.limits.items() if v is not None]
        return names

    def missing(self) -> list[str]:
        checks = {"no network": self.no_network, "own process space": self.own_process_space,
                  "unprivileged user": self.unprivileged_user}
        return [name for name, on in checks.items() if on is False] + list(self.layers_missing)

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

    def confinement(self) -> tuple[bool, str]:
        """Whether code can run confined here, and one sentence for the operator (Home)."""
        ...


EXECUTORS: Registry[Executor] = Registry("code executor", ("ava_core.judge.sandbox", "ava_core.judge.piston"))


def register_executor(name: str, factory: Callable[[Settings], Executor]) -> None:
    EXECUTORS.register(name, factory)


def executor_names() -> list[str]:
    return EXECUTORS.names()


_queue: RunQueue | None = None
_queue_lock = threading.Lock()
OnWait = Callable[[int], None]  # hears how many runs are ahead while a run waits its turn


def run_queue() -> RunQueue:
    """The process's one queue in front of every executor, sized once from the settings."""
    global _queue
    with _queue_lock:
        if _queue is None:
            _queue = RunQueue(load_settings().max_sandboxes or default_slots(Limits().memory_mb))
        return _queue


def execute(ex: Executor, job: dict[str, Any], limits: Limits, wall_seconds: float,
            on_wait: OnWait | None = None) -> Execution:
    """``ex.execute`` when the queue gives this run its turn; its wall clock starts then."""
    with run_queue().turn(on_wait):
        return ex.execute(job, limits, wall_seconds)


def get_executor(executor: str | Executor | None = None, settings: Settings | None = None) -> Executor:
    """The executor by name (or the one given); None: ``piston`` when the settings name a Piston
    engine (``AVA_EXECUTOR_URL``, in the environment or the app's secrets), else ``local``."""
    if executor is not None and not isinstance(executor, str):
        return executor
    settings = settings or load_settings()
    name = executor or ("piston" if settings.executor_url else "local")
    return EXECUTORS.create(name, settings)


def parse_events(lines: list[bytes] | list[str], token: str = "") -> tuple[list[dict], list[str]]:
    """The child's report events (and the other lines). The child runs the user's code, so its
    report is read as hostile: at most MAX_EVENTS events of at most MAX_EVENT_CHARS each; past
    either limit an ``overflow`` event ends the list, and the verdict trusts nothing after it."""
    events: list[dict] = []
    other: list[str] = []
    prefix = token + " " if token else ""
    for raw in lines:
        if len(events) >= MAX_EVENTS or len(raw) > MAX_EVENT_CHARS:
            events.append({"event": "overflow"})
            break
        line = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        if prefix and not line.startswith(prefix):
            other.append(line)
            continue
        try:
            event = json.loads(line[len(prefix):])
        except (ValueError, RecursionError):
            other.append(line)
            continue
        if isinstance(event, dict) and "event" in event:
            events.append(event)
    return events, other


def protections(executor: str, events: list[dict], audit: bool, notes: list[str], *,
                layers: Sequence[str] = (), missing: Sequence[str] = ()) -> Protections:
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
        # one of the first processes of a fresh PID namespace (the jailer is the first), with a
        # /proc that shows only that namespace
        own_process_space=(start.get("pid") in (1, 2) and start.get("proc_self") == str(start.get("pid")))
        if start else None,
        unprivileged_user=unprivileged, audit_hook=audit and bool(start.get("audit")),
        limits=limits, notes=tuple(notes), layers=tuple(layers), layers_missing=tuple(missing),
    )
