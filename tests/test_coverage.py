"""The offline coach's reading of an answer against a question's facts: which facts a passage
covers, which approach the candidate takes as their own, salads, other problems, bounds, loops."""

from __future__ import annotations

import re

import pytest

from ava_core.interviewer import get_interviewer
from ava_core.interviewer.claims import parse_complexity_claims
from ava_core.interviewer.offline.coverage import (
    Passage,
    coverage,
    described,
    lists_terms,
    other_question,
    passages,
    sets_aside,
    tokens,
)
from ava_core.interviewer.offline.evaluate import agrees
from ava_core.interviewer.inputs import TestFacts
from ava_core.interviewer.offline.implement import (
    loop_depth,
    parse_code,
    recursive,
    slice_recursion,
    sorts_input,
    table_sizes,
    table_space,
    time_floor,
    unmemoized_recursion,
)
from ava_core.interviewer.offline.patterns import lacks, named_patterns, vocabulary
from ava_core.interviewer.text import Text
from ava_core.questions import load_bank
from ava_core.questions.bounds import bound

coach = get_interviewer("offline")


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_words_meet_by_stem_and_number_words_as_digits():
    assert tokens("Sorted the indices, zero or one") == tokens("sorting index, 0 or 1") == ("sort", "index", "0", "or", "1")
    words = tokens("I check every single pair of numbers")
    passage = Passage.of("", 0, words)
    assert passage.has(tokens("every pair"))  # one extra word inside a phrase is allowed
    assert not passage.has(tokens("pair every"))  # but the order is kept
    assert not Passage.of("", 0, tokens("every one of the numbers in the pair")).has(tokens("every pair"))


def test_a_long_run_on_is_read_in_windows_so_far_apart_words_do_not_meet():
    spoken = " ".join(["so the dictionary holds values"] + ["and then we keep going"] * 20 + ["the complement"])
    found = passages(Text(spoken))
    assert len(found) > 1 and all(p.sentence == 0 for p in found)
    assert not any(p.has(tokens("dictionary")) and p.has(tokens("complement")) for p in found)


def test_a_fact_is_covered_only_when_every_cue_group_is_met(bank):
    q = bank.get("two-sum")
    said = coverage(q.facts, Text("For each number I look up its complement, target minus x, in a dictionary."))
    assert [h.fact.name for h in said.approaches] == ["one pass with a value-to-index dictionary"]
    only_name = coverage(q.facts, Text("I use a dictionary."))
    assert only_name.approaches == []


def test_an_approach_set_aside_is_a_comparison_not_the_candidates_own(bank):
    q = bank.get("two-sum")
    compared = coverage(q.facts, Text(
        "Checking every pair with nested loops would be too slow. For each x I look up the complement in a dictionary."
    ))
    assert compared.own_wrong is None and compared.own_approach is not None
    assert [h.set_aside for h in compared.wrong_approaches] == [True]
    taken = coverage(q.facts, Text("It's a hash map problem. I check every pair with two loops and return the sum."))
    assert taken.own_wrong is not None and taken.own_wrong.fact.name == "check every pair"
    subsets = bank.get("subsets")  # "the simplest way: ..." takes it; "the simplest thing would be ..." compares
    said = ("The simplest way: start with a list holding only the empty subset, and for each number add a copy of "
            "every subset so far with that number appended.")
    assert coverage(subsets.facts, Text(said)).own_approach.fact.name == "iterative doubling"
    assert sets_aside("The obvious brute force checks every pair.") and not sets_aside("The simplest way is to sort.")
    assert sets_aside("Searching the grid once per word would repeat the same walks.")  # what a way would waste


def test_a_short_sentence_is_read_with_the_next_one(bank):
    q = bank.get("valid-brackets")
    split = coverage(q.facts, Text("I'd keep a counter. I add one for an opening bracket and subtract one for a closing one."))
    assert [h.fact.name for h in split.wrong_approaches] == ["count opening and closing brackets"]
    apart = passages(Text("I keep a counter of how many times the loop ran in total here. I add one for an opening bracket."))
    assert not any(p.has(tokens("counter")) and p.has(tokens("opening")) for p in apart)


def test_a_wrong_approach_stays_the_candidates_own_when_the_right_one_is_only_set_aside(bank):
    q = bank.get("valid-brackets")
    said = coverage(q.facts, Text(
        "I count the opening and closing brackets of each type and check the counts are equal. "
        "That is better than a stack, which would need extra memory."
    ))
    assert said.own_approach is None
    assert said.own_wrong is not None and said.own_wrong.fact.name == "count opening and closing brackets"


def test_naming_the_right_pattern_while_describing_another_algorithm_is_caught(bank):
    q = bank.get("two-sum")
    fb = coach.step_feedback(q, "match", "This is a hash map problem. I check every pair with two nested loops and compare the sum.")
    honest = coach.step_feedback(q, "match", "A dictionary from value to index: for each x I look up the complement "
                                 "target - x, because a lookup is O(1); checking every pair would be O(n^2).")
    assert fb.score <= 3 and fb.details["took"] == "check every pair"
    assert "10^5" in fb.improvement and honest.score == 5


def test_plan_steps_count_in_the_reference_order(bank):
    q = bank.get("two-sum")
    in_order = coverage(q.facts, Text(
        "Create an empty dictionary from value to index. Loop over each index i and compute the complement "
        "target - x. If it is already in the dictionary, return both indexes. Otherwise store x after the check."
    ))
    assert len(in_order.plan) == 4 and in_order.plan_in_order() == 4


def test_a_heap_described_in_plain_words_is_named_a_heap():
    assert described("I keep the best k in a pile with the farthest of them on top.") == ("max", "heap")
    assert described("Something that always hands me the earliest finish.") == ("min", "heap")
    assert described("A stack with the most recent bracket on top.") == ()
    assert "heap" in named_patterns("A pile with the smallest weight on top.", vocabulary())
    assert described("I'd load the words into one tree of letters, where words with a common start share a branch.") == ("trie",)
    assert "trie" in named_patterns("All the words go in a tree of letters first.", vocabulary())


def test_notes_joined_by_arrows_slashes_and_bullets_are_a_salad():
    assert lists_terms(Text("heap(k) -> push/pop -> n log k -> edge: k=0, empty"))
    assert lists_terms(Text("- hash map value->index\n- complement = target - x\n- one pass\n- O(n) / O(n)"))
    assert not lists_terms(Text("Sort by start, then walk the list and merge each interval into the last one "
                                "when they overlap, so it is n log n / the sort dominates."))
    assert lists_terms(Text("value index map\nthe complement of x\nseen before\none pass\nO(n) time\nO(n) space\n"
                            "duplicates\nnegatives"))  # one term per line
    assert not lists_terms(Text("I keep a map from each value to its index, and for every\nnumber I look up its "
                                "complement before I store it, so\none pass is enough and it is O(n) time."))
    assert lists_terms(Text("Okay so, um, the rack, tiles, letter counts, the points, words, each word once, missing "
                            "letters, repeated words, empty rack, best score, yeah."))  # two words a fragment, fillers


@pytest.mark.parametrize("salad", [
    "Hash map, two pointers, sliding window, edge cases, empty input, O(n) time, O(1) space, duplicates.",
    "hash map two pointers edge cases empty input O(n) time O(1) space sliding window",  # run on, no stops
    "two pointers and hash map and edge cases and O(n) time and sliding window and empty input and constant space",
])
def test_a_keyword_salad_scores_at_most_two_on_every_step(bank, salad):
    assert lists_terms(Text(salad))
    assert not lists_terms(Text("I keep a hash map from value to index, and for each value I look up its complement."))
    assert not lists_terms(Text("Two pointers and a running max on each side, and the lower side moves in."))
    for q in (bank.get("two-sum"), bank.get("count-islands"), bank.get("merge-intervals")):
        for step in ("understand", "match", "plan", "review", "evaluate"):
            fb = coach.step_feedback(q, step, salad)
            assert fb.score <= 2, (q.id, step)
    fb = coach.step_feedback(bank.get("two-sum"), "understand", salad)
    assert fb.details["keyword_salad"]
    two_sum = bank.get("two-sum")  # said while coding: passing code does not make a salad an explanation
    fb = coach.step_feedback(two_sum, "implement", salad, code=two_sum.solution, tests=TestFacts(passed=10, total=10))
    assert fb.score <= 2 and fb.details["keyword_salad"]
    said = "I keep a dictionary from value to index and look up each number's complement before storing it."
    assert coach.step_feedback(two_sum, "implement", said, code=two_sum.solution,
                               tests=TestFacts(passed=10, total=10)).score >= 4


def test_set_the_verb_names_no_structure():
    for said in ("The water over a column is set by the lower of the tallest on each side.",
                 "I set it to zero at a broken step."):
        assert "hash-map" not in named_patterns(said, vocabulary()), said
    for said in ("I put each number in a set.", "We set up a set of the seen values."):
        assert "hash-map" in named_patterns(said, vocabulary()), said


def test_an_answer_to_another_problem_is_named(bank):
    islands = (
        "I scan the grid cell by cell, and each time I find land that is not visited I count a new island "
        "and flood fill it with a BFS over its four neighbours, marking every connected land cell as visited "
        "so it is never counted again."
    )
    q, said = bank.get("two-sum"), Text(islands)
    other = other_question(q, said, coverage(q.facts, said), bank.coding)
    assert other is not None and other.id == "count-islands"
    fb = coach.step_feedback(q, "plan", islands)
    assert fb.score <= 2 and fb.details["other_question"] == "count-islands"
    islands_q = bank.get("count-islands")
    assert other_question(islands_q, said, coverage(islands_q.facts, said), bank.coding) is None


