"""Match: naming a pattern the question expects, with a reason and a comparison."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ava_core.interviewer.offline.coverage import Hit
from ava_core.interviewer.offline.evaluate import wrong_total
from ava_core.interviewer.offline.patterns import named_patterns, vocabulary
from ava_core.interviewer.offline.scoring import Scored, cite, evidence_list, scale, with_a_wrong_cost
from ava_core.interviewer.text import Text, alt
from ava_core.sentences import join_words as _join

if TYPE_CHECKING:
    from ava_core.interviewer.offline.coverage import Coverage
    from ava_core.questions import CodingQuestion


_REASON = alt(r"\bbecause\b", r"\bsince\b", r"\bso that\b", r"\bwhich means\b",
              r"\bthat means\b", r"\bpoints? (straight )?(at|to)\b", r"\bfits?\b",
              r"\bgiven that\b", r"\bsorted\b", r"\bfixed\b", r"\bcontiguous\b",
              r"\bdirected\b", r"\bdepend\w*", r"\bmonoton\w*", r"\btells (you|me|us)\b",
              r"\blets (me|us|you)\b", r"\bin order to\b", r"\bvariation of\b",
              r"\bwhenever\b", r"\bso\b")
_COMPARE = alt(r"\bbrute[- ]force\b", r"\bnaive\w*", r"\bnested loops?\b", r"\bevery pair\b",
               r"\bo\(n\s*\^?\s*[23]\)", r"\bo\(n\s*k\)", r"\btoo slow\b",
               r"\bwould (also )?work\b", r"\balternative\w*", r"\banother option\b",
               r"\binstead\b", r"\balso work\b", r"\brather than\b", r"\bcompared? (to|with)\b",
               r"\blinear scan\b", r"\bwould need\b", r"\bdoesn't help\b")
_BRUTE = alt(r"\bloop\w*", r"\bfor (each|every)\b", r"\bevery\b", r"\bcheck\w*", r"\bnested\b",
             r"\bbrute[- ]force\b", r"\bscan\w*", r"\bgo(ing)? through\b", r"\btry all\b")


def score_match(q: CodingQuestion, t: Text, covered: Coverage | None) -> Scored:
    names = {p.name for p in q.patterns}
    known = list(q.patterns) + [p for p in vocabulary() if p.name not in names]
    found_names = named_patterns(t.raw, known)
    expected = [p for p in q.patterns if p.name in found_names]
    other = [p for p in known if p.name in found_names and p.name not in names]
    reason = t.first_quote(_REASON)
    compare = t.first_quote(_COMPARE)
    brute = t.first_quote(_BRUTE)
    labels = [p.label for p in q.patterns]
    score: float
    if covered is None:
        score = 3 + bool(reason) + bool(reason and compare) if expected else 2 if brute else 1
        described = own_wrong = misjudged = None
    else:  # what the answer describes decides, not the names it drops
        described, own_wrong = covered.own_approach, covered.own_wrong
        if described is None and own_wrong is None and 2 * len(covered.plan) >= len(covered.facts.plan) >= 2:
            # no name and no cue of the idea, but half the steps of the reference solution: it is described
            described = Hit(covered.facts.approaches[0], covered.plan[0].passage)
        compared = any(h.set_aside for h in covered.wrong_approaches) or bool(compare)
        # the idea told in the candidate's own words is worth what naming it and telling it are
        points = (3 if described else bool(expected)) + bool(reason) + (compared and bool(described or expected))
        score = scale(points, (1, 2, 4, 5))
        if not described:
            score = min(score, 3 if expected else 2)
        misjudged = wrong_total(q, t, described.fact) if described else None
        if misjudged:  # the idea, with a cost it does not have
            score = with_a_wrong_cost(score)
        if own_wrong and own_wrong.fact.verdict == "wrong":
            score = min(score, 2)
        elif own_wrong:  # a slower approach, honestly described, still solves the problem
            score = max(min(score, 3), 2)
    found = []
    if described:
        found.append(f"described {described.fact.name}")
    if own_wrong:
        found.append(f"took {own_wrong.fact.name}, which is {own_wrong.fact.verdict}")
    if misjudged and described:
        found.append(f"said it costs {misjudged}, which {described.fact.name} does not")
    if expected:
        found.append(f"named {_join([p.label for p in expected])}")
        if reason:
            found.append("said why it fits")
        if reason and compare:
            found.append("compared it with another approach")
    elif other:
        found.append(f"named {_join([p.label for p in other])}, which does not fit this question")
    elif brute and not own_wrong:
        found.append("described a brute-force search")

    approach = q.facts.approaches[0] if q.facts else None
    if own_wrong:
        improvement = (
            f'You described {own_wrong.fact.name} ("{own_wrong.passage.text.strip()}"): '
            f"{own_wrong.fact.why}" + (f" The idea that works: {approach.idea}" if approach else "")
        )
    elif misjudged and described:
        improvement = (f'You said {described.fact.name} costs {misjudged}; it costs {described.fact.time} '
                       f"time: count how often its innermost step runs.")
    elif covered is not None and approach and not described:
        named_it = f"Naming {expected[0].label} is not enough: say" if expected else (
            f"Here {_join(labels[:2])} fits: say"
        )
        improvement = f"{named_it} how the solution works on this problem. The key idea: {approach.idea}"
    elif not expected and not described:
        improvement = (
            f"Name a pattern that fits and the clue in the problem that points to it: here "
            f"{_join(labels[:2])} would fit."
        )
    elif not reason:
        label = expected[0].label if expected else described.fact.name if described else "it"
        improvement = f"Say why {label} fits: which property of the input points to it?"
    elif not compare and not (covered and any(h.set_aside for h in covered.wrong_approaches)):
        slower = next((w for w in q.facts.wrong_approaches), None) if q.facts else None
        improvement = (
            f"Compare it with {slower.name} ({slower.time}): {slower.why}" if slower else
            f"Compare {expected[0].label if expected else 'it'} with the brute force (what it costs and why it is too "
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
        cite("brute force", brute) if not expected and not own_wrong else None,
        cite("approach", described.passage.text.strip()) if described else None,
        cite(own_wrong.fact.verdict, own_wrong.passage.text.strip()) if own_wrong else None,
    )
    details = {
        "expected_patterns": [p.name for p in q.patterns],
        "named": [p.name for p in expected], "other_patterns": [p.name for p in other],
        "reason": bool(reason), "comparison": bool(compare),
        "described": described.fact.name if described else None,
        "took": own_wrong.fact.name if own_wrong else None, "misjudged": misjudged,
    }
    return Scored(score, found, evidence, improvement, details)
