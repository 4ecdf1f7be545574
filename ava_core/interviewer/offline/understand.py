"""Understand: restating the problem, inputs and output, clarifying questions, constraints,
edge cases and a worked example."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ava_core.interviewer.offline.edge_cases import edge_cases
from ava_core.interviewer.offline.question import (
    param_names,
    question_keywords,
    signature,
    test_notes,
)
from ava_core.interviewer.offline.scoring import Scored, cite, evidence_list, lower_first, scale
from ava_core.interviewer.text import Text, alt, content_stems
from ava_core.sentences import join_words as _join

if TYPE_CHECKING:
    from ava_core.interviewer.offline.coverage import Coverage
    from ava_core.questions import CodingQuestion

_RESTATE = alt(r"\b(i'm|we're) given\b", r"\bi get\b", r"\bwe get\b", r"\b(we|i) need to\b",
               r"\b(we|i) have to\b", r"\bthe (task|goal|problem|idea) is\b", r"\brestate\b",
               r"\bin other words\b", r"\bmy understanding\b", r"\bso for each\b", r"\bfor each\b",
               r"\bi return\b", r"\bwe return\b", r"\bthe input is\b", r"\bso (i|we)\b")
_INPUT = alt(r"\bgiven\b", r"\binputs?\b", r"\btakes?\b", r"\blist of\b", r"\barray of\b",
             r"\b(a|an|the) (list|array)\b", r"\bparameters?\b")
_OUTPUT = alt(r"\breturn\w*", r"\boutputs?\b", r"\bresult\b", r"\bgets? (zero|0)\b",
              r"\bgives?\b")
_QUESTION_CUE = alt(r"\bcan i assume\b", r"\bi('ll| will)? assume\b", r"\bshould i\b",
                    r"\bdo i need\b", r"\bi want to (check|confirm|clarify|know)\b",
                    r"\bi'?d (want|like) to know\b", r"\bclarif\w*", r"\bmy question\b",
                    r"\bquestions?:")
_HELP = alt(r"\btell me\b", r"\bgive me\b", r"\bcan you (just )?(tell|give|explain|help)\b",
            r"\bwhich approach\b", r"\bthe answer\b")
_CONSTRAINT = alt(r"10\s*\^\s*\d", r"\b10 to the\b", r"\bten to the\b", r"\b\d{1,3}(?:,\d{3})+\b",
                  r"\b\d+\s*(thousand|million|billion)\b", r"\b(thousand|million|billion)\b",
                  r"(?<!add )(?<!adds )(?<!sum )\bup to\b", r"\bat most\b", r"\bconstraints?\b", r"\btoo slow\b",
                  r"\btime limit\b", r"\bbetween -?\d+ and -?\d+\b", r"\bbounded\b")
_EXAMPLE = alt(r"\[\s*-?\d", r"\bfor (example|instance)\b", r"\be\.g\.", r"\bexample:",
               r"\bsay we have\b", r"\blike \[", r"\"[a-z]+\" and \"")
_JUMP = alt(r"\bhash ?map\b", r"\bdictionary\b", r"\bstart (coding|writing)\b",
            r"\blet me (start )?cod\w*", r"\bi'?d (just )?(use|sort|loop)\b", r"\blet'?s just\b",
            r"\bsort\b")


def score_understand(q: CodingQuestion, t: Text, covered: Coverage | None) -> Scored:
    keywords = question_keywords(q)
    overlap = sorted(content_stems(t.raw) & keywords)
    restate_quote = t.first_quote(_RESTATE)
    restated = t.word_count >= 8 and (len(overlap) >= 3 or (len(overlap) >= 2 and bool(restate_quote)))
    params = param_names(q)
    param_rx = alt(*(rf"\b{re.escape(p)}\b" for p in params)) if params else None
    in_quote = t.first_quote(_INPUT) or (param_rx and t.first_quote(param_rx))
    out_quote = t.first_quote(_OUTPUT)
    questions = [
        s.strip() for s in t.sentences()
        if (s.rstrip().endswith("?") or _QUESTION_CUE.search(s)) and not _HELP.search(s)
    ]
    helpless = bool(t.first_quote(_HELP))
    constraint = t.first_quote(_CONSTRAINT)
    edges = edge_cases(t)
    example = t.first_quote(_EXAMPLE)
    if covered:  # the question's own clarifications and edge cases, however they were put
        # a question that matters counts whole; a minor one, or one the facts do not list, half
        matters = sum(h.fact.matters for h in covered.clarifications)
        others = (
            len(covered.clarifications) - matters + max(0, len(questions) - len(covered.clarifications))
        )
        asked_points = min(matters + others / 2, 3)
        edge_points = min(max(len(covered.edge_cases) + covered.nearly("edge_cases") / 2, len(edges) // 2), 3)
        edge_quotes = [(h.fact.case, h.passage.text) for h in covered.edge_cases]
    else:
        asked_points, edge_points = min(len(questions), 2), min(len(edges), 2)
        edge_quotes = list(edges.items())

    points = (
        restated
        + bool(in_quote and out_quote)
        + asked_points
        + bool(constraint)
        + edge_points
        + bool(example)
    )
    score = scale(points, (1, 3, 5, 7) if covered is None else (2, 4, 6, 8))
    if covered:  # the top scores need this question's own open points, not any questions at all
        settled = len(covered.clarifications) + len(covered.edge_cases)
        score = min(score, 3 + (settled >= 2) + (settled >= 4))
    misread = covered.own_wrong if covered else None  # "fewer hops means longer hops, so I jump the farthest"
    if misread and misread.fact.verdict == "wrong":
        score = min(score, 3)
    jumped = t.first_quote(_JUMP)
    if points <= 1 and (jumped or helpless):
        score = 1
    elif not overlap and t.word_count >= 8:  # nothing of this problem: about another one
        score = min(score, 2)

    found = []
    if restated:
        found.append("restated the problem")
    if in_quote and out_quote:
        found.append("named the input and the output")
    if covered and covered.clarifications:
        found.append(f"settled {len(covered.clarifications)} of the open points")
    elif questions:
        found.append(f"asked {len(questions)} clarifying question{'s' * (len(questions) > 1)}")
    if constraint:
        found.append("used the constraints")
    if edge_quotes:
        found.append(f"named edge cases ({_join([kind for kind, _ in edge_quotes][:3])})")
    if example:
        found.append("worked an example")

    notes = test_notes(q)
    if misread and score <= 3 and misread.fact.verdict == "wrong":
        improvement = (f'Your reading leads to {misread.fact.name} ("{misread.passage.text.strip()}"), which does not '
                       f"solve this problem: {misread.fact.why} Check the statement and the examples again.")
    elif not restated:
        improvement = (
            f"Start by restating the problem in your own words: what goes in ({_join(params) or 'the input'}) "
            "and what must come out."
        )
    elif not (in_quote and out_quote):
        improvement = f"Say exactly what the function takes and returns: {signature(q)}."
    elif covered and (missed := [c for c in covered.missed("clarifications") if c.matters]):
        improvement = f'You never asked "{missed[0].ask}" The answer ("{missed[0].answer}") changes the code.'
    elif covered and len(covered.edge_cases) < 2:
        case = covered.missed("edge_cases")[0]
        improvement = f"You never said what happens with {lower_first(case.case)}: {lower_first(case.expect)}"
    elif not questions and not covered:
        subject = f"what should happen with {notes[0]}" if notes else "an input the statement leaves open"
        improvement = f"Ask at least one clarifying question out loud, for example {subject}."
    elif len(edges) < 2 and not covered:
        cases = _join(notes) if notes else "an empty input and duplicates"
        improvement = f"Name the edge cases before solving, for example {cases}."
    elif not constraint and q.constraints:
        improvement = (
            f'Use the constraints: "{q.constraints[0]}" tells you how fast the solution must be.'
        )
    elif not example:
        improvement = "Work one small example by hand so you and the interviewer agree on the output."
    else:
        improvement = "Keep this habit, and turn each edge case you named into a test for Review."
    evidence = evidence_list(
        cite("restates", restate_quote) if restated else None,
        *(cite("asks", s) for s in questions[:2]),
        cite("constraint", constraint),
        *(cite("edge case", quote) for _, quote in edge_quotes[:2]),
        cite("example", example),
        cite("input/output", out_quote) if in_quote and out_quote else None,
    )
    details = {
        "points": points, "max_points": 8 if covered is None else 10, "restated": restated, "keywords": overlap,
        "questions": questions, "constraints": bool(constraint),
        "edge_cases": [kind for kind, _ in edge_quotes], "edge_kinds": list(edges),
        "clarifications": [h.fact.ask for h in covered.clarifications] if covered else [],
        "example": bool(example), "jumped_to_solution": bool(jumped) and points <= 1,
        "misread_as": misread.fact.name if misread and misread.fact.verdict == "wrong" else None,
    }
    return Scored(score, found, evidence, improvement, details)