def test_bounds_are_compared_in_the_questions_own_names_and_by_shape(bank):
    grid = bank.get("cheapest-grid-route")
    assert agrees(grid, "rows times cols", "time") and agrees(grid, "r*c", "time")
    assert agrees(grid, "cols", "space") and not agrees(grid, "rows times cols times cols", "time")
    alphabet = bank.get("lost-alphabet-order")
    assert agrees(alphabet, "linear", "time") and not agrees(alphabet, "n log n", "time")
    assert agrees(bank.get("two-sum"), "n", "time") is True and agrees(bank.get("two-sum"), "n squared", "time") is False
    # "the nodes" of both lists: the variable for all of them, not the first list's
    assert agrees(bank.get("merge-two-sorted-lists"), "nodes", "time") is True


@pytest.mark.parametrize(
    "text, time_expr, space_expr",
    [
        ("Time is O of rows times cols, space O of cols.", "rows times cols", "cols"),
        ("Each point costs O(log k), and the whole scan is O(n log k). Space is O(k).", "n log k", "k"),
        ("Two passes with constant work per step, so it's O of n. Space is O of one.", "n", "one"),
        ("So time's O of log e. Space is O of one.", "log e", "one"),
        ("It looks like n squared, but every index is pushed once, so it's O(n) time.", "n", None),
        ("Time is O(|s| + |t|), space O(1).", "s + t", "1"),
        ("It runs in O(len(s)) time and the memory grows linearly.", "s", "linearly"),
        ("Building is O of W, where W is the total letters. So total O of W plus P.", "W plus P", None),
        ("The time grows in proportion to the number of guests; memory stays constant.", "in proportion to", "constant"),
        ("So O(log k) each and O(n log k) in total. Space is O(k).", "n log k", "k"),
        ("O(n) time. Space is the recursion depth, which is the height of the tree.", "n", "h"),
        ("Each call handles one pair of nodes. The memory is as long as the tree is tall.", None, "h"),
        ("As many iterations as the exponent has bits, so that's the time. Memory: a few integers.",
         "logarithmic", "constant"),
        ("Memory stays fixed apart from the input, since the hours are summed on the fly.", None, "constant"),
        ("Time: O(log exponent).", "log exponent", None),
        ("It grows in step with the number of days. Extra memory also grows with the number of days.", "days", "days"),
        ("So the total is the number of readings times that halving count.", "readings log readings", None),
        ("The work grows with the square of the row length. Memory is one number per stone.", "row * row", "stone"),
        ("Memory is a handful of numbers whatever the input size.", None, "constant"),
        ("Time: there's about n squared over two pairs, and each tries up to n splits, so it's O of n cubed.",
         "n cubed", None),
        ("Every word is taken or left out, so the number of branches doubles with each word.", "exponential", None),
        ("It reads each ballot once. It keeps only two things whatever the length of the list.", None, "constant"),
        ("The loop runs at most as many times as there are nodes in both lists together.", "nodes", None),
        ("It takes at most as many steps as the phrase has characters; memory stays at two positions however "
         "long the phrase is.", "characters", "constant"),
        ("Each step does a comparison and one slice, which is constant, so O of n in the length.", "n", None),
        ("It is linear, and O(1).", "linear", "1"),
        ("The work is a small constant times the number of days, so it's linear.", "linear", None),
        ("So the time grows in a straight line with the length.", "linear", None),
        ("There are three loops inside one another, so 300 times 300 times 300 steps.", "cubic", None),
        ("The table has one entry for each pair of ends.", "quadratic", None),
        ("So the work grows with the number of bookings times the number absorbed.", "bookings * absorbed", None),
        ("The heap never holds more than k entries, so each operation is O(log k): O(N log k) in total.",
         "N log k", None),
        ("It's O(N log k) time; I relink the nodes, so there's no O(N) extra.", "N log k", None),
        ("O(2^n · L) time. Space: the recursion is n deep, so O(n·L) in all.", "2^n · L", "n·L"),
        ("O(n · 2^n) time. Besides the output it's O(n).", "n · 2^n", "n"),
        ("Time O(n): each node is visited once and does a constant amount of work.", "n", None),
        ("The first day checks every later day, about half the number of days times itself.", "days * days", None),
        ("Each pass does a small fixed amount of work per element. Memory is just the two loop indices.",
         "element", "constant"),
        ("Each day joins the waiting list once. The list can hold every day when it only gets colder.", "day", "day"),
        ("So it's O of n times 2 to the n, and memory is one copy of the list.", "n times 2 to the n", "linear"),
        ("Two passes, so a small fixed amount per element. Memory is the answer plus one running product.",
         "element", "constant"),
        ("It's a few steps per character. Memory: the reversed copy can be as long as the phrase.", "character", "phrase"),
        ("That still grows in step with the lengths. Memory is the two count tables, at most 52 entries each.",
         "linear", "constant"),
        ("Making the set of broken steps is O(b). The loop runs once per step, so O(n). The set keeps the lookup "
         "O(1). Space is the ways list: O(n).", "n", "n"),
        # non-native and plain phrasing
        ("Two walk over the list, so the time grow same like the length of the list. For memory I keep only one "
         "more number.", "list", "constant"),
        ("The time is going together with the number of members. I keep one number for each member, so it is "
         "also same size like the input.", "members", "member"),
        ("The work is rows times columns. Memory: the grid of marks, one per cell.", "rows * columns", "cell"),
        ("Memory: one sorted copy plus the output.", None, "linear"),
        ("Memory is capped by the alphabet too, apart from the input itself.", None, "constant"),
        ("The inner while only removes days: about two steps per day.", "day", None),
        ("um so every node is popped once, so N log k, plus O of k to build the heap. Space is O of k.", "N log k", "k"),
        ("The time grows with the number of pairs plus the number of attendees.", "pairs + attendees", None),
        ("Sorting is the most expensive part, so the whole thing costs about what one sort of n meetings costs.",
         "n log n", None),
    ],
)
def test_the_claimed_total_is_read_not_the_cost_of_one_step(text, time_expr, space_expr):
    claims = parse_complexity_claims(text)
    assert (claims.time_expr, claims.space_expr) == (time_expr, space_expr)


def test_a_bound_described_in_the_questions_own_words_is_checked_against_its_bounds(bank):
    islands, days = bank.get("count-islands"), bank.get("daily-temperatures")
    assert agrees(islands, "cells", "time") is True and agrees(islands, "rows", "time") is False
    said = ("The scan looks at each cell once, so the work grows with the number of cells. The seen grid keeps one "
            "flag per cell, so memory also grows with the area of the grid.")
    fb = coach.step_feedback(islands, "evaluate", said)
    assert fb.details["time_right"] and fb.details["space"] == "right" and fb.score >= 4
    assert agrees(days, "days", "time") is True
    words = bank.get("word-search-grid")  # "cells" names R * C there too, though it is a variable of its own
    assert agrees(words, "cells", "time") is True and agrees(words, "cells * 3^L + W", "time") is True


def test_only_a_bound_in_words_after_which_is_sizes_the_step_just_described():
    described = parse_complexity_claims("Each guest gets a check, which is one step per guest.").mentions
    noted = parse_complexity_claims("Each guest gets a check, which is O(1).").mentions
    assert [(m.expr, m.part) for m in described] == [("guest", True)]  # "one step..." is words, not "O"
    assert [(m.expr, m.part) for m in noted] == [("1", False)]


def test_bounds_said_in_plain_words_are_checked_like_notation(bank):
    said = ("The loop reads each ballot once, so the running time grows in direct proportion to the number of "
            "ballots. It keeps only two things whatever the length of the list: the candidate and its lead.")
    fb = coach.step_feedback(bank.get("majority-element"), "evaluate", said)
    assert fb.details["time_right"] and fb.details["space"] == "right" and fb.score == 5
    doubling = "Every number is either in or out, so the number of subsets doubles with each number."
    assert coach.step_feedback(bank.get("subsets"), "evaluate", doubling).details["time_right"]


def test_bounds_justified_by_counting_the_work_in_words_are_grounded(bank):
    said = ("The two indexes start at the ends and one of them moves inward each time, one step per column: "
            "the work grows in step with the number of columns. Memory is a handful of numbers whatever the input size.")
    fb = coach.step_feedback(bank.get("trapping-rain-water"), "evaluate", said)
    assert fb.details["time_right"] and fb.details["space"] == "right" and fb.score == 5


@pytest.mark.parametrize("said, time_expr, space_expr", [
    ("It's O(n log n) um, time because of the sort and O(n) like, space for the copy.", "n log n", "n"),
    ("the loop runs once per element so um, it's linear time and, like, the memory is um, constant",
     "linear", "constant"),
])
def test_fillers_between_a_bound_and_what_it_bounds_are_passed_over(said, time_expr, space_expr):
    claims = parse_complexity_claims(said)
    assert (claims.time_expr, claims.space_expr) == (time_expr, space_expr)
    assert "um" in claims.time_quote  # quoted as said


def test_only_whole_hesitation_words_are_passed_over():
    from ava_core.interviewer.claims import _without_fillers

    said = "An error check per element, so O(n) time, and the umbrella list is O(1) extra, uhm, space."
    assert _without_fillers(said) == said.replace("uhm,", "    ")  # "error" and "umbrella" stay whole
    claims = parse_complexity_claims(said)
    assert (claims.time_expr, claims.space_expr) == ("n", "1")


