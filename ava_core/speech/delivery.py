"""How an answer was said, measured from its transcript.

Definitions
-----------
- **Words**: the transcript's tokens, a token being letters and digits with inner apostrophes
  ("I'm" is one word, "brute-force" two). Fillers and hedges count as words. With timed
  words, those are counted; the filler rules read punctuation from the transcript's text when
  it holds the same words (the OpenAI API lists its words bare).
- **Talk time**: seconds from the first word's start to the last word's end.
- **Long pause**: a gap of more than 2 s between one word's end and the next word's start.
- **Speaking time**: talk time minus every long pause, whole. Thinking in silence is reported as
  pauses, so it does not also read as speaking slowly.
- **Pace** (words per minute): words / speaking time in minutes.
- **Fillers per 100 words**: filler occurrences / words x 100 ("you know" counts once).
  **Fillers per minute**: filler occurrences / speaking time in minutes.
- **Long pauses per minute**: long pauses / talk time in minutes. **Longest pause**: the longest
  gap between two consecutive words, long or not.
- **Hedges per 100 words**: hedging phrases ("I think", "maybe", ...) / words x 100.

Typed text (no timestamps) gets every count, and None for pace, talk time, pauses and the
per-minute rates, with a note saying why.

Fillers: the hesitations "um", "uh", "er", "ah", "hmm" (any spelling: "umm", "uhh", "erm"),
"basically", "actually", "literally", and the phrases "you know", "I mean", "sort of",
"kind of", and "like" used as a filler. A word is matched once: the longest phrase wins, so the
"like" of the hedge "I feel like" is not also a filler. Context rules (punctuation means
, . ; : ! ? or a dash between the words):

- "like" is a filler only when something marks it as one: punctuation right before or after
  it ("so, like, we"), or it follows a hesitation or a discourse word (so, and, but, or, yeah,
  well, okay, oh) or precedes a hesitation. It is never one right after a word that makes it a
  verb or a comparison ("I like", "would like", "looks like", "something like").
- "you know" is not a filler after do, did, if, as, what, how, ... ("do you know", "as you
  know") nor before an object with no punctuation between ("you know the answer").
- "I mean" is not a filler after what, that, which, do ("what I mean") nor before "it", "to",
  "that", "this" ("I mean it").
- "kind of" and "sort of" are not fillers after a determiner ("what kind of tree", "a sort of
  heap").

Target bands (a verdict is given from 10 words on):

- pace: 120 to 160 words per minute, inclusive;
- fillers: under 2 per 100 words;
- hedges: under 2 per 100 words;
- long pauses: at most one per minute of talk time, and one is always fine.

Talk time gets no verdict: the right length depends on the question.

With ``history`` (earlier results, oldest first, as ``SpeechMetrics`` or their ``to_dict()``),
each of pace, fillers, hedges and pauses is compared with the average of the last ``recent``
answers that have that value. Pace is better when it is closer to its band; the others are better
when lower. Changes within a tolerance (5 wpm; 0.5 per 100 words; 0.25 pauses per minute) are
"same".
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ava_core.speech.transcription import Transcript

LONG_PAUSE_SECONDS = 2.0
PACE_BAND = (120.0, 160.0)
MAX_FILLERS_PER_100 = 2.0
MAX_HEDGES_PER_100 = 2.0
MAX_LONG_PAUSES_PER_MINUTE = 1.0
MIN_WORDS_FOR_VERDICT = 10
RECENT = 5

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_BREAK = re.compile(r"[,.;:!?\u2026\u2013\u2014]|--|(?<!\w)-(?!\w)")
_HESITATIONS = (
    ("um", re.compile(r"u+m+|u+h+m+")),
    ("uh", re.compile(r"u+h+")),
    ("er", re.compile(r"e+r+m*")),
    ("ah", re.compile(r"a+h+")),
    ("hmm", re.compile(r"h+m+")),
)
HESITATIONS = frozenset(name for name, _ in _HESITATIONS)
# Any hesitation sound as a whole word in running text: "um", "uhm", "errr", "hmm"
HESITATION = re.compile(r"\b(?:" + "|".join(p.pattern for _, p in _HESITATIONS) + r")\b", re.IGNORECASE)
_CUES = HESITATIONS | {"so", "and", "but", "or", "yeah", "well", "okay", "oh"}
_DETERMINERS = frozenset(
    "what which this that these those a an the any some each every one same other another "
    "different right new first its his her their our my your whatever no".split()
)


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]
    name: str  # as shown to the user
    kind: str  # "filler" or "hedge"
    not_after: frozenset[str] = frozenset()  # literal right after one of these
    not_before: frozenset[str] = frozenset()  # literal right before one of these
    needs_cue: bool = False  # a filler only when punctuation or a cue word marks it


def _phrase(text: str, kind: str, name: str | None = None, **rules: Any) -> _Phrase:
    rules = {k: frozenset(v.split()) if isinstance(v, str) else v for k, v in rules.items()}
    if name is None:
        name = " ".join({"i": "I", "i'm": "I'm"}.get(w, w) for w in text.split())
    return _Phrase(tuple(text.split()), name, kind, **rules)


PHRASES: tuple[_Phrase, ...] = (
    *(_phrase(h, "filler") for h in sorted(HESITATIONS)),
    _phrase("basically", "filler"),
    _phrase("actually", "filler"),
    _phrase("literally", "filler"),
    _phrase(
        "like",
        "filler",
        not_after="i you we they he she people would i'd you'd we'd they'd do does did don't "
        "didn't doesn't to look looks looked looking seem seems seemed sound sounds sounded "
        "feel feels felt feeling something anything nothing more much less things stuff",
        needs_cue=True,
    ),
    _phrase(
        "you know",
        "filler",
        not_after="do did don't didn't if as would could will can what how whether",
        not_before="how what that the a an it this these those about where when why who whether "
        "if him her them me us my your his their our its all everything anything something",
    ),
    _phrase(
        "i mean",
        "filler",
        not_after="what that which do did don't didn't",
        not_before="it to that this",
    ),
    _phrase("sort of", "filler", not_after=_DETERMINERS),
    _phrase("kind of", "filler", not_after=_DETERMINERS),
    _phrase("i think", "hedge", not_before="of about"),
    _phrase("i guess", "hedge"),
    _phrase("i suppose", "hedge"),
    _phrase("i believe", "hedge"),
    _phrase("i feel like", "hedge"),
    _phrase("maybe", "hedge"),
    _phrase("probably", "hedge"),
    _phrase("perhaps", "hedge"),
    _phrase("possibly", "hedge"),
    _phrase("i'm not sure", "hedge"),
    _phrase("i am not sure", "hedge", name="I'm not sure"),
    _phrase("not sure", "hedge"),
    _phrase("i don't know", "hedge"),
)
_BY_FIRST: dict[str, list[_Phrase]] = {}
for _p in sorted(PHRASES, key=lambda p: -len(p.words)):
    _BY_FIRST.setdefault(_p.words[0], []).append(_p)


@dataclass
class Pause:
    start: float  # end of the word before the pause
    end: float  # start of the word after it
    duration: float
    after: str  # the word before the pause
    before: str  # the word after it


@dataclass
class Verdict:
    metric: str  # "pace", "fillers", "hedges" or "pauses"
    status: str  # "good", "too_low", "too_high" or "unknown"
    value: float | None
    target: str
    message: str


@dataclass
class Comparison:
    metric: str
    current: float | None
    average: float | None  # the user's average over ``samples`` recent answers
    samples: int
    change: str  # "better", "worse", "same" or "unknown"
    message: str


@dataclass
class SpeechMetrics:
    word_count: int
    timed: bool  # False for typed text: then the time-based values are None
    talk_time_seconds: float | None
    speaking_time_seconds: float | None
    words_per_minute: float | None
    filler_count: int
    fillers: dict[str, int]  # each filler with its count, most frequent first
    fillers_per_100_words: float | None
    fillers_per_minute: float | None
    long_pause_count: int | None
    longest_pause_seconds: float | None
    long_pauses_per_minute: float | None
    pauses: list[Pause]  # the long pauses
    hedge_count: int
    hedges: dict[str, int]
    hedges_per_100_words: float | None
    verdicts: list[Verdict] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def verdict(self, metric: str) -> Verdict:
        return next(v for v in self.verdicts if v.metric == metric)

    def comparison(self, metric: str) -> Comparison:
        return next(c for c in self.comparisons if c.metric == metric)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Token:
    text: str
    break_after: bool  # punctuation between this token and the next (or the end)


def _canonical(token: str) -> str:
    for name, pattern in _HESITATIONS:
        if pattern.fullmatch(token):
            return name
    return token


def _tokenize(pieces: Sequence[str]) -> list[_Token]:
    """Tokens of the pieces (timed words, or one typed text) joined by spaces."""
    text = " ".join(pieces).lower().replace("\u2019", "'")
    matches = list(_TOKEN.finditer(text))
    tokens = []
    for i, m in enumerate(matches):
        gap_end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        tokens.append(_Token(_canonical(m.group()), bool(_BREAK.search(text, m.end(), gap_end))))
    return tokens


def _matches(phrase: _Phrase, tokens: list[_Token], i: int) -> bool:
    n = len(phrase.words)
    if tuple(t.text for t in tokens[i : i + n]) != phrase.words:
        return False
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + n] if i + n < len(tokens) else None
    last = tokens[i + n - 1]
    # the words joined to the phrase, with no punctuation between
    before = prev.text if prev is not None and not prev.break_after else None
    after = nxt.text if nxt is not None and not last.break_after else None
    if before in phrase.not_after:
        return False
    if after in phrase.not_before:
        return False
    if not phrase.needs_cue:
        return True
    set_off = (prev is not None and prev.break_after) or last.break_after
    cue = before in _CUES or (nxt is not None and nxt.text in HESITATIONS)
    return set_off or cue


def _find_phrases(tokens: list[_Token]) -> tuple[Counter, Counter]:
    fillers: Counter = Counter()
    hedges: Counter = Counter()
    i = 0
    while i < len(tokens):
        phrase = next(
            (p for p in _BY_FIRST.get(tokens[i].text, []) if _matches(p, tokens, i)), None
        )
        if phrase is None:
            i += 1
            continue
        (fillers if phrase.kind == "filler" else hedges)[phrase.name] += 1
        i += len(phrase.words)
    return fillers, hedges


def _ranked(counts: Counter) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _per(count: int, total: float | None, scale: float) -> float | None:
    return count / total * scale if total else None


def measure(
    transcript: Transcript | str,
    history: Sequence[SpeechMetrics | dict[str, Any]] | None = None,
    *,
    recent: int = RECENT,
) -> SpeechMetrics:
    """Measure pace, fillers, pauses and hedges of ``transcript`` (or typed text).

    See the module docstring for the definitions and target bands. With ``history`` the result
    also compares each metric with the average of the last ``recent`` earlier answers.
    """
    if isinstance(transcript, str):
        transcript = Transcript.from_text(transcript)
    words = [w for w in transcript.words if _TOKEN.search(w.word.lower().replace("\u2019", "'"))]
    notes = []
    if transcript.no_speech:
        notes.append(transcript.notice or "No speech was heard, so there is nothing to measure.")
    timed = bool(words)
    tokens = _tokenize([transcript.text])
    if timed:
        from_words = _tokenize([w.word for w in words])
        if [t.text for t in from_words] != [t.text for t in tokens]:
            tokens = from_words  # else keep the text's tokens: the same words, with punctuation
    fillers, hedges = _find_phrases(tokens)
    word_count = len(tokens)
    talk = speaking = wpm = per_minute = longest = pauses_per_minute = None
    pauses: list[Pause] = []
    if timed:
        gaps = [(a, b, max(0.0, b.start - a.end)) for a, b in itertools.pairwise(words)]
        pauses = [
            Pause(a.end, b.start, gap, a.word, b.word)
            for a, b, gap in gaps
            if gap > LONG_PAUSE_SECONDS
        ]
        talk = max(0.0, words[-1].end - words[0].start)
        speaking = max(0.0, talk - sum(p.duration for p in pauses))
        wpm = _per(word_count, speaking, 60)
        per_minute = _per(sum(fillers.values()), speaking, 60)
        longest = max((gap for _, _, gap in gaps), default=0.0)
        pauses_per_minute = _per(len(pauses), talk, 60)
    elif word_count:
        notes.append(
            "No timestamps (typed text): pace, talk time, pauses and per-minute rates need a "
            "recording."
        )
    metrics = SpeechMetrics(
        word_count=word_count,
        timed=timed,
        talk_time_seconds=talk,
        speaking_time_seconds=speaking,
        words_per_minute=wpm,
        filler_count=sum(fillers.values()),
        fillers=_ranked(fillers),
        fillers_per_100_words=_per(sum(fillers.values()), word_count, 100),
        fillers_per_minute=per_minute,
        long_pause_count=len(pauses) if timed else None,
        longest_pause_seconds=longest,
        long_pauses_per_minute=pauses_per_minute,
        pauses=pauses,
        hedge_count=sum(hedges.values()),
        hedges=_ranked(hedges),
        hedges_per_100_words=_per(sum(hedges.values()), word_count, 100),
        notes=notes,
    )
    metrics.verdicts = _verdicts(metrics)
    if history:
        metrics.comparisons = compare(metrics, history, recent=recent)
    return metrics


# --- verdicts ----------------------------------------------------------------------------

_TARGETS = {
    "pace": f"{PACE_BAND[0]:.0f} to {PACE_BAND[1]:.0f} words per minute",
    "fillers": f"under {MAX_FILLERS_PER_100:g} fillers per 100 words",
    "hedges": f"under {MAX_HEDGES_PER_100:g} hedges per 100 words",
    "pauses": "at most one long pause (over 2 s) per minute",
}


def _verdicts(m: SpeechMetrics) -> list[Verdict]:
    if m.word_count < MIN_WORDS_FOR_VERDICT:
        why = f"Too short to judge: verdicts start at {MIN_WORDS_FOR_VERDICT} words."
        if m.word_count == 0:
            why = "No speech to judge."
        return [
            Verdict(metric, "unknown", None, target, why) for metric, target in _TARGETS.items()
        ]
    return [_pace(m), _fillers(m), _hedges(m), _pauses(m)]


def _pace(m: SpeechMetrics) -> Verdict:
    target = _TARGETS["pace"]
    wpm = m.words_per_minute
    if wpm is None:
        return Verdict("pace", "unknown", None, target, "Pace needs a recording with timestamps.")
    low, high = PACE_BAND
    if wpm < low:
        return Verdict(
            "pace",
            "too_low",
            wpm,
            target,
            f"{wpm:.0f} words per minute: slower than {target}. Keep sentences moving; "
            "pause between ideas, not within them.",
        )
    if wpm > high:
        return Verdict(
            "pace",
            "too_high",
            wpm,
            target,
            f"{wpm:.0f} words per minute: faster than {target}. Slow down and let key points land.",
        )
    return Verdict("pace", "good", wpm, target, f"{wpm:.0f} words per minute: within {target}.")


def _top(counts: dict[str, int]) -> str:
    return ", ".join(f'"{name}" x{n}' for name, n in list(counts.items())[:3])


def _fillers(m: SpeechMetrics) -> Verdict:
    target = _TARGETS["fillers"]
    rate = m.fillers_per_100_words or 0.0
    if rate < MAX_FILLERS_PER_100:
        detail = f" ({_top(m.fillers)})" if m.fillers else ""
        return Verdict(
            "fillers", "good", rate, target, f"{rate:.1f} fillers per 100 words{detail}: {target}."
        )
    return Verdict(
        "fillers",
        "too_high",
        rate,
        target,
        f"{rate:.1f} fillers per 100 words ({_top(m.fillers)}): over the target of "
        f"{MAX_FILLERS_PER_100:g}. A short silent pause works better than a filler.",
    )


def _hedges(m: SpeechMetrics) -> Verdict:
    target = _TARGETS["hedges"]
    rate = m.hedges_per_100_words or 0.0
    if rate < MAX_HEDGES_PER_100:
        return Verdict(
            "hedges", "good", rate, target, f"{rate:.1f} hedges per 100 words: {target}."
        )
    return Verdict(
        "hedges",
        "too_high",
        rate,
        target,
        f"{rate:.1f} hedges per 100 words ({_top(m.hedges)}): over the target of "
        f"{MAX_HEDGES_PER_100:g}. State what you would do, then give your reason.",
    )


def _pauses(m: SpeechMetrics) -> Verdict:
    target = _TARGETS["pauses"]
    if m.long_pause_count is None or m.talk_time_seconds is None:
        return Verdict(
            "pauses", "unknown", None, target, "Pauses need a recording with timestamps."
        )
    rate = m.long_pauses_per_minute or 0.0
    allowed = max(1.0, m.talk_time_seconds / 60 * MAX_LONG_PAUSES_PER_MINUTE)
    if not m.pauses:
        return Verdict("pauses", "good", rate, target, "No long pauses.")
    longest = max(p.duration for p in m.pauses)
    plural = "s" if m.long_pause_count > 1 else ""
    counted = f"{m.long_pause_count} long pause{plural} (longest {longest:.1f} s)"
    if m.long_pause_count <= allowed:
        return Verdict("pauses", "good", rate, target, f"{counted}: within the target of {target}.")
    return Verdict(
        "pauses",
        "too_high",
        rate,
        target,
        f"{counted} in {m.talk_time_seconds / 60:.1f} minutes: more than {target}. "
        "Think out loud so the interviewer can follow you.",
    )


# --- comparison with the user's history --------------------------------------------------

_COMPARED = (
    # metric, attribute, tolerance, unit
    ("pace", "words_per_minute", 5.0, "words per minute"),
    ("fillers", "fillers_per_100_words", 0.5, "fillers per 100 words"),
    ("hedges", "hedges_per_100_words", 0.5, "hedges per 100 words"),
    ("pauses", "long_pauses_per_minute", 0.25, "long pauses per minute"),
)


def _value(entry: SpeechMetrics | dict[str, Any], attribute: str) -> float | None:
    value = entry.get(attribute) if isinstance(entry, dict) else getattr(entry, attribute, None)
    return float(value) if value is not None else None


def _off_band(wpm: float) -> float:
    low, high = PACE_BAND
    return max(0.0, low - wpm, wpm - high)


def compare(
    current: SpeechMetrics,
    history: Sequence[SpeechMetrics | dict[str, Any]],
    *,
    recent: int = RECENT,
) -> list[Comparison]:
    """Each compared metric against the average of the last ``recent`` answers that have it."""
    comparisons = []
    for metric, attribute, tolerance, unit in _COMPARED:
        earlier = [v for v in (_value(e, attribute) for e in history) if v is not None][-recent:]
        value = _value(current, attribute)
        if value is None or not earlier:
            comparisons.append(
                Comparison(metric, value, None, len(earlier), "unknown", f"No {unit} to compare.")
            )
            continue
        average = sum(earlier) / len(earlier)
        if metric == "pace":
            delta = _off_band(value) - _off_band(average)
        else:
            delta = value - average
        change = "same" if abs(delta) <= tolerance else ("better" if delta < 0 else "worse")
        answers = f"{len(earlier)} recent answer{'s' if len(earlier) > 1 else ''}"
        comparisons.append(
            Comparison(
                metric,
                value,
                average,
                len(earlier),
                change,
                f"{value:.1f} {unit} against {average:.1f} on average over your {answers}: "
                f"{change}.",
            )
        )
    return comparisons


# --- word error rate ---------------------------------------------------------------------

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _spell(number: int) -> list[str]:
    if number < 20:
        return [_ONES[number]]
    if number < 100:
        tens, ones = divmod(number, 10)
        return [_TENS[tens]] + ([_ONES[ones]] if ones else [])
    hundreds, rest = divmod(number, 100)
    return [_ONES[hundreds], "hundred"] + (_spell(rest) if rest else [])


def normalize_words(text: str) -> list[str]:
    """Words for a word error rate, normalised so that only wording differences count.

    Lowercase; curly apostrophes straightened; every character other than letters, digits and
    inner apostrophes separates words (so punctuation goes, and "brute-force" is two words);
    whole numbers 0 to 999 are spelled out ("42" is "forty two"); the hesitations um, uh, er,
    ah and hmm in any spelling are dropped (Whisper writes them only when prompted to, and the
    filler tests check them separately). Other fillers ("like", "you know") are words and stay.
    """
    words = []
    for token in _TOKEN.findall(text.lower().replace("\u2019", "'")):
        if token.isdigit() and len(token) <= 3:
            words.extend(_spell(int(token)))
        elif _canonical(token) not in HESITATIONS:
            words.append(token)
    return words


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, after ``normalize_words``.

    An empty reference gives 0.0 for an empty hypothesis and 1.0 otherwise.
    """
    ref, hyp = normalize_words(reference), normalize_words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        previous, row[0] = row[:], i
        for j, h in enumerate(hyp, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (r != h))
    return row[-1] / len(ref)
