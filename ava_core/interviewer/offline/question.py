"""What a coding question tells the rubric: its signature, its tests' notes and its keywords."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ava_core.interviewer.text import keywords

if TYPE_CHECKING:
    from ava_core.questions import CodingQuestion


def test_notes(q: CodingQuestion, limit: int = 2) -> list[str]:
    notes = [c.note for c in list(getattr(q, "tests", [])) if c.note]
    return list(dict.fromkeys(notes))[:limit]


def show_input(values: dict[str, Any]) -> str:
    return ", ".join(f"{name} = {value!r}" for name, value in values.items())


def signature(q: CodingQuestion) -> str:
    try:
        return str(q.signature)
    except ValueError:
        return f"{q.function}(...)"


def param_names(q: CodingQuestion) -> list[str]:
    try:
        return q.signature.param_names
    except ValueError:
        return []


def question_keywords(q: CodingQuestion) -> frozenset[str]:
    return keywords(" ".join([q.title, q.statement, *q.constraints]))


def hint_keywords(q: CodingQuestion) -> frozenset[str]:
    return keywords(" ".join(q.hints))
