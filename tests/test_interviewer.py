"""The offline coach: rubric behaviour per step, complexity phrases, STAR, follow-ups, question
generation, reports and their hiring signal, and determinism."""

from __future__ import annotations

import collections
import re

import pytest

from ava_core import interviewer, speech
from ava_core.errors import ConfigError, InvalidInput
from ava_core.interviewer import TestFacts, get_interviewer
from ava_core.interviewer.claims import parse_complexity_claims
from ava_core.interviewer.claude import ClaudeInterviewer
from ava_core.interviewer.offline import OfflineCoach
from ava_core.interviewer.offline.implement import readability_issues
from ava_core.interviewer.offline.scoring import scale
from ava_core.interviewer.offline.resume_questions import question_subject
from ava_core.interviewer.report import (
    BehavioralAnswer,
    BehavioralSession,
    CodingSession,
    build_coding_report,
)
from ava_core.interviewer.wording import FOLLOW_UPS
from ava_core.questions import load_bank
from ava_core.resume import Contact, Entities, Entry, ParsedResume, Section
from ava_core.settings import load_settings
from ava_core.vocabulary import STEPS, hiring_signal

coach = OfflineCoach()


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture(scope="module")
def two_sum(bank):
    return bank.get("two-sum")


def quotes(evidence: list[str]) -> list[str]:
    return [q for e in evidence for q in re.findall(r'"([^"]+)"', e)]


def assert_quoted_from(feedback, answer: str) -> None:
    """Every quoted phrase in the evidence comes from the answer (ellipses aside)."""
    flat = " ".join(answer.split())
    for q in quotes(feedback.evidence):
        for piece in q.strip("…").split("…"):
            assert piece.strip() in flat, piece


# --- the registry --------------------------------------------------------------------------------


def test_default_provider_is_offline_without_a_key():
    assert get_interviewer(settings=load_settings({})).name == "offline"
    assert get_interviewer("offline", load_settings({})).name == "offline"


def test_auto_picks_claude_when_a_key_is_set():
    chosen = get_interviewer(settings=load_settings({"ANTHROPIC_API_KEY": "sk-test"}))
    assert isinstance(chosen, ClaudeInterviewer)
    assert chosen.model == load_settings({}).claude_model


def test_unknown_provider_and_claude_without_key_are_config_errors():
    with pytest.raises(ConfigError, match="no interviewer named 'gpt'"):
        get_interviewer("gpt", load_settings({}))
    with pytest.raises(ConfigError, match="ANTHROPIC_API_KEY"):
        get_interviewer("claude", load_settings({}))


def test_a_registered_provider_is_found_by_name(monkeypatch):
    monkeypatch.setitem(interviewer.INTERVIEWERS._factories, "echo", lambda settings: OfflineCoach())
    assert "echo" in interviewer.interviewer_names()
    assert isinstance(get_interviewer("echo", load_settings({})), OfflineCoach)


def test_unknown_step_is_invalid_input(two_sum):
    with pytest.raises(InvalidInput, match="not an UMPIRE step"):
        coach.step_feedback(two_sum, "optimize", "text")


# --- Understand ----------------------------------------------------------------------------------

UNDERSTAND_STRONG = (
    "So I'm given a list of integers nums and an integer target, and I return the indexes of two "
    "different positions whose values sum to target. Duplicates like [3, 3] with target 6 give [0, 1], "
    "two different positions, but 3 in [3, 2, 4] with 6 cannot pair with itself. Can values be negative? Can I use the same element twice? Is there always "
    "exactly one answer? With up to 10^5 "
    "numbers, checking every pair is too slow. For example [2, 7, 11, 15] with 9 gives [0, 1]."
)


def test_understand_rewards_restating_questions_constraints_and_examples(two_sum):
    fb = coach.step_feedback(two_sum, "understand", UNDERSTAND_STRONG)
    assert fb.score == 5
    assert len(fb.details["questions"]) == 3
    assert "Can I use the same element twice?" in fb.details["clarifications"]
    assert {"duplicates", "negative numbers"} <= set(fb.details["edge_kinds"])
    assert fb.details["constraints"] and fb.details["example"]
    assert_quoted_from(fb, UNDERSTAND_STRONG)
    assert any("Can values be negative?" in e for e in fb.evidence)


def test_understand_without_questions_asks_for_one_naming_a_real_edge_case(two_sum):
    fb = coach.step_feedback(
        two_sum, "understand",
        "The input is a list nums and an integer target; I return the two indexes whose values add to target.",
    )
    assert fb.score == 2
    # the first clarification of the question's facts that matters, with the interviewer's answer
    assert fb.improvement.startswith('You never asked "Is there always exactly one valid pair?"')
    assert "exactly one pair of positions" in fb.improvement


def test_understand_of_another_problem_scores_at_most_two(bank):
    other = bank.get("count-islands")  # a strong Understand answer, but for Two Sum
    fb = coach.step_feedback(other, "understand", UNDERSTAND_STRONG)
    assert fb.score <= 2 and "restating the problem" in fb.improvement
    assert coach.step_feedback(bank.get("two-sum"), "understand", UNDERSTAND_STRONG).score == 5


