"""An answer as text: words, sentences, quotes around a match, content stems and keywords."""

from __future__ import annotations

import re
from functools import lru_cache

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


RUN_ON = 15  # words per stop past which a transcript is read as unpunctuated speech
SPOKEN_SENTENCE = 15  # words past which a sentence of such a transcript is cut where the speaker paused
SPOKEN_RUN = 60  # words past which even a sentence with commas is speech run on, and is cut the same way
# where a speaker starts a new sentence without a stop: "so I asked her", "and then", "but", "um"
_SPOKEN_START = re.compile(
    r" (?=(?:(?:and )?so (?:I|we|he|she|they|what|after|at|then|my|our|in|on|when|from|the)|and then|then I|"
    r"but|um|uh|after that|and I|and we|and she|and he|and they)\b)",
    re.IGNORECASE,
)


def is_run_on(raw: str) -> bool:
    """Whether ``raw`` reads as speech transcribed without punctuation: 20 words or more, and
    more than ``RUN_ON`` words for each stop or comma."""
    words = len(raw.split())
    return words >= 20 and len(re.findall(r"[.,;:!?]", raw)) * RUN_ON < words


def spoken_sentences(sentence: str) -> list[str]:
    """A sentence of a run-on transcript cut where the speaker would have stopped: "yeah so um
    Priya was stuck and I asked her what would unblock her so I wrote the loader" is several
    sentences, not one."""
    if len(sentence.split()) <= SPOKEN_SENTENCE:
        return [sentence]
    pieces: list[str] = []
    start = 0
    for m in _SPOKEN_START.finditer(sentence):
        if len(sentence[start : m.start()].split()) >= 4:  # "yeah so um": not a sentence of its own
            pieces.append(sentence[start : m.start()])
            start = m.end()
    return pieces + [sentence[start:]]


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


class Text:
    """An answer prepared once: whitespace collapsed, sentence spans, words."""

    def __init__(self, raw: str):
        self.raw = " ".join((raw or "").replace("\u2019", "'").split())
        self.lines = tuple(" ".join(line.split()) for line in (raw or "").splitlines() if line.strip())  # as typed
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


def alt(*parts: str) -> re.Pattern[str]:
    """One case-insensitive pattern that matches any of ``parts``."""
    return re.compile("|".join(parts), re.IGNORECASE)


@lru_cache(maxsize=256)
def keywords(text: str) -> frozenset[str]:
    return frozenset(content_stems(text) - {stem(w) for w in GENERIC})


def normalize(text: str) -> str:
    """Lowercase words only, for comparing texts."""
    return " ".join(_WORD.findall(text.lower()))
