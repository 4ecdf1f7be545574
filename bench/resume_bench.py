"""Resume parsing: speed, and accuracy against pymupdf4llm's layout mode.

Figures: the median time of ``resume.parse_resume`` on each committed fixture (target under 50 ms
for the 2-page one), next to PyMuPDF's plain text extraction of the same file (the floor) and
``pymupdf4llm.to_markdown`` (the named baseline, layout mode; ratio printed). Then accuracy:
sections (kind and heading, in order), entry fields (title, organization, start, end, location),
bullets and skills, with each reader's text fed to the same section and entry rules, on the
committed fixtures and on generated variants (one and two columns, every heading, date, bullet
and layout style the fixture generator knows).

    python bench/resume_bench.py [--runs 30] [--variants 30]

pymupdf4llm is only needed here: ``pip install pymupdf4llm``. It prints notices to stdout, which
are silenced while it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pymupdf  # noqa: E402

from ava_core import resume  # noqa: E402
from ava_core.resume.build import _build  # noqa: E402
from ava_core.resume.layout import BULLETS  # noqa: E402
from ava_core.resume.line import Line  # noqa: E402
from ava_core.settings import Settings  # noqa: E402
from tests.fixtures.resumes import make_fixtures  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "resumes"
FIELDS = ("title", "organization", "start", "end", "location")
SETTINGS = Settings()


@contextlib.contextmanager
def quiet():
    """Silence stdout, including what a C extension writes to file descriptor 1."""
    sys.stdout.flush()
    saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def median_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def plain_text(data: bytes) -> None:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            page.get_text()


def llm_markdown(data: bytes) -> str:
    import pymupdf4llm

    with quiet(), pymupdf.open(stream=data, filetype="pdf") as doc:
        return pymupdf4llm.to_markdown(doc)


def parse_llm(data: bytes) -> resume.ParsedResume:
    """pymupdf4llm's markdown through Ava's section and entry rules: its headings (#) become
    large bold lines, **bold** runs bold parts, list items bullets; table cells (it reads rules
    under headings as tables) and their <br> breaks become lines."""
    texts = []
    for raw in llm_markdown(data).splitlines():
        raw = raw.strip()
        if re.fullmatch(r"[|\s:-]*", raw):
            continue
        if raw.startswith("|"):
            texts += [t for cell in raw.strip("|").split("|") for t in cell.split("<br>")]
        else:
            texts.append(raw)
    lines, glyph_pending = [], False
    for n, text in enumerate(texts):
        text = re.sub(r"</?\w+>", "", text).strip()
        text = re.sub(r"(?<!\w)_(.+?)_(?!\w)", r"\1", text)
        if not text:
            continue
        if text in BULLETS:
            glyph_pending = True
            continue
        size, bold, bullet = 10.0, False, glyph_pending
        glyph_pending = False
        heading = re.match(r"(#+)\s+(.*)", text)
        if heading:
            size, bold, text = 14.0, True, heading.group(2)
        glyph = re.match(rf"[{re.escape(BULLETS)}]\s+(.*)", text)
        if glyph and not heading:
            bullet, text = True, glyph.group(1)
        pieces = [p.strip() for p in re.split(r"\*\*(.+?)\*\*", text)]
        parts = [p for p in pieces if p]
        if not parts:
            continue
        bold = bold or all(i % 2 for i, p in enumerate(pieces) if p)
        y = n * 30.0  # far apart: the markdown's lines are already joined
        lines.append(Line(parts, size, bold, 50, 60, y, y + 10, 0, 50, 550, bullet))
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        pages = doc.page_count
    return _build(lines, [], page_count=pages, data=data, warnings=[])


def _common(a: list, b: list) -> int:
    """Length of the longest common subsequence."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


def accuracy(parsed: resume.ParsedResume, expected: dict) -> dict[str, float]:
    want = [(s["kind"], s["heading"].lower()) for s in expected["sections"]]
    got = [(s.kind, s.heading.lower()) for s in parsed.sections]
    entries = [e for s in parsed.sections for e in s.entries]
    by_kind: dict[str, list] = {}
    for e in entries:
        by_kind.setdefault(e.kind, []).append(e)
    seen: dict[str, int] = {}
    right = total = bullets_found = bullets_total = 0
    for e in expected["entries"]:
        i = seen[e["kind"]] = seen.get(e["kind"], -1) + 1
        candidates = by_kind.get(e["kind"], [])
        match = candidates[i] if i < len(candidates) else None
        total += len(FIELDS)
        right += sum(match is not None and getattr(match, f) == e[f] for f in FIELDS)
        found = {b for c in candidates for b in c.bullets}
        bullets_total += len(e["bullets"])
        bullets_found += sum(b in found for b in e["bullets"])
    skills = {s.lower() for s in parsed.skills}
    return {
        "sections": _common(want, got) / max(len(want), len(got), 1),
        "entries": right / max(total, 1),
        "bullets": bullets_found / max(bullets_total, 1),
        "skills": sum(s.lower() in skills for s in expected["skills"]) / max(len(expected["skills"]), 1),
    }


def mean_scores(scores: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.mean(s[k] for s in scores) for k in scores[0]}


def show(label: str, scores: dict[str, float]) -> str:
    return f"  {label:<22}" + "".join(f"{k} {v:6.1%}   " for k, v in scores.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per file")
    parser.add_argument("--variants", type=int, default=30, help="generated resumes for accuracy")
    args = parser.parse_args()
    try:
        import pymupdf4llm  # noqa: F401

        baseline = True
    except ImportError:
        baseline = False
        print("pymupdf4llm is not installed: the baseline is skipped (pip install pymupdf4llm).\n")

    files = {slug: (FIXTURES / f"{slug}.pdf").read_bytes() for slug in make_fixtures.FIXTURES}
    print("Median time per file, ms (Ava target: under 50 ms for 2 pages)")
    print(f"  {'fixture':<14}{'pages':>6}{'text only':>11}{'Ava':>9}" + (f"{'pymupdf4llm':>14}{'ratio':>9}" if baseline else ""))
    ours_all = []
    for slug, data in files.items():
        pages = json.loads((FIXTURES / f"{slug}.json").read_text())["page_count"]
        floor = median_ms(lambda data=data: plain_text(data), args.runs)
        ours = median_ms(lambda data=data: resume.parse_resume(data, settings=SETTINGS), args.runs)
        ours_all.append(ours)
        row = f"  {slug:<14}{pages:>6}{floor:>11.1f}{ours:>9.1f}"
        if baseline:
            theirs = median_ms(lambda data=data: llm_markdown(data), max(3, args.runs // 10))
            row += f"{theirs:>14.1f}{theirs / ours:>8.0f}x"
        print(row)
    print(f"  Ava median over the fixtures: {statistics.median(ours_all):.1f} ms")

    if not baseline:
        return
    print("\nAccuracy: the same section and entry rules fed by each reader")
    for label, cases in (
        ("committed fixtures", [(files[s], json.loads((FIXTURES / f"{s}.json").read_text())) for s in files]),
        (f"{args.variants} generated", list(generated(args.variants))),
    ):
        ours = mean_scores([accuracy(resume.parse_resume(d, settings=SETTINGS), e) for d, e in cases])
        theirs = mean_scores([accuracy(parse_llm(d), e) for d, e in cases])
        print(f" {label}")
        print(show("Ava (spans, layout)", ours))
        print(show("pymupdf4llm markdown", theirs))


def generated(count: int):
    """``count`` generated resumes (PDF bytes) with their expected parse."""
    for seed in range(1000, 1000 + count):
        spec = make_fixtures.variant(random.Random(seed))
        data = make_fixtures.build(spec)
        yield data, make_fixtures.expected(spec)


if __name__ == "__main__":
    main()
