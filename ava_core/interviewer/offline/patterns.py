"""Which of the pattern vocabulary (``patterns.yaml``) an answer names: "priority queue" is a heap."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Any, ...]:
    from ava_core.questions import load_patterns

    return tuple(load_patterns().values())


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