@pytest.mark.parametrize("said, time_expr, space_expr", [
    ("so i go through the list once keeping two numbers so the extra space is o of one and the loop does "
     "constant work per element so its o of n time overall", "n", "one"),
    ("so each point costs o of log k and the whole scan is o of n log k space is o of k for the heap plus the "
     "output", "n log k", "k"),
])
def test_a_transcript_without_punctuation_is_read_clause_by_clause(said, time_expr, space_expr):
    claims = parse_complexity_claims(said)
    assert (claims.time_expr, claims.space_expr) == (time_expr, space_expr)
    assert "," not in (claims.time_quote or "")  # quoted as said: the stops it was read with are not shown


def test_a_bound_in_long_names_is_read_by_its_shape():
    assert parse_complexity_claims("Time: O(log exponent).").time == "O(log n)"
    assert parse_complexity_claims("It is O(number of nodes) time.").time == "O(n)"


@pytest.mark.parametrize(("said", "label"), [
    ("So overall, O(W + P log W) time.", "O(n log n)"),  # a sum: its fastest-growing term
    ("It is O(n + m log n) time.", "O(n log n)"),
    ("It is O(m log n) time.", "O(n log n)"),  # not the O(log n) that its tail alone would be
    ("It is O(V + E) time.", "O(n)"),
    ("It runs in linear time.", "O(n)"),  # class words are not sizes
    ("It is O(n times two to the n).", "O(2^n)"),
])
def test_a_bound_of_several_sizes_is_read_as_its_fastest_growing_term(said, label):
    assert parse_complexity_claims(said).time == label


@pytest.mark.parametrize(("said", "label"), [
    ("It is O(n * k log k) time.", "O(n^2)"),  # k log k per word, n words: every size as n
    ("It is O(26 * n) time and O(26) space.", "O(n)"),  # constant factors drop
    ("It is O(n * 2^L) time.", "O(2^n)"),
    ("It is O(log(min(m, n))) time.", "O(log n)"),  # brackets inside brackets
    ("It is O((n + m) log(n + m)) time.", "O(n log n)"),
    ("It is O(n^2 log n) time.", "O(n^2)"),  # the largest class it is at least, not its log n tail
    ("It is O(sqrt n) time.", "O(log n)"),
    ("It's O of n times k squared.", "O(n^3)"),  # said aloud: the square is the k's
    ("It's O of 26 times n.", "O(n)"),
])
def test_any_bound_the_reader_can_parse_is_given_a_class(said, label):
    assert parse_complexity_claims(said).time == label


def _said_aloud(written: str) -> str:
    inside = written[2:-1].replace("^2", " squared").replace("*", " times ").replace("+", " plus ")
    return "O of " + " ".join(inside.split())


def test_every_accepted_bound_of_every_question_is_read_as_right_written_or_said(bank):
    """Each accepted approach's time and space, in each form its facts list, claimed as an answer
    would claim it, agree with that question's facts; said aloud too, where brackets, factorials
    and one-letter names that are English words ("A") leave nothing to hear."""
    wrong = []
    for q in bank.coding:
        for a in q.facts.approaches:
            for kind, forms in (("time", (a.time, *a.time_forms)), ("space", (a.space, *a.space_forms))):
                for written in forms:
                    said = [written]
                    if not any(c in written[2:-1] for c in "()!") and not re.search(r"\bA\b|\w{7,}", written):
                        said.append(_said_aloud(written))
                    for form in said:
                        claims = parse_complexity_claims(f"It is {form} {kind} in all.")
                        if not agrees(q, claims.time_expr if kind == "time" else claims.space_expr, kind, a):
                            wrong.append(f"{q.id}: {form} {kind}")
    assert not wrong, wrong


def test_every_slower_bound_of_every_question_is_read_as_wrong(bank):
    """A wrong approach's time, where no accepted approach has it, claimed as the answer's."""
    accepted_anyway = []
    for q in bank.coding:
        accepted = {bound(f) for a in q.facts.approaches for f in (a.time, *a.time_forms)}
        for w in q.facts.wrong_approaches:
            if bound(w.time) in accepted:
                continue
            said = [w.time] + ([] if any(c in w.time[2:-1] for c in "()!") else [_said_aloud(w.time)])
            for form in said:
                if agrees(q, parse_complexity_claims(f"It is {form} time in all.").time_expr, "time") is not False:
                    accepted_anyway.append(f"{q.id}: {form}")
    assert not accepted_anyway, accepted_anyway


@pytest.mark.parametrize("qid, said", [
    ("daily-temperatures", "It is O(the number of days) time."),
    ("level-order-traversal", "It is O(number of nodes in the tree) time."),
    ("valid-palindrome", "It is O(the length of s) time."),
])
def test_a_bound_said_as_what_it_counts_agrees_with_the_questions_own(bank, qid, said):
    assert agrees(bank.get(qid), parse_complexity_claims(said).time_expr, "time")
    assert bound("O(the number of rows times the number of columns)") == bound("O(rows * columns)")


def test_sizes_described_in_words_agree_whichever_of_the_questions_names_they_match(bank):
    grid = bank.get("count-islands")  # R and rows both mean the number of rows
    said = "The time grows with the number of columns times the number of rows."
    assert agrees(grid, parse_complexity_claims(said).time_expr, "time")
    heap = bank.get("merge-k-sorted-lists")
    said = "The time grows with the number of nodes times log of the number of lists."
    assert parse_complexity_claims(said).time_expr == "nodes log lists"
    assert agrees(heap, parse_complexity_claims(said).time_expr, "time")


def test_every_reference_solution_claimed_with_its_own_bounds_scores_five(bank):
    """The bank's own solution, explained by its own idea and bounds, is never held to a slower floor
    ("while end in values" inside a loop over the values walks runs, each value once in all)."""
    short = []
    for q in bank.coding:  # the approach the solution is built on (merge-k-sorted-lists codes its second)
        a = next(a for a in q.facts.approaches if lacks(parse_code(q.solution), a.patterns) is None)
        fb = coach.step_feedback(q, "evaluate", f"{a.idea} So it takes {a.time} time and {a.space} extra space.",
                                 code=q.solution)
        if fb.score < 5:
            short.append(f"{q.id}: {fb.score} ({fb.improvement[:80]})")
    assert not short, short
    assert loop_depth("for v in s:\n    if v - 1 not in s:\n        e = v + 1\n        while e in s:\n            e += 1") == 1


def test_an_analysis_of_an_approach_the_code_does_not_use_scores_at_most_three(bank):
    q = bank.get("merge-k-sorted-lists")  # the bank's solution merges the lists in pairs: no heap
    heap = ("I keep a min-heap of size k with the head of every list, pop the smallest node and push its next, "
            "so each of the N nodes costs one push and one pop at log k: O(N log k) time, O(k) space for the heap.")
    fb = coach.step_feedback(q, "evaluate", heap, code=q.solution)
    assert fb.score == 3 and "your code uses no heap" in fb.improvement
    pairs = ("Each round merges the lists in pairs, linking every node once, and halves the number of lists, so "
             "log k rounds of N: O(N log k) time, O(k) space for the list heads.")
    assert coach.step_feedback(q, "evaluate", pairs, code=q.solution).score == 5
    assert lacks(parse_code("import heapq\ndef f(a):\n    heapq.heapify(a)\n"), ["heap"]) is None
    assert lacks(parse_code("def f(a):\n    return sorted(a)\n"), ["heap", "sorting"]) is None


def test_a_smaller_space_than_the_questions_and_a_named_height_are_right(bank):
    lcs = bank.get("longest-common-subsequence")  # two rows along the shorter string: at most O(m)
    said = parse_complexity_claims("It is O(n * m) time and O(min(len(a), len(b))) extra space.").space_expr
    assert agrees(lcs, said, "space")
    assert not agrees(lcs, parse_complexity_claims("O(n * m) time and O(max(n, m)^2) space.").space_expr, "space")
    said = "Space is the recursion depth, the height h of the tree: O(log n) if it's balanced."
    assert parse_complexity_claims(said).space_expr == "h"


def test_a_pattern_named_to_be_set_aside_does_not_choose_the_bounds_the_answer_is_held_to(bank):
    said = ("The loop runs once per bit of the exponent, since it halves e each time, so O(log e) time. "
            "Space is O(1): three integers, no recursion.")  # not the recursive approach's O(log e) stack
    fb = coach.step_feedback(bank.get("modular-power"), "evaluate", said)
    assert fb.details["space"] == "right" and fb.score == 5
    said = ("It is O(n) time because there is only one loop over the points and no nested loop, and pushing into the "
            "heap is constant time. Space is O(1).")  # the heap is taken, in a clause of its own
    assert coach.step_feedback(bank.get("k-closest-points"), "evaluate", said).details["time_right"] is False


@pytest.mark.parametrize("qid, recalled", [
    ("running-median", "Time is O(n log n) and space O(n): heaps keep things sorted, so it's basically like sorting, "
                       "and sorting is n log n."),
    ("stairs-with-broken-steps", "It's O(n) time and O(n) space, because it's basically Fibonacci, and Fibonacci "
                                 "with memoization is linear."),
])
def test_a_bound_borrowed_from_another_problem_or_sort_is_recalled_not_derived(bank, qid, recalled):
    fb = coach.step_feedback(bank.get(qid), "evaluate", recalled)
    assert fb.details["time_right"] and fb.score <= 3 and "recalls a bound" in fb.improvement


