"""A behavioral answer judged by what its sentences do (``story``): a situation set, a task
owned, actions taken by "I", an outcome; how specific, owned and on-topic it is; and what it only
claims (buzzwords, a template, a hypothetical, someone else's actions), weakest gap first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ava_core.interviewer.delivery import communication_score
from ava_core.interviewer.offline.resume_questions import (
    asks_about_item,
    mentions_subject,
    question_subject,
)
from ava_core.interviewer.offline.scoring import (
    cite,
    evidence_list,
    scale,
    whole_answer,
)
from ava_core.interviewer.results import AnswerFeedback, Criterion, StarPart, out_of_five
from ava_core.interviewer.offline.competencies import addressed, asked_about, on_question, own_topic
from ava_core.interviewer.offline.story import Story, as_written, handed_off, read_story
from ava_core.interviewer.offline.themes import place, reader
from ava_core.interviewer.text import Text, alt
from ava_core.sentences import join_words as _join
from ava_core.speech.delivery import measure
from ava_core.vocabulary import STAR_PARTS

from ava_core.questions import COMPETENCIES as COMPETENCY_LABELS

if TYPE_CHECKING:
    from ava_core.interviewer.delivery import Delivery
    from ava_core.questions import BehavioralQuestion

_TASK = alt(r"\bmy (?:job|task|role|goal|part) was\b", r"\bi was (?:asked|tasked|responsible|supposed|told)\b",
            r"\bi (?:had|needed) to\b", r"\bi (?:committed|promised|owned|set myself|decided|took (?:it )?on)\b",
            r"\bthe (?:aim|target|goal|ask|requirement|deadline) was\b", r"\bi wanted (?:to|the)\b",
            r"\bwe (?:had|needed) to\b", r"\bnobody (?:owned|was)\b", r"\bi couldn't\b", r"\bi could not\b")
_I = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|myself|mine)\b", re.IGNORECASE)
_WE = re.compile(r"\b(we|we're|we've|we'd|we'll|us|our|ours|ourselves)\b", re.IGNORECASE)
LONG_WORDS = 190  # past this (about a minute and a half said aloud), an answer must keep to what was done
SHORT_WORDS = 50
WORDS_PER_ACTION = 65  # past this, a long answer is mostly background
LATE_WORDS, LATE_SHARE = 120, 0.5  # a long answer that tells half its words before anything is done starts late
OTHER_STORY_RANK = 8  # a story that reads as seven other competencies before the question's is another story
TOLD_RANK = 2  # one that reads as the question's competency first or second speaks to it; later, it leans away


def _question_parts(bq: BehavioralQuestion | str) -> tuple[str, list[str]]:
    """The question's text and the competencies it asks about."""
    if isinstance(bq, str):  # Ava's own questions about a resume item ask about that item, not a competency
        return bq, asked_about(bq, read=not asks_about_item(bq))
    return bq.text, asked_about(bq.text, list(bq.competencies))


def _short(sentence: str, limit: int = 90) -> str:
    return sentence if len(sentence) <= limit else sentence[: sentence.rfind(" ", 0, limit)] + "…"


