"""The behavioral interview's state machine: planning, the follow-up limit and ordering,
finishing, and resuming from stored state."""

from __future__ import annotations

import json

import pytest

from ava_core.interview.behavioral_flow import (
    BehavioralFlow,
    BehavioralState,
    PlannedQuestion,
    new_behavioral_state,
)
from ava_core.interview.flow import NotAllowed
from ava_core.vocabulary import MAX_FOLLOW_UPS

T0 = 1_800_000_000.0


def plan(n=3) -> BehavioralFlow:
    return BehavioralFlow(new_behavioral_state(
        [PlannedQuestion(f"Question {i}?") for i in range(n)], resume_id="r1",
        job_description="Backend engineer",
    ))


def answered(flow, now, score=3.0, message_id=None):
    flow.record_answer("I did a thing", message_id or int(now), now)
    flow.record_feedback(score, feedback_id=int(now) + 1)


def roundtrip(state):
    return BehavioralState.from_dict(json.loads(json.dumps(state.to_dict())))


def test_planning_drop_and_replace():
    flow = plan(3)
    assert flow.allowed() == {"drop", "replace", "start"}
    flow.drop(1)
    assert [q.text for q in flow.state.questions] == ["Question 0?", "Question 2?"]
    flow.replace(0, PlannedQuestion("Tell me about Acme.", source="resume"))
    flow.drop(1)
    assert flow.state.dropped == ["Question 1?", "Question 0?", "Question 2?"]
    assert "drop" not in flow.allowed()
    with pytest.raises(NotAllowed, match="at least one question"):
        flow.drop(0)
    with pytest.raises(NotAllowed, match="not in the plan"):
        flow.replace(5, PlannedQuestion("x"))
    with pytest.raises(NotAllowed, match="no questions"):
        new_behavioral_state([])
    assert len(new_behavioral_state([PlannedQuestion("q")] * 9).questions) == 6


def test_nothing_but_planning_before_start():
    flow = plan()
    for action in (lambda: flow.record_answer("x", 1, T0), lambda: flow.follow_up("Why?", T0),
                   lambda: flow.complete_question(), lambda: flow.next_question(T0),
                   lambda: flow.finish(T0)):
        with pytest.raises(NotAllowed):
            action()
    with pytest.raises(NotAllowed, match="no answer"):
        flow.record_feedback(3, 1)


def test_start_asks_the_first_question_and_freezes_the_plan():
    flow = plan()
    flow.start(T0)
    assert flow.state.turn.kind == "question" and flow.state.turn.text == "Question 0?"
    assert flow.allowed() == {"answer", "finish"}
    with pytest.raises(NotAllowed, match="before the interview starts"):
        flow.replace(0, PlannedQuestion("x"))
    with pytest.raises(NotAllowed):
        flow.drop(0)
    with pytest.raises(NotAllowed, match="already started"):
        flow.start(T0)


def test_follow_ups_come_after_feedback_and_stop_at_two():
    flow = plan()
    flow.start(T0)
    with pytest.raises(NotAllowed, match="after an answer and its feedback"):
        flow.follow_up("What was the result?", T0 + 1)
    flow.record_answer("We shipped it", 1, T0 + 60)
    with pytest.raises(NotAllowed, match="after an answer and its feedback"):
        flow.follow_up("What was the result?", T0 + 61)
    flow.record_feedback(2, feedback_id=10)
    assert flow.allowed() == {"answer", "follow_up", "complete_question", "finish"}

    for i in range(MAX_FOLLOW_UPS):
        flow.follow_up(f"Follow-up {i}?", T0 + 100 + i)
        assert flow.state.turn.kind == "follow_up"
        with pytest.raises(NotAllowed):  # the follow-up itself must be answered first
            flow.follow_up("Another?", T0 + 101)
        answered(flow, T0 + 200 + i)
    assert flow.state.question.follow_ups == 2
    assert "follow_up" not in flow.allowed()
    with pytest.raises(NotAllowed, match="at most 2 follow-ups"):
        flow.follow_up("A third?", T0 + 300)
    assert [t.kind for t in flow.state.question.turns] == ["question", "follow_up", "follow_up"]


def test_redoing_an_answer_drops_its_feedback():
    flow = plan()
    flow.start(T0)
    answered(flow, T0 + 10, score=2)
    flow.record_answer("A better answer with numbers", 99, T0 + 20)
    turn = flow.state.turn
    assert (turn.message_id, turn.attempts, turn.feedback_id, turn.score) == (99, 2, None, None)
    assert "follow_up" not in flow.allowed()


def test_questions_in_order_then_finish_completed():
    flow = plan(2)
    flow.start(T0)
    answered(flow, T0 + 10)
    flow.complete_question()
    assert flow.allowed() == {"next_question", "finish"}
    with pytest.raises(NotAllowed, match="no open question"):
        flow.record_answer("late", 5, T0 + 11)
    flow.next_question(T0 + 20)
    assert flow.state.current == 1 and flow.state.turn.text == "Question 1?"
    answered(flow, T0 + 30)
    flow.complete_question()
    assert flow.allowed() == {"finish"}  # the last question: no next
    with pytest.raises(NotAllowed):
        flow.next_question(T0 + 40)
    flow.finish(T0 + 40)
    assert flow.state.phase == "finished" and flow.state.finish_reason == "completed"
    assert flow.allowed() == set()


def test_ending_early_says_what_the_report_leaves_out():
    flow = plan(3)
    assert flow.end_early_warning() is None  # still planning
    flow.start(T0)
    assert flow.end_early_warning() == (
        "You have finished 0 of 3 questions. The open question counts as skipped and scores "
        "nothing. The 2 not asked yet are left out of the report.")
    answered(flow, T0 + 10)
    flow.complete_question()
    flow.next_question(T0 + 20)
    answered(flow, T0 + 30)
    flow.complete_question()
    assert flow.end_early_warning() == (
        "You have finished 2 of 3 questions. The 1 not asked yet is left out of the report.")
    flow.next_question(T0 + 40)
    answered(flow, T0 + 50)
    flow.complete_question()
    assert flow.end_early_warning() is None  # every question done: finishing completes it


def test_skip_and_end_early():
    flow = plan(3)
    flow.start(T0)
    flow.skip_question()
    with pytest.raises(NotAllowed):
        flow.skip_question()
    flow.next_question(T0 + 5)
    flow.finish(T0 + 10)
    assert flow.state.finish_reason == "ended_early"


def test_answer_timer():
    flow = plan()
    assert flow.answer_elapsed(T0) == 0
    flow.start(T0)
    assert flow.answer_elapsed(T0 + 75) == 75
    flow.record_answer("done", 1, T0 + 130)
    assert flow.answer_elapsed(T0 + 500) == 130  # stops when answered


def test_state_survives_a_round_trip_at_every_point():
    flow = plan(2)
    assert roundtrip(flow.state) == flow.state
    flow.start(T0)
    answered(flow, T0 + 10)
    flow.follow_up("What was the measurable result?", T0 + 11)
    resumed = BehavioralFlow(roundtrip(flow.state))
    assert resumed.state == flow.state and resumed.allowed() == flow.allowed()
    answered(resumed, T0 + 20)
    resumed.complete_question()
    resumed.next_question(T0 + 30)
    assert roundtrip(resumed.state) == resumed.state
