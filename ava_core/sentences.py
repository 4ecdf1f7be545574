"""Small helpers for the sentences Ava writes."""

from __future__ import annotations

from collections.abc import Sequence


def join_words(items: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
