"""The question bank as a user browses it: the shipped questions and the user's own, searched
and shown without their hidden parts, and custom questions built from a form and validated.

Only the store is read (``list_questions`` filters by the user), so another user's custom
questions never appear. What a reader may see of a coding question is its statement, examples
and constraints; never its hidden tests, reference solution, checker or generator.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from ava_core.errors import InvalidInput
from ava_core.questions import (
    COMPETENCIES,
    TOPICS,
    BehavioralQuestion,
    CodingQuestion,
    InvalidQuestion,
    Problem,
    Question,
    QuestionBank,
    validate_question,
)
from ava_core.store import QuestionRecord, Store, new_custom_id

KINDS = ("coding", "behavioral")


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    title: str
    topics: list[str]  # topic or competency slugs
    difficulty: str | None
    mine: bool  # the user's own custom question
    question: Question

    @property
    def topic_labels(self) -> list[str]:
        labels = TOPICS if self.kind == "coding" else COMPETENCIES
        return [labels.get(t, t) for t in self.topics]


def entries(store: Store, user_id: uuid.UUID, bank: QuestionBank) -> list[Entry]:
    """The bank's current questions and the user's own, built-in ones first, by title."""
    out = []
    for record in store.bank.list_questions(user_id):
        question = _question(record, bank)
        if question is None:
            continue
        out.append(Entry(record.id, record.kind, record.title, list(record.topics),
                         record.difficulty, record.owner_id is not None, question))
    return sorted(out, key=lambda e: (e.mine, e.kind, e.title.lower()))


def _question(record: QuestionRecord, bank: QuestionBank) -> Question | None:
    if record.owner_id is None and record.id in bank:
        return bank.get(record.id)
    try:
        return validate_question(record.body, kind=record.kind)
    except InvalidQuestion:
        return None  # a stored body written under older rules: not offered


def search(
    items: list[Entry],
    *,
    kind: str | None = None,
    topic: str | None = None,
    difficulty: str | None = None,
    text: str | None = None,
    mine: bool = False,
) -> list[Entry]:
    """Entries matching every filter given; ``text`` looks in the title, statement and topics."""
    needle = (text or "").strip().lower()
    found = []
    for e in items:
        if kind and e.kind != kind or topic and topic not in e.topics:
            continue
        if difficulty and e.difficulty != difficulty or mine and not e.mine:
            continue
        if needle and needle not in _haystack(e):
            continue
        found.append(e)
    return found


def _haystack(e: Entry) -> str:
    q = e.question
    words = [e.id, e.title, " ".join(e.topic_labels)]
    words.append(q.statement if isinstance(q, CodingQuestion) else q.text)
    return " ".join(words).lower()


def rows(items: list[Entry]) -> list[dict[str, Any]]:
    return [{
        "Question": e.title if len(e.title) <= 90 else e.title[:89] + "…",
        "Kind": e.kind.capitalize(),
        "Topics": ", ".join(e.topic_labels),
        "Difficulty": (e.difficulty or "—").capitalize(),
        "Source": "Yours" if e.mine else "Built-in",
    } for e in items]


def public_view(q: Question) -> dict[str, Any]:
    """What a reader sees of a question: for coding, never the hidden tests or the solution."""
    if isinstance(q, BehavioralQuestion):
        return {"text": q.text, "competencies": list(q.competencies), "signals": list(q.signals),
                "follow_ups": list(q.follow_ups), "difficulty": q.difficulty}
    return {
        "title": q.title, "statement": q.statement, "difficulty": q.difficulty,
        "topics": list(q.topics), "constraints": list(q.constraints),
        "examples": [e.model_dump(mode="json") for e in q.examples],
        "starter_code": q.starter_code, "hidden_tests": len(q.tests),
    }


# --- custom questions --------------------------------------------------------------------------------

FORM_LABELS = {  # a problem's field, as the form names it
    "title": "Title", "topics": "Topics", "difficulty": "Difficulty", "statement": "Statement",
    "constraints": "Constraints", "function": "Function name", "starter_code": "Starter code",
    "examples": "Examples", "tests": "Hidden tests", "solution": "Reference solution",
    "complexity": "Complexity", "hints": "Hints", "text": "Question", "competencies": "Competencies",
    "signals": "What a strong answer shows", "follow_ups": "Follow-ups",
}


def form_problems(error: InvalidQuestion) -> list[str]:
    """Each problem of a submitted form as one sentence naming the form's field."""
    out = []
    for p in error.problems:
        head, _, rest = p.field.partition(".")
        root = head.split("[")[0]
        label = FORM_LABELS.get(root, root or "Question")
        where = f"{label}{head[len(root):]}{'.' + rest if rest else ''}"
        out.append(f"{where}: {p.message}")
    return out


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _cases(text: str | None, field: str) -> list[Any]:
    if text is None or not text.strip():
        return []
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidQuestion([Problem("", field, f"is not valid JSON (line {exc.lineno}, "
                                                  f"column {exc.colno}: {exc.msg})")]) from None
    if not isinstance(value, list):
        raise InvalidQuestion([Problem("", field, 'must be a JSON list of {"input": {...}, "output": ...}')])
    return value


def coding_body(form: dict[str, Any], question_id: str) -> dict[str, Any]:
    """A coding question's body from the form's fields (text as typed)."""
    body: dict[str, Any] = {
        "kind": "coding", "id": question_id, "title": (form.get("title") or "").strip(),
        "topics": list(form.get("topics") or []), "difficulty": form.get("difficulty"),
        "statement": (form.get("statement") or "").strip(),
        "constraints": _lines(form.get("constraints")),
        "function": (form.get("function") or "").strip(),
        "starter_code": form.get("starter_code") or "",
        "examples": _cases(form.get("examples"), "examples"),
        "tests": _cases(form.get("tests"), "tests"),
        "hints": _lines(form.get("hints")),
        "compare": form.get("compare") or "exact",
    }
    if (form.get("solution") or "").strip():
        body["solution"] = form["solution"]
    if form.get("time") and form.get("space"):
        body["complexity"] = {"time": form["time"], "space": form["space"]}
    return body


def behavioral_body(form: dict[str, Any], question_id: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "behavioral", "id": question_id, "text": (form.get("text") or "").strip(),
        "competencies": list(form.get("competencies") or []),
        "signals": _lines(form.get("signals")), "follow_ups": _lines(form.get("follow_ups")),
    }
    if form.get("difficulty"):
        body["difficulty"] = form["difficulty"]
    return body


def delete_custom(store: Store, user_id: uuid.UUID, question_id: str) -> None:
    """Delete one of the user's own questions (InvalidInput for a built-in one)."""
    store.bank.delete_question(user_id, question_id)


def add_custom(store: Store, user_id: uuid.UUID, kind: str, form: dict[str, Any]) -> QuestionRecord:
    """Validate the form as a question and store it as the user's own.

    Raises ``InvalidQuestion`` (its ``problems`` name each field) when the form does not make a
    valid question."""
    if kind not in KINDS:
        raise InvalidInput("Choose coding or behavioral.", field="kind")
    question_id = new_custom_id()
    body = (coding_body if kind == "coding" else behavioral_body)(form, question_id)
    question = validate_question(body, kind=kind)
    return store.bank.add_question(
        user_id, kind=kind, title=question.title, body=question.body(),
        topics=list(question.topics), difficulty=question.difficulty, question_id=question_id,
    )
