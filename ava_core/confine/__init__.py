"""Confining a program with what Linux gives any unprivileged process: Landlock (files, TCP,
signals), seccomp and no new privileges. The jailer (``_confine.py``, standard library only)
applies them and then runs the program; ``layers()`` says which hold on this machine, probed
once in a throwaway process; ``command()`` is the jailer's command line to put before a
program's. The judge runs candidates' code behind it, and the resume reader PyMuPDF.

    _confine.py   the jailer: Landlock, seccomp, no new privileges, and the run's keeper
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

JAILER = Path(__file__).with_name("_confine.py")
PYTHON = os.path.realpath(sys.executable)  # the interpreter itself, not a venv's link to it
# Without these, a confined program could still reach the database, the secrets, the app's
# files and other processes (the first), or the network (one of the others).
ESSENTIAL = ("landlock_files",)
NETWORK = ("landlock_network", "seccomp")
LAYER_NAMES = {
    "no_new_privs": "no new privileges", "landlock_files": "files: only its own folder (Landlock)",
    "landlock_network": "no TCP connections (Landlock)",
    "landlock_scopes": "no signals or abstract sockets outside (Landlock)",
    "seccomp": "system calls filtered (seccomp)",
}


@dataclass(frozen=True)
class Layers:
    held: list[str]  # the layers that held when probed
    missing: dict[str, str] = field(default_factory=dict)  # the others, and why

    @property
    def confined(self) -> bool:
        """Whether the layers that keep the database, secrets, app and network away hold."""
        return all(x in self.held for x in ESSENTIAL) and any(x in self.held for x in NETWORK)


@functools.cache
def layers() -> Layers:
    """Which of the jailer's layers hold on this machine (probed on first use)."""
    if not sys.platform.startswith("linux"):
        return Layers([], {"landlock_files": f"the jailer needs Linux, not {sys.platform}"})
    folder = tempfile.mkdtemp(prefix="ava-probe-")
    try:
        run = subprocess.run([PYTHON, "-I", "-S", str(JAILER), "--probe", folder], cwd=folder,
                             env=clean_env(folder), capture_output=True, text=True, timeout=30)
        found = json.loads(run.stdout)
        return Layers(list(found["applied"]), dict(found["missing"]))
    except (OSError, subprocess.SubprocessError, ValueError, KeyError) as exc:
        return Layers([], {"landlock_files": f"the probe failed ({type(exc).__name__})"})
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def clean_env(folder: str) -> dict[str, str]:
    """An allow-list: nothing from the app's environment (keys, database URLs) gets through."""
    env = {"PATH": "/usr/bin:/bin", "HOME": folder, "TMPDIR": folder,
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    if os.name == "nt":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    return env


def command(*, write: Sequence[str] = (), read: Sequence[str] = (),
            require: Sequence[str] = ()) -> list[str]:
    """The jailer's command line, to put before a program's: it may write under ``write`` and
    read ``read`` (besides the Python runtime), and the layers in ``require`` must apply or
    nothing runs. Nothing off Linux."""
    if not sys.platform.startswith("linux"):
        return []
    policy = {"write": list(write), "read": list(read), "require": list(require)}
    return [PYTHON, "-I", "-S", str(JAILER), json.dumps(policy), "--"]


def stop(proc: subprocess.Popen) -> None:
    """Stop a program started behind the jailer: the jailer first (as the program's keeper it
    kills every process of the program, those that left the session too), then the whole
    process group. The caller still waits for it."""
    if os.name == "posix":
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=1.0)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    elif proc.poll() is None:
        proc.kill()
