"""Uploaded PDFs are read in a process of their own (``ava_core/resume/readers.py``): a crafted
file stops there, with a clear message, and the app's process keeps answering meanwhile."""

from __future__ import annotations

import os
import subprocess
import threading
import time
import zlib
from pathlib import Path

import pytest

from ava_core.resume import ResumeError, TooSlowPdf, parse_resume, readers
from tests.conftest import ROOT

pytestmark = pytest.mark.hostile


def stalling_pdf(lines: int = 1_200_000) -> bytes:
    """A one-page PDF whose content stream, squeezed to a few kilobytes, places each of
    ``lines`` words on a line of its own: reading them all takes about 15 s of CPU here, three
    times the reader's limit (400,000 lines took 5.2 s, too close to it to fail every time), and
    holds Python's lock when it runs in the app's process."""
    column = b"0 -1 Td (w) Tj\n" * 700 + b"0.5 700 Td\n"  # a column of words, then the next
    ops = column * (lines // 700)
    stream = zlib.compress(b"BT /F1 1 Tf 10 750 Td\n" + ops + b"ET\n", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_crafted_pdf_stops_with_a_clear_message_and_never_stalls_the_app():
    data = stalling_pdf()
    assert len(data) < 64 * 1024  # small enough for any upload form
    gaps: list[float] = []
    done = threading.Event()

    def heartbeat() -> None:
        last = time.monotonic()
        while not done.is_set():
            time.sleep(0.02)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    beating = threading.Thread(target=heartbeat)
    beating.start()
    started = time.monotonic()
    try:
        with pytest.raises(TooSlowPdf, match="too long") as refused:
            parse_resume(data, filename="crafted.pdf")
    finally:
        done.set()
        beating.join()
    elapsed = time.monotonic() - started
    assert elapsed <= readers.WALL_SECONDS + 3.0
    assert max(gaps) < 1.0, f"the app stalled for {max(gaps):.2f} s"
    assert "paste its text" in str(refused.value)
    spare = readers.READERS._spare
    assert spare is None or spare.ready.wait(30)
    assert _readers_running() <= 1  # the spare: the stopped reader is gone


def _readers_running() -> int:
    """How many PDF reader processes run (the jailers in front of them not counted)."""
    worker = str(readers.WORKER).encode()
    count = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        count += worker in argv and not any(a.endswith(b"_confine.py") for a in argv)
    return count


def test_an_ordinary_pdf_is_read_quickly_by_a_warm_reader():
    data = (ROOT / "tests" / "fixtures" / "resumes" / "two_page.pdf").read_bytes()
    parse_resume(data)  # the first read also starts the spare
    spare = readers.READERS._spare
    assert spare is not None and spare.ready.wait(30)
    started = time.monotonic()
    parsed = parse_resume(data)
    assert parsed.sections and time.monotonic() - started < 1.0


def test_the_reader_reads_no_file_of_the_app(tmp_path):
    """The reader's own jail (where the kernel has Landlock), tried with code in place of the
    reader: the app's files, its secrets and its data are out of its reach; PyMuPDF is not."""
    if not readers.confine.layers().confined:
        pytest.skip("no Landlock here: the reader runs with its limits only")
    command = readers._command(max_pages=4)
    jail = command[:command.index("--") + 1]
    site = command[command.index(str(readers.WORKER)) + 1]
    probe = ("import sys\n"
             f"sys.path.insert(0, {site!r})\n"
             "import pymupdf\n"
             "for path in sys.argv[1:]:\n"
             "    try:\n"
             "        open(path, 'rb').close()\n"
             "        print('read', path)\n"
             "    except OSError:\n"
             "        print('refused', path)\n")
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("ANTHROPIC_API_KEY = 'canary'\n")
    outside = [str(ROOT / "ava_core" / "settings.py"), str(ROOT / "pyproject.toml"), str(secrets)]
    run = subprocess.run([*jail, readers.confine.PYTHON, "-I", "-S", "-c", probe, *outside],
                         capture_output=True, text=True, timeout=60)
    assert run.stdout.split("\n")[:-1] == [f"refused {p}" for p in outside], run.stderr


def test_every_unreadable_file_still_gets_its_own_message():
    with pytest.raises(ResumeError, match="damaged or incomplete"):
        parse_resume(b"%PDF-1.4\n" + b"\x00" * 300, filename="cut.pdf")