def test_evidence_quotes_each_sentence_once(two_sum):
    answer = "Time is O(n) because we pass once, and space is O(n) for the dictionary."
    fb = coach.step_feedback(two_sum, "evaluate", answer)
    assert fb.evidence[0] == f'time, space and reason: "{answer}"'
    assert sum(answer in e for e in fb.evidence) == 1


def test_understand_jumping_to_code_scores_one(two_sum):
    fb = coach.step_feedback(two_sum, "understand", "Easy, I'll use a hash map. Let me start coding.")
    assert fb.score == 1
    assert fb.details["jumped_to_solution"]
    assert "restating the problem" in fb.improvement


def test_add_up_to_is_not_a_size_constraint(two_sum):
    fb = coach.step_feedback(two_sum, "understand", "I find two numbers that add up to the target.")
    assert not fb.details["constraints"]


# --- Match ---------------------------------------------------------------------------------------


def test_match_counts_synonyms_and_rewards_reasons_and_comparisons(bank):
    q = bank.get("two-sum")
    bare = coach.step_feedback(q, "match", "A dictionary.")
    reasoned = coach.step_feedback(q, "match", "A dictionary, because each complement lookup is then constant time.")
    full = coach.step_feedback(
        q, "match",
        "A dictionary, because each complement lookup is then constant time; the brute force checks every pair.",
    )
    # a bare name is a label, not an approach; the reason and the comparison lift it
    assert (bare.score, reasoned.score, full.score) == (2, 4, 5)
    assert reasoned.details["described"] == "one pass with a value-to-index dictionary"
    assert full.details["named"] == ["hash-map"]
    assert 'names hash map: "A dictionary.' in bare.evidence[0]


def test_match_gives_an_approach_told_in_plain_words_what_the_same_approach_named_gets(bank):
    q = bank.get("trapping-rain-water")
    plain = coach.step_feedback(q, "match", (
        "Water over a column depends on the tallest column on each side of it. I'd walk in from both ends at once, "
        "remembering the tallest seen so far on each side. Whichever side's tallest is lower is settled, because "
        "the other side already has something at least as high. Each column is settled once."))
    named = coach.step_feedback(q, "match", (
        "Two pointers with running maxima: water over a column depends on the tallest column on each side of it, "
        "so I walk in from both ends and settle whichever side's tallest is lower, because the other side already "
        "has something at least as high."))
    assert plain.details["described"] == named.details["described"] and not plain.details["named"]
    assert plain.score == named.score >= 4


def test_match_credits_an_unnamed_description_only_with_half_the_reference_steps(bank):
    q = bank.get("round-table-donations")
    # the straight-row recurrence alone covers two of the five steps: another problem's solution
    straight = coach.step_feedback(q, "match", (
        "For each guest i, the best total up to i is either the best up to i - 1 or pledges[i] plus the "
        "best up to i - 2. Base cases: with no guests the answer is 0 and with one guest it's their pledge."))
    assert straight.details["described"] is None and straight.score <= 2
    q = bank.get("daily-temperatures")  # three of six steps, in plain words
    pile = coach.step_feedback(q, "match", (
        "When a new day arrives I look at the top: while that waiting day is colder than today, today is its "
        "answer, I write today's index minus its index and take it off. Days still waiting at the end keep 0."))
    assert pile.details["described"] == q.facts.approaches[0].name


def test_match_stating_a_bound_is_not_a_comparison(bank):
    fb = coach.step_feedback(bank.get("two-sum"), "match", "A dictionary, because each complement lookup is then constant time. It's O(n).")
    assert not fb.details["comparison"] and fb.score == 4


def test_match_wrong_pattern_scores_one_and_names_the_right_one(bank):
    fb = coach.step_feedback(bank.get("binary-search"), "match", "I would use a heap, a priority queue.")
    assert fb.score == 1
    assert fb.details["other_patterns"] == ["heap"]
    assert "binary search" in fb.improvement


def test_match_brute_force_only_scores_two(bank):
    fb = coach.step_feedback(bank.get("three-sum"), "match", "Check every triple with nested loops.")
    assert fb.score == 2


# --- Plan ----------------------------------------------------------------------------------------


def test_plan_with_steps_structures_and_edges_beats_a_vague_one(bank):
    q = bank.get("merge-intervals")
    strong = (
        "First I sort the intervals by start. Then I keep a result list with the first interval. "
        "Next, for each interval I compare its start with the last end in the result: if it "
        "overlaps or touches I update the end with max, otherwise I append it. Finally I return "
        "the result; a single interval comes back unchanged."
    )
    fb = coach.step_feedback(q, "plan", strong)
    vague = coach.step_feedback(q, "plan", "Merge the ones that overlap.")
    assert fb.score == 5 and vague.score <= 2
    assert fb.details["step_markers"] >= 3 and fb.details["fits"]
    assert_quoted_from(fb, strong)


