"""A behavioral interview through the service: resume in, questions planned, answers and
follow-ups stored as they happen, resumable, reported."""

from __future__ import annotations

import pytest

from ava_core.interview.behavioral import BehavioralInterview, resume_digest, save_resume
from ava_core.interviewer.offline.resume_questions import question_subject
from ava_core.errors import InvalidInput
from ava_core.interview.flow import NotAllowed
from ava_core.interviewer import get_interviewer
from ava_core.questions import load_bank
from ava_core.resume import EmptyFile
from ava_core.settings import load_settings
from tests.conftest import ROOT

RESUME = ROOT / "tests" / "fixtures" / "resumes" / "one_column.pdf"
STRONG = (
    "At my last company our checkout service kept timing out during sales, and I was asked to "
    "fix it before Black Friday. I profiled the service, found an N plus one query, added a "
    "cache and rewrote the query; I chose that over adding servers, which the team wanted, "
    "because one query did most of the work. As a result p95 latency fell from 900 to 120 milliseconds and "
    "we lost zero orders. I learned to measure before I optimise."
)
VAGUE = "We worked on it as a team and it went fine."


def strong_answer(interview) -> str:
    """STRONG, naming the resume item the open question asks about (if it asks about one)."""
    subject = question_subject(interview.state.question.text)
    return f"This was at {subject[0]}. {STRONG}" if subject else STRONG


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def world(sqlite_store):
    bank = load_bank()
    sqlite_store.bank.sync_bank(bank.records())
    user = sqlite_store.accounts.create_user("ada@example.com", "Ada")
    record, parsed = save_resume(sqlite_store, user.id, RESUME.read_bytes(), "one_column.pdf")
    coach = get_interviewer("offline", load_settings({}))
    return sqlite_store, user, bank, coach, record, parsed, Clock()


def plan(world, n=3, **kw):
    store, user, bank, coach, record, _, clock = world
    return BehavioralInterview.plan(store, user.id, bank, coach, resume_id=record.id, n=n,
                                    clock=clock, **kw)


def again(world):
    store, user, bank, coach, _, _, clock = world
    return BehavioralInterview.resume(store, user.id, bank, coach, clock=clock)


def test_resumes_are_saved_once_and_digested(world):
    store, user, _, _, record, parsed, _ = world
    same, _ = save_resume(store, user.id, RESUME.read_bytes(), "copy.pdf")
    assert same.id == record.id and len(store.resumes.list_resumes(user.id)) == 1
    digest = resume_digest(parsed)
    assert digest["employers"] and digest["has_experience"]
    with pytest.raises(EmptyFile):
        save_resume(store, user.id, b"", "empty.pdf")


def test_questions_name_the_users_own_employers_and_projects(world):
    interview = plan(world, n=5, job_description="Backend role: Python and PostgreSQL")
    parsed = world[5]
    names = parsed.entities.employers + parsed.entities.projects + parsed.entities.technologies
    texts = [q.text for q in interview.state.questions]
    assert len(texts) == 5 and len(set(texts)) == 5
    assert sum(any(name in text for name in names) for text in texts) >= 3
    assert interview.record.resume_id == world[4].id
    assert interview.record.context["job_description"].startswith("Backend role")


def test_planning_drop_regenerate_and_limits(world):
    interview = plan(world, n=4)
    first = interview.state.questions[0].text
    replacement = interview.regenerate(0)
    assert replacement != first and interview.state.questions[0].text == replacement
    assert replacement not in [q.text for q in interview.state.questions[1:]]
    interview.drop(1)
    assert len(again(world).state.questions) == 3
    again(world).regenerate(0)  # from a reload too; never brings back a dropped question
    assert all(q.text not in again(world).state.dropped for q in again(world).state.questions)
    with pytest.raises(InvalidInput):
        plan(world, n=2)
    with pytest.raises(InvalidInput):
        plan(world, n=3, job_description="x" * 20_001)


def test_a_whole_interview_with_follow_ups(world):
    store, user = world[0], world[1]
    interview = plan(world, n=3)
    interview.start()
    interview.answer(VAGUE)
    fb, follow_up = interview.feedback()
    assert fb.score <= 3 and follow_up  # a vague answer is followed up
    interview.answer("I personally rewrote the query; latency dropped 80 percent.")
    fb2, second = interview.feedback()
    assert interview.state.question.follow_ups <= 2
    if second:  # at most two follow-ups
        interview.answer("The result: zero lost orders and 120 ms p95.")
        _, third = interview.feedback()
        assert third is None
    assert interview.state.question.done
    interview.next_question()
    interview.answer(strong_answer(interview))
    strong, _ = interview.feedback()
    assert strong.score >= 4 and not strong.missing
    if not interview.state.question.done:
        interview.skip()
    interview.next_question()
    interview.skip()
    report = interview.finish()

    assert report.kind == "behavioral" and 0 <= report.overall <= 100
    session = store.sessions.get_session(user.id, interview.session_id)
    assert session.status == "finished" and session.overall_score == report.overall
    assert interview.report().overall == report.overall
    detail = store.sessions.load_session(user.id, interview.session_id)
    asked = [m for m in detail.messages if m.role == "interviewer"]
    assert [m.kind for m in asked].count("question") == 3 and any(m.kind == "follow_up" for m in asked)
    criteria = {s.criterion for f in detail.feedback for s in f.scores}
    assert {"answer", "star_result", "specificity", "ownership", "relevance"} <= criteria


def test_answers_survive_a_failing_interviewer_and_a_reload(world):
    interview = plan(world)
    interview.start()
    interview.interviewer = type("Broken", (), {
        "answer_feedback": lambda *a, **k: (_ for _ in ()).throw(RuntimeError("down")),
    })()
    message = interview.answer(strong_answer(interview))
    with pytest.raises(RuntimeError):
        interview.feedback()
    reloaded = again(world)
    assert reloaded.state.turn.message_id == message.id
    assert reloaded.view().turns[0].answer == strong_answer(interview)
    fb, _ = reloaded.feedback()
    assert fb.score >= 4


def test_refusals(world):
    interview = plan(world)
    with pytest.raises(NotAllowed):
        interview.answer("too early")
    interview.start()
    with pytest.raises(InvalidInput):
        interview.answer("  ")
    with pytest.raises(NotAllowed):
        interview.feedback()
    with pytest.raises(NotAllowed):
        interview.regenerate(0)
