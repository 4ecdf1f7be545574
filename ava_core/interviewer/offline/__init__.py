"""The offline coach: deterministic, explainable rubric scoring with no service and no key.

Each UMPIRE step earns rubric points for what the answer shows (``RUBRIC`` lists them; the same
text goes into Claude's prompt), and the points map to a 1-5 score. Evidence is the phrase of the
answer that earned a point, quoted, or a fact (tests passed, measured complexity). The improvement
is the first thing missing, in the step's order of importance, made concrete for the question.
The same input always gives the same output.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ava_core.vocabulary import MAX_FOLLOW_UPS, STAR_PARTS, STEP_TITLES
from ava_core.interviewer import register_interviewer
from ava_core.interviewer.delivery import communication_score
from ava_core.interviewer.inputs import OnText, TestFacts, check_count, check_step, measured_label
from ava_core.interviewer.results import AnswerFeedback, Criterion, StarPart, StepFeedback
from ava_core.interviewer.wording import FOLLOW_UPS, IMPROVEMENTS
from ava_core.flow import join_words as _join
from ava_core.questions import COMPLEXITY_CLASSES, canonical_complexity

if TYPE_CHECKING:
    from ava_core.settings import Settings


# --- text ----------------------------------------------------------------------------------------

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i i'd i'll i'm i've if in into is it
    it's its itself just let me more most my no nor not now of off on once only or other our ours
    out over own same she should so some such than that that's the their theirs them then there
    these they this those through to too under until up very was we we'd we'll we're we've were
    what when where which while who whom why will with would you you'd you'll your yours um uh
    like okay ok yeah well really basically actually get got go going one two make made way want
    need needs think know see say said use used thing things something lot lots""".split()
)
# Words every coding answer uses: they say nothing about fitting a particular question.
GENERIC = frozenset(
    """list lists array arrays number numbers value values element elements return returns input
    output given function code index indexes indices integer integers new first last time space
    each every loop result answer problem solution""".split()
)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_BOUNDARY = re.compile(r"(?<=[.!?;])\s+|\n+")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


class Text:
    """An answer prepared once: whitespace collapsed, sentence spans, words."""

    def __init__(self, raw: str):
        self.raw = " ".join((raw or "").replace("\u2019", "'").split())
        self.words = _WORD.findall(self.raw.lower())
        self.spans: list[tuple[int, int]] = []
        start = 0
        for m in _BOUNDARY.finditer(self.raw):
            self.spans.append((start, m.start()))
            start = m.end()
        if start < len(self.raw):
            self.spans.append((start, len(self.raw)))

    @property
    def word_count(self) -> int:
        return len(self.words)

    def sentences(self) -> list[str]:
        return [self.raw[a:b] for a, b in self.spans]

    def quote(self, start: int, end: int, limit: int = 110) -> str:
        """The sentence around ``start:end``, cut to about ``limit`` characters around the match."""
        a, b = next(((a, b) for a, b in self.spans if a <= start < b), (start, end))
        if b - a <= limit:
            return self.raw[a:b].strip()
        lo = max(a, start - limit // 3)
        hi = max(min(b, lo + limit), end)
        if lo > a:
            space = self.raw.find(" ", lo, start)
            lo = space + 1 if space != -1 else lo
        if hi < b:
            space = self.raw.rfind(" ", end, hi)
            hi = space if space != -1 else hi
        return ("…" if lo > a else "") + self.raw[lo:hi].strip() + ("…" if hi < b else "")

    def sentence(self, position: int) -> int:
        """The index of the sentence that holds ``position``."""
        return next((i for i, (a, b) in enumerate(self.spans) if a <= position < b), -1)

    def find(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        return list(pattern.finditer(self.raw))

    def first_quote(self, pattern: re.Pattern[str]) -> str | None:
        m = pattern.search(self.raw)
        return self.quote(m.start(), m.end()) if m else None


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.IGNORECASE)


def _scale(points: int, cuts: tuple[int, int, int, int]) -> int:
    """1-5 from rubric points: ``cuts`` are the least points for 2, 3, 4 and 5."""
    return 1 + sum(points >= c for c in cuts)


@dataclass
class _Scored:
    """What a rubric found: the score, the notes behind it, the evidence and the first gap."""

    score: int
    found: list[str]
    evidence: list[str]
    improvement: str
    details: dict[str, Any] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)  # sentences about measured facts, for the summary


def _ev(label: str, quote: str | None) -> str | None:
    return f'{label}: "{quote}"' if quote else None


def _evidence(*items: str | None) -> list[str]:
    """At most five pieces of evidence, in order; labels that quote the same words share one
    line ('time and space: "..."') instead of repeating the quote."""
    labels: dict[str, list[str]] = {}  # a quote (or an unquoted item) -> its labels
    for item in filter(None, items):
        label, sep, quote = item.partition(": ")
        quoted = bool(sep) and quote.startswith('"')
        names = labels.setdefault(quote if quoted else item, [])
        if quoted and label not in names:
            names.append(label)
    return [f"{_join(names)}: {key}" if names else key for key, names in labels.items()][:5]


# --- shared cues ---------------------------------------------------------------------------------

EDGE_CASES: dict[str, re.Pattern[str]] = {
    "empty input": _rx(r"\bempty\b", r"\bno elements?\b", r"\bnull\b", r"\bnone\b(?! of)",
                       r"\bnothing (in|at all)\b"),
    "a single element": _rx(r"\bsingle\b", r"\bonly (one|two)\b", r"\bjust one\b",
                            r"\bone (element|item|number|interval|word|node|day|value)\b",
                            r"\btwo (elements|nodes)\b"),
    "duplicates": _rx(r"\bduplicat\w*", r"\bsame (value|number|element|word|letters)s?\b",
                      r"\btwice\b", r"\brepeat\w*", r"\bequal\b"),
    "negative numbers": _rx(r"\bnegative\w*", r"\bminus\b"),
    "zeros": _rx(r"\bzeros?\b", r"\bzeroes\b"),
    "no valid answer": _rx(r"\bno (pair|answer|solution|match|triplet|valid|warmer)\b",
                           r"\bnot there\b", r"\bnot found\b", r"\bdoesn't exist\b",
                           r"\bnever\b", r"\bthere'?s none\b"),
    "boundaries": _rx(r"\bnested\b", r"\binside another\b", r"\bcontained\b", r"\btouch\w*",
                      r"\boverflow\w*", r"\blast (day|element|one|node)\b", r"\bdifferent lengths?\b",
                      r"\bboundar\w*", r"\bbase case\b", r"\bdecreasing\b", r"\bincreasing\b"),
}


def _whole_answer(t: Text) -> str:
    """Evidence when nothing the rubric looks for was found: what was said, quoted."""
    return f'answer: "{t.quote(0, 1)}"'


def _edge_cases(t: Text) -> dict[str, str]:
    """Each kind of edge case named, with the phrase that names it."""
    out = {}
    for kind, pattern in EDGE_CASES.items():
        quote = t.first_quote(pattern)
        if quote:
            out[kind] = quote
    return out


def _test_notes(q: Any, limit: int = 2) -> list[str]:
    notes = [c.note for c in list(getattr(q, "tests", [])) if c.note]
    return list(dict.fromkeys(notes))[:limit]


def _show_input(values: dict[str, Any]) -> str:
    return ", ".join(f"{name} = {value!r}" for name, value in values.items())


