"""What a behavioral question asks about, and whether an answer talks about it.

Each competency has the words that mark a question about it, and the words (stems, matched at
the start of a word) an answer about it tends to use: an answer about a disagreement talks of
views, pushing back and agreeing; one about a mistake says what was wrong. A question is about
the competencies its words mark (the bank's own competencies when it has them); an answer that
uses none of their words is about something else.
"""

from __future__ import annotations

import re
from functools import cache

from ava_core.interviewer.text import content_stems

# competency: (what marks a question about it, what an answer about it says)
COMPETENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "leadership": (
        ("lead", "led ", "coordinat", "in charge", "took charge", "take charge", "on track", "rally", "first time you",
         "organis", "organiz", "directing", "run it"),
        ("split", "assign", "owned", "own ", "check-in", "call", "meeting", "demo", "rule", "plan",
         "set up", "paired", "took over", "scope", "deadline", "each person", "everyone", "team",
         "took the lead", "took charge", "each of them", "stable", "review", "each department", "each group",
         "every two weeks", "every week", "weekly", "progress", "objectives", "priorities"),
    ),
    "conflict": (
        ("disagree", "conflict", "push back", "pushed back", "tension", "argument", "clash", "difficult colleague",
         "incompatible", "different things", "get settled", "got settled", "different views"),
        ("disagre", "argu", "point was", "view", "position", "wanted", "pushed back", "push back",
         "compromis", "agreed", "convinc", "her plan", "his plan", "their plan", "objection",
         "debate", "tension", "fair", "prove", "proof", "settle"),
    ),
    "failure": (
        ("wrong", "mistake", "fail", "went badly", "did not go", "didn't go", "missed", "regret", "error",
         "broke for", "fell over"),
        ("wrong", "mistake", "my fault", "fault", "flawed", "error", "bug", "broke", "missed", "should have",
         "overestimat", "underestimat", "leak", "cause was", "caused", "apolog", "owned up", "told my manager",
         "noise", "incorrect", "didn't check", "did not check", "forgot", "late"),
    ),
    "ambiguity": (
        ("unclear", "ambigu", "vague", "kept changing", "changing", "didn't know", "no clear", "undefined",
         "incompatible", "nobody had decided", "could work at all"),
        ("meant", "mean", "definition", "defin", "unclear", "agree", "asked", "ask ", "assum", "option",
         "draft", "first version", "prototype", "vague", "changing", "kept changing", "what they wanted",
         "what she wanted", "what he wanted", "nobody knew", "interview", "real question", "sign",
         "whether", "not sure", "keep going", "stop", "turned out", "barely", "unknown", "change their mind",
         "changed their mind", "open question", "small pieces", "showed them", "guess"),
    ),
    "ownership": (
        ("anyone's job", "nobody's job", "nobody owned", "ownership", "took it on", "on your own", "beyond",
         "initiative", "did not own", "didn't own", "not yours", "your job", "wasn't your", "why you",
         "wasn't strictly", "without being asked", "nobody had asked", "took something on"),
        ("nobody", "no one", "took it on", "took on", "own time", "myself", "volunteer", "stepped",
         "responsib", "without being asked", "decided to", "offered",
         "wasn't my", "not my", "belongs to", "owned by", "another team", "their team", "their lead",
         "other team", "not just theirs"),
    ),
    "teamwork": (
        ("collaborat", "teamwork", "work with", "worked with", "designer", "across", "together", "cross",
         "teammate", "helped a", "stuck", "overloaded", "discipline", "working closely"),
        ("together", "asked her", "asked him", "asked them", "joined", "sat in", "paired", "review",
         "handoff", "hand off", "shared", "with her", "with him", "with them", "their", "each other",
         "designer", "scientist", "colleague", "teammate", "partner", "analyst", "product manager",
         "questions", "answered"),
    ),
    "impact": (
        ("impact", "improv", "cut ", "reduc", "where to focus", "latency", "faster", "grew", "increase",
         "more people than", "ended up helping"),
        ("measur", "trace", "tracing", "profil", "slowest", "found", "bottleneck", "went from", "dropped",
         "cut", "reduc", "improv", "batch", "cache", "faster", "most of the time", "biggest",
         "asked for it", "other team", "teams", "began using", "started using", "installable", "adopted"),
    ),
    "learning": (
        ("learn", "new to", "unfamiliar", "pick up", "never used", "ramp up", "teach yourself", "critical feedback",
         "criticism", "hard to hear", "used it before", "productive in", "got productive", "get productive"),
        ("learn", "read", "course", "tutorial", "documentation", "docs", "practis", "practic", "tried",
         "small", "first", "asked", "mentor", "example", "built a", "toy", "spike"),
    ),
    "communication": (
        ("explain", "non-technical", "without a technical", "present", "communicat", "understood", "audience",
         "the news", "bad news", "tell your manager", "going badly", "outside engineering", "tell people",
         "going on"),
        ("explain", "example", "analogy", "chart", "picture", "plain", "showed", "walked", "asked them",
         "question", "understood", "jargon", "one page", "summary", "demo", "simple",
         "told", "in person", "wrote it down", "options", "news", "heads-up", "warned", "early",
         "message", "email", "sent"),
    ),
    "prioritization": (
        ("priorit", "what to do first", "decide what", "competing", "had to wait", "too many", "trade-off",
         "how much to invest", "under pressure", "make the case", "debt", "not everything", "what made it",
         "what waited", "could go out"),
        ("first", "order", "cost", "delay", "urgent", "wait", "later", "deadline", "impact", "worse",
         "trade", "instead", "queue", "told", "explained", "slack", "workaround",
         "asked for", "own time", "ship", "pressure", "racing", "enough", "sort", "triag", "the rest",
         "everyone else", "most important", "critical"),
    ),
    "influence": (
        ("persuad", "convinc", "influence", "adopt", "buy-in", "get them to", "change their mind", "change the mind",
         "someone senior", "report to you", "change how they", "start using", "nobody was making"),
        ("convinc", "persuad", "showed", "demo", "data", "evidence", "proposal", "prototype", "trial",
         "pilot", "asked", "objection", "concern", "agreed", "adopt", "won over", "sceptic", "skeptic",
         "said yes", "started using", "settled on", "himself", "herself", "themselves", "leaning",
         "not for him", "not for her", "pushback", "measure", "side by side", "the default", "enough for me",
         "opinion", "against it"),
    ),
    "customer-focus": (
        ("customer", "user", "client", "complain", "who used", "serving", "actually needed", "actually used",
         "people using", "what they asked for", "people who use"),
        ("customer", "user", "client", "complain", "feedback", "support", "ticket", "call", "interview",
         "watched", "asked"),
    ),
    "adaptability": (
        ("adapt", "adjust", "not keen", "plan changed", "requirements changed", "changed something", "cancelled",
         "new process", "reorg", "pivot", "switch", "stopped fitting", "used to work", "no longer", "fell apart"),
        ("not keen", "against", "resist", "reluctan", "sceptic", "skeptic", "complain", "changed my mind",
         "prefer", "adapt", "got used", "objection", "overruled", "didn't want", "did not want", "worried",
         "not my choice", "wasn't my choice", "decided to", "instead of fighting", "liked",
         "annoyed", "frustrat", "stopped", "rebuilt", "redesign", "new plan", "replan", "re-plan", "move",
         "disappoint", "never did", "never done", "learn", "stop", "new lead", "new team", "handed over",
         "left behind", "missed"),
    ),
    "mentoring": (
        ("mentor", "junior", "coach", "onboard", "new hire", "intern", "grow", "struggling", "review rounds",
         "losing confidence", "on their own", "graduate", "up to speed"),
        ("mentor", "junior", "pair", "review", "explain", "taught", "showed", "ask", "question", "intern",
         "new hire", "onboard", "feedback", "first"),
    ),
    "decision-making": (
        ("decide", "decision", "options", "choice", "choose", "chose", "reverse"),
        ("option", "versus", " vs", "compar", "chose", "choice", "decid", "trade", "cost", "test",
         "spike", "benchmark", "criteria", "requirement", "ruled out", "rather than", "instead",
         "called the", "made the call", "my call", "risk", "went with", "go with", "weigh", "recommend", "worse"),
    ),
}