def test_a_bound_recalled_by_authority_instead_of_derived_scores_at_most_three(bank):
    q = bank.get("last-stone-weight")
    recalled = ("It's O(n log n) time because it's basically heapsort, and heapsort is n log n like any comparison "
                "sort. Space is O(n) since the heap stores every stone.")
    derived = ("Each round pops two stones and pushes at most one back, so there are at most n rounds of O(log n) "
               "heap operations: O(n log n) time. Space is O(n) since the heap stores every stone.")
    fb = coach.step_feedback(q, "evaluate", recalled)
    assert fb.details["time_right"] and fb.score <= 3 and "recalls a bound" in fb.improvement
    assert coach.step_feedback(q, "evaluate", derived).score == 5


def test_an_x_between_two_sizes_is_a_times_sign():
    claims = parse_complexity_claims("Time is O(len(a) x len(b)), space O(R x C).")
    assert (claims.time_expr, claims.space_expr) == ("a * b", "R * C") and claims.time == "O(n^2)"


def test_a_size_named_in_words_is_the_variable_that_counts_it(bank):
    q = bank.get("last-stone-weight")  # n: the number of stones; S: the total weight of all the stones
    said = "So the total is the number of stones times that halving count."
    assert agrees(q, parse_complexity_claims(said).time_expr, "time")


def test_a_sum_said_aloud_is_read_with_its_last_factor_over_the_whole_sum(bank):
    q = bank.get("count-words-by-prefix")  # time O(W + P), also O((n + q) * L)
    assert agrees(q, parse_complexity_claims("It's O of n plus q times L time.").time_expr, "time")
    assert agrees(q, "n + q * L", "time")


@pytest.mark.parametrize("said, label", [
    ("It is O(n lg n) time.", "O(n log n)"),  # lg is log, not a size
    ("It is Θ(n) time.", "O(n)"),
    ("It's theta of n time.", "O(n)"),
    ("It's n-squared time.", "O(n^2)"),
    ("It's O of n to the power of two.", "O(n^2)"),
    ("It's O(2ⁿ) time.", "O(2^n)"),
    # no notation at all: the work counted in plain words
    ("A row twice as long takes twice as long.", "O(n)"),
    ("The loop runs once per binary digit of the exponent.", "O(log n)"),
    ("So there are as many rounds as nodes.", "O(n)"),
    ("One walk over the stones, never going back.", "O(n)"),
    ("So the work is one length multiplied by the other.", "O(n^2)"),
    ("There are at most as many turns as nodes in both lists.", "O(n)"),
    ("Sorting costs about the count times the number of times you can halve it.", "O(n log n)"),
    ("The list of answers grows by one per reading.", "O(n)"),
])
def test_bounds_in_other_common_notations_are_read(said, label):
    assert parse_complexity_claims(said).time == label
    assert parse_complexity_claims("It's O(n + m) time and O(min(n, m)) space.").space == "O(n)"
    assert parse_complexity_claims("Memory: a dummy node and a few references, whatever the lengths.").space == "O(1)"


@pytest.mark.parametrize("said, label", [
    ("The loop goes over the string once, each character one push or one pop, all constant, so O(n). Space O(n).", "O(n)"),
    ("Each round merges pairs, so a round is O(N), and there are log k rounds: O(N log k). Space is O(k).", "O(n log n)"),
    ("Building the set is O(b), b < n. The loop runs once per step, each a set lookup, so O(n). Space O(n).", "O(n)"),
    ("One pass, so O(n) time, O(1) space. Sorting and taking the middle is O(n log n) time.", "O(n)"),
    ("Space is O(n^2) for the table. Every entry tries up to n splits, so the time is O(n^3).", "O(n^3)"),
    ("It is O(number of digits of n) time.", "O(log n)"),
    ("O(n): one index only moves forward. No sort, which would cost n log n.", "O(n)"),
])
def test_the_time_claimed_is_the_largest_cost_said_before_the_space(said, label):
    """Parts are said on the way to the total ("a set lookup, constant, so O(n)"): the total is the
    largest; comparisons with other solutions follow the space, or are marked ("which would cost")."""
    assert parse_complexity_claims(said).time == label


def test_plain_words_for_space_and_the_conclusion_of_a_comparison_are_read():
    said = "Memory grows with the width of the grid only. I keep the same five numbers whether there are ten or a million."
    assert parse_complexity_claims(said).space_expr == "width"
    said = "Double the area of the grid and the running time roughly doubles."
    assert parse_complexity_claims(said).time_expr == "area"  # the grid's cells, not any linear bound
    said = "So that's O(n^2) in the worst case. A heap would make each round O(log n), so O(n log n) overall."
    assert parse_complexity_claims(said).time == "O(n^2)"  # the heap's total is a comparison too
    assert loop_depth("def f(a):\n    while len(a) > 1:\n        a.sort()\n        a.pop()\n") == 2  # a sort each turn


def test_of_two_totals_of_one_class_the_one_naming_more_sizes_is_the_claim():
    said = "The counter is O of m to build. Then right and left each move at most n times: so O of n plus m."
    assert parse_complexity_claims(said).time_expr == "n plus m"
    assert parse_complexity_claims("Building it is O(b). The loop is once per step, so O(n).").time_expr == "n"


def test_loop_depth_counts_loops_over_the_input_not_fixed_or_part_loops():
    nested = "def f(a):\n    for i in range(len(a)):\n        for j in range(i + 1, len(a)):\n            pass\n"
    assert loop_depth(nested) == 2
    letters = "def f(words):\n    for word in words:\n        for ch in word:\n            pass\n"
    assert loop_depth(letters) == 1  # the letters of each word: the input once in all
    grid = (
        "DIRS = [(0, 1), (1, 0)]\ndef f(g):\n    for r in range(len(g)):\n        for c in range(len(g[0])):\n"
        "            for dr, dc in DIRS:\n                pass\n"
    )
    assert loop_depth(grid) == 2
    assert loop_depth("def f(a):\n    while a:\n        a = a[1:]\n") == 0
    assert loop_depth("def f(:") == 0


def test_loop_depth_counts_a_while_loop_that_steps_an_index_the_enclosing_loop_starts_again():
    restarted = "def f(a):\n    for i in range(len(a)):\n        j = i + 1\n        while j < len(a):\n            j += 1\n"
    assert loop_depth(restarted) == 2
    window = ("def f(s):\n    left = 0\n    for right in range(len(s)):\n        while left < right and s[left]:\n"
              "            left += 1\n")
    assert loop_depth(window) == 1  # the left edge only moves forward: its steps are shared by all
    halving = "def f(a, x):\n    lo, hi = 0, len(a)\n    while lo < hi:\n        mid = (lo + hi) // 2\n        lo = mid + 1\n"
    assert loop_depth(halving) == 0


def test_loop_depth_leaves_out_loops_over_a_table_of_a_strings_characters():
    window = (
        "from collections import Counter\n"
        "def f(s, t):\n    need, have = Counter(t), Counter()\n    start = 0\n"
        "    for end, ch in enumerate(s):\n        have[ch] += 1\n"
        "        while all(have[c] >= k for c, k in need.items()):\n            have[s[start]] -= 1\n"
        "            start += 1\n"
    )
    assert loop_depth(window, frozenset({"s", "t"})) == 1  # need holds at most the alphabet
    assert loop_depth(window) == 2  # without knowing s and t are strings, need may be as long as t
    numbers = window.replace("have[ch] += 1", "have[ch] += 1\n        need[end] = 0")
    assert loop_depth(numbers, frozenset({"s", "t"})) == 2  # need now holds positions too
    alphabet = "import string\ndef f(words):\n    for w in words:\n        for c in string.ascii_lowercase:\n            pass\n"
    assert loop_depth(alphabet) == 1
    keys = "def f(s):\n    first = {c: 0 for c in s}\n    for i in range(len(s)):\n        for c in first:\n            pass\n"
    assert loop_depth(keys, frozenset({"s"})) == 1


def test_loop_depth_counts_an_insort_into_a_growing_list_as_a_walk():
    insort = ("import bisect\ndef f(a):\n    seen = []\n    for x in a:\n        bisect.insort(seen, x)\n"
              "    return seen\n")
    assert loop_depth(insort) == 2  # bisect finds the place fast, but the insert shifts every later item
    assert loop_depth(insort.replace("bisect.insort(seen, x)", "seen.append(x)")) == 1
    rescan = "def f(pile):\n    while len(pile) > 1:\n        a = max(pile)\n        pile.remove(a)\n"
    assert loop_depth(rescan) == 2  # a stone off the pile each round, and a scan of the pile in each
    pushed = "import heapq\ndef f(a):\n    h = []\n    for x in a:\n        heapq.heappush(h, x)\n        for y in h:\n            pass\n"
    assert loop_depth(pushed) == 2  # h grows with the input: a loop over it is no fixed loop


def test_loop_depth_counts_list_work_that_walks_the_list_but_not_hashed_lookups():
    popping = "def f(out):\n    i = 0\n    while i < len(out):\n        if out[i]:\n            out.pop(i)\n        else:\n            i += 1\n"
    assert loop_depth(popping) == 2  # every pop(i) shifts the rest
    searching = "def f(a):\n    out = []\n    for x in a:\n        if x not in out:\n            out.append(x)\n    return out\n"
    assert loop_depth(searching) == 2
    hashed = ("def f(s):\n    seen, last = set(), {}\n    for ch in s:\n        seen.remove(ch)\n        last.pop(ch)\n"
              "        if ch in seen:\n            pass\n")
    assert loop_depth(hashed) == 1
    assert loop_depth("def f(a):\n    for x in a:\n        a.pop()\n        a.pop(-1)\n") == 1


