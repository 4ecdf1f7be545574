"""The kinds of edge case an answer can name (empty input, duplicates, ...), each with the
phrase that names it."""

from __future__ import annotations

import re

from ava_core.interviewer.text import Text, alt

EDGE_CASES: dict[str, re.Pattern[str]] = {
    "empty input": alt(r"\bempty\b", r"\bno elements?\b", r"\bnull\b", r"\bnone\b(?! of)",
                       r"\bnothing (in|at all)\b"),
    "a single element": alt(r"\bsingle\b", r"\bonly (one|two)\b", r"\bjust one\b",
                            r"\bone (element|item|number|interval|word|node|day|value)\b",
                            r"\btwo (elements|nodes)\b"),
    "duplicates": alt(r"\bduplicat\w*", r"\bsame (value|number|element|word|letters)s?\b",
                      r"\btwice\b", r"\brepeat\w*", r"\bequal\b"),
    "negative numbers": alt(r"\bnegative\w*", r"\bminus\b"),
    "zeros": alt(r"\bzeros?\b", r"\bzeroes\b"),
    "no valid answer": alt(r"\bno (pair|answer|solution|match|triplet|valid|warmer)\b",
                           r"\bnot there\b", r"\bnot found\b", r"\bdoesn't exist\b",
                           r"\bnever\b", r"\bthere'?s none\b"),
    "boundaries": alt(r"\bnested\b", r"\binside another\b", r"\bcontained\b", r"\btouch\w*",
                      r"\boverflow\w*", r"\blast (day|element|one|node)\b", r"\bdifferent lengths?\b",
                      r"\bboundar\w*", r"\bbase case\b", r"\bdecreasing\b", r"\bincreasing\b"),
}


def edge_cases(t: Text) -> dict[str, str]:
    """Each kind of edge case named, with the phrase that names it."""
    out = {}
    for kind, pattern in EDGE_CASES.items():
        quote = t.first_quote(pattern)
        if quote:
            out[kind] = quote
    return out
