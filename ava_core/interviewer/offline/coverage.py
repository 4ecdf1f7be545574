"""Which of a question's facts an answer covers, and where.

A fact is covered by a passage (a sentence, or a stretch of a long spoken run-on) that holds, for
each of the fact's cue groups, one of the group's phrases. Words are compared by their stems and
number words as digits ("zero" = "0"), and a phrase may have one extra word inside it ("every
single pair" meets "every pair"). An approach is the candidate's own unless its passage sets it
aside ("the brute force would be too slow"): a dismissed approach is a comparison, not a plan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Generic, TypeVar

from ava_core.interviewer.offline.question import question_keywords
from ava_core.interviewer.text import Text, content_stems, stem

if TYPE_CHECKING:
    from ava_core.questions import CodingQuestion
    from ava_core.questions.facts import QuestionFacts

_TOKEN = re.compile(r"[a-z]+|\d+|==|!=|<=|>=|[-+*/^<>=%!]")
_NUMBERS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "minus": "-", "plus": "+", "times": "*",
    "equals": "=", "indices": "index", "twice": "2", "squared": "^2",
}
_SKIPPED = frozenset("a an the um uh er".split())
_LONG = 40  # a passage longer than this many tokens is read in overlapping windows
_WINDOW, _STRIDE = 28, 14
_SHORT = 8  # a sentence this short is read with the next one too ("I'd keep a counter. Add one for...")
_SET_ASIDE = re.compile(
    r"\b(instead|too slow|would (be|take|cost|need|time out|fail|blow|repeat|redo|recompute|waste|duplicate)|brute[- ]?force|naive\w*|"
    r"rather than|slow way|far too|too much|there (?:are|is) no|no need for|not|n't|never|nothing|avoid\w*|worse|slower|wasteful|(?:fails?|breaks?)\s+(?:on|when|for|if|with|because|down)|wrong|"
    r"could (also )?(just )?\w+|first thought|tempting|won't|doesn't|isn't|(?:simplest|obvious)(?! (?:way|approach|thing|solution)(?::| is to\b))|"
    r"(?:can|may|might) (?:lose|miss|fail|go wrong)|loses)\b",
    re.IGNORECASE,
)


def sets_aside(text: str) -> bool:
    """Whether ``text`` rejects or compares what it names ("no recursion", "a recursive version
    would use O(n) stack") instead of taking it."""
    return bool(_SET_ASIDE.search(text))


def tokens(text: str) -> tuple[str, ...]:
    out = []
    for word in _TOKEN.findall(text.lower().replace("\u2019", "'")):
        word = _NUMBERS.get(word, word)
        if word not in _SKIPPED:
            out.append(_stem(word) if word.isalpha() else word)
    return tuple(out)


def _stem(word: str) -> str:
    """"value", "values" -> "valu"; "stored", "storing", "store" -> "stor": a final e goes too,
    so that a suffix taken off and one never there meet."""
    word = stem(word)
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


@dataclass(frozen=True)
class Passage:
    """A stretch of the answer that one fact must fit inside."""

    text: str
    sentence: int  # the index of the sentence it comes from
    positions: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, text: str, sentence: int, words: Sequence[str]) -> Passage:
        positions: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            positions.setdefault(word, []).append(i)
        return cls(text, sentence, {w: tuple(p) for w, p in positions.items()})

    def has(self, phrase: tuple[str, ...]) -> bool:
        starts = self.positions.get(phrase[0])
        if not starts:
            return False
        for start in starts:
            at = start
            for word in phrase[1:]:
                at = next((p for p in self.positions.get(word, ()) if at < p <= at + 2), -1)
                if at < 0:
                    break
            else:
                return True
        return False


_MOST = {"max": r"largest|biggest|heaviest|tallest|latest|farthest|furthest|highest|max\w*",
         "min": r"smallest|lightest|shortest|earliest|closest|nearest|lowest|cheapest|min\w*"}
# A structure said in plain words, with what it is named by: a heap ("a pile with the farthest of them
# on top", "something that always hands me the earliest finish"), to meet the facts' "max-heap" or
# "min-heap"; a trie ("one tree of letters, where words with a common start share a branch").
_SAID = tuple(
    (re.compile(rf"\b(?:pile|pool|collection|structure|queue|bag|heap)\b[^.;]{{0,60}}?\b(?:{words})\b[^.;]{{0,30}}?"
                rf"\b(?:on\s+top|at\s+the\s+top|comes?\s+out\s+first|first\s+out)\b"
                rf"|\balways\s+(?:hands?|gives?)\s+(?:me\s+|us\s+)?(?:back\s+)?the\s+(?:{words})\b", re.IGNORECASE),
     (end, "heap"))
    for end, words in _MOST.items()
) + (
    (re.compile(r"\btree\s+of\s+(?:letters|characters|chars|prefixes)\b"
                r"|\b(?:words|strings)\s+(?:with|that\s+share)\s+(?:a\s+)?(?:common|shared|same)\s+(?:start|beginning|prefix)"
                r"\w*\s+share\s+(?:a\s+|one\s+)?(?:branch|path|node)", re.IGNORECASE), ("trie",)),
)


