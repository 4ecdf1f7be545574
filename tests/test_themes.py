"""The competency reader (``ava_core.interviewer.offline.themes``): its training stories, how well it
reads stories it was not trained on, and the coach's use of it for a good story of another kind."""

from __future__ import annotations

import random

from ava_core.interviewer.offline import OfflineCoach
from ava_core.interviewer.offline.themes import ThemeReader, load_stories, reader, words_and_pairs
from ava_core.questions import COMPETENCIES

coach = OfflineCoach()
AMBIGUITY = "Tell me about a time the requirements were unclear and you had to make progress anyway."

# Written for these tests, apart from the training stories and the labelled pairs.
MENTORING = (
    "When Priya joined as a junior she was afraid to ask questions in review, so her pull requests sat for days. "
    "I set up a half hour with her every morning for the first month and we read one of her changes together; "
    "I showed her how I review my own code before anyone else sees it. After three weeks she was opening small "
    "pull requests on her own, and by the end of the quarter she was reviewing the new intern's code."
)
ON_TOPIC = (
    "Nobody could tell me what the export was for: sales said invoices, finance said audits. I wrote down the "
    "three meanings and asked each of them which one they would use on Monday, and it turned out only the audit "
    "one had a deadline. I built that first as a rough draft, showed it to finance on Friday, and we agreed "
    "to leave the invoice version as an open question until a customer asked for it."
)


def test_every_competency_has_seventy_stories_of_interview_length():
    stories = load_stories()
    assert set(stories) == set(COMPETENCIES)
    for competency, texts in stories.items():
        assert len(texts) >= 70, competency
        assert all(40 <= len(s.split()) <= 160 for s in texts), competency
        assert len(set(texts)) == len(texts), competency


def test_stories_it_was_not_trained_on_read_as_their_own_competency_among_the_first_three():
    """Five-fold cross-validation on the training stories: chance is 3 in 15 (0.20); measured 0.88."""
    items = [(c, s) for c, texts in load_stories().items() for s in texts]
    random.Random(0).shuffle(items)
    top_three = 0
    for fold in range(5):
        trained: dict[str, list[str]] = {}
        for i, (c, s) in enumerate(items):
            if i % 5 != fold:
                trained.setdefault(c, []).append(s)
        folded = ThemeReader.train(trained)
        top_three += sum(folded.rank(s, [c]) <= 3 for c, s in items[fold::5])
    assert top_three / len(items) >= 0.85


def test_the_reader_reads_a_story_by_what_happens_in_it():
    assert reader().rank(MENTORING, ["mentoring"]) == 1
    assert reader().rank(ON_TOPIC, ["ambiguity"]) <= 2
    assert reader().rank(MENTORING, ["ambiguity"]) >= 8
    assert reader().read("") and reader().rank("", ["conflict"]) >= 1  # nothing to read: no error


def test_a_good_story_of_another_kind_is_capped_and_told_what_it_reads_as():
    off, on = coach.answer_feedback(AMBIGUITY, MENTORING), coach.answer_feedback(AMBIGUITY, ON_TOPIC)
    assert "other_story" in off.details["claims"] and off.score <= 3
    assert "reads as one about mentoring" in off.improvement and "not ambiguity" in off.improvement
    assert "other_story" not in on.details["claims"] and on.score > off.score


def test_a_story_that_leans_toward_another_kind_is_held_below_five_and_told_to_centre_the_asked_part():
    influence = "Tell me about a time you convinced someone to change how they worked."
    fb = coach.answer_feedback(influence, MENTORING)  # read as mentoring, teamwork, learning first
    assert reader().rank(MENTORING, ["influence"]) == 4
    assert "leans_other" in fb.details["claims"] and "other_story" not in fb.details["claims"] and fb.score <= 4.5
    assert "reads in part as a story about mentoring or teamwork" in fb.improvement and "about influence" in fb.improvement
    assert "mentoring" in coach.answer_feedback("Tell me about a time you mentored someone.", MENTORING).details[
        "competencies"]
    assert "leans_other" not in coach.answer_feedback("Tell me about a time you mentored someone.", MENTORING).details[
        "claims"]


def test_the_reader_weighs_small_words_and_words_in_pairs():
    """Who acts and how ("I disagreed", "she was afraid") tells a story's kind as much as its nouns do."""
    terms = words_and_pairs("I disagreed with her, and I disagreed again.")
    assert terms["i disagreed"] == 2 and terms["her"] == 1 and terms["with her"] == 1
    both = ThemeReader.train({"a": ["she asked me", "she asked him", "they met"],
                              "b": ["we told him", "we told her", "they met"]})
    assert both.read("she asked") == ["a", "b"] and both.read("we told") == ["b", "a"]
