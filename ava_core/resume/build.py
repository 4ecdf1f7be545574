"""Putting a resume together: the lines in reading order become sections, entries, skills,
entities, contact details and markdown; ``parse_resume`` reads a PDF into them."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from ava_core.resume.contact import (
    CONTACT_LABEL,
    EMAIL,
    LOCATION,
    SEPARATORS,
    STREET,
    find_links,
    find_phones,
    location_in,
)
from ava_core.resume.entries import (
    ENTRY_KINDS,
    entry,
    find_skills,
    group_entries,
    unique,
)
from ava_core.resume.headings import HEADING_KINDS, find_headings, heading_key
from ava_core.resume.layout import join_wrapped, page_lines
from ava_core.resume.line import Line
from ava_core.resume.pdf import check_file, read_pdf
from ava_core.resume.result import Contact, Entities, Entry, ParsedResume, Section
from ava_core.resume.technologies import find_technologies
from ava_core.settings import Settings, load_settings


def parse_resume(
    pdf_bytes: bytes, *, filename: str | None = None, settings: Settings | None = None
) -> ParsedResume:
    """Parse a resume PDF. Raises a ``ResumeError`` for a file Ava cannot read."""
    settings = settings or load_settings()
    data = bytes(pdf_bytes)
    label = f"“{filename}”" if filename else "This file"
    check_file(data, label, settings)
    pages, repaired = read_pdf(data, label, settings)
    warnings = []
    if repaired:
        warnings.append("This PDF was damaged and has been repaired; some of its text may be missing.")
    for number, page in enumerate(pages, 1):
        if not page.units:
            warnings.append(
                f"Page {number} could not be read (the file is damaged); its content is missing."
                if repaired else f"Page {number} has no text layer (it looks scanned); its content "
                "is missing from what Ava read."
            )
    lines = join_wrapped([line for n, page in enumerate(pages) for line in page_lines(page, n)])
    links = [uri for page in pages for uri in page.links]
    return _build(lines, links, page_count=len(pages), data=data, warnings=warnings)


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 5 and not re.search(r"[\d@/:|]", text)
        and all(w[0].isupper() for w in words if w[0].isalpha())
        and heading_key(text) not in HEADING_KINDS
    )


def _build(lines: list[Line], links: list[str], *, page_count: int, data: bytes,
           warnings: list[str]) -> ParsedResume:
    # A running header on later pages that repeats the name at the top of the first goes.
    names = {line.text.lower() for line in lines[:3] if _looks_like_name(line.text)}
    lines = [line for line in lines if line.page == lines[0].page or line.text.lower() not in names]
    body = _body_size(lines)
    headings = find_headings(lines, body)
    if headings:
        first = min(headings)
    else:  # the name and contact lines at the top, then the rest
        first = 0
        while first < len(lines) and (
            (first == 0 and _looks_like_name(lines[0].text)) or _is_contact(lines[first].text)
        ):
            first += 1
    header = lines[:first]

    # The name: the largest line at the top of the first page that reads like a name.
    name = None
    top = [i for i, line in enumerate(header) if line.page == lines[0].page][:8]
    for i in sorted(top, key=lambda i: (-header[i].size, i)):
        if _looks_like_name(header[i].text):
            name = i
            break

    # Sections, from each heading to the next. Long sentences under the contact lines are an
    # untitled summary.
    spans: list[tuple[str, str, list[Line]]] = []
    intro = [line for i, line in enumerate(header) if i != name and _is_prose(line)]
    if intro:
        spans.append(("summary", "", intro))
    contact_lines = [line for i, line in enumerate(header) if i != name and line not in intro]
    marks = sorted(headings)
    for n, i in enumerate(marks):
        end = marks[n + 1] if n + 1 < len(marks) else len(lines)
        spans.append((headings[i], lines[i].parts[0].strip().rstrip(":"), lines[i + 1:end]))
    if not headings and lines[first:]:
        spans.append(("other", "", lines[first:]))
    if not headings:
        warnings.append(
            "No section headings were recognised, so the whole text is one section; headings "
            "such as Experience, Projects, Education and Skills help Ava find your employers "
            "and projects."
        )

    sections = []
    skills: list[str] = []
    for kind, heading, section_lines in spans:
        entries: list[Entry] = []
        if kind in ENTRY_KINDS:
            groups = group_entries(kind, section_lines)
            entries = [entry(kind, h, b) for h, b in groups]
            text = "\n\n".join(_group_markdown(h, b) for h, b in groups)
        else:
            text = "\n".join(_line_markdown(line) for line in section_lines)
        if kind == "skills":
            skills += find_skills(section_lines)
        sections.append(Section(kind, heading, text, entries))
    skills = unique(skills)

    header_text = "\n".join(line.text for line in header)
    body_text = "\n".join(line.text for line in lines[first:]) + "\n" + "\n".join(
        line.text for line in intro)
    all_text = header_text + "\n" + body_text
    technologies = find_technologies(body_text, skills)
    if not skills:
        skills = list(technologies)
        if headings:
            warnings.append("No skills section was found; the skills listed are the technologies "
                            "named in the text.")
    contact = _contact(header, contact_lines, name, all_text, links)
    streets = [m.group() for s in _segments(contact_lines) for m in STREET.finditer(s)]

    entries_all = [e for s in sections for e in s.entries]
    entities = Entities(
        employers=unique(e.organization for e in entries_all if e.kind == "experience"),
        projects=unique(e.title for e in entries_all if e.kind == "project"),
        technologies=technologies,
        schools=unique(e.organization for e in entries_all if e.kind == "education"),
    )

    parts = []
    if name is not None:
        parts.append(f"# {header[name].text}")
    if contact_lines:
        parts.append("\n".join(line.text for line in contact_lines))
    for section in sections:
        block = f"## {section.heading}\n\n{section.text}" if section.heading else section.text
        parts.append(block.strip())
    markdown = "\n\n".join(p for p in parts if p) + "\n"
    return ParsedResume(
        markdown=markdown,
        redacted_markdown=_redact(markdown, contact, streets),
        sections=sections,
        skills=skills,
        entities=entities,
        contact=contact,
        page_count=page_count,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )


def _is_contact(text: str) -> bool:
    place = location_in(text)
    return bool(EMAIL.search(text) or find_phones(text) or find_links(text, strict=False)) or (
        place is not None and not text.replace(place, "").strip(" |•·,"))


def _is_prose(line: Line) -> bool:
    t = line.text
    return len(t) >= 60 and len(t.split()) >= 8 and not (
        EMAIL.search(t) or find_phones(t) or find_links(t, strict=False))


def _line_markdown(line: Line) -> str:
    return f"- {line.text}" if line.bullet else line.text


def _group_markdown(header: list[Line], body: list[Line]) -> str:
    out = [("### " if i == 0 else "") + line.text for i, line in enumerate(header)]
    out += [_line_markdown(line) for line in body]
    return "\n".join(out)


def _contact(header: list[Line], contact_lines: list[Line], name: int | None, text: str,
             links: list[str]) -> Contact:
    header_text = "\n".join(line.text for line in header)
    emails = EMAIL.findall(header_text) or EMAIL.findall(text)
    phones = find_phones(header_text) or find_phones(text)
    found = find_links(header_text, strict=False) + find_links(text, strict=True)
    for uri in links:
        if uri.lower().startswith("mailto:"):
            emails.append(uri[7:].split("?")[0])
        elif uri.lower().startswith("tel:"):
            phones.append(uri[4:])
        elif re.match(r"https?://", uri, re.I):
            found.append(uri)
    unique_links, seen = [], set()
    for link in found:
        key = re.sub(r"^(?:https?://)?(?:www\.)?", "", link.lower()).rstrip("/")
        if key not in seen:
            seen.add(key)
            unique_links.append(link)
    return Contact(
        name=header[name].text if name is not None else None,
        email=emails[0] if emails else None,
        phone=phones[0].strip() if phones else None,
        links=unique_links,
        location=_home(contact_lines),
    )


def _segments(lines: list[Line]) -> list[str]:
    """The pieces of contact lines: "a@b.com | 555-0100 | Austin, TX" has three."""
    return [s for line in lines for part in line.parts for s in SEPARATORS.split(part)]


def _home(contact_lines: list[Line]) -> str | None:
    """The first place on the contact lines, as "City, ST", without street or ZIP code."""
    for segment in _segments(contact_lines):
        if EMAIL.search(segment):
            continue
        street = STREET.search(segment)
        m = LOCATION.search(street.group()) if street else None
        place = m.group() if m else location_in(segment[street.end():] if street else segment)
        if place:
            return re.sub(r"\s+\d{5}$", "", place)
    return None


def _redact(markdown: str, contact: Contact, streets: list[str]) -> str:
    text = markdown
    for street in streets:
        text = text.replace(street, " ")
    text = EMAIL.sub(" ", text)
    for link in sorted(set(contact.links + find_links(text, strict=True)), key=len, reverse=True):
        text = text.replace(link, " ")
    for phone in find_phones(text) + ([contact.phone] if contact.phone else []):
        text = text.replace(phone, " ")
    if contact.name:
        text = re.sub(re.escape(contact.name), " ", text, flags=re.I)
    text = CONTACT_LABEL.sub(" ", text)
    out = []
    for line in text.split("\n"):
        cleaned = re.sub(r"(?:\s*[|•·,]\s*){2,}", " | ", line)
        cleaned = re.sub(r"^[\s|•·,]+|[\s|•·,]+$", "", cleaned)
        cleaned = re.sub(r" {2,}", " ", cleaned)
        if line.strip() and not cleaned.strip(" #-"):
            continue
        out.append(cleaned)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"