def test_loop_depth_counts_a_loop_that_empties_a_collection_one_item_a_turn():
    shifting = "def f(root):\n    queue = [root]\n    while queue:\n        node = queue.pop(0)\n        queue.append(node)\n"
    assert loop_depth(shifting) == 2  # every pop(0) shifts what is left
    assert loop_depth(shifting.replace("pop(0)", "pop()")) == 1
    bfs = ("def f(graph, s):\n    queue = deque([s])\n    while queue:\n        node = queue.popleft()\n"
           "        for nxt in graph[node]:\n            queue.append(nxt)\n")
    assert loop_depth(bfs) == 1  # the neighbours of the node taken: every edge once in all
    levels = ("def f(root):\n    queue = deque([root])\n    while queue:\n        for _ in range(len(queue)):\n"
              "            node = queue.popleft()\n")
    assert loop_depth(levels) == 1  # the inner loop takes the items; the outer one counts levels
    stack = ("def f(nums):\n    stack = []\n    for x in nums:\n        while stack and stack[-1] < x:\n"
             "            stack.pop()\n        stack.append(x)\n")
    assert loop_depth(stack) == 1  # pushed once and popped once in all the for loop's turns


def test_sorting_the_whole_input_is_found_under_a_copy_or_a_concatenation_not_a_set_made_from_it():
    assert sorts_input("def f(bookings, new):\n    for s, e in sorted(bookings + [new]):\n        pass\n") == "bookings"
    assert sorts_input("def f(nums):\n    a = sorted(list(nums))\n") == "nums"
    assert sorts_input("def f(words):\n    letters = sorted({ch for w in words for ch in w})\n") is None
    assert sorts_input("def f(nums, k):\n    return sorted(nums[:k])\n") is None


def test_an_analysis_of_the_candidates_own_code_is_not_taken_for_another_problem(bank):
    q = bank.get("validate-binary-search-tree")
    code = ("def is_valid_bst(root):\n    def within(node, low, high):\n        if node is None:\n            return True\n"
            "        if not low < node.val < high:\n            return False\n"
            "        return within(node.left, low, node.val) and within(node.right, node.val, high)\n\n"
            "    return within(root, float('-inf'), float('inf'))\n")
    said = ("I visit each node once with `within`, one comparison per node, passing the bounds down, so O(n) time. "
            "The space is the call stack: one frame per node on the path from the root, so O(h), log n when balanced "
            "and n when the tree is a chain.")
    assert "other_question" in coach.step_feedback(q, "evaluate", said).details
    fb = coach.step_feedback(q, "evaluate", said, code=code)
    assert fb.score >= 4 and "other_question" not in fb.details  # not capped at 2
    q = bank.get("longest-unique-substring")  # a review of one's own code: "left" and "start" are not a grid's
    code = ("def longest_unique_substring(s):\n    last, left, best = {}, 0, 0\n    for i, ch in enumerate(s):\n"
            "        if ch in last:\n            left = last[ch] + 1\n        last[ch] = i\n"
            "        best = max(best, i - left + 1)\n    return best\n")
    said = ("Tracing 'abba': at the second b, left moves to 2. At the last a, a was seen at 0, so left = 1: the start "
            "moves backwards, and I count 'bba' as length 3. A sighting from before the current stretch must be "
            "ignored: left = max(left, last[ch] + 1).")
    assert "other_question" in coach.step_feedback(q, "review", said).details
    assert "other_question" not in coach.step_feedback(q, "review", said, code=code).details


def test_loop_depth_reads_a_comprehensions_element_inside_all_its_loops():
    each_against_each = "def f(words, prefixes):\n    return [sum(1 for w in words if w.startswith(p)) for p in prefixes]\n"
    assert loop_depth(each_against_each) == 2
    assert loop_depth("def f(words):\n    return [ch for word in words for ch in word]\n") == 1
    assert loop_depth("def f(g):\n    return {(r, c) for r in range(len(g)) for c in range(len(g[0]))}\n") == 2


def test_passing_code_that_checks_every_word_for_every_query_is_held_at_three(bank):
    q = bank.get("count-words-by-prefix")
    code = "def count_prefixes(words, prefixes):\n    return [sum(1 for w in words if w.startswith(p)) for p in prefixes]\n"
    fb = coach.step_feedback(q, "implement", "A comprehension over the prefixes.", code=code,
                             tests=TestFacts(passed=14, total=14, verdict="passed"))
    assert fb.score == 3 and fb.details["loop_depth"] == 2
    assert "nest 2 deep" in fb.improvement


def test_recursion_that_repeats_its_calls_is_told_from_memoised_and_structural_recursion(bank):
    plain = ("def solve(r, c):\n    if r == R or c == C:\n        return 0\n"
             "    return 1 + min(solve(r + 1, c), solve(r, c + 1))\n")
    assert unmemoized_recursion(plain) == "solve"
    assert unmemoized_recursion("from functools import cache\n@cache\n" + plain) is None
    memo = ("def ways(i, memo):\n    if i in memo:\n        return memo[i]\n"
            "    memo[i] = ways(i - 1, memo) + ways(i - 2, memo)\n    return memo[i]\n")
    assert unmemoized_recursion(memo) is None
    tree = "def flip(node):\n    if node:\n        node.left, node.right = flip(node.right), flip(node.left)\n    return node\n"
    halves = "def sort(a):\n    if len(a) < 2:\n        return a\n    m = len(a) // 2\n    return merge(sort(a[:m]), sort(a[m:]))\n"
    assert unmemoized_recursion(tree) is None and unmemoized_recursion(halves) is None
    q = bank.get("cheapest-grid-route")
    fb = coach.step_feedback(q, "implement", "I recurse right and down and take the cheaper.", code=plain,
                             tests=TestFacts(passed=18, total=18))
    assert fb.score == 3 and fb.details["unmemoized"] == "solve" and "functools.cache" in fb.improvement


def test_feedback_names_the_missed_fact_and_differs_between_questions(bank):
    improvements = {
        coach.step_feedback(bank.get(qid), "understand",
                            "I take the input and return the output the statement describes.").improvement
        for qid in ("two-sum", "count-islands", "merge-intervals", "three-sum", "daily-temperatures")
    }
    assert len(improvements) == 5


def test_no_improvement_is_said_to_more_than_five_percent_of_the_labelled_answers(bank):
    """Feedback a person would write: each answer's improvement names what this answer missed, so
    the same sentence is not handed to every answer. Implement is left out: its advice follows the
    tests' results, which this check does not run."""
    from collections import Counter

    from ava_core.evaluation import load_pairs

    said: Counter[str] = Counter()
    answers = 0
    for pair in load_pairs():
        for side in (pair.stronger, pair.weaker):
            if pair.step == "implement":
                continue
            if pair.kind == "behavioral":
                said[coach.answer_feedback(pair.question, side.answer).improvement] += 1
            else:
                said[coach.step_feedback(bank.get(pair.question), pair.step, side.answer, code=side.code).improvement] += 1
            answers += 1
    sentence, count = said.most_common(1)[0]
    assert count <= 0.05 * answers, sentence


def test_a_fact_met_in_all_groups_but_one_is_nearly_covered_and_counts_half(bank):
    from ava_core.interviewer.offline.coverage import covered, nearly

    q = bank.get("two-sum")  # a bug of three cue groups: storing x before checking, so x pairs with itself
    found = passages(Text("A slip is to store x before anything else."))
    assert not covered(q.facts.bugs, found)  # what it breaks is never said
    assert nearly(q.facts.bugs, found) == 1
    # facts of two cue groups are never nearly met: one group alone is often one common word
    assert nearly(q.facts.edge_cases, passages(Text("The pair can hold equal values, like [3, 3]."))) == 0


def test_praise_in_place_of_the_solution_scores_at_most_two(bank):
    praise = (
        "This is the optimal, industry-standard approach. It is highly efficient and scales to production "
        "traffic, and the code stays clean and readable, which is best practice. I am confident it is robust."
    )
    for step in ("understand", "match", "plan", "review", "evaluate"):
        fb = coach.step_feedback(bank.get("two-sum"), step, praise)
        assert fb.score <= 2, step
    assert coach.step_feedback(bank.get("two-sum"), "match", praise).details["praise"]
    real = ("I keep a dictionary from value to index and look up the complement target - x for each x; "
            "it is efficient and clean, and it scales because each lookup is O(1).")
    assert "praise" not in coach.step_feedback(bank.get("two-sum"), "match", real).details


def test_an_understanding_that_leads_to_a_wrong_approach_scores_at_most_three(bank):
    q = bank.get("fewest-hops-across-stones")
    misread = ("So from stone i I can hop to any of the next reach[i] stones, and I want the fewest hops to the "
               "last stone, or -1 if it cannot be reached; one stone means 0 hops. Can the reach go past the end? "
               "What about a zero reach at the start? Fewer hops means longer hops, so from each stone I jump to "
               "the farthest stone I can reach and count the jumps.")
    fb = coach.step_feedback(q, "understand", misread)
    assert fb.score <= 3 and fb.details["misread_as"] and "does not solve this problem" in fb.improvement
    tiles = bank.get("best-word-tiles")  # "can lose" sets the greedy aside
    said = "The 'xxxz' example shows that grabbing the single best word first can lose, so I'll compare combinations."
    assert coverage(tiles.facts, Text(said)).own_wrong is None


