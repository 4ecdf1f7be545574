"""Two things that cap any spoken step at 2, whatever it names: a keyword salad (terms with
nothing relating them) and an answer to another problem of the bank."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ava_core.interviewer.offline.coverage import lists_terms, other_question

if TYPE_CHECKING:
    from ava_core.interviewer.offline.scoring import Scored
    from ava_core.interviewer.text import Text
    from ava_core.questions import CodingQuestion

CAP = 2


def hold_to_form(q: CodingQuestion, t: Text, scored: Scored) -> None:
    """Cap ``scored`` at 2, with an improvement that says why, if the answer is a salad or
    answers another question."""
    if lists_terms(t):
        scored.details["keyword_salad"] = True
        if scored.score > CAP:
            scored.score = CAP
            scored.improvement = (
                "Say it in sentences that connect the terms: which idea does what, and why, for this "
                f'problem. "{t.quote(0, 1)}" lists words without relating them.'
            )
        return
    from ava_core.questions import load_bank

    other = other_question(q, t, load_bank().coding)
    if other is not None:
        scored.details["other_question"] = other.id
        if scored.score > CAP:
            scored.score = CAP
            scored.improvement = (
                f"This answers a different problem ({other.title}), not {q.title}. Reread the "
                "statement and solve the problem asked."
            )
