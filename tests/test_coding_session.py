"""A coding interview through the service: stored as it happens, resumable, judged, reported."""

from __future__ import annotations

import random

import pytest

from ava_core.vocabulary import STEPS
from ava_core.interview.coding import CodingInterview
from ava_core.errors import InvalidInput
from ava_core.interview.flow import NotAllowed
from ava_core.interviewer import get_interviewer
from ava_core.questions import load_bank
from ava_core.settings import load_settings
from ava_core.speech.transcription import Transcript, Word

ANSWERS = {
    "understand": "So we get a list of integers and a target, and return the two indexes whose "
    "values add up to the target. Can the list be empty? Are there negatives and duplicates? "
    "Exactly one pair exists, so edge cases are two elements and repeated values.",
    "match": "This is a hash map problem: store each value's index in a dictionary.",
    "plan": "First create an empty dictionary. Then for each index and value, compute the "
    "complement target minus value. If the complement is in the dictionary return both indexes, "
    "otherwise store the value with its index.",
    "implement": "I loop once with enumerate and keep a dictionary of values seen so far.",
    "review": "Let me trace nums 2, 7, 11, 15 with target 9: at index 0 we store 2, at index 1 "
    "the complement 2 is found so we return 0 and 1. With duplicates like 3, 3 it also works.",
    "evaluate": "Time is O(n) because we pass once, and space is O(n) for the dictionary.",
}


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def bank():
    return load_bank()


@pytest.fixture
def setup(sqlite_store, bank):
    sqlite_store.bank.sync_bank(bank.records())
    user = sqlite_store.accounts.create_user("ada@example.com", "Ada")
    return sqlite_store, user, Clock()


def begin(store, user, bank, clock, **kw):
    kw.setdefault("question_id", "two-sum")
    return CodingInterview.begin(store, user.id, bank, get_interviewer("offline", load_settings({})),
                                 minutes=45, clock=clock, **kw)


def resume(store, user, bank, clock):
    return CodingInterview.resume(store, user.id, bank, get_interviewer("offline", load_settings({})),
                                  clock=clock)


def test_a_whole_interview_is_stored_judged_and_reported(setup, bank):
    store, user, clock = setup
    interview = begin(store, user, bank, clock)
    assert interview.state.phase == "choosing" and interview.record.question_id == "two-sum"
    interview.start()
    solution = bank.get("two-sum").solution
    for step in STEPS:
        clock.now += 120
        if step == "implement":
            run = interview.run_code(solution)
            assert run.total == len(bank.get("two-sum").examples) and run.failed == 0
            submitted = interview.submit_code(solution)
            assert submitted.failed == 0 and interview.state.last_submission["failed"] == 0
        if step == "evaluate":
            measured = interview.measure_complexity()
            assert measured.label is not None
        interview.answer(ANSWERS[step])
        fb = interview.feedback()
        assert 1 <= fb.score <= 5 and fb.improvement
        if step != STEPS[-1]:
            interview.next_step()
    report = interview.finish()

    assert 0 <= report.overall <= 100 and report.signal
    session = store.sessions.get_session(user.id, interview.session_id)
    assert session.status == "finished" and session.overall_score == report.overall
    assert session.hiring_signal == report.signal and session.finished_at is not None
    assert interview.report().overall == report.overall  # read back from the store
    detail = store.sessions.load_session(user.id, interview.session_id)
    kinds = [m.kind for m in detail.messages]
    assert kinds.count("answer") == 6 and kinds.count("question") == 6
    assert "code_run" in kinds and "code_submission" in kinds
    steps = {f.step for f in detail.feedback if f.scope == "step"}
    assert steps == set(STEPS)
    criteria = {s.criterion for f in detail.feedback for s in f.scores}
    assert {"tests_passed", "implement", "evaluate"} <= criteria
    assert report.overall >= 55, report.to_markdown()  # a solid answer on every step


def test_answers_are_stored_before_feedback_and_survive_a_failing_interviewer(setup, bank):
    store, user, clock = setup
    interview = begin(store, user, bank, clock)
    interview.start()

    def broken(*args, **kwargs):
        raise RuntimeError("the coach fell over")

    interview.interviewer.step_feedback = broken
    message = interview.answer("We get a list and a target.")
    with pytest.raises(RuntimeError):
        interview.feedback()
    again = resume(store, user, bank, clock)  # a reload
    assert again.state.steps["understand"].message_id == message.id
    assert again.step_view("understand").answer.text == "We get a list and a target."
    assert again.feedback().score >= 1  # asked again, it works