def score_answer(bq: BehavioralQuestion | str, text: str, delivery: Delivery | None) -> AnswerFeedback:
    text = as_written(text)
    t = Text(text)
    story = read_story(text)
    question, competencies = _question_parts(bq)
    words = t.word_count
    said = words - sum(measure(t.raw).fillers.values())  # "um", "like," and "you know" do not make it long
    sentences = story.sentences
    task = t.first_quote(_TASK)
    situation = story.situation[0] if story.situation else None
    actions = story.actions
    result = story.results[-1] if story.results else None
    reflection = story.reflection[-1] if story.reflection else None
    star = {
        "situation": StarPart(bool(situation), [_short(situation)] if situation else []),
        "task": StarPart(bool(task), [task] if task else []),
        "action": StarPart(bool(actions), [_short(a) for a in [a for a in actions if a != situation][:2]
                                                  or actions[:1]]),
        "result": StarPart(bool(result), [_short(result)] if result else []),
    }

    details = story.details
    specificity = Criterion(
        scale(len(details), (1, 3, 5, 7)),
        f"{len(details)} checkable detail{'s' * (len(details) != 1)} (names, tools, figures)"
        + (f"; round figures {_join(story.round_figures[:2])}" if story.round_figures else ""),
        [f'detail: "{d}"' for d in details[:4]],
    )
    acts, others = len(story.action_verbs), len(story.other_verbs)
    doing = acts + len(story.shared_verbs) / 2  # what "we" did counts half
    i_count, we_count = len(_I.findall(t.raw)), len(_WE.findall(t.raw))
    own_score = 1 if not acts else 5 if acts >= 2 * max(others, 1) else 4 if acts > others else 2
    ownership = Criterion(
        own_score, f"{acts} thing{'s' * (acts != 1)} you did, {others} done by others",
        star["action"].quotes[:1],
    )

    on_topic = addressed(t.raw, competencies)
    shared = on_question(t.raw, question)
    reading = reader().read(t.raw) if competencies and words >= SHORT_WORDS else []
    theme_rank = place(reading, competencies) if reading else 0
    # no word of the competency's, but its stories' words: told in the speaker's own terms
    relevant = not competencies or bool(on_topic) or len(shared) >= 3 or 0 < theme_rank <= TOLD_RANK
    topic_label = _join([COMPETENCY_LABELS.get(c, c) for c in competencies]) or "the question"
    relevance = Criterion(
        5 if len(on_topic) >= 3 else 4 if len(on_topic) == 2 else 3 if relevant else 1,
        f"speaks to {topic_label} with {_join(on_topic[:3])}" if on_topic
        else f"never speaks to {topic_label}",
        [],
    )
    subject = question_subject(question)
    off_subject = subject is not None and words >= 12 and not mentions_subject(t.raw, *subject)
    if off_subject and subject:
        relevance = Criterion(min(relevance.score, 2), f"never mentions {subject[0]}, which the question asks about", [])

    points = (
        min(doing, 4) + min(len(details), 6) / 2
        + bool(result) + 0.5 * bool(reflection) + 0.5 * min(len(story.other_verbs) - len(story.before_mine), 2)
        + 0.5 * min(len(on_topic), 2) - 0.5 * min(len(story.abstract), 3) - 0.5 * min(len(story.buzz), 6) - 0.5 * max(0, story.hedges - 2)
    )
    score = scale(points, (1.5, 3, 4.5, 6))
    # the opening: the first sentence, and the second after a short echo ("A disagreement, yes.")
    head = sentences[:2] if sentences and len(sentences[0].split()) <= 10 else sentences[:1]
    opening = next((s for s in head if own_topic(s, question)), None)
    # a good story of another kind: at most one word of the question's competency, and read as others first
    other_story = len(on_topic) <= 1 and theme_rank >= OTHER_STORY_RANK
    claims = {
        "hypothetical": len(story.hypothetical) >= 2 and len(story.hypothetical) > acts,
        "someone_else": len(story.before_mine) > acts or handed_off(story),
        "buzz": len(story.buzz) >= 5,
        "topic": not relevant,
        "own_topic": opening is not None,
        "other_story": other_story,
        "leans_other": theme_rank > TOLD_RANK and not other_story,
        # a failure question asks for the speaker's own mistake, not an incident they handled well
        "no_mistake": "failure" in competencies and words >= SHORT_WORDS and not story.mistakes,
        "late_start": said >= LATE_WORDS and _share_before_action(story) >= LATE_SHARE,
        # long and thin on doing, and wandering: vague, unspecific, or with nothing done at all; a long
        # story told precisely, its background full of checkable details, is not a ramble
        "ramble": said > LONG_WORDS and ((len(story.actions) + len(story.shared) / 2) / max(story.stops, 1) < 0.3
                                         or said / max(doing, 1) > WORDS_PER_ACTION)
                  and (story.hedges > 0 or not story.actions or len(details) < 3),
        "template": (story.labels >= 3 or len(story.round_figures) >= 2
                     or (bool(story.round_figures) and acts <= 1)),
    }
    # labels and round figures together: the template whole, not one borrowed habit
    caps = {"template": 2 if story.labels >= 3 and story.round_figures else 3, "subject": 3, "own_topic": 3,
            "other_story": 3, "leans_other": 4.5, "late_start": 4, "no_mistake": 3}
    for flaw, present in claims.items():
        if present:
            score = min(score, caps.get(flaw, 2))
    if off_subject:  # a good story about something else still misses the question
        score = min(score, 3)
    if words < SHORT_WORDS:
        score = min(score, 2)
    if words < 20:
        score = 1

    found = [f"{part} {'present' if star[part].present else 'missing'}" for part in STAR_PARTS]
    summary = (
        f"{out_of_five(score)}: STAR {_join([p.capitalize() for p in STAR_PARTS if star[p].present]) or 'not found'}"
        + (f"; missing {_join([p.capitalize() for p in STAR_PARTS if not star[p].present])}"
           if any(not star[p].present for p in STAR_PARTS) else "")
        + f"; specificity {out_of_five(specificity.score)}, ownership {out_of_five(ownership.score)}"
        + ("; you reflected on what you learned." if reflection else ".")
    )
    gaps = _gaps(story, star, claims, words, specificity, reflection, off_subject)
    reads_as = " or ".join(COMPETENCY_LABELS.get(c, c).lower() for c in reading[:2])
    improvement = _improvement(gaps[0], story, topic_label, subject, opening, reads_as) if gaps else (
        "A complete answer: specific, yours, and it ends with what changed."
    )
    evidence = evidence_list(
        cite("situation", star["situation"].quotes[0] if situation else None), cite("task", task),
        cite("action", star["action"].quotes[0] if actions else None),
        cite("result", star["result"].quotes[0] if result else None),
        cite("reflection", _short(reflection) if reflection else None),
    ) or [whole_answer(t) if words else "no answer was given"]
    return AnswerFeedback(
        score=score, summary=summary, star=star, specificity=specificity, ownership=ownership,
        relevance=relevance, words=words,
        length="too_short" if words < 30 else "short" if words < 60 else "good" if words <= 350 else "long",
        i_count=i_count, we_count=we_count,
        reflection=bool(reflection), evidence=evidence, improvement=improvement,
        details={"points": round(points, 1), "actions": story.action_verbs, "done_by_others": story.other_verbs,
                 "hypothetical": claims["hypothetical"], "claims": [k for k, v in claims.items() if v],
                 "subject": subject[0] if subject else None, "competencies": competencies,
                 "buzzwords": sorted(set(story.buzz)), "gaps": gaps, "found": found},
        communication=communication_score(delivery),
    )


