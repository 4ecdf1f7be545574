"""What a step's rubric returns, how its points become a 1-5 score in half points, and how evidence
is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ava_core.interviewer.text import Text
from ava_core.sentences import join_words as _join


def scale(points: float, cuts: tuple[float, float, float, float]) -> float:
    """1-5 in half points from rubric points: ``cuts`` are the least points for 2, 3, 4 and 5; points
    at least halfway to the next cut earn the half point between them."""
    whole = sum(points >= c for c in cuts)
    if whole == len(cuts):
        return 5.0
    low = cuts[whole - 1] if whole else 0.0
    return 1 + whole + 0.5 * (points >= (low + cuts[whole]) / 2)


def with_a_wrong_cost(score: float) -> float:
    """The score of an approach described with a cost it does not have: a point off, at most 3.5
    and at least 2."""
    return max(min(score - 1, 3.5), 2)


@dataclass
class Scored:
    """What a rubric found: the score, the notes behind it, the evidence and the first gap."""

    score: float
    found: list[str]
    evidence: list[str]
    improvement: str
    details: dict[str, Any] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)  # sentences about measured facts, for the summary


def cite(label: str, quote: str | None) -> str | None:
    return f'{label}: "{quote}"' if quote else None


def evidence_list(*items: str | None) -> list[str]:
    """At most five pieces of evidence, in order; labels that quote the same words share one
    line ('time and space: "..."') instead of repeating the quote."""
    labels: dict[str, list[str]] = {}  # a quote (or an unquoted item) -> its labels
    for item in filter(None, items):
        label, sep, quote = item.partition(": ")
        quoted = bool(sep) and quote.startswith('"')
        names = labels.setdefault(quote if quoted else item, [])
        if quoted and label not in names:
            names.append(label)
    return [f"{_join(names)}: {key}" if names else key for key, names in labels.items()][:5]


def whole_answer(t: Text) -> str:
    """Evidence when nothing the rubric looks for was found: what was said, quoted."""
    return f'answer: "{t.quote(0, 1)}"'


def lower_first(sentence: str) -> str:
    """A fact's sentence placed inside another: "An empty list" -> "an empty list" (but "BFS" stays)."""
    return sentence[:1].lower() + sentence[1:] if sentence[1:2].islower() else sentence
