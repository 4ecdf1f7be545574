"""Section headings: the words of each kind of section (summary, experience, projects,
education, skills, other), and which lines of a resume are headings, from their words and style."""

from __future__ import annotations

import re

from ava_core.resume.line import Line

_HEADINGS = {
    "summary": "summary|professional summary|career summary|profile|professional profile|about|"
               "about me|objective|career objective|overview|personal statement|introduction|bio",
    "experience": "experience|work experience|professional experience|relevant experience|"
                  "work history|employment|employment history|career history|professional "
                  "background|internships|internship experience|experience and internships|"
                  "industry experience|work",
    "projects": "projects|selected projects|personal projects|side projects|academic projects|"
                "key projects|notable projects|project experience|open source|open source projects|"
                "open source contributions|portfolio|technical projects|projects and open source",
    "education": "education|academic background|academics|education and training|education and "
                 "certifications|academic history|qualifications|academic qualifications|degrees",
    "skills": "skills|technical skills|core skills|key skills|skills and tools|skills and "
              "technologies|technologies|tech stack|tools|tools and technologies|competencies|"
              "core competencies|expertise|areas of expertise|technical proficiencies|skill set|"
              "skillset|programming languages|languages and tools|technical expertise|"
              "technical skills and tools|skills and interests",
    "other": "certifications|certificates|licenses and certifications|certifications and licenses|"
             "awards|honors|honours|awards and honors|honors and awards|achievements|"
             "accomplishments|publications|volunteer experience|volunteering|volunteer|leadership|"
             "leadership experience|activities|extracurricular activities|extracurriculars|"
             "interests|hobbies|hobbies and interests|languages|references|relevant coursework|"
             "coursework|courses|patents|talks|presentations|research|affiliations|memberships|"
             "additional information",
}
HEADING_KINDS = {words: kind for kind, all_words in _HEADINGS.items() for words in all_words.split("|")}
_COMPACT_HEADINGS = {words.replace(" ", ""): words for words in HEADING_KINDS}
_HEADING_HINTS = [
    ("experience", re.compile(r"experience|employment|work history|career")),
    ("projects", re.compile(r"project")),
    ("education", re.compile(r"education|academic|degree")),
    ("skills", re.compile(r"skill|technolog|competenc|tools|stack")),
    ("summary", re.compile(r"summary|profile|objective|about")),
]


def heading_key(text: str) -> str:
    t = text.strip().rstrip(":").lower().replace("&", " and ")
    key = " ".join(re.sub(r"[^a-z ]", " ", t).split())
    return _COMPACT_HEADINGS.get(key.replace(" ", ""), key)  # "WORKHISTORY": spaced letters


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _heading_shape(line: Line) -> bool:
    t = line.parts[0]
    return (
        not line.bullet and len(line.parts) == 1 and len(t) <= 50 and len(t.split()) <= 6
        and not re.search(r"[@\d]", t) and not t.endswith((".", ","))
    )


def find_headings(lines: list[Line], body: float) -> dict[int, str]:
    """Which lines are section headings, and the kind of each."""
    styled = [line.size >= body + 0.9 or line.bold or _caps(line.parts[0]) for line in lines]
    known: dict[int, str] = {}
    plain: dict[int, str] = {}
    for i, line in enumerate(lines):
        if not _heading_shape(line):
            continue
        key = heading_key(line.parts[0])
        kind = HEADING_KINDS.get(key)
        if kind and styled[i]:
            known[i] = kind
        elif kind:
            plain[i] = kind
        elif (line.size >= body + 0.9 or _caps(line.parts[0])) and len(key.split()) <= 4:
            hint = next((k for k, pattern in _HEADING_HINTS if pattern.search(key)), None)
            if hint:
                known[i] = hint
    if len(known) < 2:  # a plain-text resume: headings are set apart by their words alone
        known.update(plain)
    if not known:
        return known
    # Lines styled like the recognised headings, after the first, are headings too.
    signatures = {_signature(lines[i]) for i in known if lines[i].size >= body + 0.9 or _caps(lines[i].parts[0])}
    first = min(known)
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if i not in known and _heading_shape(line) and _signature(line) in signatures:
            known[i] = "other"
    return known


def _signature(line: Line) -> tuple[float, bool, bool]:
    return (round(line.size * 2) / 2, line.bold, _caps(line.parts[0]))
