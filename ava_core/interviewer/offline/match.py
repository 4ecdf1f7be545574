"""Match: naming a pattern the question expects, with a reason and a comparison."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ava_core.interviewer.offline.scoring import Scored, cite, evidence_list
from ava_core.interviewer.text import Text, alt
from ava_core.sentences import join_words as _join

if TYPE_CHECKING:
    from ava_core.questions import CodingQuestion


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[Any, ...]:
    from ava_core.questions import load_patterns

    return tuple(load_patterns().values())


_REASON = alt(r"\bbecause\b", r"\bsince\b", r"\bso that\b", r"\bwhich means\b",
              r"\bthat means\b", r"\bpoints? (straight )?(at|to)\b", r"\bfits?\b",
              r"\bgiven that\b", r"\bsorted\b", r"\bfixed\b", r"\bcontiguous\b",
              r"\bdirected\b", r"\bdepend\w*", r"\bmonoton\w*", r"\btells (you|me|us)\b",
              r"\blets (me|us|you)\b", r"\bin order to\b", r"\bvariation of\b",
              r"\bwhenever\b", r"\bso\b")
_COMPARE = alt(r"\bbrute[- ]force\b", r"\bnaive\w*", r"\bnested loops?\b", r"\bevery pair\b",
               r"\bo\(n\s*\^?\s*[23]\)", r"\bo\(n\s*k\)", r"\bo\(n\)", r"\btoo slow\b",
               r"\bwould (also )?work\b", r"\balternative\w*", r"\banother option\b",
               r"\binstead\b", r"\balso work\b", r"\brather than\b", r"\bcompared? (to|with)\b",
               r"\blinear scan\b", r"\bwould need\b", r"\bdoesn't help\b")
_BRUTE = alt(r"\bloop\w*", r"\bfor (each|every)\b", r"\bevery\b", r"\bcheck\w*", r"\bnested\b",
             r"\bbrute[- ]force\b", r"\bscan\w*", r"\bgo(ing)? through\b", r"\btry all\b")


def _pattern_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9+#^]+", text.lower()))


def named_patterns(text: str, patterns: Sequence[Any]) -> list[str]:
    """The names of the patterns ``text`` names. Longer terms win: "priority queue" is a heap,
    not also a queue; a term several patterns share ("dfs") names all of them."""
    by_term: dict[str, set[str]] = {}
    for p in patterns:
        for term in p.terms:
            by_term.setdefault(_pattern_words(term), set()).add(p.name)
    words = f" {_pattern_words(text)} "
    found: set[str] = set()
    for term in sorted(by_term, key=lambda w: (-len(w.split()), w)):
        if term and f" {term} " in words:
            found |= by_term[term]
            words = words.replace(f" {term} ", " \x00 ")
    return [p.name for p in patterns if p.name in found]


def score_match(q: CodingQuestion, t: Text) -> Scored:
    names = {p.name for p in q.patterns}
    vocabulary = list(q.patterns) + [p for p in _vocabulary() if p.name not in names]
    found_names = named_patterns(t.raw, vocabulary)
    expected = [p for p in q.patterns if p.name in found_names]
    other = [p for p in vocabulary if p.name in found_names and p.name not in names]
    reason = t.first_quote(_REASON)
    compare = t.first_quote(_COMPARE)
    brute = t.first_quote(_BRUTE)
    labels = [p.label for p in q.patterns]
    if expected:
        score = 3 + bool(reason) + bool(reason and compare)
    else:
        score = 2 if brute else 1
    found = []
    if expected:
        found.append(f"named {_join([p.label for p in expected])}")
        if reason:
            found.append("said why it fits")
        if reason and compare:
            found.append("compared it with another approach")
    elif other:
        found.append(f"named {_join([p.label for p in other])}, which does not fit this question")
    elif brute:
        found.append("described a brute-force search")

    if not expected:
        improvement = (
            f"Name a pattern that fits and the clue in the problem that points to it: here "
            f"{_join(labels[:2])} would fit."
        )
    elif not reason:
        improvement = f"Say why {expected[0].label} fits: which property of the input points to it?"
    elif not compare:
        improvement = (
            f"Compare {expected[0].label} with the brute force (what it costs and why it is too "
            "slow) or with another pattern that would also work."
        )
    else:
        improvement = "Keep this up, and say what the pattern will cost in time and space."
    pattern_quotes = []
    for p in expected[:2]:
        rx = alt(*(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])" for term in p.terms))
        pattern_quotes.append(cite(f"names {p.label}", t.first_quote(rx)))
    evidence = evidence_list(
        *pattern_quotes,
        cite("reason", reason) if expected else None,
        cite("comparison", compare) if expected and reason else None,
        cite("brute force", brute) if not expected else None,
    )
    details = {
        "expected_patterns": [p.name for p in q.patterns],
        "named": [p.name for p in expected], "other_patterns": [p.name for p in other],
        "reason": bool(reason), "comparison": bool(compare),
    }
    return Scored(score, found, evidence, improvement, details)
