"""Three things that cap what is said at any step at 2 (at Implement too, whatever the code),
whatever it names: a keyword salad (terms with nothing relating them), praise of the solution in
place of the solution (buzzwords, and almost none of the question's facts), and an answer to
another problem (a well-known one it names, "this is the house robber problem", or one of the
bank whose facts it covers). And one that takes a point off: an answer hedged again and again
("I think it's probably fine, I'm not sure")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ava_core.interviewer.offline.coverage import lists_terms, other_question
from ava_core.interviewer.offline.named import named_other
from ava_core.speech.delivery import measure

if TYPE_CHECKING:
    from ava_core.interviewer.offline.coverage import Coverage
    from ava_core.interviewer.offline.scoring import Scored
    from ava_core.interviewer.text import Text
    from ava_core.questions import CodingQuestion

CAP = 2
HEDGES_OFF = 2  # hedges in one answer that cost a point (the speech metrics' own list of hedges)
_PRAISE = re.compile(
    r"\b(optimal\w*|efficient\w*|scal(?:e|es|able|ability)|industry[- ]standard|clean(?:er)?|robust\w*|"
    r"production\w*|best practices?|leverag\w*|elegant\w*|well[- ]known|standard|classic|textbook|"
    r"straightforward|battle[- ]tested|pythonic|maintainab\w*|readab\w*|performant|highly|powerful|"
    r"trivial\w*|obvious\w*|canonical|idiomatic|confident\w*)\b",
    re.IGNORECASE,
)


def praises(t: Text, covered: Coverage) -> list[str]:
    """The praise words of an answer that is mostly praise: three or more, at least 3 in 100 words,
    and at most two of the question's facts covered."""
    words = [m.group(0).lower() for m in _PRAISE.finditer(t.raw)]
    if len(words) < 3 or len(words) * 100 < 3 * t.word_count:
        return []
    return words if covered.count <= 2 else []


def hold_to_form(q: CodingQuestion, t: Text, covered: Coverage | None, scored: Scored, *, of_code: bool = False) -> None:
    """Cap ``scored`` at 2, with an improvement that says why, if the answer is a salad, praise
    instead of a solution, or an answer to another question (``covered``: its coverage of ``q``).
    ``of_code``: the answer analyses or reviews the candidate's own code for this question, so sharing
    another problem's facts (a tree's height, a grid's cells) does not make it about that problem."""
    found: object  # what the detail records: the praise words, the other question's id
    cap = CAP
    if lists_terms(t):
        flaw, found = "keyword_salad", True
        advice = (
            "Say it in sentences that connect the terms: which idea does what, and why, for this "
            f'problem. "{t.quote(0, 1)}" lists words without relating them.'
        )
    elif covered is None:
        return
    elif praise := praises(t, covered):
        flaw, found = "praise", praise
        advice = (
            f"Replace the praise ({', '.join(dict.fromkeys(praise[:3]))}) with the substance: say what the "
            "solution does on this problem, step by step, and what it costs."
        )
    else:
        from ava_core.questions import load_bank

        if named := named_other(q, t.raw):
            flaw, found = "other_question", named
            advice = (
                f'You called this "{named}", but {q.title} is a different problem: reread the statement and say '
                f"what it asks that {named} does not."
            )
            cap = CAP + bool(covered.own_approach)  # the right idea under the wrong name: a point more
        elif not of_code and (other := other_question(q, t, covered, load_bank().coding)):
            flaw, found = "other_question", other.id
            advice = (
                f"This answers a different problem ({other.title}), not {q.title}. Reread the "
                "statement and solve the problem asked."
            )
        else:
            return
    scored.details[flaw] = found
    if scored.score > cap:
        scored.score, scored.improvement = cap, advice


def hold_to_substance(t: Text, scored: Scored) -> None:
    """Take a point off an answer that leans on praise ("the standard, optimal pattern") twice or more."""
    words = list(dict.fromkeys(m.group(0).lower() for m in _PRAISE.finditer(t.raw)))
    if len(words) < 2 or scored.score <= 2 or "praise" in scored.details:
        return
    said = ", ".join(f'"{w}"' for w in words[:3])
    scored.details["praise_words"] = words
    scored.found.append(f"called the solution {said} instead of showing it")
    scored.score -= 1
    if scored.score == 4:  # the one thing between the answer and a 5
        scored.improvement = f"Drop {said}: say what makes it so on this problem, and let the interviewer judge."


def hold_to_conviction(t: Text, scored: Scored) -> None:
    """Take a point off an answer that hedges ``HEDGES_OFF`` times or more, and say which words."""
    hedges = measure(t.raw).hedges
    if sum(hedges.values()) < HEDGES_OFF or scored.score <= 1:
        return
    said = ", ".join(f'"{h}"' for h in list(hedges)[:3])
    scored.details["hedges"] = hedges
    scored.found.append(f"hedged {sum(hedges.values())} times ({said})")
    scored.score -= 1
    if scored.score == 4:  # the one thing between the answer and a 5
        scored.improvement = (f"Say it with conviction: drop {said} and give the reason instead; an interviewer "
                              "hears hedging as doubt.")
