"""The local executor: the sandbox child in a subprocess on this machine, with the isolation
this host allows, detected once.

On Linux the child starts through the jailer (``ava_core.confine``), which confines it with what the
kernel gives any unprivileged process: Landlock (files, TCP, signals), seccomp and no new
privileges. Namespaces (``unshare``) and another user (when started as root) are extra layers
where the host allows them. Without the layers that keep the database, the secrets, the app's
files and other processes out of reach (``confine.ESSENTIAL``), the executor refuses to run code, unless
the operator set AVA_SANDBOX_UNCONFINED for a machine only they use."""

from __future__ import annotations

import json
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ava_core import confine
from ava_core.errors import ConfigError, ServiceUnavailable
from ava_core.judge.executors import (
    RUNNER,
    Execution,
    Limits,
    parse_events,
    protections,
    register_executor,
)

CHANNEL_LIMIT = 64 * 2**20  # bytes of report a child may send before it is stopped
NOBODY = 65534

def unconfined_refusal(missing: dict[str, str]) -> str:
    """Why the local sandbox will not run code here, and what the operator can do."""
    reasons = "; ".join(f"{confine.LAYER_NAMES.get(k, k)}: {v}" for k, v in missing.items())
    return (f"Ava will not run code in its local sandbox on this machine: it cannot confine it "
            f"({reasons}). Set AVA_EXECUTOR_URL to a Piston engine, or, on a computer only you "
            "use, set AVA_SANDBOX_UNCONFINED=1 to run your own code without these protections.")


@dataclass
class _Isolation:
    prefixes: list[list[str]]  # namespace command prefixes still to try, strongest first
    drop_to: int | None  # the uid the child switches to (when started as root)
    preload: bool  # import common modules before dropping privileges
    notes: list[str]
    layers: list[str]  # the jailer's layers that held when probed
    missing: dict[str, str]  # the jailer's layers that did not, and why

    @property
    def confined(self) -> bool:
        """Whether the layers that keep the database, secrets, app and network away hold."""
        return confine.Layers(self.layers, self.missing).confined

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
    found = confine.layers()
    return _Isolation(prefixes, drop_to, preload, notes, list(found.held), dict(found.missing))


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

    def __init__(self, *, unconfined: bool = False):
        self.unconfined = unconfined  # the operator accepts running code without the jailer

    def confinement(self) -> tuple[bool, str]:
        iso = _get_isolation()
        if iso.confined:
            held = ", ".join(confine.LAYER_NAMES[x] for x in iso.layers)
            return True, f"Code runs in the local sandbox, confined by the kernel: {held}."
        if self.unconfined:
            return False, ("Code runs in the local sandbox UNCONFINED (AVA_SANDBOX_UNCONFINED): "
                           "it can read what Ava's own user can. Only for a computer you alone use.")
        return False, unconfined_refusal(iso.missing)

    def execute(self, job: dict[str, Any], limits: Limits, wall_seconds: float) -> Execution:
        iso = _get_isolation()
        if not iso.confined and not self.unconfined:
            raise ConfigError(unconfined_refusal(iso.missing))
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
            cmd = [*prefix, *_jailer(iso, folder), confine.PYTHON, "-I", "-S", str(RUNNER), job_path,
                   str(write_end) if posix else "-"]
            try:
                proc = subprocess.Popen(
                    cmd, cwd=folder, env=confine.clean_env(folder), stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, close_fds=True,
                    pass_fds=(write_end,) if write_end is not None else (), start_new_session=posix,
                )
            except OSError as exc:
                if read_end is not None:
                    os.close(read_end)
                raise ServiceUnavailable(
                    f"The local sandbox could not start Python ({exc}). Check that {sys.executable} "
                    "runs, or set AVA_EXECUTOR_URL to use a remote execution engine."
                ) from None
            finally:
                if write_end is not None:
                    os.close(write_end)
            assert proc.stdout is not None and proc.stderr is not None  # both are PIPE
            readers = [_Reader(proc.stdout.fileno(), limits.output_chars * 4),
                       _Reader(proc.stderr.fileno(), limits.output_chars)]
            if read_end is not None:
                readers.append(_Reader(read_end, CHANNEL_LIMIT, on_overflow=lambda: confine.stop(proc)))
            timed_out = False
            try:
                proc.wait(timeout=max(wall - (time.monotonic() - started), 0.1))
            except subprocess.TimeoutExpired:
                timed_out = True
            confine.stop(proc)  # also whatever the user's code left behind in its process group
            proc.wait()
            for r in readers:
                r.finish(timeout=2.0)
            proc.stdout.close()
            proc.stderr.close()
            if read_end is not None:
                os.close(read_end)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        raw_out = bytes(readers[0].data)
        if posix:
            events, _ = parse_events(bytes(readers[2].data).splitlines())
            stdout_lines = raw_out.decode("utf-8", "replace")
        else:
            events, other = parse_events(raw_out.splitlines(), token)
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
            protections=protections("local", events, limits.block_unsafe_calls, notes,
                                    layers=[confine.LAYER_NAMES[x] for x in iso.layers],
                                    missing=[confine.LAYER_NAMES.get(x, x) for x in iso.missing]),
            seconds=time.monotonic() - started,
        )


def _jailer(iso: _Isolation, folder: str) -> list[str]:
    """The jailer's command before the child's: the run's folder to write, the child to read,
    and every layer the probe saw hold required (one that fails now stops the run)."""
    return confine.command(write=[folder], read=[str(RUNNER)], require=iso.layers)


register_executor("local", lambda settings: LocalExecutor(unconfined=settings.sandbox_unconfined))