def test_plan_for_a_brute_force_is_capped_at_two(two_sum):
    fb = coach.step_feedback(
        two_sum, "plan",
        "First I write two loops over the list: for each number I then check every other number, "
        "and if the sum equals target I return both indexes, using a result list.",
    )
    assert fb.details["took"] == "check every pair" and fb.score == 2
    assert "dictionary finds each partner" in fb.improvement  # why, from the question's facts


# --- Implement -----------------------------------------------------------------------------------

CLEAN = """def two_sum(nums, target):
    seen = {}  # value -> index
    for i, value in enumerate(nums):
        if target - value in seen:
            return [seen[target - value], i]
        seen[value] = i
    return []
"""


EXPLAINED = (
    "I keep a dictionary from each value to its index. For each value I look up its complement, "
    "target minus the value; if it is already in the dictionary I return both indexes, otherwise I "
    "store the value after the check, so it never pairs with itself."
)


@pytest.mark.parametrize(
    "passed, total, expected",
    [(14, 14, 5), (13, 14, 4), (10, 14, 3), (9, 14, 2), (1, 14, 2), (0, 14, 1)],
)
def test_implement_base_score_follows_the_tests(two_sum, passed, total, expected):
    fb = coach.step_feedback(two_sum, "implement", EXPLAINED, code=CLEAN, tests={"passed": passed, "total": total})
    assert fb.score == expected
    assert f"tests: {passed} of {total} passed" in fb.evidence
    assert fb.criteria()[1] == ("tests_passed", float(passed), float(total))


def test_implement_accepts_a_judge_report_and_names_failing_tests(two_sum):
    from ava_core.judge import TestReport, TestResult

    results = [
        TestResult(kind="example", index=0, status="passed", input={}, expected=1, got=1),
        TestResult(kind="hidden", index=0, status="failed", input=None, expected=None, got=None, hidden=True),
    ]
    report = TestReport(question_id="two-sum", verdict="wrong_answer", message="1 of 2", results=results,
                        stdout="", stdout_truncated=False, stderr="", protections=None, executor="local",
                        seconds=0.1)
    fb = coach.step_feedback(two_sum, "implement", "", code=CLEAN, tests=report)
    assert TestFacts.of(report) == TestFacts(1, 2, "wrong_answer", ("hidden test 1",))
    assert "failed: hidden test 1" in fb.evidence
    assert fb.score == 2


def test_passing_code_loses_a_point_when_it_is_not_explained_or_loops_deeper_than_needed(two_sum):
    silent = coach.step_feedback(two_sum, "implement", "", code=CLEAN, tests={"passed": 14, "total": 14})
    assert silent.score == 4 and "say how it works" in silent.improvement
    nested = (
        "def two_sum(nums, target):\n    for i in range(len(nums)):\n        for j in range(i + 1, len(nums)):\n"
        "            if nums[i] + nums[j] == target:\n                return [i, j]\n"
    )
    fb = coach.step_feedback(two_sum, "implement", "I check every pair with two loops.", code=nested,
                             tests={"passed": 14, "total": 14})
    assert fb.score == 3 and fb.details["loop_depth"] == 2 and fb.details["took"] == "check every pair"
    assert "10^5" in fb.improvement  # why the slower approach is too slow, from the question's facts


def test_implement_readability_issues_take_a_point_off(two_sum):
    cryptic = "def two_sum(a, t):\n    d = {}\n    for i in range(len(a)):\n        if t - a[i] in d:\n            return [d[t - a[i]], i]\n        d[a[i]] = i\n"
    fb = coach.step_feedback(two_sum, "implement", EXPLAINED, code=cryptic, tests={"passed": 14, "failed": 0})
    assert fb.score == 4
    assert "Readability" in fb.summary


def test_readability_issues_are_named():
    code = (
        "def merge(intervals):\n    intervals.sort()\n    count = 0\n    i = 0\n"
        "    while i < len(intervals) - 1:\n        del intervals[i + 1]\n    return intervals\n"
    )
    issues = readability_issues(code)
    assert "assigns count but never uses it" in issues
    assert "changes its input (intervals) in place" in issues
    assert "deletes from a list inside a loop" in issues
    assert readability_issues(CLEAN) == []
    assert readability_issues("def f(:\n") == ["does not parse"]


def test_implement_syntax_error_no_tests_and_slow_code(bank, two_sum):
    assert coach.step_feedback(two_sum, "implement", "", code="def two_sum(:").score == 1
    untested = coach.step_feedback(two_sum, "implement", "", code=CLEAN)
    assert untested.score == 3 and "submit" in untested.improvement
    slow = coach.step_feedback(bank.get("binary-search"), "implement", "", code="def search(nums, target):\n    return nums.index(target) if target in nums else -1\n",
                               tests={"passed": 14, "total": 14}, complexity="O(n)")
    assert slow.score == 4 and slow.details["slower_than_expected"]
    assert "O(log n)" in slow.improvement


# --- Review --------------------------------------------------------------------------------------