def _signature(q: Any) -> str:
    try:
        return str(q.signature)
    except ValueError:
        return f"{q.function}(...)"


def _param_names(q: Any) -> list[str]:
    try:
        return q.signature.param_names
    except ValueError:
        return []


@lru_cache(maxsize=256)
def _keywords(text: str) -> frozenset[str]:
    return frozenset(content_stems(text) - {_stem(w) for w in GENERIC})


def _question_keywords(q: Any) -> frozenset[str]:
    return _keywords(" ".join([q.title, q.statement, *q.constraints]))


def _hint_keywords(q: Any) -> frozenset[str]:
    return _keywords(" ".join(q.hints))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[Any, ...]:
    from ava_core.questions import load_patterns

    return tuple(load_patterns().values())


# --- Understand ----------------------------------------------------------------------------------

_RESTATE = _rx(r"\b(i'm|we're) given\b", r"\bi get\b", r"\bwe get\b", r"\b(we|i) need to\b",
               r"\b(we|i) have to\b", r"\bthe (task|goal|problem|idea) is\b", r"\brestate\b",
               r"\bin other words\b", r"\bmy understanding\b", r"\bso for each\b", r"\bfor each\b",
               r"\bi return\b", r"\bwe return\b", r"\bthe input is\b", r"\bso (i|we)\b")
_INPUT = _rx(r"\bgiven\b", r"\binputs?\b", r"\btakes?\b", r"\blist of\b", r"\barray of\b",
             r"\b(a|an|the) (list|array)\b", r"\bparameters?\b")
_OUTPUT = _rx(r"\breturn\w*", r"\boutputs?\b", r"\bresult\b", r"\bgets? (zero|0)\b",
              r"\bgives?\b")
_QUESTION_CUE = _rx(r"\bcan i assume\b", r"\bi('ll| will)? assume\b", r"\bshould i\b",
                    r"\bdo i need\b", r"\bi want to (check|confirm|clarify|know)\b",
                    r"\bi'?d (want|like) to know\b", r"\bclarif\w*", r"\bmy question\b",
                    r"\bquestions?:")
_HELP = _rx(r"\btell me\b", r"\bgive me\b", r"\bcan you (just )?(tell|give|explain|help)\b",
            r"\bwhich approach\b", r"\bthe answer\b")
_CONSTRAINT = _rx(r"10\s*\^\s*\d", r"\b10 to the\b", r"\bten to the\b", r"\b\d{1,3}(?:,\d{3})+\b",
                  r"\b\d+\s*(thousand|million|billion)\b", r"\b(thousand|million|billion)\b",
                  r"(?<!add )(?<!adds )(?<!sum )\bup to\b", r"\bat most\b", r"\bconstraints?\b", r"\btoo slow\b",
                  r"\btime limit\b", r"\bbetween -?\d+ and -?\d+\b", r"\bbounded\b")
_EXAMPLE = _rx(r"\[\s*-?\d", r"\bfor (example|instance)\b", r"\be\.g\.", r"\bexample:",
               r"\bsay we have\b", r"\blike \[", r"\"[a-z]+\" and \"")
_JUMP = _rx(r"\bhash ?map\b", r"\bdictionary\b", r"\bstart (coding|writing)\b",
            r"\blet me (start )?cod\w*", r"\bi'?d (just )?(use|sort|loop)\b", r"\blet'?s just\b",
            r"\bsort\b")


def _understand(q: Any, t: Text) -> _Scored:
    keywords = _question_keywords(q)
    overlap = sorted(content_stems(t.raw) & keywords)
    restate_quote = t.first_quote(_RESTATE)
    restated = t.word_count >= 8 and (len(overlap) >= 3 or (len(overlap) >= 2 and bool(restate_quote)))
    params = _param_names(q)
    param_rx = _rx(*(rf"\b{re.escape(p)}\b" for p in params)) if params else None
    in_quote = t.first_quote(_INPUT) or (param_rx and t.first_quote(param_rx))
    out_quote = t.first_quote(_OUTPUT)
    questions = [
        s.strip() for s in t.sentences()
        if (s.rstrip().endswith("?") or _QUESTION_CUE.search(s)) and not _HELP.search(s)
    ]
    helpless = bool(t.first_quote(_HELP))
    constraint = t.first_quote(_CONSTRAINT)
    edges = _edge_cases(t)
    example = t.first_quote(_EXAMPLE)

    points = (
        restated
        + bool(in_quote and out_quote)
        + min(len(questions), 2)
        + bool(constraint)
        + min(len(edges), 2)
        + bool(example)
    )
    score = _scale(points, (1, 3, 5, 7))
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
    if questions:
        found.append(f"asked {len(questions)} clarifying question{'s' * (len(questions) > 1)}")
    if constraint:
        found.append("used the constraints")
    if edges:
        found.append(f"named edge cases ({_join(list(edges))})")
    if example:
        found.append("worked an example")

    notes = _test_notes(q)
    if not restated:
        improvement = (
            f"Start by restating the problem in your own words: what goes in ({_join(params) or 'the input'}) "
            "and what must come out."
        )
    elif not (in_quote and out_quote):
        improvement = f"Say exactly what the function takes and returns: {_signature(q)}."
    elif not questions:
        subject = f"what should happen with {notes[0]}" if notes else "an input the statement leaves open"
        improvement = f"Ask at least one clarifying question out loud, for example {subject}."
    elif len(edges) < 2:
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
    evidence = _evidence(
        _ev("restates", restate_quote) if restated else None,
        *(_ev("asks", s) for s in questions[:2]),
        _ev("constraint", constraint),
        *(_ev(kind, quote) for kind, quote in list(edges.items())[:2]),
        _ev("example", example),
        _ev("input/output", out_quote) if in_quote and out_quote else None,
    )
    details = {
        "points": points, "max_points": 8, "restated": restated, "keywords": overlap,
        "questions": questions, "constraints": bool(constraint), "edge_cases": list(edges),
        "example": bool(example), "jumped_to_solution": bool(jumped) and points <= 1,
    }
    return _Scored(score, found, evidence, improvement, details)


# --- Match ---------------------------------------------------------------------------------------

_REASON = _rx(r"\bbecause\b", r"\bsince\b", r"\bso that\b", r"\bwhich means\b",
              r"\bthat means\b", r"\bpoints? (straight )?(at|to)\b", r"\bfits?\b",
              r"\bgiven that\b", r"\bsorted\b", r"\bfixed\b", r"\bcontiguous\b",
              r"\bdirected\b", r"\bdepend\w*", r"\bmonoton\w*", r"\btells (you|me|us)\b",
              r"\blets (me|us|you)\b", r"\bin order to\b", r"\bvariation of\b",
              r"\bwhenever\b", r"\bso\b")
_COMPARE = _rx(r"\bbrute[- ]force\b", r"\bnaive\w*", r"\bnested loops?\b", r"\bevery pair\b",
               r"\bo\(n\s*\^?\s*[23]\)", r"\bo\(n\s*k\)", r"\bo\(n\)", r"\btoo slow\b",
               r"\bwould (also )?work\b", r"\balternative\w*", r"\banother option\b",
               r"\binstead\b", r"\balso work\b", r"\brather than\b", r"\bcompared? (to|with)\b",
               r"\blinear scan\b", r"\bwould need\b", r"\bdoesn't help\b")
