"""Reading a PDF with PyMuPDF: the checks on the file before it is opened, then each page's
text units (a run of spans on one baseline, with its position, size and weight) and links. Any
file PyMuPDF cannot read raises a ``ResumeError``; PyMuPDF is imported only when a file is read."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ava_core.resume.errors import (
    CorruptPdf,
    EmptyFile,
    EncryptedPdf,
    FileTooLarge,
    NotAPdf,
    NoTextLayer,
    ResumeError,
    TooManyPages,
)
from ava_core.settings import Settings


def check_file(data: bytes, label: str, settings: Settings) -> None:
    if not data:
        raise EmptyFile(f"{label} is empty (0 bytes). Upload your resume as a PDF file.")
    limit = settings.resume_max_mb * 1024 * 1024
    if len(data) > limit:
        raise FileTooLarge(
            f"{label} is {len(data) / 1024 / 1024:.2f} MB, more than the {settings.resume_max_mb} MB "
            "Ava accepts for a resume (AVA_RESUME_MAX_MB). Export the PDF again without images, "
            "or with smaller ones, and upload that."
        )
    if b"%PDF-" not in data[:1024]:
        raise _not_a_pdf(label, data)


def _not_a_pdf(label: str, data: bytes) -> NotAPdf:
    return NotAPdf(
        f"{label} is not a PDF{_looks_like(data)}. Export or save your resume as a PDF (in most "
        "editors: File › Save As or Export › PDF) and upload that."
    )


def _looks_like(data: bytes) -> str:
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        return ": it looks like a Word document (.docx)" if b"word/" in data else ": it is a ZIP archive"
    kinds = {
        b"\xd0\xcf\x11\xe0": "an old Word document (.doc)",
        b"\x89PNG": "a PNG image",
        b"\xff\xd8\xff": "a JPEG image",
        b"GIF8": "a GIF image",
        b"II*\x00": "a TIFF image",
        b"MM\x00*": "a TIFF image",
        b"{\\rtf": "an RTF document",
    }
    for magic, kind in kinds.items():
        if head.startswith(magic):
            return f": it looks like {kind}"
    try:
        data[:2048].decode("utf-8")
    except UnicodeDecodeError:
        return ""
    return ": it looks like plain text"


@dataclass(slots=True)
class Unit:
    """A run of text on one baseline, with no wide gap inside."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool


@dataclass
class Page:
    width: float
    units: list[Unit]
    links: list[str]


def read_pdf(data: bytes, label: str, settings: Settings) -> tuple[list[Page], bool]:
    """Every page's text units and links. Any PyMuPDF failure becomes a ResumeError."""
    import pymupdf

    damaged = CorruptPdf(
        f"{label} is a damaged or incomplete PDF (it may have been cut off while uploading or "
        "downloading), so Ava cannot read it. Export it from your editor again and upload the "
        "new file."
    )
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        raise damaged from None
    with doc:
        try:
            if not doc.is_pdf:
                raise _not_a_pdf(label, data)
            if doc.needs_pass:
                raise EncryptedPdf(
                    f"{label} is protected by a password, so Ava cannot read its text. Save a "
                    "copy without a password (your PDF viewer's Export or Print to PDF does "
                    "this) and upload that."
                )
            count = doc.page_count
            if count == 0:
                raise damaged
            if count > settings.resume_max_pages:
                raise TooManyPages(
                    f"{label} has {count} pages; Ava accepts resumes of at most "
                    f"{settings.resume_max_pages} pages (AVA_RESUME_MAX_PAGES). Upload a "
                    "shorter version."
                )
            pages = [_read_page(page, pymupdf) for page in doc.pages()]
            repaired = bool(doc.is_repaired)
            scanned = not any(page.units for page in pages) and any(page.get_images() for page in doc.pages())
        except ResumeError:
            raise
        except Exception:
            raise damaged from None
    if not any(page.units for page in pages):
        if repaired:
            raise damaged
        if scanned:
            raise NoTextLayer(
                f"{label} has no text layer — it looks scanned (its pages are pictures of text); "
                "export it from your editor as a PDF with text, or paste the text."
            )
        raise NoTextLayer(
            f"{label} has no text Ava can read — its pages are blank, or their text was saved as "
            "shapes; export it from your editor as a PDF with text, or paste the text."
        )
    return pages, repaired


_PAGE_NUMBER = re.compile(r"[-–—\s]*(?:page\s*)?\d{1,2}(?:\s*(?:of|/)\s*\d{1,2})?[-–—\s]*", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_SPACES = re.compile(r"[\s\u00a0\u200b\u2009\u202f]+")


def _read_page(page, pymupdf) -> Page:
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
    units = []
    for block in page.get_text("dict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            if abs(line["dir"][1]) > 0.1:  # vertical text: margins, watermarks
                continue
            run: list[dict] = []
            for span in line["spans"]:
                if run and span["bbox"][0] - run[-1]["bbox"][2] > 2 * span["size"]:
                    units.append(_unit(run))
                    run = []
                run.append(span)
            units.append(_unit(run))
    links = [link["uri"] for link in page.get_links() if link.get("uri")]
    units = [u for u in units if u.text and not _PAGE_NUMBER.fullmatch(u.text)]
    return Page(page.rect.width, units, links)


_LETTER_SPACED = re.compile(r"(?:\S ){3,}\S(?: {2,}(?:\S )*\S)*")


def _unit(spans: list[dict]) -> Unit:
    text = "".join(s["text"] for s in spans).strip()
    if _LETTER_SPACED.fullmatch(text):  # "W O R K   H I S T O R Y"
        text = " ".join(word.replace(" ", "") for word in re.split(r" {2,}", text))
    text = _SPACES.sub(" ", text)
    sizes: Counter[float] = Counter()
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
    return Unit(x0, y0, x1, y1, text, size, chars > 0 and bold >= 0.6 * chars)