def test_review_tracing_edges_and_a_bug_scores_five(two_sum):
    answer = (
        "Trace nums = [3, 2, 4], target 6: i = 0, value 3, need 3, not seen, store 3 -> 0. "
        "i = 1, value 2, need 4, store 2 -> 1. i = 2, value 4, need 2, found at 1, return [1, 2], "
        "which matches the expected output. Duplicates like [3, 3] give [0, 1], two different positions. "
        "I noticed a bug: I stored each value before checking, so 3 paired with itself; fixed. "
        "Now 3 in [3, 2, 4] with 6 is not paired with itself: [0, 0] is not allowed."
    )
    fb = coach.step_feedback(two_sum, "review", answer)
    assert fb.score == 5
    assert fb.details["bug_found"] and fb.details["verified"]
    assert_quoted_from(fb, answer)


def test_a_trace_said_without_punctuation_counts_its_steps_as_typed(two_sum):
    typed = ("Trace nums = [3, 2, 4], target 6. i is 0, value 3, need 3, not seen, store it. i is 1, value 2, "
             "need 4, store it. i is 2, value 4, need 2, found at 1, so return [1, 2], as expected.")
    said = ("so trace nums 3 2 4 with target 6 um i is 0 value 3 need 3 not seen store it i is 1 value 2 "
            "need 4 store it i is 2 value 4 need 2 found at 1 so return 1 2 as expected")
    in_words = ("let me run three two four with target six. i is zero, value three, need three, not seen. i is one, "
                "value two, need four. i is two, value four, need two, found, so zero and one, no, one and two.")
    steps = [coach.step_feedback(two_sum, "review", answer).details["trace_steps"] for answer in (typed, said, in_words)]
    assert all(s >= 3 for s in steps)
    assert coach.step_feedback(two_sum, "review", "looks fine to me i think it works for the examples we had "
                               "and i would maybe add some tests later on").details["trace_steps"] == 0


def test_review_without_checking_scores_low_and_asks_for_a_trace(two_sum):
    assert coach.step_feedback(two_sum, "review", "Looks good to me.").score == 1
    ran = coach.step_feedback(two_sum, "review", "I ran it and the examples passed.")
    assert ran.score == 2
    assert "nums = [2, 7, 11, 15], target = 9" in ran.improvement


def test_review_listing_edges_without_checking_them_scores_two(two_sum):
    fb = coach.step_feedback(two_sum, "review", "I would check an empty list, duplicates and negative numbers.")
    assert fb.score == 2


# --- Evaluate: spoken complexity -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, time, space",
    [
        ("O of n log n", "O(n log n)", None),
        ("It's linear.", "O(n)", None),
        ("n squared time", "O(n^2)", None),
        ("big O of n", "O(n)", None),
        ("constant space", None, "O(1)"),
        ("O(n) time and O(1) space", "O(n)", "O(1)"),
        ("linear time, constant extra memory", "O(n)", "O(1)"),
        ("It's logarithmic.", "O(log n)", None),
        ("log of n time", "O(log n)", None),
        ("two to the n", "O(2^n)", None),
        ("O(2^n) time, O(n) space for the recursion", "O(2^n)", "O(n)"),
        ("n cubed", "O(n^3)", None),
        ("O(N^2)", "O(n^2)", None),
        ("quadratic time but linear space", "O(n^2)", "O(n)"),
        ("O(V + E)", "O(n)", None),
        ("order n log n", "O(n log n)", None),
        ("n times log n time", "O(n log n)", None),
        ("Space is oh of one.", None, "O(1)"),
        ("It runs in O(n) instead of O(n^2).", "O(n)", None),
        ("The brute force is O(n^3); mine is O(n^2).", "O(n^2)", None),
        ("Sorting is O(n log n), the scan is O(n), so O(n log n) overall.", "O(n log n)", None),
        ("O(n · 2^n) to build every subset", "O(2^n)", None),
        ("Linear, linear.", "O(n)", "O(n)"),
        ("I'm not sure, it's fast.", None, None),
        # Bounds in several variables, as the class they behave as in n:
        ("The time is O(n log k) and space O(k).", "O(n log n)", "O(n)"),
        ("It runs in O(E log V) time.", "O(n log n)", None),
        ("Time O((V + E) log V).", "O(n log n)", None),
        ("O(m*n) time and O(n) space", "O(n^2)", "O(n)"),
        ("O(n · n!) time", "O(2^n)", None),
        ("Time is O(n) and space is O(1) because we keep two pointers.", "O(n)", "O(1)"),
        # "in order of start time" sorts; "on the order of n" is a bound
        ("I put the meetings in order of start time, then sort in the order of their end time.", None, None),
        ("It is on the order of n squared time.", "O(n^2)", None),
    ],
)
def test_spoken_complexity_is_parsed(text, time, space):
    claims = parse_complexity_claims(text)
    assert (claims.time, claims.space) == (time, space)


@pytest.mark.parametrize("answer, score", [
    ("It is O(n) time because we walk the list once and look each complement up in the hash map, and O(1) space.",
     3.5),
    ("It is O(n) time and O(1) space.", 3),
    ("It is O(n squared) time because we walk the list once and look each complement up in the hash map, and O(n) "
     "space for the map.", 2.5),
    ("It is O(n squared) time and O(n) space.", 2),
])
def test_a_reason_from_the_solution_earns_half_a_point_beside_a_wrong_bound(two_sum, answer, score):
    assert coach.step_feedback(two_sum, "evaluate", answer).score == score


