"""Review: tracing concrete values, checking edge cases, finding bugs, checking the result."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ava_core.interviewer.claims import with_soft_stops
from ava_core.interviewer.offline.edge_cases import edge_cases
from ava_core.interviewer.offline.question import show_input, test_notes
from ava_core.interviewer.offline.scoring import Scored, cite, evidence_list, lower_first, scale
from ava_core.interviewer.text import Text, alt, is_run_on
from ava_core.sentences import join_words as _join

if TYPE_CHECKING:
    from ava_core.interviewer.inputs import TestFacts
    from ava_core.interviewer.offline.coverage import Coverage
    from ava_core.questions import CodingQuestion

_LIST = re.compile(r"\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\]")
_CLAUSE = re.compile(r"[.;:!?,](?:\s|$)")
_SPOKEN_CLAUSE = 10  # words: about one typed clause
_CONCRETE = re.compile(r"\d|\x00|\b[a-zA-Z_]\w*\s*=\s*\S|\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                       r"|(?:twen|thir|for|fif|six|seven|eigh|nine)ty(?:[- ]\w+)?|hundred)\b", re.IGNORECASE)  # spoken values
_BUG = alt(r"\bbug\w*", r"\bfix(ed)?\b", r"\boff[- ]by[- ]one\b", r"\bmistake\b",
           r"\bswapped\b", r"\bi noticed\b", r"\bnoticed\b", r"\bcaught\b", r"\bshould be\b",
           r"\bi (?:change|changed)\b", r"\bforgot\b", r"\bi added\b",
           r"\bmust be\b", r"\bneeds? (?:to be )?[<>=!]=?")  # "the second loop needs <= end"
_VERIFY = alt(r"\bcorrect\b", r"\bmatches\b", r"\bexpected\b", r"\bworks\b", r"\bthat'?s right\b",
              r"\bwhich is right\b", r"\bchecked\b", r"\bconfirm\w*", r"\bdouble-checked\b")
_FINE = alt(r"\bseems? (right|fine|ok|correct)\b", r"\blooks? (right|fine|good|ok|correct)\b",
            r"\b(is|that'?s|it'?s) fine\b", r"\bno (bug|problem|issue)s?\b")
# the code passed as it stands: "I think it's correct", "the code looks fine to me"
_PASSED = alt(_FINE.pattern,  # "it's correct", "the approach is correct", "which is right"; not "the counting is right"
              r"\b(?:it|this|that|which|everything|code|solution|function|implementation|approach|logic)"
              r"(?:'s| is| are| looks| seems)(?: \w+)? (?:correct|right)\b",
              r"\b(?:all|every) (?:of )?(?:the )?edge cases (?:\w+ ){0,4}(?:are|is|get) (?:covered|handled)\b",
              r"\bhandles? (?:all|every) (?:of )?(?:the )?(?:edge )?cases\b")  # "all the edge cases in the statement are covered"
# a change said: the review passes the code only after it ("after that fix it's correct")
_CHANGE = alt(_BUG.pattern, r"\bi (?:need|'d need|would need)\b",
              r"\bchange (?:it|that|this|the \w+) to\b")
_AVOIDED = alt(r"\bavoid\w*", r"\bhandled\b", r"\bhandles\b", r"\bno\b")  # a slip the code does not make
_RAN = alt(r"\bran (it|the (examples|tests))\b", r"\bexamples passed\b", r"\btests? pass(ed)?\b",
           r"\bit passed\b")


def _trace_steps(t: Text) -> int:
    """How many clauses carry concrete values (numbers, lists, assignments); speech transcribed
    without punctuation is cut where its clauses end ("i is 0 and the sum is 3 then i is 1")."""
    clauses = _CLAUSE.split(_LIST.sub("\x00", with_soft_stops(t.raw)))
    if is_run_on(t.raw):  # "lo is 0 hi is 4 mid is 2 nums of 2 is 14": a clause's worth of words at a time
        clauses = [" ".join(words[i : i + _SPOKEN_CLAUSE]) for c in clauses
                   for words in [c.split()] for i in range(0, len(words), _SPOKEN_CLAUSE)]
    return sum(bool(_CONCRETE.search(c)) for c in clauses)


def _fixes(t: Text) -> bool:
    """Whether the review changes something: a fix, not a slip it says the code avoids ("stopping at
    n - 1 avoids the classic off-by-one")."""
    return any(_CHANGE.search(s) and not _AVOIDED.search(s) for s in t.sentences())


def score_review(q: CodingQuestion, t: Text, covered: Coverage | None, tests: TestFacts | None = None) -> Scored:
    steps = _trace_steps(t)
    trace = (steps >= 1) + (steps >= 3) + (steps >= 12)
    edges = edge_cases(t)
    bug = t.first_quote(_BUG)
    verify = t.first_quote(_VERIFY)
    ran = t.first_quote(_RAN)
    # a common bug talked about and passed as fine ("<= ... seems right") is not caught
    caught = [h for h in covered.bugs if not _FINE.search(h.passage.text)] if covered else []
    points: float
    if covered is None:
        points = trace + min(len(edges), 2) + bool(bug) + bool(verify and trace)
    else:  # the question's own edge cases and bugs, however they were put
        points = (
            trace + min(max(len(covered.edge_cases) + covered.nearly("edge_cases") / 2, len(edges) // 2), 3)
            + min(len(caught) + covered.nearly("bugs") / 2, 2)
            + bool(verify and trace) + bool(bug and not caught)
        )
    if points == 0 and ran:
        points = 1
    score = scale(points, (1, 2, 4, 6) if covered is None else (1, 3, 5, 7))
    failing = tests is not None and tests.total > 0 and tests.passed < tests.total
    # a review that passes failing code as correct, whatever slips it talked about on the way
    approved = bool(t.first_quote(_PASSED)) and not _fixes(t)
    missed_failure = failing and (approved or not bug and not caught)
    if missed_failure:  # the code fails tests and the review found nothing wrong with it
        score = min(score, 2)
    found = []
    if trace:
        found.append(f"traced concrete values ({steps} steps)")
    if covered and covered.edge_cases:
        found.append(f"checked {len(covered.edge_cases)} of the question's edge cases")
    elif edges:
        found.append(f"checked {_join(list(edges))}")
    if caught:
        found.append(f"caught {_join([lower_first(h.fact.bug.rstrip('.')) for h in caught[:2]])}")
    elif bug:
        found.append("found and fixed a bug")
    if verify and trace:
        found.append("compared the result with the expected output")
    if not trace and ran:
        found.append("relied on the examples passing")
    notes = test_notes(q)
    if missed_failure and tests is not None:
        improvement = (
            f"The code fails {tests.total - tests.passed} of {tests.total} tests, yet the review found nothing: "
            f"trace a failing case{' (' + _join(notes) + ')' if notes else ''} and find where it goes wrong."
        )
    elif trace < 2:
        example = q.examples[0] if q.examples else None
        shown = f" such as {show_input(example.input)}" if example else ""
        improvement = (
            f"Trace the code on a small input{shown}: say each variable's value after every "
            "iteration and the final output."
        )
    elif covered and len(covered.edge_cases) < 2:
        case = covered.missed("edge_cases")[0]
        improvement = f"Run {lower_first(case.case)} through the code: {lower_first(case.expect)}"
    elif covered and not caught and not bug:
        improvement = f"Check the code for a common slip here: {lower_first(covered.facts.bugs[0].bug)}"
    elif len(edges) < 2 and not covered:
        improvement = f"After the main example, run the edge cases: {_join(notes) if notes else 'an empty input and a single element'}."
    elif not bug and not verify:
        improvement = "Say whether the traced output matches the expected one, and name anything you would fix."
    else:
        improvement = "Strong review: keep tracing values, and turn each edge case into a test."
    lists = t.find(_LIST)
    evidence = evidence_list(
        cite("traces", t.quote(lists[0].start(), lists[0].end())) if lists else None,
        *(cite("edge case", h.passage.text.strip()) for h in covered.edge_cases[:2]) if covered else
        (cite(kind, quote) for kind, quote in list(edges.items())[:2]),
        *(cite("bug", h.passage.text.strip()) for h in caught[:1]),
        cite("bug", bug) if not caught else None,
        cite("checks", verify) if trace else None,
        cite("ran", ran) if not trace else None,
    )
    details = {
        "points": points, "max_points": 7, "trace_steps": steps, "edge_cases": list(edges),
        "bug_found": bool(bug), "verified": bool(verify and trace),
        "bugs": [h.fact.bug for h in caught],
        "missed_failing_tests": missed_failure,
    }
    return Scored(score, found, evidence, improvement, details)