_BRUTE = _rx(r"\bloop\w*", r"\bfor (each|every)\b", r"\bevery\b", r"\bcheck\w*", r"\bnested\b",
             r"\bbrute[- ]force\b", r"\bscan\w*", r"\bgo(ing)? through\b", r"\btry all\b")


def _pattern_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9+#^]+", text.lower()))


def named_patterns(text: str, patterns: Sequence[Any]) -> list[str]:
    """The names of the patterns ``text`` names. Longer terms win: "priority queue" is a heap,
    not also a queue; a term several patterns share ("dfs") names all of them."""
    by_term: dict[str, set[str]] = {}
    for p in patterns:
        for term in p.terms:
            by_term.setdefault(_pattern_words(term), set()).add(p.name)
    words = f" {_pattern_words(text)} "
    found: set[str] = set()
    for term in sorted(by_term, key=lambda w: (-len(w.split()), w)):
        if term and f" {term} " in words:
            found |= by_term[term]
            words = words.replace(f" {term} ", " \x00 ")
    return [p.name for p in patterns if p.name in found]


def _match(q: Any, t: Text) -> _Scored:
    names = {p.name for p in q.patterns}
    vocabulary = list(q.patterns) + [p for p in _vocabulary() if p.name not in names]
    found_names = named_patterns(t.raw, vocabulary)
    expected = [p for p in q.patterns if p.name in found_names]
    other = [p for p in vocabulary if p.name in found_names and p.name not in names]
    reason = t.first_quote(_REASON)
    compare = t.first_quote(_COMPARE)
    brute = t.first_quote(_BRUTE)
    labels = [p.label for p in q.patterns]
    if expected:
        score = 3 + bool(reason) + bool(reason and compare)
    else:
        score = 2 if brute else 1
    found = []
    if expected:
        found.append(f"named {_join([p.label for p in expected])}")
        if reason:
            found.append("said why it fits")
        if reason and compare:
            found.append("compared it with another approach")
    elif other:
        found.append(f"named {_join([p.label for p in other])}, which does not fit this question")
    elif brute:
        found.append("described a brute-force search")

    if not expected:
        improvement = (
            f"Name a pattern that fits and the clue in the problem that points to it: here "
            f"{_join(labels[:2])} would fit."
        )
    elif not reason:
        improvement = f"Say why {expected[0].label} fits: which property of the input points to it?"
    elif not compare:
        improvement = (
            f"Compare {expected[0].label} with the brute force (what it costs and why it is too "
            "slow) or with another pattern that would also work."
        )
    else:
        improvement = "Keep this up, and say what the pattern will cost in time and space."
    pattern_quotes = []
    for p in expected[:2]:
        rx = _rx(*(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])" for term in p.terms))
        pattern_quotes.append(_ev(f"names {p.label}", t.first_quote(rx)))
    evidence = _evidence(
        *pattern_quotes,
        _ev("reason", reason) if expected else None,
        _ev("comparison", compare) if expected and reason else None,
        _ev("brute force", brute) if not expected else None,
    )
    details = {
        "expected_patterns": [p.name for p in q.patterns],
        "named": [p.name for p in expected], "other_patterns": [p.name for p in other],
        "reason": bool(reason), "comparison": bool(compare),
    }
    return _Scored(score, found, evidence, improvement, details)


# --- Plan ----------------------------------------------------------------------------------------