def test_evaluate_compares_with_declared_and_measured(two_sum):
    right = coach.step_feedback(two_sum, "evaluate", "O(n) time since it's one pass, looking up each complement "
                                "in the map in O(1), and O(n) space for the map.",
                                complexity="O(n)")
    assert right.score == 5 and right.details["complexity_agrees"] == 1
    assert right.criteria()[-1] == ("complexity_agrees", 1.0, 1.0)
    wrong = coach.step_feedback(two_sum, "evaluate", "O(n squared) time and O(1) space.", complexity="O(n)")
    assert wrong.score == 1 and wrong.details["complexity_agrees"] == 0
    assert "this solution is O(n)" in wrong.improvement
    own = coach.step_feedback(two_sum, "evaluate", "My nested loops make it O(n^2) time and O(1) space.",
                              complexity="O(n^2)")
    assert own.score == 4 and own.details["space"] == "unverified"
    assert "aim for that" in own.improvement
    missing = coach.step_feedback(two_sum, "evaluate", "It should be fast enough.")
    assert missing.score == 1 and "State the time complexity" in missing.improvement


# --- delivery ------------------------------------------------------------------------------------


def test_delivery_feeds_a_communication_score(two_sum):
    text = "Um, so, like, um, I would, uh, you know, use a hash map, um, and like check the, uh, complement."
    metrics = speech.measure(text)
    fb = coach.step_feedback(two_sum, "match", text, delivery=metrics)
    assert fb.communication is not None and fb.communication.score <= 3
    assert any("fillers per 100 words" in e for e in fb.communication.evidence)
    assert "silent pause" in fb.communication.improvement
    again = coach.step_feedback(two_sum, "match", text, delivery=metrics.to_dict())
    assert again.communication == fb.communication
    assert ("communication", float(fb.communication.score), 5.0) in fb.criteria()
    assert coach.step_feedback(two_sum, "match", "hash map", delivery=speech.measure("hash map")).communication is None


# --- behavioral ----------------------------------------------------------------------------------

STAR_ANSWER = (
    "At Fabrikam our checkout service timed out for 8% of orders during sales, and I was "
    "responsible for fixing it before Black Friday, six weeks away. I missed my first date because I "
    "had only tuned queries without measuring. I profiled the service, found "
    "that every request opened a new database connection, and I introduced a connection pool. I "
    "also wrote a load test and ran it nightly. As a result timeouts dropped to 0.2% and we handled "
    "3x the traffic. I learned to measure before I optimise."
)


def test_star_components_are_found_with_quotes(bank):
    bq = bank.get("failure-missed-commitment")
    fb = coach.answer_feedback(bq, STAR_ANSWER)
    assert fb.missing == []
    for part in ("situation", "task", "action", "result"):
        assert fb.star[part].quotes and all(q.strip("…") in STAR_ANSWER for q in fb.star[part].quotes)
    assert fb.score >= 4 and fb.reflection
    assert fb.specificity.score >= 4 and any('"8%"' in e for e in fb.specificity.evidence)
    assert fb.ownership.score == 5 and fb.we_count == 2
    rows = {c: s for c, s, _ in fb.criteria()}
    assert rows["star_result"] == 1.0 and rows["specificity"] == fb.specificity.score


def test_the_action_quote_is_not_the_sentence_already_quoted_as_the_situation(bank):
    answer = ("At Acme I led the migration of our billing service. The deadline was tight because "
              "the vendor contract ended in March. I split the work into three phases and wrote the "
              "backfill myself. We moved 2 million accounts with no downtime.")
    fb = coach.answer_feedback(bank.get("failure-missed-commitment"), answer)
    assert fb.star["situation"].quotes == ["At Acme I led the migration of our billing service."]
    assert fb.star["action"].quotes[0].startswith("I split the work")
    assert fb.ownership.evidence[0].startswith("I split the work")


def test_ownership_counts_i_against_we(bank):
    fb = coach.answer_feedback(bank.get("conflict-disagreed-with-teammate"),
                               "We talked and we agreed. Our team shipped it. I helped.")
    assert (fb.i_count, fb.we_count) == (1, 3)
    assert fb.ownership.score <= 2  # nothing said of what I did myself


def test_hypothetical_and_short_answers_are_capped(bank):
    bq = bank.get("conflict-disagreed-with-teammate")
    hypothetical = coach.answer_feedback(
        bq, "I get along with everyone. If I did disagree, I would talk to them and I would find a "
        "compromise that works for both of us, and I usually try to listen first and keep calm.",
    )
    assert hypothetical.score <= 2 and hypothetical.details["hypothetical"]
    assert coach.answer_feedback(bq, "Can we skip this one?").score == 1


def test_relevance_follows_the_question(bank):
    bq = bank.get("leadership-without-authority")
    on_topic = coach.answer_feedback(bq, "I led the group and organised the work, and convinced the team to volunteer.")
    off_topic = coach.answer_feedback(bq, "My favourite food is pasta and I cook it on weekends.")
    assert on_topic.relevance.score > off_topic.relevance.score


