"""Evaluate: the claimed time and space against the question's (or the measured) complexity."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ava_core.interviewer.claims import OVERALL, parse_complexity_claims
from ava_core.interviewer.offline.coverage import sets_aside
from ava_core.interviewer.offline.implement import defines, parse_code, recursive, table_space, time_floor
from ava_core.interviewer.offline.patterns import lacks, named_patterns, vocabulary
from ava_core.interviewer.offline.scoring import Scored, cite, evidence_list, lower_first
from ava_core.interviewer.text import Text, alt, stem
from ava_core.questions import COMPLEXITY_CLASSES
from ava_core.questions.bounds import CLASS_WORDS, Bound, bound, sizes_named

if TYPE_CHECKING:
    from ava_core.interviewer.offline.coverage import Coverage
    from ava_core.questions import CodingQuestion
    from ava_core.questions.facts import Approach

_WHY = alt(r"\bbecause\b", r"\bsince\b", r"\bas (we|i|it|each|every)\b", r"\beach\b",
           r"\bevery\b", r"\bone pass\b", r"\bsingle pass\b", r"\bhalv\w*", r"\bdominat\w*",
           r"\bfor each\b", r"\biteration\w*", r"\bholds?\b", r"\bstores?\b", r"\bonly keep\b",
           r"\bso\b", r"\bnested\b", r"\bscan\b", r"\bloop\w*")


_AUTHORITY = alt(r"\b(?:is|are)\s+always\s+(?:O\b|o\s+of\b|n\b|linear|quadratic|log)", r"\balways\s+(?:comes?\s+out|gives?|costs?)\b",
                 r"\bwell[- ]known\s+to\s+be\b", r"\bknown\s+(?:bound|complexity|result)\b", r"\bstandard\s+answer\b",
                 r"\beveryone\s+(?:quotes|knows|says)\b", r"\b(?:the\s+)?same\s+as\s+(?:for\s+)?(?:every|all|any)\b",
                 r"\bthat'?s\s+(?:just\s+)?(?:how|the\s+nature)\b", r"\bnature\s+of\s+(?:it|these|dp)\b",
                 r"\bbasically\s+(?:just\s+)?(?:like\s+)?(?:a\s+)?\w*sort(?:ing)?\b",
                 r"\blike\s+(?:any\s+(?:comparison\s+)?sort|heapsort|merge\s?sort|quicksort)\b",
                 # "it's basically Fibonacci, and Fibonacci with memoization is linear": another problem's bound
                 r"\bbasically\s+(?P<other>[a-z]+)\b[^.]{0,60}\b(?P=other)\b[^.]{0,40}"
                 r"\b(?:is|are)\s+(?:linear|quadratic|O\b|o\s+of\b)",
                 r"\b\w+\s+approaches\s+are\s+(?:always\s+)?O\b")


def _about_own(t: Text, covered: Coverage | None) -> str:
    """The answer without the sentences that describe only another approach than the candidate's
    own: "Sorting would be O(n log n) time" is a comparison, not the claim."""
    own = covered.own_approach if covered else None
    if own is None or covered is None:
        return t.raw
    hits = [*covered.approaches, *covered.wrong_approaches]
    theirs = {h.passage.sentence for h in hits if h.fact is not own.fact}
    mine = {h.passage.sentence for h in hits if h.fact is own.fact}
    return " ".join(s for i, s in enumerate(t.sentences()) if i not in theirs - mine)


def score_evaluate(
    q: CodingQuestion, t: Text, covered: Coverage | None, measured: str | None, code: str | None = None
) -> Scored:
    claims = parse_complexity_claims(_about_own(t, covered))
    if claims.time is None:
        claims = parse_complexity_claims(t.raw)
    declared_time = q.complexity.time if q.complexity else None
    declared_space = q.complexity.space if q.complexity else None
    # what the code itself must cost, when that is more than the question's solution needs
    floor = time_floor(q, code) if code and claims.time in COMPLEXITY_CLASSES else None
    # "(n - k) times k" for loops nested two deep: the sizes named, each as large as the input, as the loops count them
    said = _read(claims.time_expr) if floor else None
    counted = floor is not None and said is not None and str(said.in_n()) == floor[0]
    below_code = floor if floor and not counted and COMPLEXITY_CLASSES.index(claims.time) < COMPLEXITY_CLASSES.index(floor[0]) else None
    # a right analysis of slower code: the claim is what the code measures, or what its loops cost
    own_code = bool(measured and declared_time and measured != declared_time and claims.time == measured) or bool(
        floor and (claims.time == floor[0] or counted)
    )
    # the bounds of the approach the answer describes, when it describes one of them
    own = covered.own_approach.fact if covered and covered.own_approach else None
    theirs = [own] if own else _named_approaches(q, t)  # "the heap has size k": the heap approaches' bounds
    time_right, space_right = _agrees_any(q, claims.time_expr, "time", theirs), _agrees_any(q, claims.space_expr, "space", theirs)
    if time_right is None:  # no facts, or a bound the reader cannot place: compare the classes
        time_right = claims.time == declared_time
    if space_right is None:
        space_right = claims.space == declared_space
    elif not space_right:  # "log n when balanced, n for a chain": one of the spaces said is right
        space_right = any(_agrees_any(q, m.expr, "space", theirs) for m in claims.mentions if m.kind == "space" and not m.contrast)
    table = table_space(q, code, claims.space)  # the table claimed is the one the code builds, or not
    if table is not None:
        space_right = table
    grounded = covered is None or bool(  # the reason is this solution's, or counts its work in words
        covered.own_approach or covered.plan or covered.nearly("approaches") or covered.nearly("plan")
        or any(m.described and not m.contrast for m in claims.mentions)
    )
    # a slower approach analysed is no fault when it is the candidate's own code, costed as it runs
    analysed_wrong = covered.own_wrong if covered and not own_code else None
    # the approach analysed is not the one coded: "a min-heap of size k" for code that merges pairs
    missing = lacks(parse_code(code), own.patterns) if own and code and defines(code, q.function) else None
    time_ok = claims.time is not None and (time_right or own_code) and not below_code
    # "O(1) space" for code that calls itself: every pending call holds a frame on the stack
    stack = recursive(code) if claims.space == "O(1)" else None
    if claims.space is None:
        space = "missing"
    elif stack:
        space = "wrong"
    elif own_code:
        space = "unverified"
    else:
        space = "right" if space_right else "wrong"
    why = t.first_quote(_WHY)
    authority = t.first_quote(_AUTHORITY)  # "2D DP is always n squared": a bound recalled, not counted
    reasoned = bool(why and grounded)
    if time_ok:
        score = {"right": 4 + reasoned, "unverified": 4}.get(space, 3 + 0.5 * reasoned)
        if analysed_wrong or authority or missing:  # the right bound, claimed for an approach that does not have it
            score = min(score, 3)
    else:  # a reason drawn from this solution is worth half a point beside a wrong bound
        score = (2 if space == "right" else 1) + 0.5 * reasoned
    expected_time, expected_space = _expected(q, declared_time, declared_space, own)
    found = []
    if claims.time:
        verdict = "right" if time_ok else f"your code is at least {below_code[0]}" if below_code else f"expected {expected_time}"
        found.append(f"said {_as_said(claims.time_expr, claims.time)} time ({verdict})")
    if claims.space:
        verdict = {"right": "right", "unverified": "for your own code"}.get(
            space, "your code keeps no full table" if table is False else f"expected {expected_space}")
        found.append(f"said {_as_said(claims.space_expr, claims.space)} space ({verdict})")
    if why and (claims.time or claims.space):
        found.append("gave a reason")
    facts = [f"Your code measured {measured}."] if measured else []
    detail = q.complexity.time_detail if q.complexity and q.complexity.time_detail else ""
    if claims.time is None:
        improvement = (
            "State the time complexity explicitly, as in \"O(n) time because it makes one pass\", "
            "then the space."
        )
    elif authority and time_ok and not analysed_wrong:
        improvement = (f'"{authority}" recalls a bound instead of deriving it: say which loop or structure of this '
                       "solution makes it that size, and how many times it runs.")
    elif analysed_wrong and time_ok:
        improvement = (
            f'You analysed {analysed_wrong.fact.name} ("{analysed_wrong.passage.text.strip()}"), which costs '
            f"{analysed_wrong.fact.time} time and {analysed_wrong.fact.space} space, not the bound you claimed."
        )
    elif missing and own and time_ok:
        label = next(p.label for p in vocabulary() if p.name == missing)
        improvement = (f"You analysed {own.name}, but your code uses no {label}: count the work of the code you "
                       "wrote, loop by loop.")
    elif below_code:
        improvement = (f"Your code is at least {below_code[0]}: {below_code[1]}, so {claims.time} cannot be its "
                       "time; count the work in the code you wrote.")
    elif not time_ok:
        improvement = (
            f"Recount the time: this solution is {expected_time}"
            + (f" ({detail})" if detail else "")
            + "; count how many times the innermost work runs."
            + _whose(q, claims.time_expr)
        )
    elif space == "missing":
        improvement = f"Also give the space: the extra memory here is {expected_space}, and say what takes it."
    elif stack:
        improvement = (f"{stack}() calls itself, and each call waiting for its inner calls holds a frame on the "
                       "stack: the space is as deep as the recursion goes, not O(1).")
    elif space == "wrong" and table is False:
        improvement = (f"Your code keeps no full table, only rows as long as one input, so {_as_said(claims.space_expr, claims.space)} is not its "
                       "space: count what the lists you create hold at their largest.")
    elif space == "wrong":
        improvement = f"Recheck the space: it is {expected_space}; count what the data structures hold at their largest."
    elif not (why and grounded) and space == "right":
        improvement = "Justify each bound in one clause: what loop or structure makes it that size" + (
            f", from how this solution works ({lower_first(q.facts.approaches[0].idea)})" if q.facts else "."
        )
    elif own_code:
        improvement = f"Your analysis fits your code; the question allows {declared_time}, so aim for that next."
    else:
        improvement = _next_step(q)
    code_agrees = (claims.time == measured) if (claims.time and measured) else None
    evidence = evidence_list(
        cite("time", claims.time_quote),
        cite("space", claims.space_quote),
        cite("reason", why) if claims.time or claims.space else None,
        f"expected: {expected_time} time, {expected_space} space" if q.complexity or q.facts else None,
        f"measured on your code: {measured}" if measured else None,
        f"code: {below_code[1]}" if below_code else None,
    )
    details = {
        "claimed_time": claims.time, "claimed_space": claims.space,
        "expected_time": declared_time, "expected_space": declared_space, "measured": measured,
        "time_right": time_ok, "space": space, "reason": bool(why),
        "complexity_agrees": None if code_agrees is None else int(code_agrees),
    }
    return Scored(score, found, evidence, improvement, details, facts)


_CLAUSE = re.compile(r"[,;:]|\b(?:and|but|because|since|so)\b", re.IGNORECASE)
_NOT_TAKEN = alt(r"\bno\b", r"\bwithout\b", r"\bI'?d\b", r"\bI would\b")  # "no recursion", "I'd add a counting pass"


def _named_approaches(q: CodingQuestion, t: Text) -> list[Approach]:
    """The accepted approaches built on the patterns the answer names, when it describes none;
    not those it names to set aside ("no recursion", "a recursive version would use O(n) stack")."""
    if q.facts is None:
        return []
    clauses = (c for s in t.sentences() for c in _CLAUSE.split(s))
    taken = " ".join(c for c in clauses if not (sets_aside(c) or _NOT_TAKEN.search(c)))
    named = set(named_patterns(taken, vocabulary()))
    return [a for a in q.facts.approaches if named & set(a.patterns)]


def _agrees_any(q: CodingQuestion, expr: str | None, kind: str, approaches: list[Approach]) -> bool | None:
    """``agrees`` with any of ``approaches`` (with any accepted one when there are none)."""
    if not approaches:
        return agrees(q, expr, kind)
    said = [agrees(q, expr, kind, a) for a in approaches]
    return None if all(r is None for r in said) else any(said)


def _next_step(q: CodingQuestion) -> str:
    """For a complete analysis: the comparison an interviewer would ask for next, from this question."""
    slower = next((w for w in q.facts.wrong_approaches if w.verdict == "slower"), None) if q.facts else None
    if slower is None:
        return "Complete analysis: keep stating both bounds with the reason behind each."
    return (f"Complete analysis. To go further, say why not {slower.name} ({slower.time} time): "
            f"{lower_first(slower.why)}")


def wrong_total(q: CodingQuestion, t: Text, approach: Approach | None = None) -> str | None:
    """The overall time an answer states in notation, when no accepted approach has it: a Match or
    Plan that describes the right idea but says "so overall it's O(n log n)" for an O(n^2) one. Said
    as the time ("That's O(n) time"), it is checked against the ``approach`` described ("sort the
    votes and take the middle one"), when there is one."""
    claims = parse_complexity_claims(t.raw)
    quote = claims.time_quote or ""
    said_as_time = approach is not None and any(
        m.kind == "time" and m.expr == claims.time_expr and not (m.part or m.contrast) for m in claims.mentions)
    wrong = agrees(q, claims.time_expr, "time", approach if said_as_time else None) is False
    if claims.time_expr and claims.time_in_notation and (OVERALL.search(quote) or said_as_time) and wrong:
        said = claims.time_expr.strip()
        return said if said.upper().startswith("O(") else f"O({said})"
    return None


def _read(expr: str | None) -> Bound | None:
    if not expr:
        return None
    expr = _plain(expr)
    return bound(expr) or bound(f"O({expr})")


def _plain(expr: str) -> str:
    """A bound said in words, as its class word: "grows linearly", "in proportion to" -> "linear"."""
    return _ADVERB.sub("", _PROPORTIONAL.sub("linear", expr))


def _as_said(expr: str | None, label: str | None) -> str:
    read = _read(expr)
    return str(read) if read else str(label)


def agrees(q: CodingQuestion, expr: str | None, kind: str, approach: Approach | None = None) -> bool | None:
    """Whether a claimed bound is one of the accepted approaches' (in any of its written forms);
    None when the question has no facts or the claim cannot be read as a bound. The candidate's own
    names count when the question's variables say what they are ("rows" for r: the number of rows);
    a bound in names the question does not define ("linear", "O(n)" over a grid) counts by its shape."""
    claimed = _read(expr)
    if q.facts is None or claimed is None or expr is None:
        return None
    smaller = _MIN.fullmatch(expr)  # O(min(n, m)) is at most each: right when either of them is
    if smaller and any(agrees(q, side, kind, approach) for side in smaller.groups()):
        return True
    written = [text for a in ([approach] if approach else q.facts.approaches)
               for text in ((a.time, *a.time_forms) if kind == "time" else (a.space, *a.space_forms))]
    forms = {bound(text) for text in written} | {_read(_rename(text, q.facts.variables)) for text in written}
    renamed = _read(_rename(expr, q.facts.variables))
    if claimed in forms or renamed in forms or _read(_rename(_spoken_sum(expr), q.facts.variables)) in forms:
        return True
    known = {name.lower() for name in q.facts.variables}
    only_class_words = not _NAME.sub(_class_word, _plain(expr.lower())).strip()
    if renamed is not None and (not renamed.variables <= known or only_class_words):
        return renamed.in_n() in {f.in_n() for f in forms if f is not None}
    return False


_LAST_PLUS = re.compile(r"^(?P<sum>.+)(?:\+|\bplus\b)\s*(?P<size>[a-z]+|\d+)\s*(?:\*|\btimes\b|·)?\s*(?P<factor>\S.*)$",
                        re.IGNORECASE)


def _spoken_sum(expr: str) -> str:
    """A sum said without brackets, with its last factor over the whole sum, the way it is meant
    when said aloud: "V plus E log V" -> "(V + E) log V", "n plus q times L" -> "(n + q) * L"."""
    m = None if "(" in expr else _LAST_PLUS.match(expr)
    return f"({m['sum']} + {m['size']}) * {m['factor']}" if m else expr


_NAME = re.compile(r"[a-z_]+")
_MIN = re.compile(r"\s*min\s*\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)\s*", re.IGNORECASE)
_PROPORTIONAL = re.compile(r"(?:in\s+)?proportion(?:al)?\s+to")
_ADVERB = re.compile(r"(?<=ic)ally\b|(?<=linear)ly\b|(?<=ential)ly\b")
_CLASS_WORDS = frozenset(word for said in CLASS_WORDS for word in _NAME.findall(said))  # "log-linear": log, linear


def _class_word(m: re.Match[str]) -> str:
    return "" if m.group(0) in _CLASS_WORDS else m.group(0)


_NOT_NAMES = frozenset("log sqrt min max times plus by of the over and".split())
_GRID_WORDS = frozenset("cell cells area squares".split())


def _rename(expr: str, variables: Mapping[str, str]) -> str:
    """Words the candidate used for the question's variables, as its names: "rows" -> "r"."""
    known = {name.lower(): stem(name.lower()) for name in variables}
    meanings = {name.lower(): meaning.lower() for name, meaning in variables.items()}
    rows = next((n for n, meaning in meanings.items() if re.search(r"\brows\b", meaning)), None)
    columns = next((n for n, meaning in meanings.items() if re.search(r"\bcol(?:umn)?s\b", meaning)), None)

    first: dict[str, str] = {}  # names that mean the same size are one name: rows and r, cols and c
    for name, meaning in meanings.items():
        first.setdefault(meaning, name)
    same = {name: first[meaning] for name, meaning in meanings.items()}

    def name_of(m: re.Match[str]) -> str:
        word = m.group(0)
        if word in _NOT_NAMES:
            return word
        said = said_as(word)
        return same.get(said, said)

    def said_as(word: str) -> str:
        if word in _GRID_WORDS and rows and columns:  # "the number of cells", "the area of the grid"
            return f"({same[rows]} * {same[columns]})"
        if word in known:
            return word
        names = [name for name, meaning in meanings.items()
                 if any(w.startswith(word[:3]) and stem(w) in (stem(word), stem(word) + "umn") for w in _NAME.findall(meaning))]
        # "stones" is n, "the number of stones", not S, "the total weight of all the stones"
        counts = [n for n in names if re.search(rf"\b(?:number|count)\s+of\s+(?:the\s+|all\s+(?:the\s+)?)?"
                                                rf"{re.escape(word[:3])}", meanings[n])]
        names = counts or names
        total = [n for n in names if re.search(r"\btotal\b", meanings[n])]  # "the nodes" of two lists: all of them
        return total[0] if len(names) > 1 and total else names[0] if names else word

    return _NAME.sub(name_of, sizes_named(expr).lower())


def _expected(q: CodingQuestion, time: str | None, space: str | None, own: Approach | None) -> tuple[str, str]:
    """The bounds the answer is held to: its own approach's when it describes one, else the best."""
    if q.facts is None:
        return str(time), str(space)
    best = own or q.facts.approaches[0]
    return best.time, best.space


def _whose(q: CodingQuestion, expr: str | None) -> str:
    """ " That is the cost of checking every pair." when the claim is a slower approach's time."""
    claimed = _read(expr)
    if q.facts is None or claimed is None:
        return ""
    slower = next((w for w in q.facts.wrong_approaches if bound(w.time) == claimed), None)
    return f" {claimed} is what {slower.name} would cost." if slower else ""
