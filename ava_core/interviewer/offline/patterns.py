"""Which of the pattern vocabulary (``patterns.yaml``) an answer names ("priority queue" is a
heap), and which of them a candidate's code plainly lacks (a heap with no heapq call)."""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ava_core.interviewer.offline.coverage import described


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Any, ...]:
    from ava_core.questions import load_patterns

    return tuple(load_patterns().values())


def _pattern_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9+#^]+", text.lower()))


# "set" the verb, not the structure: "the level is set by the taller side", "set it to zero"
_SET_VERB = re.compile(r"(?<= )(?:(?P<doer>is|are|was|were|be|been|gets|got|i|we) set"
                       r"|set(?= (?:by|to|up|aside|it|them) ))(?= )")


def named_patterns(text: str, patterns: Sequence[Any]) -> list[str]:
    """The names of the patterns ``text`` names. Longer terms win: "priority queue" is a heap,
    not also a queue; a term several patterns share ("dfs") names all of them."""
    by_term: dict[str, set[str]] = {}
    for p in patterns:
        for term in p.terms:
            by_term.setdefault(_pattern_words(term), set()).add(p.name)
    words = f" {_pattern_words(text)} {' '.join(described(text))} "  # "a pile with the smallest on top" is a heap
    words = _SET_VERB.sub(lambda m: f"{m['doer'] or ''} \x00", words)
    found: set[str] = set()
    for term in sorted(by_term, key=lambda w: (-len(w.split()), w)):
        if term and f" {term} " in words:
            found |= by_term[term]
            words = words.replace(f" {term} ", " \x00 ")
    return [p.name for p in patterns if p.name in found]


# What code built on a pattern cannot do without: a call of one of these names (or a method).
# Only patterns whose code always shows them; a missing one means the code is built another way.
_USES: dict[str, frozenset[str]] = {
    "heap": frozenset("heappush heappop heapify heapreplace heappushpop nlargest nsmallest PriorityQueue".split()),
    "two-heaps": frozenset("heappush heappop heapify heapreplace heappushpop".split()),
    "sorting": frozenset("sorted sort".split()),
}


def lacks(tree: ast.AST | None, patterns: Sequence[str]) -> str | None:
    """The first of ``patterns`` that the code in ``tree`` is plainly not built on, if every one
    of them that code shows is missing: an analysis of a heap for code that merges pairs."""
    checked = [p for p in patterns if p in _USES]
    if tree is None or not checked:
        return None
    called = {getattr(n.func, "attr", None) or getattr(n.func, "id", None) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return None if any(_USES[p] & called for p in checked) else checked[0]
