"""Plan: ordered steps, data structures, concrete operations, fitting the question's approach."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ava_core.interviewer.offline.edge_cases import edge_cases
from ava_core.interviewer.offline.evaluate import wrong_total
from ava_core.interviewer.offline.question import hint_keywords, test_notes
from ava_core.interviewer.offline.scoring import Scored, cite, evidence_list, lower_first, scale, with_a_wrong_cost
from ava_core.interviewer.text import Text, alt, content_stems, stem
from ava_core.sentences import join_words as _join

if TYPE_CHECKING:
    from ava_core.interviewer.offline.coverage import Coverage
    from ava_core.questions import CodingQuestion

_STEP_MARK = alt(r"\bfirst(ly)?\b", r"\bthen\b", r"\bnext\b", r"\bafter that\b",
                 r"\bafterwards\b", r"\bfinally\b", r"\blastly\b",
                 r"\bstep (one|two|three|four|five|\d)\b", r"\bat the end\b",
                 r"\bwhen the (loop|walk) ends\b", r"\bstart (with|by)\b", r"\bbegin by\b",
                 r"\bsecond(ly)?\b", r"\bthird(ly)?\b", r"\bin the end\b", r"(?:^|\s)\d[.)]\s")
_STRUCTURE = re.compile(
    r"\b(dictionar(?:y|ies)|dict|hash ?maps?|hash ?sets?|maps?|sets?|lists?|arrays?|stacks?|"
    r"queues?|deques?|heaps?|priority queue|pointers?|prev|curr|result|counter|index|indexes|"
    r"indices|variables?|helper|path|memo|table|window|graph|adjacency|in-?degrees?|visited|"
    r"seen|nodes?)\b",
    re.IGNORECASE,
)
_OPERATION = re.compile(
    r"\b(loop|iterat|for each|for every|while|if|else|otherwise|return|append|push|pop|insert|"
    r"store|compar|updat|recurs|swap|increment|decrement|sort|check|comput|calculat|add|remov|"
    r"move|point|initiali[sz]|create|walk|skip|save|collect|extend)\w*",
    re.IGNORECASE,
)
_BRUTE_PLAN = alt(r"\btwo loops\b", r"\bnested loops?\b", r"\bevery other\b", r"\bevery pair\b",
                  r"\beach pair\b", r"\ball pairs\b", r"\bbrute[- ]force\b",
                  r"\bevery possible\b", r"\bchecks? every number\b")
_NO_PLAN = alt(r"\bfigure it out\b", r"\bas i go\b", r"\bjust start\b", r"\bno plan\b")


def score_plan(q: CodingQuestion, t: Text, covered: Coverage | None) -> Scored:
    marks = t.find(_STEP_MARK)
    named: dict[str, str] = {}
    for m in t.find(_STRUCTURE):
        named.setdefault(stem(m.group(1).lower().replace(" ", "")), m.group(1).lower())
    structures = sorted(named.values())
    operations = sorted({m.group(1).lower() for m in t.find(_OPERATION)})
    pattern = next((p for p in q.patterns if p.mentioned_in(t.raw)), None)
    hint_overlap = sorted(content_stems(t.raw) & hint_keywords(q))
    fits = pattern is not None or len(hint_overlap) >= 3
    edges = edge_cases(t)
    brute = t.first_quote(_BRUTE_PLAN)
    if covered is None:
        points = (
            (len(marks) >= 1) + (len(marks) >= 3)
            + (len(structures) >= 1) + (len(structures) >= 2)
            + (len(operations) >= 2) + (len(operations) >= 4)
            + 2 * fits
            + bool(edges)
        )
        score = scale(points, (2, 4, 6, 8))
        if brute:
            score = min(score, 2)
        own_wrong = misjudged = None
    else:  # the reference plan's steps, in its order, decide
        points = (
            round(6 * covered.plan_in_order() / len(covered.facts.plan))
            + bool(covered.own_approach)
            + bool(marks)
            + (len(structures) >= 1)
            + bool(covered.edge_cases)
        )
        score = scale(points, (2, 4, 6, 8))
        own_wrong = covered.own_wrong
        if own_wrong:
            score = min(score, 2 if own_wrong.fact.verdict == "wrong" else 3)
        misjudged = wrong_total(q, t, covered.own_approach.fact) if covered.own_approach else None
        if misjudged:
            score = with_a_wrong_cost(score)
        brute = None
    if t.first_quote(_NO_PLAN) and points <= 3:
        score = 1
    found = []
    if marks:
        found.append(f"gave ordered steps ({len(marks)} step marker{'s' * (len(marks) > 1)})")
    if structures:
        found.append(f"named {_join(structures[:4])}")
    if len(operations) >= 2:
        found.append("spelled out the operations")
    if covered and covered.plan:
        found.append(f"covered {len(covered.plan)} of the {len(covered.facts.plan)} steps it needs")
    elif fits:
        found.append("the plan fits the question's approach")
    if own_wrong:
        found.append(f"planned {own_wrong.fact.name}, which is {own_wrong.fact.verdict}")
    if misjudged:
        found.append(f"said it costs {misjudged} overall, which this plan does not")
    if edges:
        found.append(f"handled {_join(list(edges))}")
    if brute:
        found.append("planned a brute force the constraints rule out")

    # the first reference step the plan leaves out, when it leaves out more than one in four
    skipped = covered.missed("plan") if covered else []
    missing = skipped[0] if covered and len(skipped) * 4 > len(covered.facts.plan) else None
    if own_wrong:
        improvement = (
            f'This plan is {own_wrong.fact.name} ("{own_wrong.passage.text.strip()}"): {own_wrong.fact.why}'
        )
    elif misjudged and covered and covered.own_approach:
        own = covered.own_approach.fact
        improvement = (f"You said the plan costs {misjudged} overall; {own.name} costs "
                       f"{own.time} time: count how often its innermost step runs.")
    elif missing:
        improvement = f"Your plan skips a step the solution needs: {lower_first(missing.step)}"
    elif brute or not (fits or covered):
        improvement = (
            f"Plan the approach the question calls for ({_join([p.label for p in q.patterns][:2])}) "
            "step by step, with the data structure it needs."
        )
    elif not marks:
        improvement = "Number your steps out loud (first, then, finally) so the interviewer can follow the order."
    elif len(structures) < 2:
        improvement = "Name each data structure you will use and what it holds (for example, value -> index)."
    elif len(operations) < 4:
        improvement = "Say the exact operations at each step: what you check, what you store, what you return."
    elif not edges:
        notes = test_notes(q)
        improvement = f"Say how the plan handles {_join(notes) if notes else 'an empty input'}."
    else:
        improvement = "Keep this level of detail, and write the plan as pseudocode comments before coding."
    evidence = evidence_list(
        cite("steps", t.quote(marks[0].start(), marks[0].end())) if marks else None,
        cite("steps", t.quote(marks[-1].start(), marks[-1].end())) if len(marks) > 1 else None,
        cite("data structure", t.first_quote(_STRUCTURE)),
        cite("edge case", next(iter(edges.values()), None)),
        cite("brute force", brute),
        cite(own_wrong.fact.verdict, own_wrong.passage.text.strip()) if own_wrong else None,
    )
    details = {
        "points": points, "max_points": 9, "step_markers": len(marks), "structures": structures,
        "operations": operations, "fits": fits, "hint_words": hint_overlap,
        "edge_cases": list(edges), "brute_force": bool(brute),
        "plan_steps": [h.fact.step for h in covered.plan] if covered else [],
        "took": own_wrong.fact.name if own_wrong else None, "misjudged": misjudged,
    }
    return Scored(score, found, evidence, improvement, details)