def test_answer_feedback_accepts_a_plain_question_text():
    fb = coach.answer_feedback("Tell me about a time you disagreed with your manager at Contoso.", STAR_ANSWER)
    assert fb.details["competencies"][0] == "conflict"
    assert 1 <= fb.score <= 5


# --- follow-ups ----------------------------------------------------------------------------------


def test_follow_up_targets_the_missing_result(bank):
    bq = bank.get("leadership-without-authority")
    answer = (
        "At Northwind our releases kept slipping, and my goal was to get the three teams onto one "
        "schedule. I set up a weekly sync, I wrote a release checklist and I paired with each team "
        "lead on their blockers."
    )
    assert coach.follow_up(bq, answer).question == "What was the measurable result?"


def test_follow_up_asks_for_personal_action_when_only_we(bank):
    bq = bank.get("leadership-without-authority")
    answer = ("At Northwind our releases kept slipping and we had to fix it. The team met every week "
              "and we wrote a checklist for every release. In the end we shipped on time.")
    assert coach.follow_up(bq, answer).question == FOLLOW_UPS["someone_else"]


def test_follow_up_is_none_for_a_complete_answer_and_never_more_than_two(bank):
    bq = bank.get("failure-missed-commitment")
    assert coach.follow_up(bq, STAR_ANSWER).question is None
    thin = "Last year I missed a deadline on a report for my manager because I was busy with other work that week."
    first = coach.follow_up(bq, thin).question
    second = coach.follow_up(bq, thin, asked=[first]).question
    assert first and second and first != second
    assert coach.follow_up(bq, thin, asked=[first, second]).question is None


# --- question generation -------------------------------------------------------------------------


def make_resume() -> ParsedResume:
    work = Entry("experience", "Software Engineer", "Northwind", "2021", "present", None,
                 ["Cut deploy time from 45 to 12 minutes by parallelising the test stage",
                  "Mentored two interns"])
    school = Entry("education", "BSc Computer Science", "State University", "2017", "2021", None,
                   ["GPA 3.9"])
    project = Entry("project", "Trailblazer", "", None, None, None, ["A route planner in Rust"])
    sections = [Section("experience", "Experience", "", [work]), Section("projects", "Projects", "", [project]),
                Section("education", "Education", "", [school])]
    markdown = "# Jane Doe\njane@example.com\n\n## Experience\n..."
    return ParsedResume(
        markdown=markdown, redacted_markdown="## Experience\nSoftware Engineer, Northwind...",
        sections=sections, skills=["Python", "Kafka"],
        entities=Entities(["Northwind"], ["Trailblazer"], ["Rust", "Python", "Kafka"], ["State University"]),
        contact=Contact("Jane Doe", "jane@example.com", None, [], None),
        page_count=1, size_bytes=100, sha256="0" * 64, warnings=[],
    )


def test_generated_questions_name_the_resume_entities(bank):
    resume = make_resume()
    questions = coach.generate_questions(resume, n=5, bank=bank).questions
    assert len(questions) == 5 and len(set(questions)) == 5
    names = ["Northwind", "Trailblazer", "Rust", "Python", "Kafka"]
    assert all(any(name in q for name in names) for q in questions)
    assert "Cut deploy time from 45 to 12 minutes" in questions[0]
    assert not any("GPA" in q for q in questions)
    assert questions == coach.generate_questions(resume, n=5, bank=bank).questions


def test_every_generated_resume_question_knows_what_it_asks_about(bank):
    questions = coach.generate_questions(make_resume(), n=8, bank=bank).questions
    subjects = {question_subject(q)[0] for q in questions if question_subject(q)}
    assert subjects == {"Northwind", "Trailblazer", "Rust", "Python", "Kafka"}
    assert question_subject(questions[0]) == (
        "Northwind", "Cut deploy time from 45 to 12 minutes by parallelising the test stage")
    assert question_subject(bank.behavioral[0].text) is None


def test_an_answer_about_something_else_is_followed_up_on_the_resume_item(bank):
    resume_question = coach.generate_questions(make_resume(), n=1, bank=bank).questions[0]  # about Northwind
    elsewhere = coach.answer_feedback(resume_question, STAR_ANSWER)
    assert elsewhere.score <= 3 and elsewhere.relevance.score <= 2
    assert "never mentions Northwind" in elsewhere.relevance.note
    assert elsewhere.details["gaps"][0] == "subject"
    assert elsewhere.improvement.startswith("The question asked about Northwind")
    assert coach.follow_up(resume_question, STAR_ANSWER).question == (
        "The question was about Northwind. How does this example connect to it, or can you tell "
        "me about Northwind itself?")
    # naming it, or describing the same work in the resume's words, answers the question
    named = coach.answer_feedback(resume_question, "At Northwind: " + STAR_ANSWER)
    described = coach.answer_feedback(
        resume_question, "Our deploy took 45 minutes because the test stage ran serially. I split "
        "it into parallel shards and deploys dropped to 12 minutes. I learned to measure first.")
    for fb in (named, described):
        assert "subject" not in fb.details["gaps"] and "never mentions" not in fb.relevance.note
    assert named.score > elsewhere.score