def test_an_answer_that_leans_on_praise_loses_a_point_and_one_word_of_it_does_not(bank):
    q = bank.get("two-sum")
    plain = ("I keep a dictionary from value to index and, for each x, look up target - x before storing x, "
             "because a match must be an earlier position.")
    base = coach.step_feedback(q, "match", plain).score
    leaning = coach.step_feedback(q, "match", "It's the standard, optimal pattern. " + plain)
    assert leaning.score == base - 1 and leaning.details["praise_words"] == ["standard", "optimal"]
    assert coach.step_feedback(q, "match", "It's optimal. " + plain).score == base


def test_the_right_idea_with_a_total_it_does_not_have_loses_a_point_and_stays_below_four(bank):
    q = bank.get("three-sum")
    idea = ("Two pointers after sorting. Fix one number, then move a left and a right pointer inward to find "
            "pairs summing to its negative, because the list is sorted, and skip duplicates. Checking every "
            "triple would be too slow.")
    for step in ("match", "plan"):
        right = coach.step_feedback(q, step, idea + " Overall it's O(n^2).")
        part = coach.step_feedback(q, step, idea + " The sort alone is O(n log n).")
        wrong = coach.step_feedback(q, step, idea + " Overall it's O(n log n).")
        assert right.score == part.score == 5 and wrong.score == 3.5, step  # a point off, and at most 3.5
        assert wrong.details["misjudged"] == "O(n log n)" and "O(n^2)" in wrong.improvement
    plain = idea.replace(" Checking every triple would be too slow.", "").replace(", because the list is sorted", "")
    right, wrong = (coach.step_feedback(q, "plan", plain + said) for said in (" Overall it's O(n^2).",
                                                                              " Overall it's O(n log n)."))
    assert (right.score, wrong.score) == (4.5, 3.5)
    q = bank.get("majority-element")  # said as the time of the approach described, not of another
    sort = "Sort the votes and return the middle one, votes[n // 2], since the majority has to cover the middle."
    wrong, right = (coach.step_feedback(q, "match", sort + said) for said in (" That's O(n) time and O(1) space.",
                                                                              " That's O(n log n) time."))
    assert wrong.details["misjudged"] == "O(n)" and right.details["misjudged"] is None
    assert wrong.score < right.score and "O(n log n)" in wrong.improvement


def test_a_bound_said_about_another_approach_is_a_comparison_not_the_claim(bank):
    q = bank.get("majority-element")
    answer = ("I keep a candidate and a lead: one pass over the n votes with constant work per vote, so O(n) "
              "time, and two variables, so O(1) extra space. Sorting and taking the middle is O(n log n) time.")
    fb = coach.step_feedback(q, "evaluate", answer)
    assert fb.details["claimed_time"] == "O(n)" and fb.details["time_right"] and fb.details["space"] == "right"


def test_a_bound_compared_with_earlier_in_its_clause_is_not_the_claim():
    said = "So constant extra memory, which is better than the in-order solution that needs O(n)."
    assert [m.contrast for m in parse_complexity_claims(said).mentions] == [False, True]
    assert parse_complexity_claims("It is O(n) time, which is what the scan needs.").mentions[0].contrast is False


def test_bounds_are_judged_against_the_approaches_of_the_patterns_named_when_none_is_described(bank):
    q = bank.get("k-closest-points")  # the heap keeps k points; quickselect works in place
    terse = "It's O(n log k), because the heap has size k. Space is O(1) because we don't copy the input."
    fb = coach.step_feedback(q, "evaluate", terse)
    assert fb.details["time_right"] and fb.details["space"] == "wrong"
    assert coach.step_feedback(q, "evaluate", terse.replace("O(1)", "O(k)")).details["space"] == "right"


def test_the_space_said_is_judged_against_the_candidates_own_approach(bank):
    q = bank.get("k-closest-points")  # quickselect can be O(1) space; the heap holds k points
    heap = ("I keep a max-heap of the k closest points by squared distance, and for each new point nearer "
            "than the top I replace the top, so O(n log k) time. Space is {}.")
    assert coach.step_feedback(q, "evaluate", heap.format("O(k) for the heap")).details["space"] == "right"
    assert coach.step_feedback(q, "evaluate", heap.format("O(1)")).details["space"] == "wrong"


def test_an_answer_that_follows_most_of_the_reference_plan_has_not_taken_a_wrong_approach(bank):
    q = bank.get("minimum-window-substring")
    plan = ("1. Count t's characters into need and set missing = len(t). 2. Move end across s: if need[ch] > 0, "
            "missing drops by one; then decrement need[ch], which can go negative for a surplus. 3. When missing "
            "hits 0, move start forward while the character at start is surplus (need < 0), giving it back. "
            "4. Record the window if it's the shortest so far. 5. Give up s[start]: need goes up, missing becomes "
            "1, start moves on, and keep expanding. 6. At the end return the best window, or '' if none was recorded.")
    said = coverage(q.facts, Text(plan))
    assert [h.fact.name for h in said.wrong_approaches] == ["treat t as a set of characters"]  # its cues are met
    assert 2 * len(said.plan) > len(q.facts.plan) and said.own_wrong is None
    assert coach.step_feedback(q, "plan", plan).score >= 4


def test_an_approach_said_never_to_happen_is_set_aside(bank):
    q = bank.get("min-stack")
    said = coverage(q.facts, Text("top and get_min read the last element. Nothing ever scans the stack."))
    assert all(h.set_aside for h in said.wrong_approaches)


def test_the_slow_way_said_first_is_a_comparison(bank):
    q = bank.get("daily-temperatures")
    said = coverage(q.facts, Text("The slow way looks ahead from every day until it finds a warmer one, far too "
                                  "much for 10^5 days."))
    assert said.wrong_approaches and all(h.set_aside for h in said.wrong_approaches)


def test_every_questions_cues_agree_with_its_own_facts(bank):
    """Each approach's idea, read as an answer, is found as that approach; the reference idea and
    plan take an accepted approach and meet no wrong approach's cues outside a comparison."""
    problems = []
    for q in bank.coding:
        facts = q.facts
        reference = coverage(facts, Text(" ".join([facts.approaches[0].idea, *(s.step for s in facts.plan)])))
        if reference.own_approach is None:
            problems.append(f"{q.id}: its idea and plan take no accepted approach")
        problems += [f"{q.id}: its plan meets '{h.fact.name}'" for h in reference.wrong_approaches if not h.set_aside]
        for fact in (*facts.approaches, *facts.wrong_approaches):
            said = coverage(facts, Text(fact.idea))
            if fact not in [h.fact for h in (*said.approaches, *said.wrong_approaches)]:
                problems.append(f"{q.id}: '{fact.name}' is not found in its own idea")
    assert problems == []


def test_an_approach_said_to_be_absent_is_set_aside_and_the_expected_bound_is_the_answers_own(bank):
    q = bank.get("trapping-rain-water")
    answer = ("Time O(n): each iteration moves lo or hi one step toward the other, with constant work inside. "
              "Space O(1): the two indices, the two running maxima and the total; there are no left-max or "
              "right-max arrays, which is the point of walking in from both ends.")
    fb = coach.step_feedback(q, "evaluate", answer)
    assert fb.details["space"] == "right" and fb.score == 5
    prefix = ("I precompute a left max array and a right max array over the columns, and add "
              "min of the two minus the height at each column: O(n) time and O(1) space.")
    wrong = coach.step_feedback(q, "evaluate", prefix)
    assert wrong.details["space"] == "wrong" and "said O(1) space (expected O(n))" in wrong.summary


@pytest.mark.parametrize("code", ["-" * 99_999 + "1", "x = " + "1+" * 49_000 + "1", "x = 1\x00"])
def test_code_crafted_to_exhaust_the_parser_gets_feedback_not_a_crash(bank, code):
    fb = coach.step_feedback(bank.get("two-sum"), "implement", "my code", code=code, tests=TestFacts(passed=0, total=3))
    assert fb.score == 1 and loop_depth(code) == 0 and unmemoized_recursion(code) is None


def test_evaluate_holds_a_claim_below_what_the_code_itself_costs(bank):
    q = bank.get("majority-element")
    code = "def majority_element(votes):\n    ordered = sorted(votes)\n    return ordered[len(ordered) // 2]\n"
    assert sorts_input(code) == "votes"
    assert sorts_input("def f(words):\n    return [''.join(sorted(w)) for w in words]\n") is None  # each word: a part
    by_start = "def rooms_needed(meetings):\n    ends = []\n    for s, e in sorted(meetings):\n        ends.append(e)\n    return len(ends)\n"
    assert sorts_input(by_start) == "meetings"  # a for loop's iterable is sorted once
    assert time_floor(bank.get("rooms-needed"), by_start) is None  # its solution sorts too: nothing slower
    said = "It's O(n) time because Timsort is linear on runs, and O(1) space, since we only index the middle."
    fb = coach.step_feedback(q, "evaluate", said, code=code)
    honest = coach.step_feedback(q, "evaluate", "Sorting is O(n log n) time, and sorted makes a copy, so O(n) space.", code=code)
    assert not fb.details["time_right"] and "sorts votes" in fb.improvement
    assert fb.score < honest.score
    q = bank.get("two-sum")  # loops nested deeper than the question's solution
    pairs = ("def two_sum(nums, target):\n    for i in range(len(nums)):\n        for j in range(i + 1, len(nums)):\n"
             "            if nums[i] + nums[j] == target:\n                return [i, j]\n")
    assert time_floor(q, pairs) == ("O(n^2)", "its for loops over the input nest 2 deep")
    assert not coach.step_feedback(q, "evaluate", "O(n) time, O(1) space, one pass.", code=pairs).details["time_right"]

    q = bank.get("minimum-window-substring")  # a check over need's letters is no second loop over s
    window = ("from collections import Counter\ndef min_window(s, t):\n    need, have = Counter(t), Counter()\n"
              "    start = 0\n    for end, ch in enumerate(s):\n        have[ch] += 1\n"
              "        while all(have[c] >= k for c, k in need.items()):\n            have[s[start]] -= 1\n"
              "            start += 1\n    return ''\n")
    assert time_floor(q, window) is None


