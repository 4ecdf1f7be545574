"""Reads one uploaded PDF with PyMuPDF, in a process of its own: a crafted file can hold this
process's CPU, memory or lock, never the app's.

Started as ``python -I -S _pdf_worker.py SITE CPU_SECONDS MEMORY_BYTES MAX_PAGES``, behind the
jailer where the kernel allows (``ava_core.confine``). It imports PyMuPDF from SITE, lowers its
own limits, writes ``ready`` and waits; then it reads the file's length (8 bytes, big-endian)
and the file from stdin, writes one JSON document to stdout and exits. Each worker reads one
file: nothing of one user's PDF stays for the next. Standard library and PyMuPDF only.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter

_PAGE_NUMBER = re.compile(r"[-–—\s]*(?:page\s*)?\d{1,2}(?:\s*(?:of|/)\s*\d{1,2})?[-–—\s]*", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_SPACES = re.compile(r"[\s\u00a0\u200b\u2009\u202f]+")
_LETTER_SPACED = re.compile(r"(?:\S ){3,}\S(?: {2,}(?:\S )*\S)*")


def read(data, max_pages, pymupdf):
    """What the parent needs from the file: each page's width, text units and links, or why
    there are none (``status`` other than ``ok``)."""
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        return {"status": "damaged"}
    with doc:
        try:
            if not doc.is_pdf:
                return {"status": "not_pdf"}
            if doc.needs_pass:
                return {"status": "encrypted"}
            count = doc.page_count
            if count == 0:
                return {"status": "damaged"}
            if count > max_pages:
                return {"status": "too_many_pages", "pages": count}
            pages = [_page(page, pymupdf) for page in doc.pages()]
            scanned = not any(p["units"] for p in pages) and any(page.get_images() for page in doc.pages())
            return {"status": "ok", "pages": pages, "repaired": bool(doc.is_repaired), "scanned": scanned}
        except Exception:
            return {"status": "damaged"}


def _page(page, pymupdf):
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
    units = []
    for block in page.get_text("dict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            if abs(line["dir"][1]) > 0.1:  # vertical text: margins, watermarks
                continue
            run: list = []
            for span in line["spans"]:
                if run and span["bbox"][0] - run[-1]["bbox"][2] > 2 * span["size"]:
                    units.append(_unit(run))
                    run = []
                run.append(span)
            units.append(_unit(run))
    links = [link["uri"] for link in page.get_links() if link.get("uri")]
    units = [u for u in units if u[4] and not _PAGE_NUMBER.fullmatch(u[4])]
    return {"width": page.rect.width, "units": units, "links": links}


def _unit(spans):
    """A run of spans on one baseline: [x0, y0, x1, y1, text, size, bold]."""
    text = "".join(s["text"] for s in spans).strip()
    if _LETTER_SPACED.fullmatch(text):  # "W O R K   H I S T O R Y"
        text = " ".join(word.replace(" ", "") for word in re.split(r" {2,}", text))
    text = _SPACES.sub(" ", text)
    sizes: Counter = Counter()
    bold = chars = 0
    for s in spans:
        n = len(s["text"].strip())
        sizes[round(s["size"] * 2) / 2] += n
        chars += n
        if s["flags"] & 16 or _BOLD_FONT.search(s["font"]):
            bold += n
    x0, y0 = min(s["bbox"][0] for s in spans), min(s["bbox"][1] for s in spans)
    x1, y1 = max(s["bbox"][2] for s in spans), max(s["bbox"][3] for s in spans)
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    return [x0, y0, x1, y1, text, size, chars > 0 and bold >= 0.6 * chars]


def _limit(cpu_seconds, memory_bytes):
    try:
        import resource
    except ImportError:  # not on Windows
        return
    for name, value in (("RLIMIT_CPU", cpu_seconds), ("RLIMIT_AS", memory_bytes), ("RLIMIT_CORE", 0)):
        res = getattr(resource, name)
        hard = resource.getrlimit(res)[1]
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        try:
            resource.setrlimit(res, (value, value))
        except (ValueError, OSError):
            pass


def _exactly(stream, n):
    data = bytearray()
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            break
        data += chunk
    return bytes(data)


class WithoutAddOns:
    """PyMuPDF imports its add-ons (layout, pymupdf4llm: numpy, onnxruntime) when they are
    installed; reading text needs none of them, and loading them slows every reader's start."""

    ADD_ONS = ("pymupdf.layout", "pymupdf4llm")

    def find_spec(self, name, path=None, target=None):
        if name in self.ADD_ONS:
            raise ImportError(f"{name} is left out of Ava's PDF reader")
        return None


def main(argv):
    site, cpu_seconds, memory_bytes, max_pages = argv[1], int(argv[2]), int(argv[3]), int(argv[4])
    sys.path.insert(0, site)
    sys.meta_path.insert(0, WithoutAddOns())
    import pymupdf

    _limit(cpu_seconds, memory_bytes)
    out = sys.stdout.buffer
    out.write(b"ready\n")
    out.flush()
    size = int.from_bytes(_exactly(sys.stdin.buffer, 8), "big")
    data = _exactly(sys.stdin.buffer, size)
    result = read(data, max_pages, pymupdf) if len(data) == size else {"status": "damaged"}
    out.write(json.dumps(result).encode())
    out.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