def described(sentence: str) -> tuple[str, ...]:
    """The names of what ``sentence`` describes without naming: ("max", "heap") for "a pile with the
    farthest on top"."""
    return tuple(word for rx, name in _SAID if rx.search(sentence) for word in name)


def passages(t: Text) -> list[Passage]:
    out = []
    sentences = t.sentences()
    for index, sentence in enumerate(sentences):
        words = tokens(sentence) + described(sentence)
        if len(words) <= _LONG:
            out.append(Passage.of(sentence, index, words))
            if index + 1 < len(sentences) and len(words) <= _SHORT:
                after = tokens(sentences[index + 1])
                if len(words) + len(after) <= _LONG:
                    out.append(Passage.of(sentence + " " + sentences[index + 1], index + 1, words + after))
            continue
        raw_words = sentence.split()
        per_token = max(1, len(raw_words)) / len(words)
        for start in range(0, len(words) - _STRIDE, _STRIDE):
            piece = words[start : start + _WINDOW]
            a, b = int(start * per_token), int((start + _WINDOW) * per_token) + 1
            out.append(Passage.of(" ".join(raw_words[a:b]), index, piece))
    return out


Cues = tuple[tuple[tuple[str, ...], ...], ...]  # groups of phrases, each phrase as tokens


@lru_cache(maxsize=4096)
def _compile(cues: tuple[tuple[str, ...], ...]) -> Cues:
    return tuple(tuple(p for p in (tokens(phrase) for phrase in group) if p) for group in cues)


def cues_of(fact: object) -> Cues:
    return _compile(tuple(tuple(group) for group in fact.cues))  # type: ignore[attr-defined]


F = TypeVar("F")


def fits(passage: Passage, cues: Cues) -> bool:
    return all(any(passage.has(phrase) for phrase in group) for group in cues)


@lru_cache(maxsize=8192)
def _first_words(cues: Cues) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(phrase[0] for phrase in group) for group in cues)


def _candidates(facts: Sequence[F], found: Sequence[Passage]) -> list[tuple[F, Cues]]:
    """The facts whose every cue group could start somewhere in the answer: the rest cannot be
    covered, and most of a question's facts are ruled out this way before any passage is read."""
    words = set().union(*(p.positions for p in found))
    out = []
    for fact in facts:
        cues = cues_of(fact)
        if all(not firsts.isdisjoint(words) for firsts in _first_words(cues)):
            out.append((fact, cues))
    return out


@dataclass(frozen=True)
class Hit(Generic[F]):
    """A fact the answer covers, with the passage that covers it first."""

    fact: F
    passage: Passage
    set_aside: bool = False  # for approaches: named to be rejected or compared with


def covered(facts: Sequence[F], found: Sequence[Passage]) -> list[Hit[F]]:
    hits = []
    for fact, cues in _candidates(facts, found):
        passage = next((p for p in found if fits(p, cues)), None)
        if passage is not None:
            hits.append(Hit(fact, passage))
    return hits


def approaches(facts: Sequence[F], found: Sequence[Passage]) -> list[Hit[F]]:
    """Each approach the answer describes: as its own (in a passage that does not set it aside)
    if it does so anywhere, else as set aside."""
    hits = []
    for fact, cues in _candidates(facts, found):
        fitting = [p for p in found if fits(p, cues)]
        own = next((p for p in fitting if not sets_aside(p.text)), None)
        if own is not None:
            hits.append(Hit(fact, own))
        elif fitting:
            hits.append(Hit(fact, fitting[0], set_aside=True))
    return hits


