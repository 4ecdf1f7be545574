"""A behavioral answer: its STAR parts, specificity, ownership, relevance and reflection, and
what it lacks, weakest first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ava_core.interviewer.delivery import communication_score
from ava_core.interviewer.offline.resume_questions import (
    mentions_subject,
    question_subject,
)
from ava_core.interviewer.offline.scoring import (
    cite,
    evidence_list,
    scale,
    whole_answer,
)
from ava_core.interviewer.results import AnswerFeedback, Criterion, StarPart
from ava_core.interviewer.text import Text, alt, content_stems, keywords
from ava_core.interviewer.wording import IMPROVEMENTS
from ava_core.sentences import join_words as _join
from ava_core.vocabulary import STAR_PARTS

if TYPE_CHECKING:
    from ava_core.interviewer.delivery import Delivery
    from ava_core.questions import BehavioralQuestion

_SITUATION = alt(
    r"\b(at|in|during|on) (my |our |the |a |an )?(last |previous |first |current |old |new )?"
    r"(job|role|company|team|internship|startup|project|hackathon|school|college|university|sprint|tool|app)\b",
    r"\bat [A-Z][A-Za-z]+", r"\b(last|this|one) (year|month|quarter|summer|semester)\b",
    r"\bwhen i was\b", r"\bsituation\b", r"\bthere (was|were)\b", r"\bwe had\b",
    r"\bour (new )?(team|app|service|deploys?|product|system|code|group|feature|project|client|"
    r"customer|release|launch|database|api|pipeline|website)\b",
    r"\bmy (teammate|manager|lead|tech lead|team|mentor|partner|colleague|coworker|boss|client)\b",
    r"\bi was (a|an|the|working|on|asked|told)\b", r"\bi was handed\b",
)
_TASK = alt(r"\btask\b", r"\bgoal\b", r"\bmy job was\b",
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
_RESULT = alt(r"\bresult\w*", r"\bin the end\b", r"\beventually\b", r"\bended up\b",
              r"\boutcome\b", r"\bon time\b", r"\bahead of\b",
              r"\b(shipped|launched|delivered|finished|completed|migrated|rolled out|won|saved)\b",
              r"\b(dropped|fell|rose|increased|decreased|reduced|improved|cut|grew|halved|doubled)\b",
              r"\brenewed\b", r"\badopted\b", r"\bcopied\b", r"\bgot (an?|approval|better|faster)\b",
              r"\bwas happy\b", r"\bagreed\b", r"\bit worked\b", r"\bgot it done\b")
_REFLECTION = alt(r"\bi learn(ed|t)\b", r"\btaught me\b", r"\blesson\b", r"\bnext time\b",
                  r"\bnow i\b", r"\bsince then\b", r"\bin hindsight\b", r"\blooking back\b",
                  r"\bdo(ne)? differently\b", r"\bwhat i learned\b", r"\bi now\b")
_HYPOTHETICAL = alt(r"\bi would\b", r"\bi'd\b", r"\bi usually\b", r"\bi always\b",
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


def _question_parts(bq: BehavioralQuestion | str) -> tuple[str, list[str], list[str]]:
    if isinstance(bq, str):
        return bq, _infer_competencies(bq), []
    return bq.text, list(bq.competencies), list(bq.signals)


def score_answer(bq: BehavioralQuestion | str, text: str, delivery: Delivery | None) -> AnswerFeedback:
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
        scale(spec_points, (1, 2, 4, 6)),
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
    topic = sorted(content_stems(t.raw) & keywords(" ".join([question, *signals])))
    rel_points = len(lexicon_hits) + len(topic)
    relevance = Criterion(
        scale(rel_points, (1, 2, 4, 6)),
        f"touches {_join(lexicon_hits[:3] + topic[:3]) or 'nothing'} from the question",
        [],
    )
    words = t.word_count
    subject = question_subject(question)
    off_subject = subject is not None and words >= 12 and not mentions_subject(t.raw, *subject)
    about = subject[0] if subject else ""
    if off_subject:
        relevance = Criterion(min(relevance.score, 2),
                              f"never mentions {about}, which the question asks about", [])

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
    score = scale(points, (2, 4, 6, 8))
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
        improvement = (f"The question asked about {about}: answer about it, or say in one "
                       "sentence how your example connects to it.")
    evidence = evidence_list(
        cite("situation", situation), cite("task", task),
        cite("action", action_quotes[0] if action_quotes else None),
        cite("result", result), cite("reflection", reflection),
    ) or [whole_answer(t) if words else "no answer was given"]
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