def test_resume_picks_up_exactly_where_the_user_was(setup, bank):
    store, user, clock = setup
    interview = begin(store, user, bank, clock)
    interview.start()
    interview.answer(ANSWERS["understand"])
    interview.feedback()
    interview.next_step()
    interview.hint()
    interview.view("understand")
    clock.now += 300
    again = resume(store, user, bank, clock)
    assert again.session_id == interview.session_id
    assert again.state == interview.state
    assert again.state.shown_step == "understand" and again.state.step == "match"
    assert again.hints_shown() == bank.get("two-sum").hints[:1]


def test_code_is_kept_on_every_change_and_before_running(setup, bank):
    store, user, clock = setup
    interview = begin(store, user, bank, clock)
    interview.start()
    for step in ("understand", "match", "plan"):
        interview.answer(ANSWERS[step])
        interview.next_step()
    interview.save_code("def two_sum(nums, target):\n    return [0, 1]\n")
    assert resume(store, user, bank, clock).state.code.endswith("return [0, 1]\n")
    interview.run_code("def two_sum(nums, target):\n    while True: pass\n")
    assert "while True" in resume(store, user, bank, clock).state.code


def test_hostile_code_gets_a_verdict_not_a_crash(setup, bank):
    store, user, clock = setup
    interview = begin(store, user, bank, clock)
    interview.start()
    for step in ("understand", "match", "plan"):
        interview.answer(ANSWERS[step])
        interview.next_step()
    report = interview.submit_code("def two_sum(nums, target):\n    while True:\n        pass\n")
    assert report.verdict == "time_limit_exceeded" and report.passed == 0
    assert interview.state.last_submission["passed"] == 0
    syntax = interview.run_code("def two_sum(nums, target)\n    return\n")
    assert syntax.verdict == "syntax_error"


def test_time_running_out_finishes_on_resume(setup, bank):
    store, user, clock = setup
    interview = begin(store, user, bank, clock)
    interview.start()
    interview.answer(ANSWERS["understand"])
    interview.feedback()
    clock.now += 46 * 60
    with pytest.raises(NotAllowed, match="Time is up"):
        interview.answer("late")
    again = resume(store, user, bank, clock)
    assert again.state.phase == "finished" and again.state.finish_reason == "time_up"
    assert store.sessions.get_session(user.id, again.session_id).status == "finished"
    assert again.report() is not None
    assert resume(store, user, bank, clock) is None  # nothing unfinished any more


def test_picking_avoids_recent_questions_and_another_question(setup, bank):
    store, user, clock = setup
    seen = set()
    for i in range(3):
        interview = begin(store, user, bank, clock, question_id=None, topic="arrays-and-hashing",
                          rng=random.Random(i))
        assert interview.question.id not in seen
        seen.add(interview.question.id)
        interview.abandon()
    fresh = begin(store, user, bank, clock, question_id=None, rng=random.Random(9))
    first = fresh.question.id
    other = fresh.another_question(random.Random(1))
    assert other.id != first and fresh.record.question_id == other.id
    assert resume(store, user, bank, clock).question.id == other.id
    fresh.start()
    with pytest.raises(NotAllowed):
        fresh.another_question()


def test_bad_answers_and_filters(setup, bank):
    store, user, clock = setup
    with pytest.raises(InvalidInput, match="No question matches"):
        begin(store, user, bank, clock, question_id=None, topic="no-such-topic")
    interview = begin(store, user, bank, clock)
    interview.start()
    with pytest.raises(InvalidInput, match="Say or type"):
        interview.answer("   ")
    with pytest.raises(InvalidInput, match="longer than"):
        interview.answer("x" * 20_001)


def test_spoken_answers_keep_their_delivery_even_when_the_text_is_corrected(setup, bank):
    store, user, clock = setup
    interview = begin(store, user, bank, clock)
    interview.start()
    said = "um so we uh get a list and a target and we return two indexes"
    words = [Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(said.split())]
    transcript = Transcript(text=said, words=words, duration=6.0, backend="faster-whisper")
    message = interview.answer("So we get a list and a target and return two indexes.", transcript)
    assert message.text.startswith("So we get") and message.metrics["filler_count"] == 2
    assert message.words_per_minute and message.talk_time_s and message.audio_seconds == 6.0
    typed = interview.answer("Typed this time.")  # a redo, typed: no delivery
    assert typed.metrics is None and typed.words_per_minute is None
