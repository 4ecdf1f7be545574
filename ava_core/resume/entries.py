"""Entries and skills: an experience, project or education section's lines grouped into entries,
each read into its fields (title, organization, dates, location, bullets); a skills section's
lines split into skills."""

from __future__ import annotations

import re

from ava_core.resume.contact import DATE, LABEL, SEPARATORS, find_dates, location_in
from ava_core.resume.line import Line
from ava_core.resume.result import Entry

_TITLE_WORDS = re.compile(
    r"\b(?:engineer|engineering|developer|programmer|intern|internship|manager|scientist|analyst"
    r"|lead|director|consultant|architect|designer|researcher|assistant|associate|specialist"
    r"|administrator|officer|head|founder|co-founder|cto|ceo|cfo|coo|vp|president|technician"
    r"|coordinator|sde|swe|sre|devops|staff|principal|senior|junior|fellow|contractor|freelancer?"
    r"|tutor|instructor|lecturer|professor|teacher|owner|partner|representative|executive"
    r"|strategist|advisor|adviser|editor|writer|trainee|apprentice|postdoc)s?\b",
    re.I,
)
_ORG_WORDS = re.compile(
    r"\b(?:inc|llc|ltd|limited|corp|corporation|co|company|gmbh|plc|ag|labs?|technologies|systems"
    r"|solutions|group|holdings|ventures|studios?|bank|university|college|institute|school"
    r"|foundation|agency|consulting|capital|hospital|networks|industries|enterprises|analytics)\b",
    re.I,
)
_SCHOOL_WORDS = re.compile(
    r"\b(?:university|universit[éa]|college|institute|school|academy|polytechnic|conservatory"
    r"|IIT|MIT|UCLA|EPFL|ETH)\b", re.I)
_DEGREE_WORDS = re.compile(
    r"(?<![A-Za-z])(?:B\.?\s?S\.?c?|B\.?\s?A\.?|B\.?\s?Eng\.?|B\.?\s?Tech|M\.?\s?S\.?c?|M\.?\s?A\.?"
    r"|M\.?\s?Eng\.?|M\.?\s?Tech|MBA|Ph\.?\s?D\.?|A\.?\s?S\.?|Bachelor|Master|Doctor|Diploma"
    r"|Certificate|Associate|Minor|Major|High School)(?![a-z])"
)
ENTRY_KINDS = {"experience": "experience", "projects": "project", "education": "education"}


def group_entries(kind: str, lines: list[Line]) -> list[tuple[list[Line], list[Line]]]:
    """Group a section's lines into entries: (header lines, bullet and description lines)."""
    groups: list[tuple[list[Line], list[Line]]] = []
    for line in lines:
        current = groups[-1] if groups else None
        text = line.text
        has_date = bool(DATE.search(text))
        header_like = (
            has_date or line.bold or len(line.parts) > 1
            or len(text.split()) <= 6 or (len(text.split()) <= 10 and not text.endswith("."))
        )
        if line.bullet:
            if current is None:
                groups.append(([], [line]))
            else:
                current[1].append(line)
            continue
        if current is None or (header_like and _starts_entry(kind, line, has_date, *current)):
            groups.append(([line], []))
        elif header_like and not current[1]:
            current[0].append(line)
        else:
            current[1].append(line)
    return groups


def _starts_entry(kind: str, line: Line, has_date: bool, header: list[Line], body: list[Line]) -> bool:
    if body or not header or len(header) >= 3:
        return True
    if has_date and any(DATE.search(h.text) for h in header):
        return True
    if kind == "education" and _SCHOOL_WORDS.search(line.text) and any(
        _SCHOOL_WORDS.search(h.text) for h in header
    ):
        return True
    # A second bold title line like the first: entries without dates or bullets.
    first = header[0]
    return len(header) >= 2 and line.bold and first.bold and abs(line.size - first.size) < 0.5


def entry(kind: str, header: list[Line], body: list[Line]) -> Entry:
    text = " | ".join(part for line in header for part in line.parts)
    start, end, span = find_dates(text)
    if span:
        text = text[: span[0]] + " | " + text[span[1]:]
        text = re.sub(r"\b(?:expected|anticipated|graduat(?:ed|ion|ing))\b:?", " ", text, flags=re.I)
        if end is None:
            start, end = (None, start) if kind == "education" else (start, start)
    fragments = [f for f in map(_trim, SEPARATORS.split(text)) if f]
    location = None
    for i, f in enumerate(fragments):
        place = location_in(f)
        if place:
            location = place
            left = f.replace(place, "").strip(" ,;:()")
            fragments[i:i + 1] = [left] if left else []
            break
    if kind == "experience":
        title, organization, rest = _job_fields(fragments)
    elif kind == "education":
        title, organization, rest = _school_fields(fragments)
    else:
        title, organization, rest = _project_fields(fragments)
    bullets = rest + [" ".join(line.parts) for line in body]
    return Entry(ENTRY_KINDS[kind], title, organization, start, end, location, bullets)