def _starts(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(rf"\b{re.escape(w.strip())}" for w in words), re.IGNORECASE)


@cache
def _patterns(competency: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    asks, says = COMPETENCIES[competency]
    return _starts(asks), _starts(says)


def _without_quote(question: str) -> str:
    """A generated question quotes the resume ("You wrote '…'"): the quote is not the ask."""
    return re.sub(r"(?<!\w)'(?:[^']|'(?=\w)){8,}?'(?!\w)|\"[^\"]{8,}\"", " ", question)  # "farmer's" stays inside


def asked_about(question: str, known: list[str] | None = None) -> list[str]:
    """The competencies a question asks about: ``known`` when the bank says, else its words'."""
    if known:
        return [c for c in known if c in COMPETENCIES]
    ask = _without_quote(question)
    hits = {c: len(_patterns(c)[0].findall(ask)) for c in COMPETENCIES}
    best = max(hits.values())
    return [c for c, n in hits.items() if n and n == best]


def addressed(answer: str, competencies: list[str]) -> list[str]:
    """The words of ``answer`` that speak to any of ``competencies``."""
    found: dict[str, None] = {}
    for c in competencies:
        for m in _patterns(c)[1].finditer(answer):
            found[m.group(0).lower().strip()] = None
    return list(found)


# Words any behavioral question uses: sharing them says nothing.
_ASKING = frozenset(
    """tell time describe example situation when what how why did you your that this with about
    happened walk through give share talk first project wrote""".split()
)


def on_question(answer: str, question: str) -> list[str]:
    """The question's own content words (stems, the resume quote aside) the answer uses."""
    asked = content_stems(_without_quote(question)) - _ASKING
    return sorted(asked & content_stems(answer))


# "The hardest part of that project was the build itself": an answer that opens on a topic of its own
# choosing, the prepared story, in place of the situation the question asks about.
_OWN_TOPIC = re.compile(
    r"\b(?:the|my)\s+(?:\w+\s+)?(?:hardest|biggest|toughest|trickiest|proudest|main challenge|"
    r"most (?:\w+ )?(?:demanding|difficult|interesting|stressful|challenging|rewarding))\b"
    r"|\bwhat i'?m (?:most )?proud(?:est)? of\b|\bthe (?:part|thing) i'?m (?:most )?proud(?:est)? of\b",
    re.IGNORECASE,
)
_ASKS_SUPERLATIVE = re.compile(r"\b(?:hardest|biggest|toughest|most|proud\w*|challeng\w*|difficult|best)\b",
                               re.IGNORECASE)


def own_topic(answer_opening: str, question: str) -> str | None:
    """The opening that swaps the question's situation for one the candidate picked ("The hardest
    problem I solved there was..."), unless the question itself asks for the hardest or proudest."""
    if _ASKS_SUPERLATIVE.search(_without_quote(question)):
        return None
    m = _OWN_TOPIC.search(answer_opening)
    if m is None or re.match(r"[^,;]*\b(?:wasn't|isn't|was not|is not)\b", answer_opening[m.end():]):
        return None  # "The hardest part wasn't the technology, it was..." turns to the question
    return answer_opening
