"""What a behavioral question asks about, and whether an answer talks about it.

Each competency has the words that mark a question about it, and the words (stems, matched at
the start of a word) an answer about it tends to use: an answer about a disagreement talks of
views, pushing back and agreeing; one about a mistake says what was wrong. A question is about
the competencies its words mark (the bank's own competencies when it has them). A question that
marks none, asked in words of its own, is read by the question reader: the competency whose
questions (some 1,100, each with its competency known) its words are nearest, when near enough
to be a clear ask. An answer that uses none of a competency's words is about something else.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ava_core.interviewer.offline.themes import ThemeReader, load_corpus
from ava_core.interviewer.text import content_stems

ASKS = Path(__file__).resolve().parent.parent.parent / "data" / "asks"
CLEAR_ASK = 0.2  # at least this near a competency's questions, a question asks about it; "Why us?" is about 0.1

# competency: (what marks a question about it, what an answer about it says)
COMPETENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "leadership": (
        ("lead", "led ", "coordinat", "in charge", "took charge", "take charge", "on track", "rally", "first time you",
         "organis", "organiz", "directing", "run it",
         "team you were running", "team you ran", "at the helm", "accountable for a goal", "people reporting to you",
         "motivat", "guide a team", "kicked off", "direct those", "same direction", "behind that goal", "steer",
         "took over that team", "took over the team", "hold a team together", "hold the team together", "crews"),
        ("split", "assign", "owned", "own ", "check-in", "call", "meeting", "demo", "rule", "plan",
         "set up", "paired", "took over", "scope", "deadline", "each person", "everyone", "team",
         "took the lead", "took charge", "each of them", "stable", "review", "each department", "each group",
         "every two weeks", "every week", "weekly", "progress", "objectives", "priorities"),
    ),
    "conflict": (
        ("disagree", "conflict", "push back", "pushed back", "tension", "argument", "clash", "difficult colleague",
         "incompatible", "different things", "get settled", "got settled", "different views",
         "friction", "get along", "falling-out", "falling out", "undermin", "grated", "very differently",
         "opposite things", "can't stand", "to their face", "dispute", "run-in", "smoothed it over", "rejected your",
         "at odds", "butted heads", "butt heads", "locked horns", "tense"),
        ("disagre", "argu", "point was", "view", "position", "wanted", "pushed back", "push back",
         "compromis", "agreed", "convinc", "her plan", "his plan", "their plan", "objection",
         "debate", "tension", "fair", "prove", "proof", "settle"),
    ),
    "failure": (
        ("wrong", "mistake", "fail", "went badly", "did not go", "didn't go", "missed", "regret", "error",
         "broke for", "fell over",
         "dropped the ball", "overconfiden", "came back to bite", "underestimat", "setback", "you caused",
         "caused yourself", "completely differently", "ruined", "hated", "backfired", "let a colleague",
         "let someone down", "let people down", "let them down", "let your", "didn't get done"),
        ("wrong", "mistake", "my fault", "fault", "flawed", "error", "bug", "broke", "missed", "should have",
         "overestimat", "underestimat", "leak", "cause was", "caused", "apolog", "owned up", "told my manager",
         "noise", "incorrect", "didn't check", "did not check", "forgot", "late"),
    ),
    "ambiguity": (
        ("unclear", "ambigu", "vague", "kept changing", "changing", "didn't know", "no clear", "undefined",
         "incompatible", "nobody had decided", "could work at all",
         "fog", "definition of done", "no instructions", "poorly defined", "messy", "bearings", "had defined",
         "defined what", "tell you exactly", "still unknown", "open-ended", "nothing else to go on",
         "nothing to go on", "no rulebook", "no precedent", "can't describe what", "no written requirements",
         "nothing to benchmark", "up in the air", "done it before", "even needed", "loose idea", "still in draft",
         "weren't finished", "no template", "pin down", "no playbook", "no one to ask", "nobody to ask"),
        ("meant", "mean", "definition", "defin", "unclear", "agree", "asked", "ask ", "assum", "option",
         "draft", "first version", "prototype", "vague", "changing", "kept changing", "what they wanted",
         "what she wanted", "what he wanted", "nobody knew", "interview", "real question", "sign",
         "whether", "not sure", "keep going", "stop", "turned out", "barely", "unknown", "change their mind",
         "changed their mind", "open question", "small pieces", "showed them", "guess"),
    ),
    "ownership": (
        ("anyone's job", "nobody's job", "nobody owned", "ownership", "took it on", "on your own", "beyond",
         "initiative", "did not own", "didn't own", "not yours", "your job", "wasn't your", "why you",
         "wasn't strictly", "without being asked", "nobody had asked", "took something on",
         "fell between", "upon yourself", "root cause", "covered a duty", "sat with another", "were your own",
         "volunteered", "unglamorous", "was avoiding", "were avoiding", "took responsibility", "picked it up",
         "whose job", "in your brief", "in your remit", "outside a", "outside your", "chase it", "on top of your",
         "who asked you", "on your list", "stuck with a problem"),
        ("nobody", "no one", "took it on", "took on", "own time", "myself", "volunteer", "stepped",
         "responsib", "without being asked", "decided to", "offered",
         "wasn't my", "not my", "belongs to", "owned by", "another team", "their team", "their lead",
         "other team", "not just theirs"),
    ),
    "teamwork": (
        ("collaborat", "teamwork", "work with", "worked with", "designer", "across", "together", "cross",
         "teammate", "helped a", "stuck", "overloaded", "discipline", "working closely",
         "different functions", "piece of the puzzle", "part of a team", "shared credit", "joint project",
         "another department", "pulling your weight", "group project", "rely on other people", "group's result",
         "worked closely", "none of you could", "with other people", "shared goal", "of you divide",
         "divide the work", "cover for each other", "work alongside", "share the work", "best group"),
        ("together", "asked her", "asked him", "asked them", "joined", "sat in", "paired", "review",
         "handoff", "hand off", "shared", "with her", "with him", "with them", "their", "each other",
         "designer", "scientist", "colleague", "teammate", "partner", "analyst", "product manager",
         "questions", "answered"),
    ),
    "impact": (
        ("impact", "improv", "cut ", "reduc", "where to focus", "latency", "faster", "grew", "increase",
         "more people than", "ended up helping",
         "paid off", "quantify", "value you added", "contribution", "put numbers to", "before and after",
         "before to after", "have been different", "still in use", "proof", "made a difference", "mattered",
         "came from your", "down to you", "your doing", "evidence", "worth in money", "saved", "moved a metric",
         "separate your part", "was different for", "evaluated", "business change"),
        ("measur", "trace", "tracing", "profil", "slowest", "found", "bottleneck", "went from", "dropped",
         "cut", "reduc", "improv", "batch", "cache", "faster", "most of the time", "biggest",
         "asked for it", "other team", "teams", "began using", "started using", "installable", "adopted",
         "a/b", "control", "metric", "baseline"),
    ),
    "learning": (
        ("learn", "new to", "unfamiliar", "pick up", "never used", "ramp up", "teach yourself", "critical feedback",
         "criticism", "hard to hear", "used it before", "productive in", "got productive", "get productive",
         "gap in your knowledge", "beginner", "teaching yourself", "skills current", "asked for feedback", "studied",
         "study", "get good at", "expertise", "up to that standard", "professional standard", "new language",
         "switch in skills", "course, book"),
        ("learn", "read", "course", "tutorial", "documentation", "docs", "practis", "practic", "tried",
         "small", "first", "asked", "mentor", "example", "built a", "toy", "spike"),
    ),
    "communication": (
        ("explain", "non-technical", "without a technical", "present", "communicat", "understood", "audience",
         "the news", "bad news", "tell your manager", "going badly", "outside engineering", "tell people",
         "going on",
         "updates", "sum up", "in front of", "in the loop", "misunderstand", "go-between", "technical languages",
         "memo", "email", "the message", "pitch the", "huddle", "give instructions", "across to", "reach the",
         "reach staff", "information reach", "information accurate"),
        ("explain", "example", "analogy", "chart", "picture", "plain", "showed", "walked", "asked them",
         "question", "understood", "jargon", "one page", "summary", "demo", "simple",
         "told", "in person", "wrote it down", "options", "news", "heads-up", "warned", "early",
         "message", "email", "sent"),
    ),
    "prioritization": (
        ("priorit", "what to do first", "decide what", "competing", "had to wait", "too many", "trade-off",
         "how much to invest", "under pressure", "make the case", "debt", "not everything", "what made it",
         "what waited", "could go out",
         "oversubscribed", "let slide", "not to do", "drop something", "make room", "more important",
         "long-term projects against", "day-to-day demands", "more work than", "came first", "fill first",
         "said no to", "mattered more", "all important", "do first", "deadlines were landing", "top of the list",
         "most pressing", "whose came first", "triage", "both need doing", "work on next", "features went",
         "money should go", "order your", "limited budget"),
        ("first", "order", "cost", "delay", "urgent", "wait", "later", "deadline", "impact", "worse",
         "trade", "instead", "queue", "told", "explained", "slack", "workaround",
         "asked for", "own time", "ship", "pressure", "racing", "enough", "sort", "triag", "the rest",
         "everyone else", "most important", "critical"),
    ),
    "influence": (
        ("persuad", "convinc", "influence", "adopt", "buy-in", "get them to", "change their mind", "change the mind",
         "someone senior", "report to you", "change how they", "start using", "nobody was making",
         "come round", "coalition", "cooperation", "backing", "win someone over", "won over", "win over", "on board",
         "bring them round", "bring them along", "brought round", "to your side", "to back the", "answer to you",
         "accept terms", "first rejected", "buyer's mind", "couldn't order", "sell an idea", "lobb", "sway",
         "overturn", "built a case", "build a case"),
        ("convinc", "persuad", "showed", "demo", "data", "evidence", "proposal", "prototype", "trial",
         "pilot", "asked", "objection", "concern", "agreed", "adopt", "won over", "sceptic", "skeptic",
         "said yes", "started using", "settled on", "himself", "herself", "themselves", "leaning",
         "not for him", "not for her", "pushback", "measure", "side by side", "the default", "enough for me",
         "opinion", "against it"),
    ),
    "customer-focus": (
        ("customer", "user", "client", "complain", "who used", "serving", "actually needed", "actually used",
         "people using", "what they asked for", "people who use",
         "guest", "patron", "people you serve", "people you served", "patients", "residents wanted", "homeowner",
         "angry about", "satisfied"),
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
         "losing confidence", "on their own", "graduate", "up to speed",
         "trainee", "less experienced", "newer than you", "taught someone", "starting out", "helped develop",
         "student", "at risk of not passing", "prepare them", "who struggled", "helped through",
         "took longer to get", "get them ready", "young person"),
        ("mentor", "junior", "pair", "review", "explain", "taught", "showed", "ask", "question", "intern",
         "new hire", "onboard", "feedback", "first"),
    ),
    "decision-making": (
        ("decide", "decision", "options", "choice", "choose", "chose", "reverse",
         "speed and thoroughness", "pick between", "make a call", "made that call", "judgement call",
         "judgment call", "weigh", "alternatives", "base that", "go with", "go ahead with", "partial data",
         "rather than wait", "course of action", "calling it", "gut"),
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


def asked_about(question: str, known: list[str] | None = None, *, read: bool = True) -> list[str]:
    """The competencies a question asks about: ``known`` when the bank says, else its words', else (when
    ``read``) the question reader's nearest, if near enough."""
    if known:
        return [c for c in known if c in COMPETENCIES]
    ask = _without_quote(question)
    hits = {c: len(_patterns(c)[0].findall(ask)) for c in COMPETENCIES}
    best = max(hits.values())
    if best or not read:
        return [c for c, n in hits.items() if n and n == best]
    nearness = question_reader().nearness(ask)
    nearest = max(nearness, key=lambda c: nearness[c])
    return [nearest] if nearness[nearest] >= CLEAR_ASK else []


@cache
def question_reader() -> ThemeReader:
    """Questions whose competency is known: the asks written for this reader (``ava_core/data/asks/``,
    apart from the labelled pairs) and the bank's behavioral questions, each under its first competency."""
    from ava_core.questions import load_bank

    asks = load_corpus(ASKS, "asks")
    for q in load_bank().behavioral:
        asks[q.competencies[0]].append(" ".join(q.text.split()))
    return ThemeReader.train({c: [_without_quote(q) for q in texts] for c, texts in asks.items()})


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