def test_job_description_puts_its_technologies_first(bank):
    questions = coach.generate_questions(make_resume(), n=8, job_description="We run Kafka at scale.", bank=bank).questions
    tech = [q for q in questions if q.startswith("Tell me about a problem you solved with")]
    assert "Kafka" in tech[0]


def test_a_resume_without_entities_gets_bank_questions(bank):
    empty = make_resume()
    empty.entities = Entities([], [], [], [])
    empty.skills, empty.sections = [], []
    questions = coach.generate_questions(empty, n=3, bank=bank).questions
    assert len(questions) == 3
    assert set(questions) <= {q.text for q in bank.behavioral}
    with pytest.raises(InvalidInput, match="between 1 and 20"):
        coach.generate_questions(empty, n=0, bank=bank)


# --- reports -------------------------------------------------------------------------------------


def feedback_for(q, score_by_step):
    return [
        interviewer.StepFeedback(step, score, f"{step} {score}/5: you did it.", [f'"{step} evidence"'],
                                 f"Improve {step}.")
        for step, score in score_by_step.items()
    ]


@pytest.mark.parametrize(
    "overall, signal",
    [(100, "strong_hire"), (85, "strong_hire"), (84.9, "hire"), (70, "hire"), (69, "lean_hire"),
     (55, "lean_hire"), (54, "no_hire"), (40, "no_hire"), (39.9, "strong_no_hire"), (0, "strong_no_hire")],
)
def test_hiring_signal_thresholds(overall, signal):
    assert hiring_signal(overall) == signal


def test_coding_report_scores_weights_hints_and_time(two_sum):
    perfect = feedback_for(two_sum, dict.fromkeys(STEPS, 5))
    report = coach.coding_report(CodingSession(two_sum, perfect, tests={"passed": 14, "total": 14}))
    assert (report.overall, report.signal) == (100, "strong_hire")
    hinted = coach.coding_report(CodingSession(two_sum, perfect, hints_used=2, seconds_used=3000,
                                               time_limit_seconds=2700))
    assert hinted.overall == 100 - 10 - 5
    assert hinted.adjustments == ["2 hints used: -10", "over time (50 of 45 minutes): -5"]
    capped = coach.coding_report(CodingSession(two_sum, perfect, hints_used=9))
    assert capped.overall == 80
    # Implement (25) missing and Understand at 3 (half of 15): 100 - 25 - 7.5 = 67.5 -> 68
    partial = {**dict.fromkeys(STEPS, 5), "understand": 3}
    del partial["implement"]
    report = coach.coding_report(CodingSession(two_sum, feedback_for(two_sum, partial)))
    assert (report.overall, report.signal) == (68, "lean_hire")
    implement = next(i for i in report.items if i.name == "Implement")
    assert implement.score == 0 and implement.weight == 25


def test_coding_report_blends_communication_and_writes_markdown(two_sum):
    calm = speech.measure("I sort the list, then walk it once and keep the best window sum in a variable.")
    noisy = speech.measure("Um, so, like, um, I, uh, sort it, um, like, you know, and, uh, um, walk it.")
    steps = feedback_for(two_sum, dict.fromkeys(STEPS, 4))
    report = coach.coding_report(CodingSession(two_sum, steps, delivery=[calm, noisy]))
    communication = report.items[-1]
    assert communication.name == "Communication" and communication.score < 5
    mean = (coach_score(calm) + coach_score(noisy)) / 2
    assert coach_score(calm) == 5 and coach_score(noisy) < 5
    assert report.overall == int(75.0 * 0.85 + 15 * (mean - 1) / 4 + 0.5)  # steps at 4/5 are 75
    md = report.to_markdown()
    assert md.startswith("# Coding interview: Two Sum")
    assert f"**Overall: {report.overall}/100 — {report.signal_label}**" in md
    assert "| Understand | 4/5 |" in md and '- "plan evidence"' in md and "*Improve:* Improve review." in md
    assert report.strengths[0] == "Implement (4/5): you did it."  # ties go to the heavier step


def coach_score(metrics) -> int:
    from ava_core.interviewer.delivery import communication_score

    return communication_score(metrics).score


def test_practice_next_lists_the_weakest_steps_and_the_topic(two_sum):
    scores = {**dict.fromkeys(STEPS, 4), "implement": 1, "evaluate": 2}
    report = coach.coding_report(CodingSession(two_sum, feedback_for(two_sum, scores)))
    assert report.practice_next[0] == "Implement: Improve implement."
    assert report.practice_next[1] == "Evaluate: Improve evaluate."
    assert report.practice_next[-1] == "Practise more Arrays & Hashing questions at easy difficulty."


def test_half_points_show_as_such_and_a_half_below_four_is_practice_not_strength(two_sum):
    scores = {**dict.fromkeys(STEPS, 4), "match": 3.5, "evaluate": 2.5}
    report = coach.coding_report(CodingSession(two_sum, feedback_for(two_sum, scores)))
    assert "| Match | 3.5/5 |" in report.to_markdown() and "| Plan | 4/5 |" in report.to_markdown()
    assert report.practice_next[:2] == ["Evaluate: Improve evaluate.", "Match: Improve match."]
    assert not any(s.startswith("Match") for s in report.strengths)
    assert report.practice_next[-1].startswith("Practise more")  # Evaluate below 3 is a weak step


