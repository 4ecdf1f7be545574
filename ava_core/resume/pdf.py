"""Reading a PDF: the checks on the file before it is opened, then each page's text units (a
run of spans on one baseline, with its position, size and weight) and links, as a PDF reader
process found them (``readers.py``, ``_pdf_worker.py``). Any file that cannot be read raises a
``ResumeError``."""

from __future__ import annotations

from dataclasses import dataclass

from ava_core.resume.errors import (
    CorruptPdf,
    EmptyFile,
    EncryptedPdf,
    FileTooLarge,
    NotAPdf,
    NoTextLayer,
    TooManyPages,
    TooSlowPdf,
)
from ava_core.resume.readers import CPU_SECONDS, WALL_SECONDS, ReadTimedOut, read_pdf_file
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
    """Every page's text units and links, read by a PDF reader process (``readers.py``).
    Anything it cannot read becomes a ResumeError that says what to do."""
    damaged = CorruptPdf(
        f"{label} is a damaged or incomplete PDF (it may have been cut off while uploading or "
        "downloading), so Ava cannot read it. Export it from your editor again and upload the "
        "new file."
    )
    try:
        found = read_pdf_file(data, settings.resume_max_pages)
    except ReadTimedOut:
        raise TooSlowPdf(
            f"{label} took Ava's PDF reader too long, so it was stopped (it stops after "
            f"{CPU_SECONDS} s of work or {WALL_SECONDS:.0f} s in all). Export the resume from your "
            "editor again as a plain PDF (without embedded pictures of text), or paste its text."
        ) from None
    status = found.get("status")
    if status == "not_pdf":
        raise _not_a_pdf(label, data)
    if status == "encrypted":
        raise EncryptedPdf(
            f"{label} is protected by a password, so Ava cannot read its text. Save a "
            "copy without a password (your PDF viewer's Export or Print to PDF does "
            "this) and upload that."
        )
    if status == "too_many_pages":
        raise TooManyPages(
            f"{label} has {found.get('pages')} pages; Ava accepts resumes of at most "
            f"{settings.resume_max_pages} pages (AVA_RESUME_MAX_PAGES). Upload a "
            "shorter version."
        )
    try:
        pages = [Page(float(p["width"]), [Unit(*u) for u in p["units"]], [str(x) for x in p["links"]])
                 for p in found["pages"]] if status == "ok" else None
    except (KeyError, TypeError, ValueError):
        pages = None
    if pages is None:
        raise damaged
    repaired = bool(found.get("repaired"))
    if not any(page.units for page in pages):
        if repaired:
            raise damaged
        if found.get("scanned"):
            raise NoTextLayer(
                f"{label} has no text layer — it looks scanned (its pages are pictures of text); "
                "export it from your editor as a PDF with text, or paste the text."
            )
        raise NoTextLayer(
            f"{label} has no text Ava can read — its pages are blank, or their text was saved as "
            "shapes; export it from your editor as a PDF with text, or paste the text."
        )
    return pages, repaired
