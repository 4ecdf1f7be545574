"""An answer that says which well-known problem the question is (``ava_core.interviewer.offline.named``)."""

from __future__ import annotations

import pytest

from ava_core.interviewer.offline import OfflineCoach
from ava_core.interviewer.offline.named import _classics, named_other, own_names
from ava_core.questions import load_bank

coach = OfflineCoach()


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.mark.parametrize("qid, said, named", [
    ("k-closest-points", "This is the closest pair of points problem, which has a divide and conquer solution.",
     "closest pair of points"),
    ("round-table-donations", "So it's basically the house robber problem. I keep two running totals.", "house robber"),
    ("majority-element", "This matches the single number problem, where XOR cancels the pairs.", "single number"),
    ("count-islands", "This is the classic max area of island problem.", "max area of island"),
    ("cheapest-grid-route", "This is the unique paths with obstacles DP. dp[r][c] counts the ways.",
     "unique paths with obstacles"),
    ("round-table-donations", "This is the house robber DP in its optimized form, one pass.", "house robber"),
    ("round-table-donations", "This is the house robber DP but the table is round, so I run it twice.", None),
    # its own names, however said: the title, the id, the names its facts list ("ii" as "two")
    ("round-table-donations", "This is house robber two: the table is round, so I run it twice.", None),
    ("count-islands", "This is the number of islands problem, a flood fill from each new land cell.", None),
    ("three-sum", "This is 3sum.", None),
    # a comparison, a variant, a technique or a kind of problem is not a claim of identity
    ("crystal-shatter-score", "This is interval DP, the same shape as the balloon-bursting problem.", None),
    ("round-table-donations", "This is house robber, but on a circle, so the two ends conflict.", None),
    ("search-rotated-sorted-list", "It's binary search.", None),
    ("subsets", "This is a classic backtracking problem.", None),
])
def test_a_well_known_problem_named_as_the_question_is_read(bank, qid, said, named):
    assert named_other(bank.get(qid), said) == named


def test_an_answer_that_names_another_problem_is_held_and_told_which(bank):
    q = bank.get("cheapest-grid-route")
    said = ("This is the unique paths problem. Each cell is reached from the cell above or the cell to the left, "
            "so I fill a table row by row from the top-left, shelves as unreachable, and return the bottom-right.")
    fb = coach.step_feedback(q, "match", said)
    assert fb.score == 2 and fb.details["other_question"] == "unique paths"
    assert '"unique paths"' in fb.improvement and q.title in fb.improvement
    # the right idea under the wrong name keeps a point more
    heap = ("This is the closest pair of points problem. I keep a max-heap of size k keyed by squared distance "
            "and replace the top whenever a nearer point comes, so O(n log k).")
    fb = coach.step_feedback(bank.get("k-closest-points"), "match", heap)
    assert fb.score == 3 and fb.details["other_question"] == "closest pair of points"


def test_every_coding_question_lists_its_names_and_none_is_in_the_list_of_other_problems(bank):
    classics = set(_classics())
    for q in bank.coding:
        assert q.facts and q.facts.names, q.id
        assert not set(own_names(q)) & classics, q.id