_STEP_MARK = _rx(r"\bfirst(ly)?\b", r"\bthen\b", r"\bnext\b", r"\bafter that\b",
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
_BRUTE_PLAN = _rx(r"\btwo loops\b", r"\bnested loops?\b", r"\bevery other\b", r"\bevery pair\b",
                  r"\beach pair\b", r"\ball pairs\b", r"\bbrute[- ]force\b",
                  r"\bevery possible\b", r"\bchecks? every number\b")
_NO_PLAN = _rx(r"\bfigure it out\b", r"\bas i go\b", r"\bjust start\b", r"\bno plan\b")


def _plan(q: Any, t: Text) -> _Scored:
    marks = t.find(_STEP_MARK)
    named: dict[str, str] = {}
    for m in t.find(_STRUCTURE):
        named.setdefault(_stem(m.group(1).lower().replace(" ", "")), m.group(1).lower())
    structures = sorted(named.values())
    operations = sorted({m.group(1).lower() for m in t.find(_OPERATION)})
    pattern = next((p for p in q.patterns if p.mentioned_in(t.raw)), None)
    hint_overlap = sorted(content_stems(t.raw) & _hint_keywords(q))
    fits = pattern is not None or len(hint_overlap) >= 3
    edges = _edge_cases(t)
    brute = t.first_quote(_BRUTE_PLAN)
    points = (
        (len(marks) >= 1) + (len(marks) >= 3)
        + (len(structures) >= 1) + (len(structures) >= 2)
        + (len(operations) >= 2) + (len(operations) >= 4)
        + 2 * fits
        + bool(edges)
    )
    score = _scale(points, (2, 4, 6, 8))
    if brute:
        score = min(score, 2)
    if t.first_quote(_NO_PLAN) and points <= 3:
        score = 1
    found = []
    if marks:
        found.append(f"gave ordered steps ({len(marks)} step marker{'s' * (len(marks) > 1)})")
    if structures:
        found.append(f"named {_join(structures[:4])}")
    if len(operations) >= 2:
        found.append("spelled out the operations")
    if fits:
        found.append("the plan fits the question's approach")
    if edges:
        found.append(f"handled {_join(list(edges))}")
    if brute:
        found.append("planned a brute force the constraints rule out")

    if brute or not fits:
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
        notes = _test_notes(q)
        improvement = f"Say how the plan handles {_join(notes) if notes else 'an empty input'}."
    else:
        improvement = "Keep this level of detail, and write the plan as pseudocode comments before coding."
    evidence = _evidence(
        _ev("steps", t.quote(marks[0].start(), marks[0].end())) if marks else None,
        _ev("steps", t.quote(marks[-1].start(), marks[-1].end())) if len(marks) > 1 else None,
        _ev("data structure", t.first_quote(_STRUCTURE)),
        _ev("edge case", next(iter(edges.values()), None)),
        _ev("brute force", brute),
    )
    details = {
        "points": points, "max_points": 9, "step_markers": len(marks), "structures": structures,
        "operations": operations, "fits": fits, "hint_words": hint_overlap,
        "edge_cases": list(edges), "brute_force": bool(brute),
    }
    return _Scored(score, found, evidence, improvement, details)


# --- Implement -----------------------------------------------------------------------------------

_CONVENTIONAL = frozenset("ijknx_")


def readability_issues(code: str) -> list[str]:
    """What makes ``code`` harder to read; [] for clean code. ``["does not parse"]`` on a syntax error."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return ["does not parse"]
    issues = []
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    params = {a.arg for f in functions for a in f.args.args}
    stored = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    loaded = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    cryptic = sorted(n for n in stored | params if len(n) == 1 and n not in _CONVENTIONAL)
    if cryptic:
        issues.append(f"single-letter names ({', '.join(cryptic)})")
    if any(
        isinstance(n, ast.Call) and getattr(n.func, "id", None) == "range" and n.args
        and isinstance(n.args[0], ast.Call) and getattr(n.args[0].func, "id", None) == "len"
        for n in ast.walk(tree)
    ):
        issues.append("range(len(...)) where enumerate or direct iteration reads better")
    unused = sorted(n for n in stored - loaded if n != "_")
    if unused:
        issues.append(f"assigns {', '.join(unused)} but never uses it")
    mutated = set()
    for n in ast.walk(tree):
        if (
            isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("sort", "reverse", "clear")
            and getattr(n.func.value, "id", None) in params
        ):
            mutated.add(n.func.value.id)
        if isinstance(n, ast.Delete):
            for target in n.targets:
                base = target
                while isinstance(base, ast.Subscript):
                    base = base.value
                if isinstance(base, ast.Name) and base.id in params:
                    mutated.add(base.id)
    if mutated:
        issues.append(f"changes its input ({', '.join(sorted(mutated))}) in place")
    for loop in (n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.While))):
        if any(isinstance(n, ast.Delete) for n in ast.walk(loop)):
            issues.append("deletes from a list inside a loop")
            break
    if _depth(tree) > 4:
        issues.append("nested more than four blocks deep")
    if any((f.end_lineno or 0) - f.lineno > 40 for f in functions):
        issues.append("a function longer than 40 lines")
    return issues


def _depth(node: ast.AST, level: int = 0) -> int:
    blocks = (ast.For, ast.While, ast.If, ast.With, ast.Try, ast.FunctionDef, ast.AsyncFunctionDef)
    deepest = level
    for child in ast.iter_child_nodes(node):
        deepest = max(deepest, _depth(child, level + isinstance(child, blocks)))
    return deepest


def _implement(q: Any, t: Text, code: str | None, tests: TestFacts | None, measured: str | None) -> _Scored:
    issues = readability_issues(code) if code and code.strip() else []
    declared = q.complexity.time if q.complexity else None
    slower = bool(
        measured and declared and measured in COMPLEXITY_CLASSES
        and COMPLEXITY_CLASSES.index(measured) > COMPLEXITY_CLASSES.index(declared)
    )
    evidence: list[str | None] = []
    found, facts = [], []
    if tests is not None and tests.total:
        ratio = tests.ratio
        base = 5 if ratio == 1 else 4 if ratio >= 0.9 else 3 if ratio >= 0.7 else 2 if tests.passed else 1
        if tests.verdict in ("syntax_error", "missing_function"):
            base = 1
        evidence.append(f"tests: {tests.passed} of {tests.total} passed")
        if tests.failing:
            evidence.append(f"failed: {', '.join(tests.failing[:3])}")
        found.append(f"passed {tests.passed} of {tests.total} tests")
    elif code and code.strip():
        base = 1 if issues == ["does not parse"] else 3
        found.append("wrote code that was not run against the tests")
    else:
        base = 1
    score = base
    if len(issues) >= 2 and base > 1:
        score -= 1
    if slower and score > 1:
        score -= 1
        evidence.append(f"measured {measured} against the expected {declared}")
        facts.append(f"Your code measures {measured}, slower than {declared}.")
    for issue in issues:
        evidence.append(f"code: {issue}")
    if issues and issues != ["does not parse"]:
        facts.append(f"Readability: {_join(issues)}.")

    if not code or not code.strip():
        improvement = "Write the code for your plan and run it on the examples before you submit."
    elif issues == ["does not parse"]:
        improvement = "Fix the syntax error first: run the code on the examples after every few lines."
    elif tests is None:
        improvement = "Run the code on the examples, then submit it against the hidden tests."
    elif tests.passed < tests.total:
        hint = f" ({_join(_test_notes(q))})" if _test_notes(q) else ""
        improvement = (
            f"{tests.total - tests.passed} test{'s' * (tests.total - tests.passed > 1)} failed: "
            f"trace a failing case by hand and check the edge cases{hint}."
        )
    elif slower:
        improvement = f"It passes, but it is {measured}; rework it to reach {declared}."
    elif issues:
        improvement = f"It passes; now make it read well: fix the {issues[0]}."
    else:
        improvement = "Clean and correct: keep naming things for what they hold."
    details = {
        "tests": {"passed": tests.passed, "total": tests.total, "verdict": tests.verdict} if tests else None,
        "readability_issues": issues, "measured": measured, "slower_than_expected": slower,
    }
    return _Scored(score, found, _evidence(*evidence), improvement, details, facts)


# --- Review --------------------------------------------------------------------------------------

_LIST = re.compile(r"\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\]")
_CLAUSE = re.compile(r"[.;:!?,](?:\s|$)")
_CONCRETE = re.compile(r"\d|\x00|\b[a-zA-Z_]\w*\s*=\s*\S")
_BUG = _rx(r"\bbug\w*", r"\bfix(ed)?\b", r"\boff[- ]by[- ]one\b", r"\bmistake\b",
           r"\bswapped\b", r"\bi noticed\b", r"\bnoticed\b", r"\bcaught\b", r"\bshould be\b",
           r"\bi changed\b", r"\bforgot\b", r"\bi added\b")
_VERIFY = _rx(r"\bcorrect\b", r"\bmatches\b", r"\bexpected\b", r"\bworks\b", r"\bthat'?s right\b",
              r"\bwhich is right\b", r"\bchecked\b", r"\bconfirm\w*", r"\bdouble-checked\b")
_RAN = _rx(r"\bran (it|the (examples|tests))\b", r"\bexamples passed\b", r"\btests? pass(ed)?\b",
           r"\bit passed\b")


def _trace_steps(t: Text) -> int:
    """How many clauses carry concrete values (numbers, lists, assignments)."""
    text = _LIST.sub("\x00", t.raw)
    return sum(bool(_CONCRETE.search(c)) for c in _CLAUSE.split(text))


def _review(q: Any, t: Text) -> _Scored:
    steps = _trace_steps(t)
    trace = (steps >= 1) + (steps >= 3) + (steps >= 12)
    edges = _edge_cases(t)
    bug = t.first_quote(_BUG)
    verify = t.first_quote(_VERIFY)
    ran = t.first_quote(_RAN)
    points = trace + min(len(edges), 2) + bool(bug) + bool(verify and trace)
    if points == 0 and ran:
        points = 1
    score = _scale(points, (1, 2, 4, 6))
    found = []
    if trace:
        found.append(f"traced concrete values ({steps} steps)")
    if edges:
        found.append(f"checked {_join(list(edges))}")
    if bug:
        found.append("found and fixed a bug")
    if verify and trace:
        found.append("compared the result with the expected output")
    if not trace and ran:
        found.append("relied on the examples passing")
    notes = _test_notes(q)
    if trace < 2:
        example = q.examples[0] if q.examples else None
        shown = f" such as {_show_input(example.input)}" if example else ""
        improvement = (
            f"Trace the code on a small input{shown}: say each variable's value after every "
            "iteration and the final output."
        )
    elif len(edges) < 2:
        improvement = f"After the main example, run the edge cases: {_join(notes) if notes else 'an empty input and a single element'}."
    elif not bug and not verify:
        improvement = "Say whether the traced output matches the expected one, and name anything you would fix."
    else:
        improvement = "Strong review: keep tracing values, and turn each edge case into a test."
    lists = t.find(_LIST)
    evidence = _evidence(
        _ev("traces", t.quote(lists[0].start(), lists[0].end())) if lists else None,
        *(_ev(kind, quote) for kind, quote in list(edges.items())[:2]),
        _ev("bug", bug),
        _ev("checks", verify) if trace else None,
        _ev("ran", ran) if not trace else None,
    )
    details = {
        "points": points, "max_points": 7, "trace_steps": steps, "edge_cases": list(edges),
        "bug_found": bool(bug), "verified": bool(verify and trace),
    }
    return _Scored(score, found, evidence, improvement, details)


# --- Evaluate: spoken complexity -----------------------------------------------------------------

_EXPRESSIONS: tuple[tuple[str, str], ...] = (
    (r"n\s*(?:\*|·|x|times)?\s*log\s*(?:2|base 2)?\s*(?:\(\s*n\s*\)|of\s+n|n)|linearithmic|log[- ]linear", "O(n log n)"),
    (r"n\s*(?:\*|·|x|times)?\s*2\s*(?:\^|\*\*)\s*n|n\s+times\s+two\s+to\s+the\s+n", "O(2^n)"),
    (r"log\s*(?:2|base 2)?\s*(?:\(\s*n\s*\)|of\s+n|n)|logarithmic", "O(log n)"),
    (r"n\s*(?:\^|\*\*)\s*2|n\s*squared|n²|quadratic|n\s+times\s+n", "O(n^2)"),
    (r"n\s*(?:\^|\*\*)\s*3|n\s*cubed|n³|cubic", "O(n^3)"),
    (r"2\s*(?:\^|\*\*)\s*n|(?:two|2)\s+to\s+the\s+(?:power\s+of\s+)?n|exponential", "O(2^n)"),
    (r"linear", "O(n)"),
    (r"constant", "O(1)"),
)
_BARE = r"n|1|one|n\s*\+\s*m|v\s*\+\s*e|n\s*\+\s*k|n\s*k|n\s*\*\s*k"
_ANY_EXPR = "|".join(f"(?:{p})" for p, _ in _EXPRESSIONS)
_MENTION = re.compile(
    rf"\b(?:big\s*)?o\s*\((?P<paren>[^()]{{0,30}}(?:\([^()]*\)[^()]{{0,10}})?)\)"
    rf"|\b(?:big\s*)?(?:o|oh|order)\s+(?:of\s+)?(?P<spoken>(?:{_ANY_EXPR})|(?:{_BARE}))\b"
    rf"|(?P<word>\b(?:{_ANY_EXPR}))(?![a-z])",
    re.IGNORECASE,
)
_TIME_WORDS = _rx(r"\btime\b", r"\bruntime\b", r"\brun time\b", r"\bruns? in\b", r"\biterations?\b",
                  r"\boperations\b", r"\bsteps\b")
_SPACE_WORDS = _rx(r"\bspace\b", r"\bmemory\b", r"\bextra\b", r"\bauxiliary\b", r"\bstorage\b")
_CONTRAST = _rx(r"\bnot\b", r"\binstead of\b", r"\brather than\b", r"\bbetter than\b",
                r"\bworse than\b", r"\bbrute[- ]force\b", r"\bnaive\b", r"\bdown from\b",
                r"\bcompared (to|with)\b", r"\bversus\b", r"\bvs\.?\b", r"\bcould be\b",
                r"\bcould get\b", r"\bcould make\b", r"\bimprove\w*", r"\boptimi[sz]\w*")
_JOINER = re.compile(r"\b(?:and|but|while|whereas|plus)\b|[,;.]", re.IGNORECASE)
_OVERALL = _rx(r"\boverall\b", r"\bin total\b", r"\btotal\b", r"\baltogether\b", r"\bdominat\w*")
_WHY = _rx(r"\bbecause\b", r"\bsince\b", r"\bas (we|i|it|each|every)\b", r"\beach\b",
           r"\bevery\b", r"\bone pass\b", r"\bsingle pass\b", r"\bhalv\w*", r"\bdominat\w*",
           r"\bfor each\b", r"\biteration\w*", r"\bholds?\b", r"\bstores?\b", r"\bonly keep\b",
           r"\bso\b", r"\bnested\b", r"\bscan\b", r"\bloop\w*")


@dataclass(frozen=True)
class Mention:
    label: str  # canonical class
    kind: str  # time, space or unknown
    quote: str
    contrast: bool  # a comparison ("instead of O(n^2)"), not a claim about this solution
    overall: bool  # marked as the total ("so O(n^2) overall")


@dataclass(frozen=True)
class ComplexityClaims:
    time: str | None
    space: str | None
    mentions: tuple[Mention, ...]
    time_quote: str | None = None
    space_quote: str | None = None


def _label_of(expr: str) -> str | None:
    expr = expr.strip().lower()
    label = canonical_complexity(f"O({expr})")
    if label:
        return label
    if re.fullmatch(r"one", expr):
        return "O(1)"
    if re.fullmatch(r"(n|v)\s*\+\s*(m|e|k)|n\s*\*?\s*k|n\s*·\s*k", expr):
        return "O(n)"
    for pattern, label in _EXPRESSIONS:
        if re.fullmatch(pattern, expr, re.IGNORECASE):
            return label
    for pattern, label in _EXPRESSIONS:  # "n · 2^n", "n log k": the fastest-growing term wins
        if re.search(pattern, expr, re.IGNORECASE):
            return label
    return _in_n(expr)


def _in_n(expr: str) -> str | None:
    """A bound in several variables ("E log V", "(V + E) log V", "m * n", "n · n!") as the class
    it behaves as when every size grows like n, the way the bank declares its classes."""
    t = re.sub(r"\b(?!log\b)[a-z]\b", "n", expr.lower())
    if re.search(r"n\s*!", t):
        return "O(2^n)"
    t = re.sub(r"\(\s*n(?:\s*\+\s*n)+\s*\)", "n", t)  # (n + n) -> n
    t = re.sub(r"^n(?:\s*\+\s*n)+$", "n", t.strip())
    t = re.sub(r"\s*[*·×]\s*", " ", t)
    t = re.sub(r"\blog\s*\(?\s*n\s*\)?", "logn", t)
    factors = t.split()
    if not factors or any(f not in ("n", "logn") for f in factors):
        return None
    power, logs = factors.count("n"), factors.count("logn")
    return {(0, 0): "O(1)", (0, 1): "O(log n)", (1, 0): "O(n)", (1, 1): "O(n log n)",
            (2, 0): "O(n^2)", (3, 0): "O(n^3)"}.get((power, logs))


def _clause(raw: str, start: int, end: int) -> tuple[int, int]:
    a = max(raw.rfind(c, 0, start) for c in ".;!?,:") + 1
    ends = [i for i in (raw.find(c, end) for c in ".;!?,") if i != -1]
    return a, min(ends) if ends else len(raw)


def _kind(raw: str, start: int, end: int) -> str:
    _, b = _clause(raw, start, end)
    following = _MENTION.search(raw, end)  # "O(n) time and space O(1)": "space" is the next one's
    after = raw[end : min(b, end + 22, following.start() if following else b)]
    after = after[: _JOINER.search(after).start()] if _JOINER.search(after) else after
    m_time, m_space = _TIME_WORDS.search(after), _SPACE_WORDS.search(after)
    if m_time or m_space:
        if m_time and m_space:
            return "time" if m_time.start() < m_space.start() else "space"
        return "time" if m_time else "space"
    a, _ = _clause(raw, start, end)
    before = raw[max(a, start - 45) : start]
    last = None
    for kind, rx in (("time", _TIME_WORDS), ("space", _SPACE_WORDS)):
        for m in rx.finditer(before):
            if last is None or m.start() > last[1]:
                last = (kind, m.start())
    if last:
        return last[0]
    a2 = max(raw.rfind(c, 0, start) for c in ".;!?") + 1
    if _SPACE_WORDS.search(raw[a2:start]) and not _TIME_WORDS.search(raw[a2:start]):
        return "space"
    return "unknown"


def parse_complexity_claims(text: str) -> ComplexityClaims:
    """The time and space complexity an answer claims ("O of n log n", "linear time", ...)."""
    t = Text(text)
    raw = t.raw
    mentions = []
    for m in _MENTION.finditer(raw):
        expr = m.group("paren") or m.group("spoken") or m.group("word")
        label = _label_of(expr)
        if label is None:
            continue
        a, b = _clause(raw, m.start(), m.end())
        clause = raw[a:b]
        local = raw[max(a, m.start() - 30) : m.start()]
        mentions.append(Mention(
            label=label,
            kind=_kind(raw, m.start(), m.end()),
            quote=t.quote(m.start(), m.end()),
            contrast=bool(_CONTRAST.search(local)),
            overall=bool(_OVERALL.search(clause)),
        ))
    claims = [m for m in mentions if not m.contrast]
    time = next((m for m in claims if m.kind == "time" and m.overall), None)
    time = time or next((m for m in claims if m.kind == "unknown" and m.overall), None)
    time = time or next((m for m in claims if m.kind == "time"), None)
    unknown = [m for m in claims if m.kind == "unknown"]
    from_unknown = time is None and bool(unknown)
    time = time or (unknown[0] if unknown else None)
    space = next((m for m in claims if m.kind == "space"), None)
    if space is None and from_unknown and len(unknown) > 1:
        space = unknown[1]
    return ComplexityClaims(
        time.label if time else None, space.label if space else None, tuple(mentions),
        time.quote if time else None, space.quote if space else None,
    )


def _evaluate(q: Any, t: Text, measured: str | None) -> _Scored:
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
    evidence = _evidence(
        _ev("time", claims.time_quote),
        _ev("space", claims.space_quote),
        _ev("reason", why) if claims.time or claims.space else None,
        f"expected: {declared_time} time, {declared_space} space" if q.complexity else None,
        f"measured on your code: {measured}" if measured else None,
    )
    details = {
        "claimed_time": claims.time, "claimed_space": claims.space,
        "expected_time": declared_time, "expected_space": declared_space, "measured": measured,
        "time_right": time_ok, "space": space, "reason": bool(why),
        "complexity_agrees": None if agrees is None else int(agrees),
    }
    return _Scored(score, found, evidence, improvement, details, facts)


# --- Behavioral ----------------------------------------------------------------------------------

_SITUATION = _rx(
    r"\b(at|in|during|on) (my |our |the |a |an )?(last |previous |first |current |old |new )?"
    r"(job|role|company|team|internship|startup|project|hackathon|school|college|university|sprint|tool|app)\b",
    r"\bat [A-Z][A-Za-z]+", r"\b(last|this|one) (year|month|quarter|summer|semester)\b",
    r"\bwhen i was\b", r"\bsituation\b", r"\bthere (was|were)\b", r"\bwe had\b",
    r"\bour (new )?(team|app|service|deploys?|product|system|code|group|feature|project|client|"
    r"customer|release|launch|database|api|pipeline|website)\b",
    r"\bmy (teammate|manager|lead|tech lead|team|mentor|partner|colleague|coworker|boss|client)\b",
    r"\bi was (a|an|the|working|on|asked|told)\b", r"\bi was handed\b",
)
_TASK = _rx(r"\btask\b", r"\bgoal\b", r"\bmy job was\b",
            r"\bi was (asked|tasked|responsible|supposed|told)\b", r"\bi (had|needed) to\b",
            r"\bi (committed|promised|owned|set myself)\b", r"\bthe (aim|target) was\b",
            r"\bi wanted (to|the)\b", r"\bwe (had|needed|were supposed) to\b", r"\bwas assigned\b",
            r"\bdeadline\b", r"\bhad to\b", r"\bnobody (owned|was)\b")
_I_VERB = re.compile(
    r"\bI (?:\w+ly |also |then |first |personally |still )?(?P<verb>[a-z]+(?:ed)|built|wrote|made|ran|took|set|got|told|"
    r"led|drew|chose|did|found|kept|sent|went|brought|spoke|put|gave|began|broke|sat|met|"
    r"paired|split|showed|fixed|stayed|dug|won|cut|taught|sought|bought|left|read|rewrote|"
    r"reworked|laid|held)\b"
)
_NOT_ACTIONS = frozenset(
    "learned learnt realised realized wanted liked loved hoped needed felt thought guess believed "
    "noticed used committed promised owned worked tried expected underestimated supposed "
    "disagreed was had missed forgot failed".split()
)
_RESULT = _rx(r"\bresult\w*", r"\bin the end\b", r"\beventually\b", r"\bended up\b",
              r"\boutcome\b", r"\bon time\b", r"\bahead of\b",
              r"\b(shipped|launched|delivered|finished|completed|migrated|rolled out|won|saved)\b",
              r"\b(dropped|fell|rose|increased|decreased|reduced|improved|cut|grew|halved|doubled)\b",
              r"\brenewed\b", r"\badopted\b", r"\bcopied\b", r"\bgot (an?|approval|better|faster)\b",
              r"\bwas happy\b", r"\bagreed\b", r"\bit worked\b", r"\bgot it done\b")
_REFLECTION = _rx(r"\bi learn(ed|t)\b", r"\btaught me\b", r"\blesson\b", r"\bnext time\b",
                  r"\bnow i\b", r"\bsince then\b", r"\bin hindsight\b", r"\blooking back\b",
                  r"\bdo(ne)? differently\b", r"\bwhat i learned\b", r"\bi now\b")
_HYPOTHETICAL = _rx(r"\bi would\b", r"\bi'd\b", r"\bi usually\b", r"\bi always\b",
                    r"\bi try to\b", r"\bi tend to\b", r"\bif i did\b", r"\bi think (leadership|it's important)\b")
_NUMBER = re.compile(
    r"\b\d[\d,.]*\s*(?:%|percent\b|ms\b|x\b)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million)\s+(?:percent|ms|seconds?|"
    r"minutes?|hours?|days?|weeks?|months?|years?|quarters?|teams?|engineers?|people|users|customers|"
    r"squads?|endpoints?|tickets?|projects?|clinic|managers?|releases?|interns?)\b",
    re.IGNORECASE,
)
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+\b")
_NOT_NAMES = frozenset("I I'm I'd I've I'll Situation Task Action Result Slack Friday Monday Tuesday "
                       "Wednesday Thursday Saturday Sunday Then Now After Before Once When Rather "
                       "What The".split())
_I = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|myself|mine)\b", re.IGNORECASE)
_WE = re.compile(r"\b(we|we're|we've|we'd|we'll|us|our|ours|ourselves)\b", re.IGNORECASE)

COMPETENCY_WORDS: dict[str, tuple[str, ...]] = {
    "leadership": ("lead", "led", "leader", "organis", "organiz", "coordinat", "volunteer", "rall", "guild", "owner"),
    "conflict": ("disagre", "conflict", "argu", "pushback", "push back", "compromis", "debate", "view", "opinion", "position"),
    "failure": ("fail", "missed", "mistake", "late", "slipp", "apologi", "my fault", "wrong", "crash", "rejected", "behind"),
    "ambiguity": ("unclear", "ambigu", "vague", "assumption", "unknown", "changing", "no spec", "requirement", "question"),
    "ownership": ("own", "responsib", "took charge", "initiative", "accountab", "stepped"),
    "teamwork": ("team", "together", "collaborat", "pair", "help", "support"),
    "impact": ("impact", "improv", "increas", "reduc", "saved", "revenue", "users", "customers"),
    "learning": ("learn", "taught", "course", "studied", "practic", "new to", "read up"),
    "communication": ("explain", "present", "wrote", "document", "told", "update", "stakeholder", "align"),
    "prioritization": ("priorit", "trade-off", "tradeoff", "deadline", "urgent", "first", "scope", "stable"),
    "influence": ("convinc", "persuad", "proposal", "buy-in", "agree", "won over", "data", "evidence"),
    "customer-focus": ("customer", "user", "client", "feedback", "support", "complain"),
    "adaptability": ("adapt", "chang", "pivot", "new", "adjust", "switch"),
    "mentoring": ("mentor", "coach", "taught", "junior", "onboard", "pair"),
    "decision-making": ("decid", "decision", "chose", "option", "trade-off", "criteria", "data"),
}


def _infer_competencies(text: str) -> list[str]:
    low = text.lower()
    hits = {c: sum(w in low for w in words) for c, words in COMPETENCY_WORDS.items()}
    best = sorted((-n, c) for c, n in hits.items() if n)
    return [c for _, c in best[:2]] or ["impact"]


def _question_parts(bq: Any) -> tuple[str, list[str], list[str]]:
    if isinstance(bq, str):
        return bq, _infer_competencies(bq), []
    return bq.text, list(bq.competencies), list(bq.signals)


def _behavioral(bq: Any, text: str, delivery: Any) -> AnswerFeedback:
    t = Text(text)
    question, competencies, signals = _question_parts(bq)
    situation = t.first_quote(_SITUATION)
    task = t.first_quote(_TASK)
    action_matches = [m for m in _I_VERB.finditer(t.raw) if m.group("verb").lower() not in _NOT_ACTIONS]
    actions = list(dict.fromkeys(m.group("verb").lower() for m in action_matches))
    # Quote actions from sentences the other STAR parts did not already quote.
    quoted = {t.sentence(m.start()) for m in (p.search(t.raw) for p in (_SITUATION, _TASK, _RESULT))
              if m}
    action_matches.sort(key=lambda m: t.sentence(m.start()) in quoted)
    action_quotes = [t.quote(m.start(), m.end(), 90) for m in action_matches[:2]]
    result = t.first_quote(_RESULT)
    reflection = t.first_quote(_REFLECTION)
    star = {
        "situation": StarPart(bool(situation), [situation] if situation else []),
        "task": StarPart(bool(task), [task] if task else []),
        "action": StarPart(bool(actions), list(dict.fromkeys(action_quotes))),
        "result": StarPart(bool(result), [result] if result else []),
    }

    numbers = [m.group(0).strip() for m in _NUMBER.finditer(t.raw)]
    names = sorted({m.group(0) for m in _PROPER.finditer(t.raw)} - _NOT_NAMES)
    spec_points = min(len(numbers), 4) + min(len(names), 2)
    specificity = Criterion(
        _scale(spec_points, (1, 2, 4, 6)),
        f"{len(numbers)} number{'s' * (len(numbers) != 1)} and {len(names)} name{'s' * (len(names) != 1)}",
        [f'number: "{n}"' for n in numbers[:3]] + [f'name: "{n}"' for n in names[:2]],
    )

    i_count, we_count = len(_I.findall(t.raw)), len(_WE.findall(t.raw))
    share = i_count / (i_count + we_count) if i_count + we_count else 0.0
    own_score = 1 if not i_count else 5 if share >= 0.6 else 4 if share >= 0.45 else 3 if share >= 0.3 else 2
    ownership = Criterion(own_score, f'"I" {i_count} times, "we" {we_count} times', action_quotes[:1])

    low = t.raw.lower()
    lexicon = [w for c in competencies for w in COMPETENCY_WORDS.get(c, ())]
    lexicon_hits = sorted({w for w in lexicon if w in low})
    topic = sorted(content_stems(t.raw) & _keywords(" ".join([question, *signals])))
    rel_points = len(lexicon_hits) + len(topic)
    relevance = Criterion(
        _scale(rel_points, (1, 2, 4, 6)),
        f"touches {_join(lexicon_hits[:3] + topic[:3]) or 'nothing'} from the question",
        [],
    )
    words = t.word_count
    subject = question_subject(question)
    off_subject = subject is not None and words >= 12 and not _mentions(t.raw, *subject)
    if off_subject:
        relevance = Criterion(min(relevance.score, 2),
                              f"never mentions {subject[0]}, which the question asks about", [])

    length = "too_short" if words < 30 else "short" if words < 60 else "good" if words <= 350 else "long"
    hypothetical = bool(t.first_quote(_HYPOTHETICAL)) and len(actions) < 2
    story = not hypothetical and (bool(actions) or bool(situation and result))

    points = (
        sum(p.present for p in star.values())
        + (len(actions) >= 3)
        + (specificity.score >= 3) + (specificity.score >= 4)
        + (ownership.score >= 4)
        + bool(reflection)
        - (relevance.score <= 2)
    )
    score = _scale(points, (2, 4, 6, 8))
    if off_subject:  # a good story about something else still misses the question
        score = min(score, 3)
    if words < 30 or hypothetical:
        score = min(score, 2)
    if words < 12:
        score = 1

    found = [f"{part} {'present' if star[part].present else 'missing'}" for part in STAR_PARTS]
    summary = (
        f"{score}/5: STAR {_join([p.capitalize() for p in STAR_PARTS if star[p].present]) or 'not found'}"
        + (f"; missing {_join([p.capitalize() for p in STAR_PARTS if not star[p].present])}" if any(not star[p].present for p in STAR_PARTS) else "")
        + f"; specificity {specificity.score}/5, ownership {ownership.score}/5"
        + ("; you reflected on what you learned." if reflection else ".")
    )
    gaps = _gaps(star, hypothetical, story, words, specificity, ownership, reflection, off_subject)
    improvement = IMPROVEMENTS[gaps[0]] if gaps else "A complete answer: keep the numbers and the lesson in it."
    if gaps and gaps[0] == "subject":
        improvement = (f"The question asked about {subject[0]}: answer about it, or say in one "
                       "sentence how your example connects to it.")
    evidence = _evidence(
        _ev("situation", situation), _ev("task", task),
        _ev("action", action_quotes[0] if action_quotes else None),
        _ev("result", result), _ev("reflection", reflection),
    ) or [_whole_answer(t) if words else "no answer was given"]
    return AnswerFeedback(
        score=score, summary=summary, star=star, specificity=specificity, ownership=ownership,
        relevance=relevance, words=words, length=length, i_count=i_count, we_count=we_count,
        reflection=bool(reflection), evidence=evidence, improvement=improvement,
        details={"points": points, "max_points": 9, "actions": actions, "hypothetical": hypothetical,
                 "subject": subject[0] if subject else None,
                 "competencies": competencies, "gaps": gaps, "found": found},
        communication=communication_score(delivery),
    )


def _gaps(star, hypothetical, story, words, specificity, ownership, reflection,
          off_subject=False) -> list[str]:
    """What the answer lacks, weakest first (the order a follow-up goes after them)."""
    checks = {
        "story": words < 30 or hypothetical or not story,
        "subject": off_subject,
        "action": not star["action"].present,
        "result": not star["result"].present,
        "ownership": ownership.score <= 2,
        "specificity": specificity.score <= 2,
        "situation": not star["situation"].present,
        "task": not star["task"].present,
        "reflection": not reflection,
    }
    return [gap for gap, missing in checks.items() if missing]


def normalize(text: str) -> str:
    """Lowercase words only, for comparing texts."""
    return " ".join(_WORD.findall(text.lower()))


# --- Question generation -------------------------------------------------------------------------


def _entities(resume: Any) -> tuple[list[str], list[str], list[str]]:
    entities = resume.entities
    employers = list(dict.fromkeys(entities.employers))
    projects = list(dict.fromkeys(entities.projects))
    technologies = list(dict.fromkeys([*entities.technologies, *getattr(resume, "skills", [])]))
    return employers, projects, technologies


def _highlights(resume: Any) -> list[tuple[str, str]]:
    """(organization, bullet) for experience bullets that carry a number: the user's own claims."""
    out = []
    for section in getattr(resume, "sections", []):
        for entry in getattr(section, "entries", []):
            if entry.kind not in ("experience", "project"):
                continue
            org = entry.organization or entry.title
            for bullet in entry.bullets:
                if org and re.search(r"\d", bullet) and len(bullet) <= 200:
                    out.append((org, bullet.strip().rstrip(".")))
    return out


# The questions offline_questions writes about one resume item, with the item's name ("subject")
# and, for a quoted bullet, the resume's own words about it ("detail").
_SUBJECTS = (
    re.compile(r'^At (?P<subject>.+?) you wrote: "(?P<detail>.+?)\." Walk me through'),
    re.compile(r"^Tell me about (?P<subject>.+?): what was the hardest decision"),
    re.compile(r"^Thinking of your time at (?P<subject>.+?): "),
    re.compile(r"^Tell me about a problem you solved with (?P<subject>.+?)\. Why was"),
)
_ORG_SUFFIXES = frozenset("inc inc. llc ltd ltd. corp corp. co co. gmbh plc the".split())


def question_subject(question: str) -> tuple[str, str] | None:
    """The resume item a generated question asks about, as (name, the resume's words about it),
    or None for any other question."""
    for pattern in _SUBJECTS:
        m = pattern.match(question)
        if m:
            return m.group("subject").rstrip("."), m.groupdict().get("detail") or ""
    return None


def _mentions(answer: str, subject: str, detail: str) -> bool:
    """Whether the answer names the subject (any word of its name) or shares two content words
    with the resume's own words about it."""
    low = answer.lower()
    names = [w for w in re.findall(r"[\w+#.-]+", subject.lower()) if w not in _ORG_SUFFIXES]
    if any(re.search(rf"(?<![\w]){re.escape(n.rstrip('.'))}(?![\w])", low) for n in names if n):
        return True
    return len(content_stems(answer) & content_stems(detail)) >= 2


def offline_questions(
    resume: Any, n: int, job_description: str | None, bank: Any
) -> list[str]:
    employers, projects, technologies = _entities(resume)
    if job_description:
        jd = job_description.lower()
        order = {tech: i for i, tech in enumerate(technologies)}
        technologies.sort(key=lambda tech: (tech.lower() not in jd, order[tech]))
    highlights = _highlights(resume)
    behavioral = sorted(bank.behavioral, key=lambda q: (q.competencies[0], q.id)) if bank else []
    templates: list[list[str]] = [
        [f'At {org} you wrote: "{bullet}." Walk me through how you did it: what was your part, '
         "and what would you do differently?" for org, bullet in highlights],
        [f"Tell me about {p}: what was the hardest decision you made on it, and how did you make it?"
         for p in projects],
        [f"Thinking of your time at {employers[i % len(employers)]}: {q.text}"
         for i, q in enumerate(behavioral)] if employers else [],
        [f"Tell me about a problem you solved with {tech}. Why was {tech} the right tool, and "
         "what would you change now?" for tech in technologies],
    ]
    out: list[str] = []
    while len(out) < n and any(templates):
        for family in templates:
            if family and len(out) < n:
                text = family.pop(0)
                if text not in out:
                    out.append(text)
    for q in behavioral:
        if len(out) >= n:
            break
        if q.text not in out:
            out.append(q.text)
    return out[:n]


# --- the provider --------------------------------------------------------------------------------


class OfflineCoach:
    """The ``offline`` interviewer: the rubric above, deterministic and fast."""

    name = "offline"

    def step_feedback(
        self,
        q: Any,
        step: str,
        answer_text: str,
        *,
        code: str | None = None,
        tests: Any = None,
        complexity: Any = None,
        delivery: Any = None,
        on_text: OnText | None = None,
    ) -> StepFeedback:
        step = check_step(step)
        t = Text(answer_text)
        measured = measured_label(complexity)
        if step == "understand":
            scored = _understand(q, t)
        elif step == "match":
            scored = _match(q, t)
        elif step == "plan":
            scored = _plan(q, t)
        elif step == "implement":
            scored = _implement(q, t, code, TestFacts.of(tests), measured)
        elif step == "review":
            scored = _review(q, t)
        else:
            scored = _evaluate(q, t, measured)
        if not t.word_count and step != "implement":
            scored.score, scored.found = 1, []
            scored.improvement = "Answer out loud: even a rough attempt at this step earns feedback."
        if not scored.evidence:
            scored.evidence = [_whole_answer(t) if t.word_count else "no answer was given"]
        summary = f"{STEP_TITLES[step]} {scored.score}/5: " + (
            f"you {_join(scored.found)}." if scored.found else "nothing the rubric looks for was found yet."
        ) + "".join(f" {fact}" for fact in scored.facts)
        feedback = StepFeedback(
            step=step, score=scored.score, summary=summary, evidence=scored.evidence,
            improvement=scored.improvement, details=scored.details,
            communication=communication_score(delivery),
        )
        if on_text:
            on_text(feedback.summary)
        return feedback

    def answer_feedback(
        self, bq: Any, answer_text: str, *, delivery: Any = None, on_text: OnText | None = None
    ) -> AnswerFeedback:
        feedback = _behavioral(bq, answer_text, delivery)
        if on_text:
            on_text(feedback.summary)
        return feedback

    def follow_up(self, bq: Any, answer_text: str, *, asked: Sequence[str] = ()) -> str | None:
        if len(asked) >= MAX_FOLLOW_UPS:
            return None
        already = {normalize(a) for a in asked}
        details = _behavioral(bq, answer_text, None).details
        for gap in details["gaps"]:
            text = FOLLOW_UPS[gap].format(subject=details["subject"])
            if normalize(text) not in already:
                return text
        return None

    def generate_questions(
        self, resume: Any, n: int = 5, *, job_description: str | None = None, bank: Any = None
    ) -> list[str]:
        n = check_count(n)
        if bank is None:
            from ava_core.questions import load_bank

            bank = load_bank()
        return offline_questions(resume, n, job_description, bank)

    def coding_report(self, session: Any) -> Any:
        from ava_core.interviewer.report import build_coding_report

        return build_coding_report(session)

    def behavioral_report(self, session: Any) -> Any:
        from ava_core.interviewer.report import build_behavioral_report

        return build_behavioral_report(session)


def _build(settings: Settings) -> OfflineCoach:
    return OfflineCoach()


register_interviewer("offline", _build)
