"""A behavioral answer read as a story, sentence by sentence: who acted, how concretely, what came
of it, and what was merely claimed.

Each sentence is read for what it does, not for its labels: an action is a concrete verb in the
past with "I" as its subject (``actions``); the same with anyone else as the subject is someone
else acting (``others``); "I would…" is a hypothetical; an outcome is a change that happened
(``results``); a lesson is a reflection. Details are what a listener could check: names of
people and things, technologies, specific numbers, quoted words. Buzzwords, stock phrases and
round invented figures are noted as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ava_core.interviewer.text import SPOKEN_RUN, Text, is_run_on, spoken_sentences

# Past-tense verbs that are not "ed" forms.
_IRREGULAR_PAST = frozenset(
    """built wrote made ran took set got told led drew chose did found kept sent went brought spoke
    put gave began broke sat met split showed shown stayed dug won cut taught sought bought left
    read rewrote laid held saw caught paid spent stood understood came became moved fed shut hid
    rebuilt undid withdrew overrode upheld struck threw shook sold redid reran rethought
    oversaw said rang drove flew fought""".split()
)
# What "I" can do in the past without doing anything: states, thoughts and feelings.
_NOT_ACTIONS = frozenset(
    """was were had thought felt wanted liked loved hoped needed guessed believed knew learned learnt
    realised realized used worked tried expected assumed supposed became got seemed wished enjoyed
    preferred remembered forgot missed failed underestimated overestimated agreed disagreed
    happened managed helped supported handled""".split()
)
# Verbs that say something was done without saying what: the vocabulary of templates.
_ABSTRACT = frozenset(
    """ensured leveraged aligned facilitated drove embraced empowered fostered championed partnered
    collaborated communicated gathered iterated prioritized prioritised optimized optimised
    analyzed analysed identified implemented established scheduled researched consulted utilized
    utilised spearheaded streamlined adopted engaged synergized maximized maximised enabled
    pivoted upskilled socialised socialized""".split()
)
_BUZZ = re.compile(
    r"\b(?:synerg\w*|leverag\w*|north[- ]star|holistic\w*|robust|scalab\w*|seamless\w*|empower\w*|"
    r"stakeholders?|align(?:ed|ment|ing)?|best[- ]in[- ]class|move[ds]? the needle|moved the needle|"
    r"growth mindset|one[- ]team|silos?|cross[- ]functional|paradigms?|actionable|insights?|"
    r"data[- ]driven|customer[- ]centric|value[- ]add\w*|deliver(?:ed|ing)? value|thrive|"
    r"passionate|journey|transformation|excellence|catalyst|champion\w*|psychological safety|"
    r"fail fast|learn faster|feedback loops?|single source of truth|course[- ]correct|"
    r"operational excellence|change champion|proactive\w*|strategic\w*|impactful|world[- ]class|"
    r"iterative\w*|agile|methodolog\w*|framework|cadence|ownership mindset|radical ownership|"
    r"lean into|embrac\w*|delightful|mindset|governance|transparen\w*|open communication|"
    r"effectively|successfully|significantly|careful consideration|industry standard)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"\b(?:situation|task|action|result)\s*:", re.IGNORECASE)
# "I'd been", "I'd once said" and "I'd tried" are the past ("I had"), not what one would do.
_HAD = (r"(?!\s+(?:(?:both|all|also|already|once|just|never|ever|only|really|actually|not)\s+){0,2}"
        r"(?:been|had|said|thought|felt|heard|known|seen|done|gone|written|taken|given|broken|chosen|spoken|"
        r"driven|begun|forgotten|gotten|grown|shown|thrown|\w+[^e\W]ed|"
        + "|".join(sorted(_IRREGULAR_PAST)) + r")\b)")
_HYPOTHETICAL = re.compile(
    r"\b(?:i would|i will|i'll|i'm going to|i usually|i always|i generally|i tend to|i try to|"
    r"you should|you would|one should|we would|i (?:would|will) (?:also )?)\b(?! have\b)"
    rf"|\b(?:i'd|you'd|we'd)\b(?! have\b){_HAD}",
    re.IGNORECASE,
)
# What I got wrong, said as mine: "the cause was mine", "I had only tested it on", "I never asked".
_MY_MISTAKE = re.compile(
    r"\b(?:(?:the|that|this) (?:mistake|problem|cause|fault|error|bug|miss) was (?:mine|my own)"
    r"|(?:it|this|that) was (?:me|my (?:own )?(?:choice|code|decision|call|idea|change|script|design|query))\b"
    r"|my (?:own )?(?:mistake|fault|error|bug|assumption|oversight|miss)\b|I was wrong|I got \w+ wrong"
    r"|owned (?:it|up)|apologi[sz]ed|should have"
    r"|I (?:had |'d )?(?:never|not|didn't|did not|hadn't) (?:test|check|think|know|ask|consider|notic|realis|realiz|read"
    r"|verif|look|confirm|account)\w*"
    r"|I (?:had |'d )?only (?:tested|checked|tried)"
    r"|I (?:had |'d )?(?:forgot|missed|assumed|overlooked|underestimated|overestimated|misread|misjudged"
    r"|broke|skipped|ignored|rushed|overcommitted|picked the wrong|chose the wrong|used the wrong|threw|thrown"
    r"|tested (?:it )?only|made (?:a|the|an) (?:\w+ )?(?:mistake|error|call)|had no)\b)",
    re.IGNORECASE,
)
_LOOKING_BACK = re.compile(
    r"\b(?:differently|in hindsight|looking back|next time|if i did it again|i'd have|i would have|"
    r"should have|i learn(?:ed|t)|taught me|lesson|since then|from then on|now i|i now|i still)\b",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"\b(?:went (?:from|up|down|live)|dropped|fell|rose|grew|halved|doubled|increased|decreased|"
    r"reduced|improved|cut|saved|shipped|launched|released|delivered|finished|demoed|caught|"
    r"stopped|disappeared|adopted|signed off|approved|accepted|agreed|renewed|passed|worked|"
    r"became|ended up|in the end|eventually|as a result|since then|from then on|after that|"
    r"still uses?|started using|never needed|no longer|no downtime|no findings|found two|was fixed|"
    r"got (?:faster|better|shorter|much)|changed (?:my|his|her|their) mind|now uses?|went well|"
    r"on time|the next|the following|nobody (?:missed|complained|noticed)|stayed on|made it|"
    r"met (?:the|our|their|its) (?:deadline|date|target))\b",
    re.IGNORECASE,
)
_LOWER_I = re.compile(r"\bi\b(?!\.[a-z])(?=['\u2019]?[a-z]*[\s,.;:!?]|$)")  # not "i.e."
_WE_VERB = re.compile(r"\b[Ww]e\s+(?:(?:also|then|first|just|finally|together|all)\s+)*(?P<verb>[a-z]+)\b")
# "I, uh, basically rewrote it": spoken fillers and adverbs between "I" and the verb are skipped
_I_VERB = re.compile(
    r"\bI,?\s+(?:(?:also|then|first|just|finally|personally|quickly|immediately|deliberately|actually|"
    r"basically|simply|eventually|later|still|even|never|only|myself|directly|openly|privately|"
    r"plainly|honestly|carefully|explicitly|um|uh|er|erm|like|kinda|sorta),?\s+)*(?P<verb>[a-z]+)\b"
)
_OTHER_SUBJECT = (
    r"(?:he|she|they|the team|our team|the (?:platform|data|design|ops|sales|product|other|whole) team|"
    r"my (?:manager|lead|boss|team lead|tech lead|colleague|teammate|director|mentor|ta)|"
    r"our (?:manager|lead|ta|architect|cto|ceo|vp|director|analytics lead|team lead|principal architect)|"
    r"the (?:manager|lead|ta|architect|cto|ceo|vp|director|pm|designer|professor|consultant|contractor)|"
    r"(?-i:[A-Z][a-z]+))"
)
_OTHER_VERB = re.compile(
    rf"\b{_OTHER_SUBJECT}\s+(?:(?:also|then|just|basically|really|finally|mostly|quickly)\s+)*(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
_SCENE = re.compile(r"\s*(?:at|in|during|on|when|while|last|this|early|back|our|my)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|unless|whether|even if)\s+$", re.IGNORECASE)
_SCENE_CLAUSE = re.compile(r"\b(?:when|before|since|until|by the time|as soon as)\s+$", re.IGNORECASE)
_TO = re.compile(r"\s+to\b")
# "Every couple of weeks we'd go for a walk and I'd ask her...": what used to happen, in a past story
_HABIT = re.compile(
    r"\b(?:every|each)\s+(?:\w+\s+){0,2}(?:days?|weeks?|mornings?|evenings?|times?|sprints?|months?|standups?|"
    r"releases?|mondays?|fridays?)\b|\bwhenever\b|\bweekly\b|\bdaily\b",
    re.IGNORECASE,
)
_WOULD_VERB = re.compile(r"\bI(?:'d|\s+would)\s+(?:(?:also|then|just|usually|always|often|sometimes)\s+)*(?P<verb>[a-z]+)\b")
_JOINED_VERB = re.compile(r"(?:\band|\bthen|,)\s+(?:(?:and|then)\s+)*([a-z]+)\b")
# A clause whose subject is a noun phrase about other people: "another data scientist retrained".
_OTHER_PHRASE = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|then|but|so|who|which)\s+)(?:the|our|my|another|a|his|her|their)\s+"
    r"(?:[a-z]+\s+){0,3}(?:team|lead|manager|engineers?|scientists?|architect|designer|analyst|pm|"
    r"director|vp|cto|ceo|head of \w+|group|department|ta|professor|colleague|teammate|developers?|"
    r"people|folks|consultants?)\s+(?:then\s+|also\s+)?(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
_ROUND_FIGURE = re.compile(r"\b(?:[1-9]0|[1-9]5|100)\s*(?:%|percent\b)|\b(?:10|[2-9])x\b", re.IGNORECASE)
_NUMBER = re.compile(
    r"\b\d[\d,.]*\s*(?:%|percent\b|ms\b|[kmb]b\b|x\b)?|\b(?:one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|million|half|"
    r"a fifth|a third|a quarter)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“]([^\"”]{3,80})[\"”]")
_PROPER = re.compile(r"(?<![.!?:]\s)(?<!^)(?<![\"“])\b[A-Z][a-zA-Z0-9]+\b")
_NOT_NAMES = frozenset(
    """I I'm I'd I've I'll Situation Task Action Result Then Now After Before Once When Rather What The
    So And But Because Also Our My We It This That There Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October November
    December Agile""".split()
)
# Vague or unsure wording ("honestly" and "I remember" are how people talk, not vagueness)
_HEDGE = re.compile(
    r"\b(?:i guess|i think|kind of|sort of|i believe|basically|pretty much|"
    r"some of|a lot of|lots of|a bunch|whole thing|and stuff|or something|things like that|"
    r"it's still something|which is normal)\b",
    re.IGNORECASE,
)


@dataclass
class Story:
    """What a behavioral answer holds, sentence by sentence."""

    text: Text
    sentences: list[str]
    actions: list[str] = field(default_factory=list)  # sentences where I did something concrete
    action_verbs: list[str] = field(default_factory=list)  # each concrete thing I did
    abstract: list[str] = field(default_factory=list)  # "I ensured / aligned / leveraged..."
    others: list[str] = field(default_factory=list)  # someone else did something
    other_verbs: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)  # sentences where "we", not I, did something
    shared_verbs: list[str] = field(default_factory=list)  # what "we" did
    before_mine: list[str] = field(default_factory=list)  # what others did before my last step
    hypothetical: list[str] = field(default_factory=list)  # once for each "I would" in it
    results: list[str] = field(default_factory=list)
    reflection: list[str] = field(default_factory=list)
    situation: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # names, technologies, numbers, quotes
    buzz: list[str] = field(default_factory=list)
    round_figures: list[str] = field(default_factory=list)
    labels: int = 0
    hedges: int = 0
    stops: int = 0  # sentences as written: a transcript without stops has few, whatever its length
    mistakes: list[str] = field(default_factory=list)  # sentences saying what I got wrong

    @property
    def words(self) -> int:
        return self.text.word_count

    @property
    def past_story(self) -> bool:
        """Told as something that happened, not as what one would do."""
        return len(self.actions) + len(self.others) + len(self.results) > len(self.hypothetical)


def _is_past(verb: str) -> bool:
    return verb.endswith("ed") or verb in _IRREGULAR_PAST


# What "I" can say in the present without telling what happened next: states, modals, habits.
_NOT_PRESENT = frozenset(
    """am are is have has think believe guess know feel like love want need hope mean can could will
    would should must may might do does don didn won wasn isn doesn usually always just really
    get try tend prefer agree disagree remember realise realize wonder wish enjoy seem say
    the and but not now then there this that these those what which who when where why how all each
    every one two some any our their his her its she him them they you your was were for from with
    into onto over under after before about also so because if or as it to of in on at by he she we i me my""".split()
)


def _did(verb: str, present: bool = False) -> bool:
    """Whether ``verb`` after a subject tells of something done: a past action, or, in a story told in
    the present, a present one."""
    return (_is_past(verb) or present and _present_action(verb)) and verb not in _NOT_ACTIONS


def _done_concretely(verb: str, present: bool = False) -> bool:
    """Something done that a listener can picture: not "ensured", "aligned", "leveraged"."""
    return _did(verb, present) and verb not in _ABSTRACT


def _present_action(verb: str) -> bool:
    return (len(verb) > 1 and verb not in _NOT_PRESENT and verb not in _NOT_ACTIONS and verb not in _ABSTRACT
            and not verb.endswith(("ly", "ing")) and not _is_past(verb))


def _told_in_present(sentences: list[str]) -> bool:
    """A story told in the present ("I go to the unit and watch two shifts. I propose a snooze"), as
    many people tell one, and as many speakers of other languages do: two or more present verbs after "I", and no
    fewer than past ones ("I'm looking at the list and I notice... so I pull the logs")."""
    verbs = [m.group("verb").lower() for s in sentences if not _HYPOTHETICAL.search(s) for m in _I_VERB.finditer(s)]
    present = sum(map(_present_action, verbs))
    return present >= 2 and present >= sum(_is_past(v) for v in verbs)


def _past_action_before(body: str, end: int) -> bool:
    """Whether "I" did something before ``end`` ("if I did disagree" is not doing it)."""
    return any(_did(m.group("verb").lower()) and not _CONDITION.search(body, 0, m.start())
               for m in _I_VERB.finditer(body, 0, end))


def as_written(raw: str) -> str:
    """The answer with "i" as "I": typed or transcribed in lower case, "i fixed it" is still told by me."""
    return _LOWER_I.sub("I", raw)


def read_story(raw: str) -> Story:
    t = Text(as_written(raw))
    spoken = is_run_on(t.raw)  # a transcript without stops: cut where the speaker paused
    sentences = [s.strip() for whole in t.sentences()
                 for s in (spoken_sentences(whole) if spoken or len(whole.split()) > SPOKEN_RUN else [whole]) if s.strip()]
    story = Story(t, sentences, labels=len(_LABEL.findall(t.raw)), hedges=len(_HEDGE.findall(t.raw)),
                  stops=len(t.spans))
    theirs: list[tuple[int, str]] = []  # (sentence, verb) for what others did
    present = _told_in_present(sentences)
    stated = [s for s in sentences if not _HYPOTHETICAL.search(s)]
    past_told = sum(_is_past(m.group("verb").lower()) for s in stated for rx in (_I_VERB, _WE_VERB, _OTHER_VERB)
                    for m in rx.finditer(s)) >= 2
    last_mine = -1
    for i, sentence in enumerate(sentences):
        body = _LABEL.sub("", sentence)
        would = _HYPOTHETICAL.search(body)
        # "I wrote my manager a note saying I would stop in two weeks": a plan reported in the past
        reported = would and _past_action_before(body, would.start())
        habit = would and past_told and _HABIT.search(body)
        if would and not reported and not habit and not _LOOKING_BACK.search(body):
            story.hypothetical += [sentence] * len(_HYPOTHETICAL.findall(body))
            continue
        # "When I joined, ..." sets the scene; it is not something I did about the question
        mine = [m for m in _I_VERB.finditer(body) if not _SCENE_CLAUSE.search(body, 0, m.start())]
        verbs = [m.group("verb").lower() for m in mine]
        # "I tried a masked autoencoder" is doing it; "I tried to..." is only an attempt
        concrete = [v for v, m in zip(verbs, mine) if _done_concretely(v, present)
                    or (v == "tried" and not _TO.match(body, m.end()))]
        if habit:
            concrete += [v for m in _WOULD_VERB.finditer(body) if _present_action(v := m.group("verb").lower())]
        if concrete:
            # "I redid it and walked her through it": the verbs joined to mine are mine too
            joined = [v.lower() for v in _JOINED_VERB.findall(body)]
            concrete += [v for v in joined if _done_concretely(v, present) and v not in concrete]
            story.actions.append(sentence)
            story.action_verbs += concrete
            last_mine = i
        elif any(v in _ABSTRACT for v in verbs) or re.search(r"\bI made sure\b|\bI kept in touch\b", body):
            story.abstract.append(sentence)
        others = [*(m for m in _OTHER_VERB.finditer(body) if m.group(0).split()[0] not in _NOT_NAMES),
                  *_OTHER_PHRASE.finditer(body)]
        done = [m.group("verb").lower() for m in others]
        done = [v for v in done if _did(v)]
        if done:
            story.others.append(sentence)
            story.other_verbs += done
            theirs += [(i, v) for v in done]
        shared = [v for m in _WE_VERB.finditer(body) if _done_concretely(v := m.group("verb").lower())]
        if shared and sentence not in story.actions:
            story.shared.append(sentence)
        story.shared_verbs += shared
        if _MY_MISTAKE.search(body):
            story.mistakes.append(sentence)
        if _LOOKING_BACK.search(body):
            story.reflection.append(sentence)
        elif _OUTCOME.search(body) and i >= len(sentences) // 3:
            story.results.append(sentence)
        if i == 0 and _sets_scene(body, concrete):
            story.situation.append(sentence)
    # what others did after my last step answers it ("she found it herself", "he changed his mind")
    story.before_mine = [v for i, v in theirs if i < last_mine] if last_mine >= 0 else list(story.other_verbs)
    story.buzz = [m.group(0).lower() for m in _BUZZ.finditer(t.raw)]
    story.round_figures = [m.group(0) for m in _ROUND_FIGURE.finditer(t.raw)]
    # what a listener could check about what was done and what came of it, not the background
    told = set(story.situation + story.actions + story.results + story.reflection + story.others)
    story.details = _details(" ".join(s for s in sentences if s in told))
    return story


# What moves a story forward: when others did more of it than I did, the story is theirs.
_DECISIVE = frozenset(
    """decided designed presented convinced persuaded resolved fixed found paired proposed negotiated
    led took ran made set chose wrote built rewrote explained showed taught reproduced changed
    rebuilt replaced removed deleted added measured tested profiled traced migrated moved
    refunded called phoned""".split()
)


def handed_off(story: Story) -> bool:
    """Someone else took the decisive steps: "I mentioned it to our lead; she decided, designed and
    presented the plan" (my part was to raise, share and join)."""
    theirs = sum(v in _DECISIVE for v in story.before_mine)
    return theirs >= 2 and theirs > sum(v in _DECISIVE for v in story.action_verbs)


def _sets_scene(sentence: str, my_actions: list[str]) -> bool:
    """An opening that says where and when, or what the state of things was, in enough words to
    picture it ("We did some work and it went fine" does not)."""
    if _SCENE.match(sentence):
        return True
    words = sentence.split()
    past = any(_is_past(w.lower().strip(",.;:")) for w in words)
    return not my_actions and past and (len(words) >= 10 or bool(_details(sentence)))


def _details(raw: str) -> list[str]:
    """What a listener could check: named people and things, specific numbers, quoted words."""
    found: dict[str, None] = {}
    for m in _PROPER.finditer(raw):
        if m.group(0) not in _NOT_NAMES:
            found[m.group(0)] = None
    for m in _NUMBER.finditer(raw):
        figure = m.group(0).strip()
        if not _ROUND_FIGURE.fullmatch(figure):
            found[figure.lower()] = None
    for m in _QUOTED.finditer(raw):
        found[m.group(1)] = None
    return list(found)