def _share_before_action(story: Story) -> float:
    """The share of the answer's words told before the first thing the speaker (or "we") did."""
    doing = set(story.actions) | set(story.shared)
    first = next((i for i, s in enumerate(story.sentences) if s in doing), None)
    if first is None:
        return 1.0
    return sum(len(s.split()) for s in story.sentences[:first]) / max(story.words, 1)


def _improvement(gap: str, story: Story, topic: str, subject: tuple[str, ...] | None, opening: str | None,
                 reads_as: str) -> str:
    """The first gap, said about this answer: its own words, quoted, where there are some."""
    first = _short(story.sentences[0], 70) if story.sentences else ""
    last = _short(story.sentences[-1], 70) if story.sentences else ""
    if gap == "hypothetical":
        return (f'You described what you would do ("{_short(story.hypothetical[0], 70)}"): tell one time '
                "it really happened, what you did, in the past tense, and how it ended.")
    if gap == "someone_else":
        return (f'Most of the doing here is by others ("{_short(story.others[0], 70)}"): say which '
                "decisions and steps were yours.")
    if gap == "topic":
        return (f"The question is about {topic}, and this answer never gets to it: start from the "
                f'moment it came up, not from "{first}".')
    if gap == "own_topic":
        return (f'You opened on a topic of your own ("{_short(opening or first, 70)}") instead of the situation the question asks '
                f"about ({topic}): tell that one, from the moment it came up.")
    if gap == "other_story":
        return (f"A good story, but it reads as one about {reads_as}, not {topic.lower()}: tell a time that was "
                f"about {topic.lower()}, from the moment it came up.")
    if gap == "no_mistake":
        return (f'The question asks about a failure, and this answer never says what you got wrong (it opens '
                f'with "{first}"): name your own mistake ("I had only tested it on...", "I never asked..."), '
                "then how you found out and what you changed.")
    if gap == "leans_other":
        return (f"This reads in part as a story about {reads_as}, and the question asks about {topic.lower()}: "
                f"say plainly what you did about {topic.lower()} and how it ended.")
    if gap == "subject" and subject:
        return (f"The question asked about {subject[0]}: answer about it, or say in one sentence how "
                "your example connects to it.")
    if gap == "buzz":
        phrases = list(dict.fromkeys(story.buzz))[:2]
        return (f"Phrases like {_join([chr(34) + p + chr(34) for p in phrases])} say nothing a listener "
                "can check: replace each with what you actually did and what changed.")
    if gap == "template":
        figure = story.round_figures[0] if story.round_figures else None
        what = f'"{figure}"' if figure else "the Situation/Task/Action/Result labels"
        return (f"{what.capitalize() if not figure else what} reads like a template: name the people, "
                "the system and the one thing you did that made the difference, with the real figures.")
    if gap == "ramble":
        return (f"{story.words} words, and only {len(story.actions)} of {len(story.sentences)} sentences "
                f'say what you did: cut the background ("{first}") to one sentence.')
    if gap == "late_start":
        return (f"Half the answer comes before anything you did (it opens with \"{first}\"): give the background "
                "in one sentence and start from the moment you acted.")
    if gap == "story" and first:
        return (f'"{first}" is not yet a story: tell one real example, in the past tense, with the '
                "situation, what you did, and how it ended.")
    if gap == "story":
        return "Answer with one real example, in the past tense: the situation, what you did, and how it ended."
    if gap == "action":
        vague = story.abstract[0] if story.abstract else first
        return f'Say what you did, step by step: "{_short(vague, 70)}" does not say how.'
    if gap == "result":
        return f'The story stops at "{last}": say how it ended, what changed and for whom.'
    if gap == "specificity":
        return (f'Name something a listener could check, the people, the system, a real figure: '
                f'"{first}" could be anyone\'s story.')
    if gap == "situation":
        return f'Open with one sentence of context before "{first}": where you were and what was at stake.'
    if gap == "task":
        return f'Say what you were responsible for, or the goal you set, before "{first}".'
    return f'Close with what you learned or would do differently, after "{last}".'


def _gaps(story: Story, star: dict[str, StarPart], claims: dict[str, bool], words: int,
          specificity: Criterion, reflection: str | None, off_subject: bool) -> list[str]:
    """What the answer lacks, weakest first (the order a follow-up goes after them)."""
    checks = {
        "hypothetical": claims["hypothetical"],
        "story": words < 30 or not story.past_story,
        "topic": claims["topic"],
        "own_topic": claims["own_topic"],
        "other_story": claims["other_story"],
        "no_mistake": claims["no_mistake"],
        "subject": off_subject,
        "someone_else": claims["someone_else"],
        "action": len(story.action_verbs) < 2,
        "buzz": claims["buzz"],
        "template": claims["template"],
        "ramble": claims["ramble"],
        "late_start": claims["late_start"],
        "leans_other": claims["leans_other"],  # a reading of the whole story, less sure than the gaps before it
        "result": not star["result"].present,
        "specificity": specificity.score <= 2,
        "situation": not star["situation"].present,
        "task": not star["task"].present,
        "reflection": not reflection,
    }
    return [gap for gap, missing in checks.items() if missing]
