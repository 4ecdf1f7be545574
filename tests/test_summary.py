"""A session's summary: which scores count, and the mean delivery of its answers."""

from __future__ import annotations

from ava_core.store.summary import DELIVERY, criterion_values, summarize


def test_a_redone_step_counts_only_its_latest_score():
    rows = [("step", "plan", "plan", 4, 5), ("step", "plan", "plan", 2, 5),
            ("step", "match", "match", 3, 5)]
    assert criterion_values(rows) == {"match": (3, 5, 1), "plan": (2, 5, 1)}


def test_the_report_fills_only_criteria_nothing_finer_scored():
    rows = [("step", "plan", "plan", 2, 5), ("session", "plan", "plan", 5, 5),
            ("session", "review", "review", 1, 5), ("session", None, "communication", 4, 5)]
    assert criterion_values(rows) == {"communication": (4, 5, 1), "plan": (2, 5, 1),
                                      "review": (1, 5, 1)}


def test_a_regenerated_report_replaces_the_earlier_one():
    rows = [("session", None, "communication", 2, 5), ("session", None, "communication", 4, 5)]
    assert criterion_values(rows) == {"communication": (4, 5, 1)}


def test_every_answer_counts_and_shares_add_up():
    rows = [("answer", None, "star_situation", 1, 1), ("answer", None, "star_situation", 0, 1),
            ("answer", None, "star_situation", 1, 1), ("answer", None, "specificity", 4, 5),
            ("answer", None, "specificity", 2, 5)]
    assert criterion_values(rows) == {"specificity": (6, 10, 2), "star_situation": (2, 3, 3)}


def test_a_step_score_and_an_answer_score_of_one_criterion_both_count():
    rows = [("step", "implement", "tests_passed", 7, 10), ("answer", None, "tests_passed", 1, 1)]
    assert criterion_values(rows) == {"tests_passed": (8, 11, 2)}


def test_criteria_with_nothing_possible_are_left_out_and_the_order_is_sorted():
    rows = [("step", "review", "review", 0, 0), ("step", "match", "match", 1, 5),
            ("step", "evaluate", "complexity_agrees", 0, 1)]
    assert list(criterion_values(rows)) == ["complexity_agrees", "match"]


def test_sums_are_exact():
    rows = [("answer", None, "specificity", 0.1, 1)] * 10
    assert criterion_values(rows)["specificity"][0] == 1.0


def test_no_scores_give_no_criteria_and_delivery_is_kept_as_given():
    none = dict.fromkeys(DELIVERY)
    assert summarize((), none) == {
        "criteria": {"criterion": [], "points": [], "possible": [], "n": []}, "delivery": none}


def test_the_summary_lays_criteria_out_by_column():
    delivery = {"words_per_minute": 150.0, "fillers_per_100_words": 1.0, "long_pauses": 0.0}
    summed = summarize([("step", "plan", "plan", 3, 5), ("step", None, "communication", 4, 5)],
                       delivery)
    assert summed == {"criteria": {"criterion": ["communication", "plan"], "points": [4, 3],
                                   "possible": [5, 5], "n": [1, 1]},
                      "delivery": delivery}
