"""Warm PDF readers: processes that have PyMuPDF loaded and read one uploaded file each, confined
by the jailer where the kernel allows and held to CPU, memory and wall-clock limits. The app's
process only waits on a pipe meanwhile, so a crafted PDF slows nobody else's page.

One spare reader is kept started; a read takes it (or starts one when two users upload at
once) and a new spare starts in the background, so a read rarely waits for PyMuPDF to load."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
from pathlib import Path
from typing import Any

from ava_core import confine
from ava_core.errors import ServiceUnavailable

WORKER = Path(__file__).with_name("_pdf_worker.py")
CPU_SECONDS = 5  # of the reader's own work, PyMuPDF's import included
WALL_SECONDS = 8.0  # from handing the file over to its answer
MEMORY_BYTES = 1024 * 2**20
MAX_ANSWER_BYTES = 64 * 2**20
START_SECONDS = 30.0  # for a reader to load PyMuPDF and say it is ready
# How a reader ends when its CPU limit stops it (the signal, as the jailer passes it on).
STOPPED_BY_LIMIT = {-getattr(signal, name) for name in ("SIGXCPU", "SIGKILL") if hasattr(signal, name)}


class ReadTimedOut(Exception):
    """The reader ran out of time or CPU: the file is built to stall it, or is huge."""


class Reader:
    """One started reader, ready for one file."""

    def __init__(self, max_pages: int):
        self.max_pages = max_pages
        self.proc = subprocess.Popen(
            _command(max_pages), cwd="/" if os.name == "posix" else None, env=confine.clean_env("/"),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            close_fds=True, start_new_session=os.name == "posix",
        )
        self.ready = threading.Event()
        self.failed: str | None = None
        threading.Thread(target=self._wait_ready, daemon=True).start()

    def _wait_ready(self) -> None:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if line.strip() != b"ready":
            self.failed = "the PDF reader did not start"
        self.ready.set()

    def read(self, data: bytes) -> dict[str, Any]:
        """The reader's answer for ``data``; it then ends."""
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None  # both are PIPE
        try:
            if not self.ready.wait(START_SECONDS) or self.failed:
                raise ServiceUnavailable(
                    "Ava's PDF reader could not start on this server (PyMuPDF did not load). "
                    "Try again, or paste the resume's text instead.")
            answer: list[bytes] = []
            reading = threading.Thread(target=lambda: answer.append(stdout.read(MAX_ANSWER_BYTES)), daemon=True)
            reading.start()
            try:
                stdin.write(len(data).to_bytes(8, "big") + data)
                stdin.close()
            except OSError:  # it ended first: its answer (or its silence) says why
                pass
            reading.join(WALL_SECONDS)
            if reading.is_alive():
                raise ReadTimedOut()
            try:
                code = self.proc.wait(timeout=2.0)  # it answered, or closed its output to end
            except subprocess.TimeoutExpired:
                raise ReadTimedOut() from None
            if code in STOPPED_BY_LIMIT:
                raise ReadTimedOut()
            try:
                result = json.loads(answer[0]) if answer and answer[0] else {"status": "damaged"}
            except ValueError:
                result = {"status": "damaged"}
            return result if isinstance(result, dict) else {"status": "damaged"}
        finally:
            self.stop()

    def stop(self) -> None:
        confine.stop(self.proc)
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass


def _command(max_pages: int) -> list[str]:
    import pymupdf  # only to find where it is installed; the reader imports it for real

    package = Path(pymupdf.__file__).resolve().parent
    site = str(package.parent)
    program = [confine.PYTHON, "-I", "-S", str(WORKER), site, str(CPU_SECONDS), str(MEMORY_BYTES),
               str(max_pages)]
    found = confine.layers()
    if not found.confined:
        return program  # no jail here; the limits still hold
    # The installed packages (PyMuPDF imports what it finds there), never the app's files,
    # its data or its secrets.
    return [*confine.command(read=[str(WORKER), site], require=found.held), *program]


class Readers:
    """The spare reader and the lock that hands it out."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spare: Reader | None = None

    def take(self, max_pages: int) -> Reader:
        with self._lock:
            reader, self._spare = self._spare, None
        if reader is None or reader.max_pages != max_pages or reader.proc.poll() is not None:
            if reader is not None:
                reader.stop()
            reader = Reader(max_pages)
        threading.Thread(target=self._replace, args=(max_pages,), daemon=True).start()
        return reader

    def _replace(self, max_pages: int) -> None:
        fresh = Reader(max_pages)
        with self._lock:
            old, self._spare = self._spare, fresh
        if old is not None:
            old.stop()


READERS = Readers()


def read_pdf_file(data: bytes, max_pages: int) -> dict[str, Any]:
    """What a reader found in ``data``; ``ReadTimedOut`` when it ran out of time or CPU."""
    return READERS.take(max_pages).read(data)