@pytest.mark.parametrize("points, score", [
    (0, 1.0), (0.9, 1.0), (1, 1.5), (2, 2.0), (2.9, 2.0), (3, 2.5), (5, 3.5), (7.9, 4.5), (8, 5.0), (12, 5.0),
])
def test_rubric_points_become_half_points_at_the_middle_of_each_band(points, score):
    assert scale(points, (2, 4, 6, 8)) == score


def test_behavioral_report_counts_skips_and_the_common_gap(bank):
    bq = bank.get("leadership-without-authority")
    strong = coach.answer_feedback(bank.get("failure-missed-commitment"), STAR_ANSWER)
    no_result = coach.answer_feedback(bq, (
        "At Northwind my goal was to align three teams on one release schedule. I set up a weekly "
        "sync, I wrote a release checklist and I paired with each lead on their blockers."))
    session = BehavioralSession([
        BehavioralAnswer(bank.get("failure-missed-commitment"), strong),
        BehavioralAnswer(bq, no_result, follow_ups=1),
        BehavioralAnswer("Tell me about a conflict.", None),
    ])
    report = coach.behavioral_report(session)
    share = 100 / 3
    expected = share * (strong.score - 1) / 4 + share * (no_result.score - 1) / 4
    assert report.overall == int(expected + 0.5)
    assert report.items[2].score == 0
    assert "needed 1 follow-up" in report.items[1].evidence
    assert any(no_result.improvement in p for p in report.practice_next)  # the missing ending
    assert report.to_markdown().count("### Q") == 3


def test_behavioral_practice_advice_says_a_gap_once(bank):
    bq = bank.get("leadership-without-authority")
    vague = "We had a project and I helped the team a lot with things, and it went fine in the end."
    one = coach.behavioral_report(BehavioralSession([BehavioralAnswer(bq, coach.answer_feedback(bq, vague))]))
    assert len(one.practice_next) == len(set(one.practice_next)) == 1
    assert not any(p.startswith("Across") for p in one.practice_next)
    two = coach.behavioral_report(BehavioralSession(
        [BehavioralAnswer(bq, coach.answer_feedback(bq, vague))] * 2))
    assert two.practice_next[0].startswith("Across 2 answers: ")


def test_build_coding_report_is_what_the_offline_coach_returns(two_sum):
    session = CodingSession(two_sum, feedback_for(two_sum, dict.fromkeys(STEPS, 3)))
    assert build_coding_report(session).to_dict() == coach.coding_report(session).to_dict()


# --- determinism and streaming -------------------------------------------------------------------


def test_the_same_answer_gets_the_same_feedback(bank, two_sum):
    first = coach.step_feedback(two_sum, "understand", UNDERSTAND_STRONG).to_dict()
    assert OfflineCoach().step_feedback(two_sum, "understand", UNDERSTAND_STRONG).to_dict() == first
    bq = bank.get("failure-missed-commitment")
    assert coach.answer_feedback(bq, STAR_ANSWER).to_dict() == coach.answer_feedback(bq, STAR_ANSWER).to_dict()


def test_on_text_receives_the_summary(two_sum):
    chunks: list[str] = []
    fb = coach.step_feedback(two_sum, "match", "A hash map.", on_text=chunks.append)
    assert chunks == [fb.summary]


def test_an_empty_answer_scores_one_everywhere(two_sum):
    for step in STEPS:
        fb = coach.step_feedback(two_sum, step, "   ")
        assert fb.score == 1 and fb.improvement


def test_every_gap_an_answer_can_have_has_a_follow_up_and_an_improvement():
    from ava_core.interviewer.offline.star import _gaps
    from ava_core.interviewer.offline.story import read_story
    from ava_core.interviewer.results import Criterion, StarPart
    from ava_core.interviewer.wording import FOLLOW_UPS, IMPROVEMENTS

    claims: dict[str, bool] = collections.defaultdict(lambda: True)
    star = {part: StarPart(False, []) for part in ("situation", "task", "action", "result")}
    gaps = _gaps(read_story(""), star, claims, 0, Criterion(1, "", []), None, True)
    assert {"own_topic", "other_story", "late_start", "ramble", "topic"} <= set(gaps)
    assert [g for g in gaps if g not in FOLLOW_UPS] == [] and [g for g in gaps if g not in IMPROVEMENTS] == []


def test_an_answer_that_opens_on_a_topic_of_its_own_gets_a_follow_up_not_an_error():
    question = "Tell me about a disagreement with a colleague."
    answer = ("The hardest part of that project was the build itself. My colleague and I disagreed about the tool, "
              "and I rewrote the build scripts in Bazel and cut the build time from forty minutes to nine.")
    follow_up = coach.follow_up(question, answer).question
    assert follow_up == FOLLOW_UPS["own_topic"].format(topic="conflict", subject=None)
