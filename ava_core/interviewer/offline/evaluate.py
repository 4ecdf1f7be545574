"""Evaluate: the claimed time and space against the question's (or the measured) complexity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ava_core.interviewer.claims import parse_complexity_claims
from ava_core.interviewer.offline.scoring import Scored, cite, evidence_list
from ava_core.interviewer.text import Text, alt

if TYPE_CHECKING:
    from ava_core.questions import CodingQuestion

_WHY = alt(r"\bbecause\b", r"\bsince\b", r"\bas (we|i|it|each|every)\b", r"\beach\b",
           r"\bevery\b", r"\bone pass\b", r"\bsingle pass\b", r"\bhalv\w*", r"\bdominat\w*",
           r"\bfor each\b", r"\biteration\w*", r"\bholds?\b", r"\bstores?\b", r"\bonly keep\b",
           r"\bso\b", r"\bnested\b", r"\bscan\b", r"\bloop\w*")


def score_evaluate(q: CodingQuestion, t: Text, measured: str | None) -> Scored:
    claims = parse_complexity_claims(t.raw)
    declared_time = q.complexity.time if q.complexity else None
    declared_space = q.complexity.space if q.complexity else None
    own_code = bool(measured and declared_time and measured != declared_time and claims.time == measured)
    time_ok = claims.time is not None and (claims.time == declared_time or own_code)
    if claims.space is None:
        space = "missing"
    elif own_code:
        space = "unverified"
    else:
        space = "right" if claims.space == declared_space else "wrong"
    why = t.first_quote(_WHY)
    if time_ok:
        score = {"right": 4 + bool(why), "unverified": 4}.get(space, 3)
    elif space == "right":
        score = 2
    else:
        score = 1
    found = []
    if claims.time:
        found.append(f"said {claims.time} time ({'right' if time_ok else 'expected ' + str(declared_time)})")
    if claims.space:
        verdict = {"right": "right", "unverified": "for your own code"}.get(space, f"expected {declared_space}")
        found.append(f"said {claims.space} space ({verdict})")
    if why and (claims.time or claims.space):
        found.append("gave a reason")
    facts = [f"Your code measured {measured}."] if measured else []
    detail = q.complexity.time_detail if q.complexity and q.complexity.time_detail else ""
    if claims.time is None:
        improvement = (
            "State the time complexity explicitly, as in \"O(n) time because it makes one pass\", "
            "then the space."
        )
    elif not time_ok:
        improvement = (
            f"Recount the time: this solution is {declared_time}"
            + (f" ({detail})" if detail else "")
            + "; count how many times the innermost work runs."
        )
    elif space == "missing":
        improvement = f"Also give the space: the extra memory here is {declared_space}, and say what takes it."
    elif space == "wrong":
        improvement = f"Recheck the space: it is {declared_space}; count what the data structures hold at their largest."
    elif not why and space == "right":
        improvement = "Justify each bound in one clause: what loop or structure makes it that size."
    elif own_code:
        improvement = f"Your analysis fits your code; the question allows {declared_time}, so aim for that next."
    else:
        improvement = "Complete analysis: keep stating both bounds with the reason behind each."
    agrees = (claims.time == measured) if (claims.time and measured) else None
    evidence = evidence_list(
        cite("time", claims.time_quote),
        cite("space", claims.space_quote),
        cite("reason", why) if claims.time or claims.space else None,
        f"expected: {declared_time} time, {declared_space} space" if q.complexity else None,
        f"measured on your code: {measured}" if measured else None,
    )
    details = {
        "claimed_time": claims.time, "claimed_space": claims.space,
        "expected_time": declared_time, "expected_space": declared_space, "measured": measured,
        "time_right": time_ok, "space": space, "reason": bool(why),
        "complexity_agrees": None if agrees is None else int(agrees),
    }
    return Scored(score, found, evidence, improvement, details, facts)
