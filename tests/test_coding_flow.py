"""The coding interview's state machine: every allowed and refused transition, the clock,
hints, and resuming from stored state."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

import pytest

from ava_core.interview.coding_flow import CodingFlow, CodingState, new_coding_state
from ava_core.vocabulary import STEPS
from ava_core.interview.flow import Clock, NotAllowed, clock_text, pick_question

T0 = 1_800_000_000.0


def started(minutes=45) -> CodingFlow:
    flow = CodingFlow(new_coding_state("two-sum", minutes=minutes, topic="arrays-and-hashing"))
    flow.start(T0, starter_code="def two_sum(nums, target):\n    pass\n")
    return flow


def answer(flow, now, text="my answer", message_id=None):
    flow.record_answer(text, message_id or int(now), now)


def through_to(flow, step, now=T0):
    """Answer each step (and submit code in Implement) up to ``step``, which becomes current."""
    while flow.state.step != step:
        now += 60
        answer(flow, now)
        if flow.state.step == "implement":
            flow.record_submission("code", 10, 0, now)
        flow.next_step(now)
    return now


def roundtrip(state: CodingState) -> CodingState:
    return CodingState.from_dict(json.loads(json.dumps(state.to_dict())))


def test_choosing_allows_only_another_question_and_start():
    flow = CodingFlow(new_coding_state("two-sum", minutes=45))
    assert flow.allowed(T0) == {"another_question", "start"}
    flow.another_question("valid-parentheses")
    assert flow.state.question_id == "valid-parentheses"
    for action in (lambda: answer(flow, T0), lambda: flow.next_step(T0), lambda: flow.use_hint(3, T0),
                   lambda: flow.finish(T0), lambda: flow.record_run("x", T0)):
        with pytest.raises(NotAllowed, match="Start the interview first|in progress"):
            action()


def test_start_opens_understand_and_fills_the_editor():
    flow = started()
    s = flow.state
    assert s.phase == "in_progress" and s.step == "understand" and s.steps["understand"].opened_at == T0
    assert s.code.startswith("def two_sum")
    assert flow.allowed(T0) == {"answer", "hint", "view", "finish"}
    with pytest.raises(NotAllowed, match="already started"):
        flow.start(T0 + 1)
    with pytest.raises(NotAllowed, match="before the interview starts"):
        flow.another_question("other")


def test_each_step_needs_an_answer_before_the_next():
    flow = started()
    with pytest.raises(NotAllowed, match="Answer the Understand step first"):
        flow.next_step(T0 + 10)
    answer(flow, T0 + 30, "It takes a list...", message_id=1)
    assert "next_step" in flow.allowed(T0 + 30)
    flow.next_step(T0 + 90)
    assert flow.state.step == "match" and flow.state.steps["understand"].seconds == 90
    assert flow.state.steps["match"].opened_at == T0 + 90


def test_an_answer_can_be_redone_until_moving_on():
    flow = started()
    answer(flow, T0 + 10, "first try", message_id=1)
    flow.record_feedback("understand", 2, feedback_id=11)
    answer(flow, T0 + 20, "second try", message_id=2)
    step = flow.state.steps["understand"]
    assert (step.answer, step.message_id, step.attempts) == ("second try", 2, 2)
    assert step.score is None and step.feedback_id is None  # the old feedback was for the old answer
    flow.record_feedback("understand", 4, feedback_id=12)
    assert step.score == 4


def test_feedback_needs_an_answer():
    flow = started()
    with pytest.raises(NotAllowed, match="no answer"):
        flow.record_feedback("understand", 3, feedback_id=1)


def test_implement_needs_submitted_code_and_has_the_editor():
    flow = started()
    now = through_to(flow, "implement")
    assert {"edit_code", "run_code", "submit_code"} <= flow.allowed(now)
    answer(flow, now + 10)
    with pytest.raises(NotAllowed, match="Submit your code"):
        flow.next_step(now + 20)
    flow.record_run("def two_sum(a, b): return []", now + 30)
    flow.record_submission("def two_sum(a, b): return [0, 1]", 7, 5, now + 40)
    assert flow.state.code == "def two_sum(a, b): return [0, 1]"
    assert flow.state.last_submission == {"passed": 7, "failed": 5, "total": 12}
    assert (flow.state.code_runs, flow.state.submissions) == (1, 1)
    flow.next_step(now + 50)
    assert flow.state.step == "review"
    assert "submit_code" not in flow.allowed(now + 50) and "run_code" in flow.allowed(now + 50)


def test_editor_is_refused_outside_plan_implement_review():
    flow = started()
    with pytest.raises(NotAllowed, match="editor is open in Plan, Implement and Review"):
        flow.record_run("x", T0 + 1)
    with pytest.raises(NotAllowed):
        flow.edit_code("x", T0 + 1)
    with pytest.raises(NotAllowed, match="Implement step"):
        flow.record_submission("x", 1, 0, T0 + 1)
    now = through_to(flow, "plan")
    flow.edit_code("# pseudocode", now)
    assert flow.state.code == "# pseudocode"


def test_earlier_steps_can_be_read_but_not_answered():
    flow = started()
    now = through_to(flow, "plan")
    flow.view("understand", now)
    assert flow.state.shown_step == "understand" and flow.state.step == "plan"
    with pytest.raises(NotAllowed, match="answers go to the current step, Plan"):
        answer(flow, now + 1)
    with pytest.raises(NotAllowed, match="opens after Plan"):
        flow.view("implement", now)
    flow.view("plan", now)
    assert flow.state.viewing is None
    answer(flow, now + 2)
    flow.view("match", now + 3)
    flow.next_step(now + 4)  # moving on returns to the current step
    assert flow.state.viewing is None and flow.state.step == "implement"


def test_hints_are_counted_and_run_out():
    flow = started()
    assert [flow.use_hint(3, T0 + i) for i in range(4)] == [0, 1, 2, None]
    assert flow.state.hints_used == [0, 1, 2]


def test_evaluate_is_last_and_finishing_completes():
    flow = started()
    now = through_to(flow, "evaluate")
    answer(flow, now + 10)
    assert "next_step" not in flow.allowed(now + 10)
    with pytest.raises(NotAllowed, match="last step"):
        flow.next_step(now + 10)
    flow.finish(now + 20)
    assert flow.state.phase == "finished" and flow.state.finish_reason == "completed"
    assert flow.state.steps["evaluate"].seconds == 20
    assert flow.allowed(now + 30) == set()
    with pytest.raises(NotAllowed, match="in progress"):
        flow.finish(now + 30)
    with pytest.raises(NotAllowed, match="report is ready"):
        flow.use_hint(3, now + 30)


def test_ending_early():
    flow = started()
    answer(flow, T0 + 5)
    flow.finish(T0 + 10)
    assert flow.state.finish_reason == "ended_early" and flow.state.steps["understand"].seconds == 10


def test_ending_early_is_announced_only_while_it_costs_something():
    flow = CodingFlow(new_coding_state("two-sum", minutes=10))
    assert flow.end_early_warning(T0) is None  # not started
    flow.start(T0)
    now = through_to(flow, "review")
    assert flow.end_early_warning(now) == (
        "You have answered 4 of 6 steps. Ending now scores Review and Evaluate as not done, and "
        "the report is final.")
    assert flow.end_early_warning(T0 + 10 * 60) is None  # time is up: the report comes anyway
    now = through_to(flow, "evaluate", now)
    answer(flow, now + 1)
    assert flow.end_early_warning(now + 2) is None  # finishing completes the interview
    flow.finish(now + 3)
    assert flow.state.finish_reason == "completed" and flow.end_early_warning(now + 4) is None


def test_time_up_allows_only_finish_and_tick_finishes():
    flow = started(minutes=10)
    assert not flow.state.clock.warning(T0 + 7 * 60)
    assert flow.state.clock.warning(T0 + 9 * 60)  # last fifth of a short interview
    end = T0 + 10 * 60
    assert flow.allowed(end) == {"finish"}
    with pytest.raises(NotAllowed, match="Time is up"):
        answer(flow, end)
    assert not flow.tick(end - 1)
    assert flow.tick(end + 5)
    assert flow.state.finish_reason == "time_up"
    assert flow.state.steps["understand"].seconds == 600  # capped at the limit
    assert not flow.tick(end + 10)


def test_feedback_for_a_last_second_answer_still_lands():
    flow = started(minutes=10)
    answer(flow, T0 + 599)
    flow.tick(T0 + 601)
    flow.record_feedback("understand", 3, feedback_id=5)
    assert flow.state.steps["understand"].score == 3


def test_state_survives_a_round_trip_through_json_at_every_point():
    flow = started()
    now = T0
    for step in STEPS:
        assert roundtrip(flow.state) == flow.state
        now += 30
        answer(flow, now)
        flow.record_feedback(step, 3, feedback_id=int(now))
        flow.use_hint(5, now)
        if step == "implement":
            flow.record_submission("code", 3, 1, now)
        if step != STEPS[-1]:
            flow.next_step(now)
    resumed = CodingFlow(roundtrip(flow.state))
    assert resumed.allowed(now) == flow.allowed(now)
    resumed.finish(now + 1)
    assert resumed.state.finish_reason == "completed"


def test_interview_length_is_bounded():
    with pytest.raises(NotAllowed):
        new_coding_state("x", minutes=2)
    with pytest.raises(NotAllowed):
        new_coding_state("x", minutes=500)


def test_clock():
    clock = Clock(60)
    assert clock.elapsed(T0) == 0 and not clock.expired(T0) and not clock.warning(T0)
    clock.started_at = T0
    assert clock.remaining(T0 + 15) == 45 and clock.remaining(T0 + 90) == 0
    assert clock_text(65) == "1:05" and clock_text(3725) == "1:02:05" and clock_text(0) == "0:00"


@dataclass
class Q:
    id: str


def test_pick_question_prefers_unseen_then_least_recent():
    qs = [Q("a"), Q("b"), Q("c")]
    rng = random.Random(1)
    assert pick_question(qs, ["a", "b"], rng=rng).id == "c"
    assert {pick_question(qs, ["a"], rng=random.Random(i)).id for i in range(20)} == {"b", "c"}
    # All seen: the one seen longest ago (recent list is most recent first, repeats allowed).
    assert pick_question(qs, ["b", "a", "c", "b"], rng=rng).id == "c"
    assert pick_question(qs, ["c", "b", "a"], rng=rng, exclude=["a"]).id == "b"
    assert pick_question([Q("a")], ["a"], exclude=["a"]).id == "a"  # the only one
    assert pick_question([], []) is None
