"""One stored session in full, as the history shows it opened: the transcript in order, code with
its test results, and every feedback with its criterion scores."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from ava_core.progress.history import time_zone
from ava_core.progress.names import CRITERION_NAMES, topic_name
from ava_core.store import SessionDetail, Store
from ava_core.vocabulary import MODE_LABELS, STATUS_LABELS, STEP_TITLES

_KIND_NAMES = {
    "question": "Question", "follow_up": "Follow-up", "answer": "Answer", "code_run": "Code run",
    "code_submission": "Code submission", "hint": "Hint",
}


@dataclass(frozen=True)
class Turn:
    role: str  # "user" or "assistant" (the interviewer and system)
    label: str
    text: str
    code: str | None = None
    tests: str | None = None


@dataclass(frozen=True)
class FeedbackItem:
    label: str
    score: str | None
    summary: str
    evidence: list[str]
    improvement: str
    criteria: list[tuple[str, str]]


@dataclass(frozen=True)
class SessionView:
    title: str
    caption: str
    turns: list[Turn]
    feedback: list[FeedbackItem]


def _step_label(step: str | None) -> str:
    if not step:
        return ""
    if step in STEP_TITLES:
        return STEP_TITLES[step]
    if step.startswith("q") and step[1:].isdigit():
        return f"Question {step[1:]}"
    return step


def run_text(data: Mapping[str, Any]) -> str | None:
    """A code run's test summary (vocabulary.test_summary) in words."""
    if "passed" not in data:
        return None
    total = data.get("total", data.get("passed", 0) + data.get("failed", 0))
    which = "hidden tests" if data.get("hidden") else "example tests"
    extra = [f"{data[k]} {word}" for k, word in (("errors", "raised an error"),
                                                 ("timed_out", "ran out of time")) if data.get(k)]
    return f"{data['passed']} of {total} {which} passed" + (f" ({', '.join(extra)})" if extra else "")


def _score_text(score: float, out_of: float) -> str:
    return f"{score:g} / {out_of:g}"


def open_session(store: Store, user_id: uuid.UUID, session_id: uuid.UUID | str,
                 tz: str | None = None) -> SessionView:
    """One of the user's sessions in full (NotFound when it is not theirs)."""
    return session_view(store.sessions.load_session(user_id, session_id), tz)


def session_view(detail: SessionDetail, tz: str | None = None) -> SessionView:
    """A stored session as the history shows it opened: transcript in order, code with its test
    results, and every feedback with its criterion scores."""
    zone = ZoneInfo(time_zone(tz))
    s = detail.session
    when = s.started_at.astimezone(zone)
    bits = [MODE_LABELS.get(s.mode, s.mode), f"{when:%Y-%m-%d %H:%M}",
            STATUS_LABELS.get(s.status, s.status)]
    if s.topic:
        bits.append(topic_name(s.topic))
    if s.overall_score is not None:
        bits.append(f"score {s.overall_score:.0f} / 100")
    if s.hiring_signal:
        bits.append(s.hiring_signal.replace("_", " "))
    turns = []
    for m in detail.messages:
        speaker = "You" if m.role == "user" else "Interviewer" if m.role == "interviewer" else "Ava"
        parts = (speaker, _KIND_NAMES.get(m.kind, m.kind), _step_label(m.step))
        label = " · ".join(x for x in parts if x)
        turns.append(Turn("user" if m.role == "user" else "assistant", label, m.text, m.code,
                          run_text(m.data or {}) if m.code is not None else None))
    items = []
    for f in detail.feedback:
        if f.scope == "session":
            label, scale = "Session report", 100
        else:
            label, scale = _step_label(f.step) or "Answer", 5
        items.append(FeedbackItem(
            label=label,
            score=None if f.score is None else _score_text(f.score, scale),
            summary=f.summary, evidence=list(f.evidence), improvement=f.improvement,
            criteria=[(CRITERION_NAMES.get(c.criterion, c.criterion), _score_text(c.score, c.out_of))
                      for c in f.scores],
        ))
    return SessionView(s.title or "Untitled session", " · ".join(bits), turns, items)
