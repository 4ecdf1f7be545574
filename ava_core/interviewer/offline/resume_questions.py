"""Behavioral questions written from a resume, and the resume item such a question asks about."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ava_core.interviewer.text import content_stems

if TYPE_CHECKING:
    from ava_core.questions import QuestionBank
    from ava_core.resume import ParsedResume


def _entities(resume: ParsedResume) -> tuple[list[str], list[str], list[str]]:
    entities = resume.entities
    employers = list(dict.fromkeys(entities.employers))
    projects = list(dict.fromkeys(entities.projects))
    technologies = list(dict.fromkeys([*entities.technologies, *getattr(resume, "skills", [])]))
    return employers, projects, technologies


def _highlights(resume: ParsedResume) -> list[tuple[str, str]]:
    """(organization, bullet) for experience bullets that carry a number: the user's own claims."""
    out = []
    for section in getattr(resume, "sections", []):
        for entry in getattr(section, "entries", []):
            if entry.kind not in ("experience", "project"):
                continue
            org = entry.organization or entry.title
            for bullet in entry.bullets:
                if org and re.search(r"\d", bullet) and len(bullet) <= 200:
                    out.append((org, bullet.strip().rstrip(".")))
    return out


# The questions offline_questions writes about one resume item, with the item's name ("subject")
# and, for a quoted bullet, the resume's own words about it ("detail").
_WRAPPED = re.compile(r"^Thinking of your time at (?P<subject>.+?): ")  # a bank question, set at one employer
_SUBJECTS = (
    re.compile(r'^At (?P<subject>.+?) you wrote: "(?P<detail>.+?)\." Walk me through'),
    re.compile(r"^Tell me about (?P<subject>.+?): what was the hardest decision"),
    _WRAPPED,
    re.compile(r"^Tell me about a problem you solved with (?P<subject>.+?)\. Why was"),
)
# Those that ask about the item itself (how it was done, a decision on it, a tool), not about a competency,
# as the bank question a wrapped one carries does.
_ITEM_ONLY = tuple(p for p in _SUBJECTS if p is not _WRAPPED)
_ORG_SUFFIXES = frozenset("inc inc. llc ltd ltd. corp corp. co co. gmbh plc the".split())


def question_subject(question: str) -> tuple[str, str] | None:
    """The resume item a generated question asks about, as (name, the resume's words about it),
    or None for any other question."""
    for pattern in _SUBJECTS:
        m = pattern.match(question)
        if m:
            return m.group("subject").rstrip("."), m.groupdict().get("detail") or ""
    return None


def asks_about_item(question: str) -> bool:
    """Whether ``question`` is one written about a resume item that asks about the item, not a competency."""
    return any(p.match(question) for p in _ITEM_ONLY)


def mentions_subject(answer: str, subject: str, detail: str) -> bool:
    """Whether the answer names the subject (any word of its name) or shares two content words
    with the resume's own words about it."""
    low = answer.lower()
    names = [w for w in re.findall(r"[\w+#.-]+", subject.lower()) if w not in _ORG_SUFFIXES]
    if any(re.search(rf"(?<![\w]){re.escape(n.rstrip('.'))}(?![\w])", low) for n in names if n):
        return True
    return len(content_stems(answer) & content_stems(detail)) >= 2


def offline_questions(
    resume: ParsedResume, n: int, job_description: str | None, bank: QuestionBank | None
) -> list[str]:
    employers, projects, technologies = _entities(resume)
    if job_description:
        jd = job_description.lower()
        order = {tech: i for i, tech in enumerate(technologies)}
        technologies.sort(key=lambda tech: (tech.lower() not in jd, order[tech]))
    highlights = _highlights(resume)
    behavioral = sorted(bank.behavioral, key=lambda q: (q.competencies[0], q.id)) if bank else []
    templates: list[list[str]] = [
        [f'At {org} you wrote: "{bullet}." Walk me through how you did it: what was your part, '
         "and what would you do differently?" for org, bullet in highlights],
        [f"Tell me about {p}: what was the hardest decision you made on it, and how did you make it?"
         for p in projects],
        [f"Thinking of your time at {employers[i % len(employers)]}: {q.text}"
         for i, q in enumerate(behavioral)] if employers else [],
        [f"Tell me about a problem you solved with {tech}. Why was {tech} the right tool, and "
         "what would you change now?" for tech in technologies],
    ]
    out: list[str] = []
    while len(out) < n and any(templates):
        for family in templates:
            if family and len(out) < n:
                text = family.pop(0)
                if text not in out:
                    out.append(text)
    for q in behavioral:
        if len(out) >= n:
            break
        if q.text not in out:
            out.append(q.text)
    return out[:n]