def test_an_analysis_of_slower_code_as_it_runs_is_not_faulted_for_the_slower_approach(bank):
    q = bank.get("last-stone-weight")
    code = ("def last_stone_weight(stones):\n    pile = sorted(stones)\n    while len(pile) > 1:\n"
            "        a, b = pile.pop(), pile.pop()\n        if a != b:\n            pile.append(a - b)\n"
            "        pile.sort()\n    return pile[0] if pile else 0\n")
    said = ("The loop runs up to n minus 1 times, because every round removes at least one stone, and every round "
            "sorts the whole pile again, about n per round, so O(n^2) over the game. Memory is one copy of the pile, O(n).")
    fb = coach.step_feedback(q, "evaluate", said, code=code)
    assert fb.details["time_right"] and fb.score >= 4 and not fb.improvement.startswith("You analysed")
    assert coach.step_feedback(q, "evaluate", said).score <= 3  # without the code, it analyses a slower approach

def test_evaluate_holds_constant_space_wrong_for_code_that_calls_itself(bank):
    q = bank.get("validate-binary-search-tree")
    code = ("def is_valid_bst(root):\n    def check(node, low, high):\n        if node is None:\n            return True\n"
            "        if not (low < node.val < high):\n            return False\n"
            "        return check(node.left, low, node.val) and check(node.right, node.val, high)\n\n"
            "    return check(root, float('-inf'), float('inf'))\n")
    assert recursive(code) == "check" and recursive("def f(a):\n    return sorted(a)\n") is None
    flat = coach.step_feedback(q, "evaluate", "It is O(n) time because each node is checked once, and O(1) space because I only pass two bounds down.", code=code)
    deep = coach.step_feedback(q, "evaluate", "It is O(n) time because each node is checked once, and O(h) space for the call stack, n when skewed.",
                               code=code)
    assert flat.details["space"] == "wrong" and "check() calls itself" in flat.improvement
    assert deep.details["space"] == "right" and deep.score > flat.score

def test_evaluate_holds_a_polynomial_claim_for_recursion_that_remembers_nothing(bank):
    q = bank.get("longest-common-subsequence")
    code = ("def longest_common_subsequence(a, b):\n    def lcs(i, j):\n        if i == len(a) or j == len(b):\n"
            "            return 0\n        if a[i] == b[j]:\n            return 1 + lcs(i + 1, j + 1)\n"
            "        return max(lcs(i + 1, j), lcs(i, j + 1))\n\n    return lcs(0, 0)\n")
    assert time_floor(q, code)[0] == "O(2^n)"
    memoized = code.replace("    def lcs", "    @cache\n    def lcs")
    assert time_floor(q, memoized) is None
    table = "It's O(n·m) time because there are n·m states, each computed once, and O(n + m) space for the stack."
    honest = "With no memo the two calls overlap, so it's exponential, about 2 to the n plus m calls. Space O(n + m)."
    wrong, right = (coach.step_feedback(q, "evaluate", said, code=code) for said in (table, honest))
    assert not wrong.details["time_right"] and "your code is at least O(2^n)" in wrong.summary
    assert "calls itself more than once" in wrong.improvement
    assert right.details["time_right"] and right.score > wrong.score


def test_a_call_that_walks_a_collection_inside_a_loop_is_a_loop_and_the_loops_iterable_is_not():
    windows = "def f(nums, k):\n    best = 0\n    for i in range(len(nums) - k + 1):\n        best = max(best, sum(nums[i:i + k]))\n    return best\n"
    assert loop_depth(windows) == 2
    assert loop_depth("def f(q):\n    for x in q:\n        q.pop(0)\n") == 2
    assert loop_depth("def f(m):\n    ends = []\n    for s, e in sorted(m):\n        ends.append(e)\n    return len(ends)\n") == 1
    assert loop_depth("def f(grid):\n    return sum(sum(row) for row in grid)\n") == 1  # each row is a part


def test_evaluate_credits_a_right_analysis_of_the_candidates_slower_code(bank):
    q = bank.get("maximum-average-subarray")
    code = ("def max_average(nums, k):\n    best = float('-inf')\n    for i in range(len(nums) - k + 1):\n"
            "        best = max(best, sum(nums[i:i + k]) / k)\n    return best\n")
    right = coach.step_feedback(q, "evaluate", "There are n - k + 1 windows and each is summed from scratch over its k "
                                "numbers, so it's O(n^2) when k is about half of n. Space is O(1) apart from the slice "
                                "copy.", code=code)
    wrong = coach.step_feedback(q, "evaluate", "It's O(n) time, since there's a single for loop, and O(1) space.", code=code)
    assert right.details["time_right"] and "fits your code" in right.improvement
    assert not wrong.details["time_right"] and right.score > wrong.score


def test_a_question_about_things_that_break_does_not_set_its_own_approach_aside(bank):
    q = bank.get("crystal-shatter-score")
    said = coverage(q.facts, Text("So I turn it around: in a stretch between two crystals still standing, I pick "
                                  "the one that breaks last."))
    assert said.own_approach is not None and said.own_approach.fact.name == "Interval DP on the crystal that shatters last"
    dismissed = coverage(q.facts, Text("Picking the crystal that breaks last breaks when the row is empty."))
    assert dismissed.own_approach is None


def test_an_answer_hedged_again_and_again_loses_a_point_and_is_told_which_words(bank):
    q = bank.get("majority-element")
    sure = ("The loop reads each ballot once, so it's O(n) time, and it keeps only the candidate and its lead, "
            "so O(1) space.")
    unsure = "I think " + sure[0].lower() + sure[1:-1] + ", probably."
    confident, hedged = (coach.step_feedback(q, "evaluate", said) for said in (sure, unsure))
    assert "hedges" not in confident.details and hedged.details["hedges"] == {"I think": 1, "probably": 1}
    assert hedged.score == confident.score - 1 and 'hedged 2 times ("I think", "probably")' in hedged.summary
    assert confident.score == 5 and "Say it with conviction" in hedged.improvement
    once = coach.step_feedback(q, "evaluate", "I think " + sure[0].lower() + sure[1:])
    assert once.score == confident.score  # one "I think" is how people talk


def test_a_compared_bound_said_again_in_other_words_stays_a_comparison():
    said = ("On the list, the loop would be O(n·b), quadratic when most steps are broken. "
            "With the set it is n iterations of fixed work, O(n).")
    claims = parse_complexity_claims(said)
    assert [m.contrast for m in claims.mentions] == [True, True, False]
    assert claims.time == "O(n)"


def test_a_review_that_passes_failing_code_as_correct_is_capped_whatever_it_talked_about(bank):
    brackets = bank.get("valid-brackets")
    passed = ("The code looks fine to me. Every closing bracket is checked against the last opened one, and a "
              "closing bracket when nothing is open returns False straight away. I think it's correct.")
    found = ("I run it on '(()' and it returns True, but the answer is False: when the loop finishes some brackets "
             "can still be open. I change return True to return not stack, and '(((' now gives False.")
    failing = TestFacts(passed=9, total=12)
    weak = coach.step_feedback(brackets, "review", passed, tests=failing)
    strong = coach.step_feedback(brackets, "review", found, tests=failing)
    assert weak.score <= 2 and weak.details["missed_failing_tests"] and "fails 3 of 12 tests" in weak.improvement
    assert strong.score > weak.score and not strong.details["missed_failing_tests"]
    passing = coach.step_feedback(brackets, "review", passed, tests=TestFacts(passed=12, total=12))
    assert not passing.details["missed_failing_tests"]
    palindrome = bank.get("valid-palindrome")  # "digits count because isalnum" touches a bug it does not have
    covered = ("Empty string: j starts at -1, so it returns True. Digits count because isalnum includes them. "
               "'Was it a car or a cat I saw?' works when I trace it. So all the edge cases in the statement are covered.")
    fb = coach.step_feedback(palindrome, "review", covered, tests=TestFacts(passed=19, total=20))
    assert fb.score <= 2 and fb.details["missed_failing_tests"]
    booking = bank.get("insert-booking")  # "is right" passes it; "needs <= end" is a fix
    styled = ("Style-wise I'd rename i. The first loop copies bookings that end before the start, and the merge loop "
              "takes min and max, which is right.")
    fixed = ("Tracing example 2: [8, 10] starts at 8 and 8 < 8 is false, so it is left out, but it shares the point 8. "
             "The second loop needs <= end. The first loop is right as it is.")
    weak, strong = (coach.step_feedback(booking, "review", said, tests=TestFacts(passed=10, total=14)) for said in (styled, fixed))
    assert weak.details["missed_failing_tests"] and weak.score <= 2
    assert not strong.details["missed_failing_tests"] and strong.score > weak.score


