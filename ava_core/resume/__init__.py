"""Resume parsing: PDF bytes in; markdown, sections, entries, skills, entities and contact out.

``parse_resume`` reads each line of text with PyMuPDF together with its position, font size and
weight, puts the lines of every page in reading order (columns are read one after the other),
finds the section headings from their style and wording, and splits experience, project and
education sections into entries (title, organization, dates, location, bullets).
``redacted_markdown`` is the text without the contact details: the only form of the resume that
may be sent to a model.

A file a user uploads that cannot be read (empty, not a PDF, damaged, password-protected,
scanned, too long or too large) raises a ``ResumeError`` that says what happened and what to do.

    result.py        ParsedResume and its parts: Contact, Entry, Section, Entities
    errors.py        ResumeError, and one kind of it for each way a file cannot be read
    technologies.py  the technologies named in a text (from data/technologies.txt)
    line.py          Line: one row of text in reading order
    pdf.py           reading the file with PyMuPDF: the checks, each page's text units and links
    contact.py       dates, places, emails, phones, links
    headings.py      section headings, by their words and style
    layout.py        reading order: columns, bands, rows, bullets, wrapped lines
    entries.py       entries (job, school and project fields) and skills
    build.py         parse_resume, and putting the result together: sections, contact, markdown

Each module imports only modules listed before it.
"""

from ava_core.resume.build import parse_resume
from ava_core.resume.errors import (
    CorruptPdf,
    EmptyFile,
    EncryptedPdf,
    FileTooLarge,
    NotAPdf,
    NoTextLayer,
    ResumeError,
    TooManyPages,
    TooSlowPdf,
)
from ava_core.resume.result import Contact, Entities, Entry, ParsedResume, Section

__all__ = [
    "Contact", "CorruptPdf", "EmptyFile", "EncryptedPdf", "Entities", "Entry", "FileTooLarge",
    "NoTextLayer", "NotAPdf", "ParsedResume", "ResumeError", "Section", "TooManyPages", "TooSlowPdf", "parse_resume",
]
