"""Final reports of a coding or a behavioral session: 0-100, a hiring signal, and why.

Coding: each UMPIRE step's 1-5 score becomes (score - 1) / 4 of its weight (Understand, Match,
Plan, Review and Evaluate 15 each, Implement 25); a step with no feedback earns nothing. When
speech metrics are given, communication (their mean 1-5 score) takes 15% and the steps 85%.
Each hint used takes off 5 points (at most 20), and going over the time limit by more than 10%
takes off 5.

Behavioral: each question's 1-5 answer score becomes (score - 1) / 4 of an equal share; a
skipped question earns nothing. Communication takes 15% as above.

Hiring signal, from the overall score: 85 and up strong hire, 70 hire, 55 lean hire, 40 no hire,
below 40 strong no hire.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ava_core.interviewer.delivery import Delivery, communication_score
from ava_core.interviewer.inputs import TestFacts, measured_label
from ava_core.interviewer.results import AnswerFeedback, StepFeedback, out_of_five
from ava_core.interviewer.wording import IMPROVEMENTS
from ava_core.vocabulary import (
    HINT_PENALTY,
    MAX_HINT_PENALTY,
    SIGNAL_LABELS,
    STEP_TITLES,
    STEPS,
    hiring_signal,
)

if TYPE_CHECKING:
    from ava_core.interviewer.inputs import Complexity, Tests
    from ava_core.questions import BehavioralQuestion, CodingQuestion

STEP_WEIGHTS = {"understand": 15, "match": 15, "plan": 15, "implement": 25, "review": 15, "evaluate": 15}
COMMUNICATION_SHARE = 0.15
OVERTIME_PENALTY = 5
OVERTIME_GRACE = 1.10


# --- inputs --------------------------------------------------------------------------------------


@dataclass
class CodingSession:
    question: CodingQuestion
    feedback: Sequence[StepFeedback]  # the latest feedback of each step answered
    tests: Tests | None = None  # the last submission
    complexity: Complexity | None = None  # measured on the final code
    delivery: Sequence[Delivery | None] = ()  # of each spoken answer
    hints_used: int = 0
    seconds_used: float | None = None
    time_limit_seconds: float | None = None


@dataclass
class BehavioralAnswer:
    question: BehavioralQuestion | str
    feedback: AnswerFeedback | None  # None: skipped
    follow_ups: int = 0  # follow-ups asked
    delivery: Delivery | None = None  # how the answer was said


@dataclass
class BehavioralSession:
    answers: Sequence[BehavioralAnswer]
    seconds_used: float | None = None


# --- the report ----------------------------------------------------------------------------------


@dataclass
class ReportItem:
    name: str  # "Understand", "Q1: Tell me about...", "Communication"
    score: float  # 1-5 in half points; 0 when not done
    weight: float  # points of the 100 it carries
    evidence: list[str]
    improvement: str


@dataclass
class Report:
    kind: str  # coding or behavioral
    title: str
    overall: int  # 0-100
    signal: str  # one of SIGNAL_LABELS
    items: list[ReportItem]
    adjustments: list[str]  # hints and time, with their points
    strengths: list[str]
    practice_next: list[str]
    summary: str
    provider: str = "offline"
    fallback_reason: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)  # tests, complexity, time, hints

    @property
    def signal_label(self) -> str:
        return SIGNAL_LABELS[self.signal]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        return cls(**{**data, "items": [ReportItem(**item) for item in data["items"]]})

    def to_markdown(self) -> str:
        lines = [
            f"# {self.title}",
            "",
            f"**Overall: {self.overall}/100 — {self.signal_label}**",
            "",
            self.summary,
            "",
            "| | Score | Weight |",
            "|---|---|---|",
        ]
        for item in self.items:
            shown = out_of_five(item.score) if item.score else "not done"
            lines.append(f"| {_cell(item.name)} | {shown} | {item.weight:g} |")
        if self.adjustments:
            lines += ["", "**Adjustments:** " + "; ".join(self.adjustments)]
        if self.strengths:
            lines += ["", "## Strengths", ""] + [f"- {s}" for s in self.strengths]
        if self.practice_next:
            lines += ["", "## Practise next", ""] + [f"- {p}" for p in self.practice_next]
        lines += ["", "## Evidence", ""]
        for item in self.items:
            lines.append(f"### {item.name}")
            lines.append("")
            lines += [f"- {e}" for e in item.evidence] or ["- (no answer)"]
            lines += [f"- *Improve:* {item.improvement}", ""]
        note = f"Scored by the {self.provider} interviewer"
        if self.fallback_reason:
            note += f" (fallback: {self.fallback_reason})"
        lines.append(f"_{note}._")
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _communication(delivery: Sequence[Delivery | None]) -> tuple[float, ReportItem] | None:
    """The mean communication score of the spoken answers, and its item; None without any."""
    scored = [c for c in (communication_score(d) for d in delivery) if c]
    if not scored:
        return None
    mean = sum(c.score for c in scored) / len(scored)
    worst = min(scored, key=lambda c: c.score)
    evidence = list(dict.fromkeys(e for c in scored for e in c.evidence))[:4]
    item = ReportItem("Communication", round(mean), round(100 * COMMUNICATION_SHARE, 1), evidence,
                      worst.improvement)
    return mean, item


def _with_communication(content: float, items: list[ReportItem],
                        delivery: Sequence[Delivery | None]) -> float:
    """The overall score (0-100) from the content score and, when any answer was spoken, its
    communication, which then takes COMMUNICATION_SHARE of every item's weight (added to
    ``items``)."""
    communication = _communication(delivery)
    if communication is None:
        return content
    mean, item = communication
    for other in items:
        other.weight = round(other.weight * (1 - COMMUNICATION_SHARE), 2)
    items.append(item)
    return content * (1 - COMMUNICATION_SHARE) + 100 * COMMUNICATION_SHARE * (mean - 1) / 4


def _round(value: float) -> int:
    return int(max(0.0, min(100.0, value)) + 0.5)


def _strengths(items: list[ReportItem], notes: dict[str, str]) -> list[str]:
    good = sorted((i for i in items if i.score >= 4), key=lambda i: (-i.score, -i.weight))
    out = []
    for item in good[:3]:
        note = notes.get(item.name) or (item.evidence[0] if item.evidence else "")
        out.append(f"{item.name} ({out_of_five(item.score)})" + (f": {note}" if note else ""))
    return out


def _practice(items: list[ReportItem]) -> list[str]:
    weak = sorted((i for i in items if i.score < 4), key=lambda i: (i.score, -i.weight))
    return [f"{i.name}: {i.improvement}" for i in weak[:3]]


def build_coding_report(session: CodingSession) -> Report:
    q = session.question
    by_step = {f.step: f for f in session.feedback}
    items, notes, content = [], {}, 0.0
    for step in STEPS:
        fb = by_step.get(step)
        weight = STEP_WEIGHTS[step]
        if fb is None:
            items.append(ReportItem(STEP_TITLES[step], 0, weight, [], f"Answer the {STEP_TITLES[step]} step next time."))
            continue
        content += weight * (fb.score - 1) / 4
        items.append(ReportItem(STEP_TITLES[step], fb.score, weight, list(fb.evidence), fb.improvement))
        notes[STEP_TITLES[step]] = fb.summary.split(": ", 1)[-1]
    overall = _with_communication(content, items, session.delivery)
    adjustments = []
    if session.hints_used:
        penalty = min(MAX_HINT_PENALTY, HINT_PENALTY * session.hints_used)
        overall -= penalty
        adjustments.append(f"{session.hints_used} hint{'s' * (session.hints_used > 1)} used: -{penalty}")
    used, limit = session.seconds_used, session.time_limit_seconds
    if used is not None and limit and used > limit * OVERTIME_GRACE:
        overall -= OVERTIME_PENALTY
        adjustments.append(f"over time ({used / 60:.0f} of {limit / 60:.0f} minutes): -{OVERTIME_PENALTY}")
    score = _round(overall)
    signal = hiring_signal(score)
    practice = _practice(items)
    weak_steps = {i.name for i in items if i.score < 3}
    if weak_steps & {"Implement", "Evaluate", "Match"} and getattr(q, "topic_labels", None):
        practice.append(f"Practise more {' and '.join(q.topic_labels)} questions at {q.difficulty} difficulty.")
    tests = TestFacts.of(session.tests)
    facts = {
        "question_id": q.id, "tests": {"passed": tests.passed, "total": tests.total} if tests else None,
        "measured_complexity": measured_label(session.complexity), "hints_used": session.hints_used,
        "seconds_used": session.seconds_used, "content_score": round(content, 1),
    }
    strongest = max((i for i in items if i.score), key=lambda i: (i.score, i.weight), default=None)
    weakest = min(items, key=lambda i: (i.score, -i.weight))
    summary = f"{score}/100, {SIGNAL_LABELS[signal].lower()} on {q.title}."
    if strongest:
        summary += f" Strongest: {strongest.name} ({out_of_five(strongest.score)})."
    summary += f" Weakest: {weakest.name} ({out_of_five(weakest.score)})." if weakest.score else f" {weakest.name} was not done."
    if tests:
        summary += f" Tests: {tests.passed} of {tests.total} passed."
    return Report("coding", f"Coding interview: {q.title}", score, signal, items, adjustments,
                  _strengths(items, notes), practice, summary, facts=facts)


def build_behavioral_report(session: BehavioralSession) -> Report:
    answers = list(session.answers)
    items, notes, content = [], {}, 0.0
    share = 100 / len(answers) if answers else 0.0
    for i, answer in enumerate(answers, 1):
        text = answer.question if isinstance(answer.question, str) else answer.question.text
        name = f"Q{i}: {text if len(text) <= 70 else text[:67] + '...'}"
        fb = answer.feedback
        if fb is None:
            items.append(ReportItem(name, 0, round(share, 2), [], "Answer every question, even briefly."))
            continue
        content += share * (fb.score - 1) / 4
        star = ", ".join(f"{part} {'✓' if fb.star[part].present else 'missing'}" for part in fb.star)
        evidence = [f"STAR: {star}", *fb.evidence]
        if answer.follow_ups:
            evidence.append(f"needed {answer.follow_ups} follow-up{'s' * (answer.follow_ups > 1)}")
        items.append(ReportItem(name, fb.score, round(share, 2), evidence, fb.improvement))
        notes[name] = fb.summary.split(": ", 1)[-1]
    overall = _with_communication(content, items, [a.delivery for a in answers])
    score = _round(overall)
    signal = hiring_signal(score)
    answered = [a.feedback for a in answers if a.feedback]
    missing: dict[str, list[ReportItem]] = {}  # a gap -> the items of the answers that have it
    for item, answer in zip(items, answers):
        for gap in answer.feedback.details.get("gaps", answer.feedback.missing) if answer.feedback else ():
            if gap in IMPROVEMENTS:
                missing.setdefault(gap, []).append(item)
    practice = _practice(items)
    if missing:
        order = list(IMPROVEMENTS)
        gap = min(missing, key=lambda g: (-len(missing[g]), order.index(g)))
        having = missing[gap]
        if len(having) > 1:
            practice.insert(0, f"Across {len(having)} answers: {IMPROVEMENTS[gap]}")
        elif not any(line.startswith(f"{having[0].name}: ") for line in practice):
            practice.insert(0, f"{having[0].name}: {IMPROVEMENTS[gap]}")  # else already advised
    facts = {
        "questions": len(answers), "answered": len(answered),
        "follow_ups": sum(a.follow_ups for a in answers), "seconds_used": session.seconds_used,
        "content_score": round(content, 1),
    }
    summary = f"{score}/100, {SIGNAL_LABELS[signal].lower()} over {len(answered)} of {len(answers)} answered questions."
    if answered:
        star_complete = sum(not fb.missing for fb in answered)
        summary += f" {star_complete} had every STAR part."
    scored = [i for i in items if i.score and i.name.startswith("Q")]
    if len(scored) > 1:
        best = max(scored, key=lambda i: i.score)
        worst = min(scored, key=lambda i: i.score)
        if best.score > worst.score:
            summary += (f" Strongest answer: {best.name.split(':')[0]} ({out_of_five(best.score)}); "
                        f"weakest: {worst.name.split(':')[0]} ({out_of_five(worst.score)}).")
    return Report("behavioral", "Behavioral interview", score, signal, items, [],
                  _strengths(items, notes), practice[:4], summary, facts=facts)