def test_loop_depth_counts_a_list_rebuilt_by_concatenation_in_a_loop_as_a_copy():
    rebuilt = "def f(a):\n    out = []\n    for x in a:\n        out = out + [x]\n    return out\n"
    assert loop_depth(rebuilt) == 2  # every turn copies all of out into a new list
    assert loop_depth(rebuilt.replace("out = out + [x]", "out += [x]")) == 1  # extends the same list
    assert loop_depth(rebuilt.replace("out = out + [x]", "total = x + 1")) == 1


def test_a_bound_said_as_the_square_of_the_length_or_memory_as_a_few_integers_is_read():
    square = parse_complexity_claims("Each insert moves about i items, so the time grows with the square of the "
                                     "length, not in step with it.")
    assert square.time == "O(n^2)"
    small = parse_complexity_claims("It runs once per bit of the exponent. Memory is three integers.")
    assert (small.time, small.space) == ("O(log n)", "O(1)")


ONE_ROW_LCS = ("def longest_common_subsequence(a: str, b: str) -> int:\n"
               "    if len(b) > len(a):\n        a, b = b, a\n"
               "    row = [0] * (len(b) + 1)\n"
               "    for ch in a:\n        diag = 0\n"
               "        for j in range(1, len(b) + 1):\n"
               "            above = row[j]\n"
               "            row[j] = diag + 1 if ch == b[j - 1] else max(row[j], row[j - 1])\n"
               "            diag = above\n"
               "    return row[-1]\n")


def test_table_sizes_tells_a_full_table_from_one_row_and_says_nothing_of_a_memo():
    full = ("def f(a, b):\n    dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]\n    return dp[-1][-1]\n")
    assert table_sizes(full) == 2 and table_sizes(ONE_ROW_LCS) == 1
    assert table_sizes("def f(a, b):\n    dp = [[0] * len(b)] * len(a)\n") == 2
    memo = "def f(a, b):\n    seen = {}\n    for x in a:\n        seen[x] = b\n"
    assert table_sizes(memo) is None and table_sizes(None) is None


def test_a_full_table_claimed_for_code_that_keeps_one_row_is_the_wrong_space(bank):
    q = bank.get("longest-common-subsequence")
    table = ("It's a 2D DP, so the time is O(m*n) because every pair of positions gets computed once, and the space "
             "is also O(m*n) for the DP table, a cell for every pair of prefixes.")
    row = ("The time is O(m*n) because every pair of positions gets computed once. The memory grows only with the "
           "shorter string: one row of len(b) + 1 numbers.")
    claimed_table = coach.step_feedback(q, "evaluate", table, code=ONE_ROW_LCS)
    assert claimed_table.details["space"] == "wrong" and "no full table" in claimed_table.improvement
    assert coach.step_feedback(q, "evaluate", row, code=ONE_ROW_LCS).details["space"] == "right"
    full = ONE_ROW_LCS.replace("row = [0] * (len(b) + 1)", "dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]\n    row = dp[0]")
    assert coach.step_feedback(q, "evaluate", table, code=full).details["space"] == "right"
    # on a grid a flat queue of cells holds as much as a table: the code's lists say nothing there
    assert table_space(bank.get("mould-spread"), ONE_ROW_LCS, "O(r * c)") is None
    assert table_space(q, ONE_ROW_LCS, "O(r * c)") is False and table_space(q, ONE_ROW_LCS, "O(n)") is None


def test_a_review_that_names_a_slip_the_code_avoids_and_approves_failing_code_missed_the_failure(bank):
    q = bank.get("fewest-hops-across-stones")
    approved = ("I traced [1, 3, 1, 2, 0, 1] and it gives 3, which matches. Stopping the loop at n - 1 avoids the "
                "classic off-by-one here. I also checked a single stone: it returns 0. So I'd say it's correct.")
    fixed = ("The guard is meant to catch getting stuck, but the loop stops before the last stone, so nothing checks "
             "that the last stone is in reach: [2, 1, 0, 3] returns 2. After the loop I need "
             "`return hops if end >= n - 1 else -1`. The counting of hops is right.")
    failing = TestFacts(passed=13, total=17)
    weak, strong = (coach.step_feedback(q, "review", said, tests=failing) for said in (approved, fixed))
    assert weak.details["missed_failing_tests"] and weak.score <= 2
    assert not strong.details["missed_failing_tests"] and strong.score > weak.score


def test_loop_depth_counts_a_membership_test_on_a_list_parameter_as_a_walk_unless_it_was_made_a_set(bank):
    climb = ("def f(n, broken):\n    ways = [1] + [0] * n\n    for step in range(1, n + 1):\n"
             "        if step in broken:\n            continue\n        ways[step] = ways[step - 1]\n    return ways[n]\n")
    assert loop_depth(climb, frozenset(), frozenset({"broken"})) == 2  # each test reads the list from the front
    assert loop_depth(climb) == 1  # not known to be a list
    hashed = climb.replace("    ways = [1]", "    broken = set(broken)\n    ways = [1]")
    assert loop_depth(hashed, frozenset(), frozenset({"broken"})) == 1
    q = bank.get("stairs-with-broken-steps")
    said = "The loop does n steps, but `step in broken` scans the list each time, so it grows with the square of n."
    code = climb.replace("def f(n, broken)", f"def {q.function}(n, broken)")
    fb = coach.step_feedback(q, "evaluate", said, code=code)
    assert fb.details["claimed_time"] == "O(n^2)" and fb.details["time_right"]


def test_a_logarithm_with_a_base_and_a_count_of_digits_are_logarithmic():
    for said in ("It is O(log_10 n) time.", "It is O(log10 n) time.", "Time is O(log₂ n).", "O(log₁₀ n) time"):
        assert parse_complexity_claims(said).time == "O(log n)", said
    assert parse_complexity_claims("It is O(n log_2 n) time.").time == "O(n log n)"
    digits = parse_complexity_claims("So time is proportional to the number of digits, and space is O(1).")
    assert (digits.time, digits.space) == ("O(log n)", "O(1)")
    assert parse_complexity_claims("The work is proportional to the number of days.").time == "O(n)"


def test_a_product_of_two_named_sizes_is_the_cost_of_loops_nested_two_deep(bank):
    """ "(n - k) times k" for code that sums a fresh slice per window: the code's own cost, counted in
    the question's sizes, is right; "O(n)" for the same code is not."""
    said = parse_complexity_claims("There are n - k + 1 windows and each one adds k numbers, so (n - k + 1) * k time.")
    assert said.time_expr == "n * k"
    q = bank.get("maximum-average-subarray")
    code = (f"def {q.function}(nums, k):\n    best = sum(nums[:k])\n"
            "    for i in range(1, len(nums) - k + 1):\n        best = max(best, sum(nums[i:i + k]))\n"
            "    return best / k\n")
    counted = coach.step_feedback(q, "evaluate", "Each window is summed again from its slice: about (n - k) times k "
                                  "additions, because the loop slides n - k times and each sum reads k numbers.", code=code)
    window = coach.step_feedback(q, "evaluate", "It is a sliding window, so O(n) time, because the window moves "
                                 "one step each time.", code=code)
    assert counted.details["time_right"] and not window.details["time_right"]
    assert counted.score > window.score


def test_recursion_on_a_trimmed_slice_copies_the_rest_on_every_call_and_halves_do_not(bank):
    trimmed = ("def same(s):\n    if len(s) < 2:\n        return True\n"
               "    return s[0] == s[-1] and same(s[1:-1])\n")
    assert slice_recursion(trimmed) == "same"
    assert slice_recursion("def total(a):\n    return a[0] + total(a[1:]) if a else 0\n") == "total"
    halves = ("def find(a, x):\n    if not a:\n        return False\n    mid = len(a) // 2\n"
              "    return a[mid] == x or (find(a[:mid], x) if x < a[mid] else find(a[mid + 1:], x))\n")
    assert slice_recursion(halves) is None
    assert slice_recursion("def f(s):\n    return s[1:]\n") is None  # a slice, but no call to itself
    q = bank.get("valid-palindrome")
    code = (f"def {q.function}(s):\n    s = ''.join(ch.lower() for ch in s if ch.isalnum())\n"
            f"    return len(s) < 2 or (s[0] == s[-1] and {q.function}(s[1:-1]))\n")
    copies = coach.step_feedback(q, "evaluate", "Each call builds s[1:-1], a copy of all but two characters, and "
                                 "there are n over 2 calls, so about n squared time.", code=code)
    pointers = coach.step_feedback(q, "evaluate", "Two pointers meet in the middle, each character is looked at "
                                   "once, so O(n) time.", code=code)
    assert copies.details["time_right"] and not pointers.details["time_right"]
    assert copies.score > pointers.score


def test_a_bound_said_aloud_without_the_o_is_read_after_is_and_which_is():
    for said in ("so the space is n", "and space is the sorted copy which is n", "space is n for the sorted copy",
                 "um and space is the copy which is n plus the heap"):
        assert parse_complexity_claims(said).space == "O(n)", said
    assert parse_complexity_claims("so the time is n log n and the space is n").time == "O(n log n)"
    assert parse_complexity_claims("the time is n squared").time == "O(n^2)"
    for not_a_bound in ("that is not fast", "which is nice", "the time is now"):
        claims = parse_complexity_claims(not_a_bound)
        assert claims.time is None and claims.space is None, not_a_bound


def test_the_total_number_of_a_thing_times_a_size_is_a_product():
    said = parse_complexity_claims("So the walking adds up to roughly the total number of nodes times k over two.")
    assert said.time_expr == "nodes * k"
    assert parse_complexity_claims("Time grows with the total number of cells.").time_expr == "cells"