def _trim(fragment: str) -> str:
    """Without separators at its ends, nor a parenthesis left open or closed by a split."""
    f = fragment.strip(" ,;:|·•–—-")
    if f.endswith(")") and f.count("(") < f.count(")"):
        f = f[:-1]
    if f.startswith("(") and f.count("(") > f.count(")"):
        f = f[1:]
    return f.strip()


def _job_fields(fragments: list[str]) -> tuple[str, str, list[str]]:
    split: list[str] = []
    for f in fragments:
        m = re.match(r"(.+?)\s+(?:at|@)\s+(.+)", f)
        if m and _TITLE_WORDS.search(m.group(1)):
            split += [m.group(1), m.group(2)]
        else:
            split.append(f)
    if len(split) == 1 and "," in split[0] and not re.search(r",\s*(?:inc|llc|ltd)\b", split[0], re.I):
        split = [s.strip() for s in split[0].split(",", 1)]
    if not split:
        return "", "", []

    def score(f: str) -> int:
        return len(_TITLE_WORDS.findall(f)) - len(_ORG_WORDS.findall(f))

    title_at = max(range(len(split)), key=lambda i: (score(split[i]), -i))
    if len(split) == 1:
        return (split[0], "", []) if score(split[0]) > 0 else ("", split[0], [])
    others = [i for i in range(len(split)) if i != title_at]
    org_at = min(others, key=lambda i: (score(split[i]), i))
    rest = [split[i] for i in others if i != org_at]
    return split[title_at], split[org_at], rest


def _school_fields(fragments: list[str]) -> tuple[str, str, list[str]]:
    pieces: list[str] = []
    for f in fragments:
        if _SCHOOL_WORDS.search(f) and _DEGREE_WORDS.search(f) and "," in f:
            for segment in (s.strip() for s in f.split(",")):
                # "University of California, Berkeley": a bare place name belongs to the school.
                if pieces and not _DEGREE_WORDS.search(segment) and not _SCHOOL_WORDS.search(segment) \
                        and _SCHOOL_WORDS.search(pieces[-1]):
                    pieces[-1] += f", {segment}"
                else:
                    pieces.append(segment)
        else:
            pieces.append(f)
    school = next((p for p in pieces if _SCHOOL_WORDS.search(p)), None)
    degree = next((p for p in pieces if p != school and _DEGREE_WORDS.search(p)), None)
    remaining = [p for p in pieces if p not in (school, degree)]
    if school is None and remaining:
        school = remaining.pop(0)
    if degree is None and remaining:
        degree = remaining.pop(0)
    return degree or "", school or "", remaining


def _project_fields(fragments: list[str]) -> tuple[str, str, list[str]]:
    if not fragments:
        return "", "", []
    name, rest = fragments[0], fragments[1:]
    m = re.match(r"(.+?)(?::\s+|\s+\()(.+?)\)?$", name)
    if m and len(m.group(1).split()) <= 5:
        name, rest = m.group(1), [m.group(2)] + rest
    organization = next((f for f in rest if _ORG_WORDS.search(f) and not _TITLE_WORDS.search(f)), "")
    return name, organization, [f for f in rest if f != organization]


def find_skills(lines: list[Line]) -> list[str]:
    found: list[str] = []
    for line in lines:
        for part in line.parts:
            if part.endswith(":"):  # a label in a column of its own
                continue
            label = LABEL.match(part)
            found += _skill_items(label.group(2) if label else part)
    return unique(s for s in found if len(s) <= 40 and len(s.split()) <= 5)


def _skill_items(text: str) -> list[str]:
    items, depth, current = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in ",|;•·▪◦●■":
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    out = []
    for item in items:
        m = re.match(r"(.*?)\s*\((.*)\)\s*$", item)
        if m:
            out.append(m.group(1))
            out += re.split(r"[,;|]", m.group(2))
        else:
            out.append(item)
    return [o.strip(" .-–—*") for o in out if o.strip(" .-–—*")]


def unique(items) -> list[str]:
    seen, out = set(), []
    for item in items:
        key = item.lower()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out
