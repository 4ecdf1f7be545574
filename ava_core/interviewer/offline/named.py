"""Which known problem an answer says the question is: "This is the house robber problem."

A candidate who names the problem they think they face tells the interviewer what they will
solve. When the name is another well-known problem's (``ava_core/data/classic_problems.txt``) and
not one of this question's own names (its title, its id, the ``names`` in its facts), the answer
solves the wrong problem, however well. Only a statement of identity counts ("this is", "it's
the", "this matches the"): "the same shape as the balloon-bursting problem" is a comparison. The
bank's own questions are left out of the list: their names are also techniques ("it's binary
search") and ways in ("this is merge intervals" for inserting one booking).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ava_core.questions import CodingQuestion

CLASSICS = Path(__file__).resolve().parent.parent.parent / "data" / "classic_problems.txt"
_LONGEST = 9  # words in the longest name worth reading

# "This is the classic ...", "so it's basically ...", "this matches the ...": what comes next is a name
_IDENTITY = re.compile(
    r"(?:^|[.!?]\s+|\n\s*)(?:(?:so|okay|ok|um|uh|well),?\s+)*(?:this|it|that)(?:\s+is|'s)\s+"
    r"(?:basically\s+|just\s+|exactly\s+|really\s+|simply\s+|essentially\s+|clearly\s+)?"
    r"|\bmatches\s+",
    re.IGNORECASE,
)
_LEADING = frozenset("the a an classic standard famous well known textbook good old".split())
_SAME = {"two": "2", "ii": "2", "three": "3", "iii": "3", "four": "4", "iv": "4"}
_ENDS = frozenset("problem question . , ; : ! ?".split())  # "... problem", or a stop after the name
_KINDS = frozenset("dp setup pattern recurrence solution".split())  # "the house robber DP" names it too
_VARIANT = frozenset("but except only with plus and where".split())


def _words(text: str) -> list[str]:
    """Lowercase words and stops, numbers split off ("3sum" -> 3 sum), "ii" and "two" read as 2."""
    return [_SAME.get(w, w) for w in re.findall(r"[a-z]+|\d+|[.,;:!?]", text.lower())]


@cache
def _classics() -> dict[tuple[str, ...], str]:
    lines = CLASSICS.read_text(encoding="utf-8").splitlines()
    return {tuple(_words(line)): line.strip() for line in lines if line.strip() and not line.startswith("#")}


def own_names(q: CodingQuestion) -> dict[tuple[str, ...], str]:
    """The question's title, id and the names its facts list, as words, each with its written form."""
    names = [*(q.facts.names if q.facts else ()), q.id.replace("-", " "), q.title]
    return {tuple(_words(name)): name for name in reversed(names) if _words(name)}


def named_other(q: CodingQuestion, text: str) -> str | None:
    """The well-known problem ``text`` says this is, when that is not ``q``: "closest pair of points"."""
    own, others = own_names(q), _classics()
    for lead in _IDENTITY.finditer(text):
        said = _words(text[lead.end() : lead.end() + 160])
        while said and said[0] in _LEADING:
            said = said[1:]
        for size in range(min(_LONGEST, len(said)), 0, -1):  # the longest name said wins
            name, after = tuple(said[:size]), said[size : size + 3]
            if name in own:
                break
            kind = bool(after) and after[0] in _KINDS
            after = after[1:] if kind else after
            # what makes it a variant: "two sum, but with three", "the house robber DP but on a circle"
            qualifier = after[1:] if after[:1] == [","] else after if kind else []
            variant = bool(qualifier) and qualifier[0] in _VARIANT
            if name in others and (kind or not after or after[0] in _ENDS) and not variant:
                return others[name]
    return None
