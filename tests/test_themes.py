"""The competency readers: of a story (``ava_core.interviewer.offline.themes``), with its training stories,
how well it reads stories it was not trained on, and the coach's use of it for a good story of another
kind; and of a question (``competencies.asked_about``), by its words and, failing them, by the question reader."""

from __future__ import annotations

import random

from ava_core.interviewer.offline import OfflineCoach
from ava_core.interviewer.offline.competencies import ASKS, CLEAR_ASK, _without_quote, asked_about
from ava_core.interviewer.offline.resume_questions import asks_about_item
from ava_core.interviewer.offline.themes import ThemeReader, load_corpus, reader, words_and_pairs
from ava_core.questions import COMPETENCIES, load_bank

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
    stories = load_corpus()
    assert set(stories) == set(COMPETENCIES)
    for competency, texts in stories.items():
        assert len(texts) >= 70, competency
        assert all(40 <= len(s.split()) <= 160 for s in texts), competency
        assert len(set(texts)) == len(texts), competency


def test_stories_it_was_not_trained_on_read_as_their_own_competency_among_the_first_three():
    """Five-fold cross-validation on the training stories: chance is 3 in 15 (0.20); measured 0.88."""
    items = [(c, s) for c, texts in load_corpus().items() for s in texts]
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


# --- what a question asks about ------------------------------------------------------------------

def test_every_competency_has_seventy_questions_written_for_the_question_reader():
    asks = load_corpus(ASKS, "asks")
    bank = {" ".join(q.text.split()) for q in load_bank().behavioral}
    assert set(asks) == set(COMPETENCIES)
    for competency, texts in asks.items():
        assert len(texts) >= 70 and len(set(texts)) == len(texts), competency
        assert not bank & set(texts), competency  # apart from the bank, which the reader also learns from


def test_questions_the_lexicon_leaves_unread_are_read_right_three_times_in_four():
    """Five-fold cross-validation on the asks the question lexicon misses: measured 88 right and 31
    wrong of 295 (0.74 of those read), the rest left unread, where the story is not judged by topic."""
    items = [(c, _without_quote(q)) for c, texts in load_corpus(ASKS, "asks").items() for q in texts]
    random.Random(0).shuffle(items)
    bank = [(q.competencies[0], _without_quote(q.text)) for q in load_bank().behavioral]
    right = wrong = 0
    for fold in range(5):
        trained: dict[str, list[str]] = {}
        for c, q in [*(x for i, x in enumerate(items) if i % 5 != fold), *bank]:
            trained.setdefault(c, []).append(q)
        folded = ThemeReader.train(trained)
        for c, q in items[fold::5]:
            if asked_about(q, read=False):
                continue
            nearness = folded.nearness(q)
            nearest = max(nearness, key=lambda k: nearness[k])
            if nearness[nearest] >= CLEAR_ASK:
                right += nearest == c
                wrong += nearest != c
    assert right >= 80 and right / (right + wrong) >= 0.7


def test_a_question_in_words_of_its_own_is_read_and_one_about_nothing_in_particular_is_not():
    brought_along = "Who is someone you brought along early in their career, and what did you do for them?"
    assert asked_about(brought_along, read=False) == [] and asked_about(brought_along) == ["mentoring"]
    for general in ("Why do you want to work here?", "What are your salary expectations?", "Tell me about yourself.",
                    "Where do you see yourself in five years?"):
        assert asked_about(general) == [], general
    own = ('At Harbour Freight you wrote: "Rebuilt the route planner for forty depots." Walk me through how you '
           "did it: what was your part, and what would you do differently?")
    assert asks_about_item(own) and not coach.answer_feedback(own, ON_TOPIC).details["competencies"]


def test_a_good_story_of_another_kind_is_caught_for_a_question_that_names_no_competency():
    brought_along = "Who is someone you brought along early in their career, and what did you do for them?"
    on_topic, other = (coach.answer_feedback(brought_along, story) for story in (MENTORING, ON_TOPIC))
    assert on_topic.details["competencies"] == other.details["competencies"] == ["mentoring"]
    assert not {"other_story", "leans_other", "topic"} & set(on_topic.details["claims"])
    assert {"other_story", "leans_other", "topic"} & set(other.details["claims"]) and other.score <= 4.5


def test_the_question_lexicon_reads_most_asks_and_rarely_names_the_wrong_competency():
    """A guard on the ask words: a third of the asks were the ones they were written from, the other two
    writers' were held out (there, before these words: read 0.47 and 0.48, right 0.79 and 0.77 of those
    read; after: 0.64 and 0.62, right 0.83 and 0.82)."""
    read = right = total = 0
    for c, texts in load_corpus(ASKS, "asks").items():
        for q in texts:
            found = asked_about(q, read=False)
            total += 1
            read += bool(found)
            right += c in found
    assert read / total >= 0.7 and right / read >= 0.9