@dataclass(frozen=True)
class Coverage:
    """What of a question's facts an answer covers."""

    facts: QuestionFacts
    clarifications: list[Hit]
    edge_cases: list[Hit]
    approaches: list[Hit]
    wrong_approaches: list[Hit]
    plan: list[Hit]
    bugs: list[Hit]
    found: Sequence[Passage] = ()

    def missed(self, kind: str) -> list:
        """The facts of ``kind`` the answer does not cover, in the facts' order."""
        hit = {id(h.fact) for h in getattr(self, kind)}
        return [fact for fact in getattr(self.facts, kind) if id(fact) not in hit]

    def nearly(self, kind: str) -> int:
        """How many of the facts of ``kind`` ("clarifications", "plan", ...) the answer meets in
        all cue groups but one (see ``nearly``); they count half."""
        return nearly(getattr(self.facts, kind), self.found)

    @property
    def count(self) -> int:
        return sum(map(len, (self.clarifications, self.edge_cases, self.approaches,
                             self.wrong_approaches, self.plan, self.bugs)))

    @property
    def own_approach(self) -> Hit | None:
        return next((h for h in self.approaches if not h.set_aside), None)

    @property
    def own_wrong(self) -> Hit | None:
        """A wrong or slower approach the answer takes as its own: described without being set
        aside, and not followed by an accepted one (the candidate moved on)."""
        own = [h for h in self.wrong_approaches if not h.set_aside]
        if not own or 2 * len(self.plan) > len(self.facts.plan) > 0:
            return None  # more than half of the reference plan is there: the answer follows the right idea
        first = min(own, key=lambda h: h.passage.sentence)
        later = [h for h in self.approaches if not h.set_aside and h.passage.sentence > first.passage.sentence]
        return None if later else first

    def plan_in_order(self) -> int:
        """How many of the reference plan's steps are covered in the reference's order."""
        order = [h.passage.sentence for h in self.plan]
        longest = [1] * len(order)
        for i in range(len(order)):
            for j in range(i):
                if order[j] <= order[i]:
                    longest[i] = max(longest[i], longest[j] + 1)
        return max(longest, default=0)


def nearly(facts: Sequence[object], found: Sequence[Passage]) -> int:
    """How many facts of three or more cue groups a passage meets in all groups but one: said in
    words the facts' writer did not list, or said in part."""
    count = 0
    for fact in facts:
        cues = cues_of(fact)
        if len(cues) >= 3 and not any(fits(p, cues) for p in found) and any(
            sum(any(p.has(phrase) for phrase in group) for group in cues) == len(cues) - 1 for p in found
        ):
            count += 1
    return count


def coverage(facts: QuestionFacts, t: Text, found: Sequence[Passage] | None = None) -> Coverage:
    found = passages(t) if found is None else found
    return Coverage(
        facts,
        covered(facts.clarifications, found),
        covered(facts.edge_cases, found),
        approaches(facts.approaches, found),
        approaches(facts.wrong_approaches, found),
        covered(facts.plan, found),
        covered(facts.bugs, found),
        found,
    )


def other_question(
    q: CodingQuestion, t: Text, own: Coverage, bank: Sequence[CodingQuestion]
) -> CodingQuestion | None:
    """The bank question this answer fits much better than ``q`` (whose facts it covers as
    ``own`` says), if any: an answer to another problem. It must cover many more of the other's
    facts and use more of its statement's words."""
    best, best_count = None, 0
    for other in bank:
        if other.id == q.id or other.facts is None:
            continue
        count = coverage(other.facts, t, own.found).count
        if count > best_count:
            best, best_count = other, count
    if best is None or best_count < 3 or best_count < 2 * own.count + 2:
        return None
    words = content_stems(t.raw)  # the other problem's own words must fit better too, not only its cues
    return best if len(words & question_keywords(best)) > len(words & question_keywords(q)) else None


_FUNCTION_WORDS = frozenset(
    """i we it is are the a an to of that this then if so because and for in on with my each be will
    would can which when as at by from has have was it's i'm i'll i'd there what how or but not you
    its""".split()
)
_FRAGMENT = re.compile(r"[,;.:!?\n|/]+|->|=>|→|\s[-*•]\s|^[-*•]\s", re.MULTILINE)


def lists_terms(t: Text) -> bool:
    """A keyword salad: terms in short fragments with almost none of the small words that relate
    them ("Stairs, 1 or 2 steps, broken steps, ways, mod, Fibonacci")."""
    if t.word_count < 5:
        return False
    relating = sum(w in _FUNCTION_WORDS for w in t.words) / t.word_count
    fragments = [f for line in t.lines for f in _FRAGMENT.split(line) if f.strip()]  # a line break ends one too
    per_fragment = t.word_count / max(1, len(fragments))
    if relating <= 0.15 and per_fragment <= 3.5:
        return True
    # fragments of two words or so, with a few fillers ("okay so, um, tiles, the rack, letter counts"),
    # the fillers counted among words, not numbers: a trace's "[7, 7, 4]" are not terms
    named = [w for w in t.words if w.isalpha()]
    if per_fragment <= 2.5 and sum(w in _FUNCTION_WORDS for w in named) <= 0.20 * len(named):
        return True
    # terms run on without a stop ("hash map two pointers edge cases O(n) time"), or strung on "and"
    stitched = sum(w in _FUNCTION_WORDS and w not in ("and", "or") for w in t.words) / t.word_count
    return t.word_count >= 8 and stitched <= 0.10
