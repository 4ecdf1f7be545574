"""What a parsed resume is: its markdown (whole and redacted), sections, entries, skills,
entities and contact details, and its round trip through a dict for storage."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass
class Contact:
    name: str | None
    email: str | None
    phone: str | None
    links: list[str]
    location: str | None


@dataclass
class Entry:
    kind: str  # "experience" | "project" | "education"
    title: str  # job title, project name or degree
    organization: str  # employer, school, or "" for most projects
    start: str | None  # "2021-03", "2021", "Summer 2022" as written when it has no month
    end: str | None  # as start, or "present"
    location: str | None
    bullets: list[str]


@dataclass
class Section:
    kind: str  # "summary" | "experience" | "projects" | "education" | "skills" | "other"
    heading: str  # as written; "" for an untitled summary under the contact lines
    text: str  # the section's body as markdown
    entries: list[Entry]


@dataclass
class Entities:
    employers: list[str]
    projects: list[str]
    technologies: list[str]  # most mentioned first
    schools: list[str]


@dataclass
class ParsedResume:
    markdown: str
    redacted_markdown: str  # without name, email, phone, links and street address
    sections: list[Section]
    skills: list[str]
    entities: Entities
    contact: Contact
    page_count: int
    size_bytes: int
    sha256: str
    warnings: list[str]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ParsedResume:
        return cls(
            markdown=d["markdown"],
            redacted_markdown=d["redacted_markdown"],
            sections=[
                Section(s["kind"], s["heading"], s["text"], [Entry(**e) for e in s["entries"]])
                for s in d["sections"]
            ],
            skills=list(d["skills"]),
            entities=Entities(**d["entities"]),
            contact=Contact(**d["contact"]),
            page_count=d["page_count"],
            size_bytes=d["size_bytes"],
            sha256=d["sha256"],
            warnings=list(d["warnings"]),
        )
