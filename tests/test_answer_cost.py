"""What one spoken answer costs the database: stored (with its delivery and the interview's
state) in one transaction, its feedback (with its scores, the state, and a behavioral
interview's follow-up question) in a second; at most 12 SQL statements in all, counted on the
engine. Transaction control (BEGIN, COMMIT) is counted as transactions, not statements."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from ava_core.interview.behavioral import BehavioralInterview, save_resume
from ava_core.interview.coding import CodingInterview
from ava_core.interviewer import get_interviewer
from ava_core.questions import load_bank
from ava_core.settings import load_settings
from ava_core.speech.transcription import Transcript, Word
from tests.conftest import ROOT

CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
TEXT = ("um so we are given a list of numbers and a target and we return the two indexes that add "
        "up to the target, and the list can be empty")


class Counter:
    def __init__(self, engine):
        self.statements: list[str] = []
        self.transactions = 0
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "begin", self._begin)

    def _statement(self, conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(CONTROL):
            self.statements.append(statement)

    def _begin(self, conn):
        self.transactions += 1


@pytest.fixture
def interview(store):
    bank = load_bank()
    store.bank.sync_bank(bank.records())
    user = store.accounts.create_user("ada@example.com", "Ada")
    coach = get_interviewer("offline", load_settings({}))
    interview = CodingInterview.begin(store, user.id, bank, coach, minutes=45, question_id="two-sum")
    interview.start()
    return interview


def spoken(text: str) -> Transcript:
    words = [Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(text.split())]
    return Transcript(text=text, words=words, duration=len(words) * 0.4, backend="faster-whisper",
                      model="tiny.en")


def test_a_spoken_answer_and_its_feedback_cost_two_transactions_and_at_most_12_statements(store, interview):
    counter = Counter(store.engine)
    message = interview.answer(TEXT, spoken(TEXT))
    assert counter.transactions == 1
    feedback = interview.feedback()
    assert counter.transactions == 2
    assert len(counter.statements) <= 12, "\n".join(counter.statements)

    # and everything is there, as one load shows
    detail = store.sessions.load_session(interview.user_id, interview.session_id)
    assert [m.id for m in detail.messages if m.kind == "answer"] == [message.id]
    assert message.words_per_minute is not None
    stored = [f for f in detail.feedback if f.scope == "step"]
    assert len(stored) == 1 and stored[0].score == feedback.score and stored[0].scores
    assert detail.session.state == interview.state.to_dict()
    assert detail.session.state["steps"]["understand"]["feedback_id"] == stored[0].id


def test_feedback_asked_later_reads_the_answer_back(store, interview):
    """A rerun opens the interview afresh: the answer is read once, by its id."""
    interview.answer(TEXT, spoken(TEXT))
    reopened = CodingInterview.resume(store, interview.user_id, interview.bank, interview.interviewer)
    counter = Counter(store.engine)
    reopened.feedback()
    assert counter.transactions == 2  # the answer read back, then the feedback written


def test_a_behavioral_answer_its_feedback_and_its_follow_up_cost_two_transactions(store):
    bank = load_bank()
    store.bank.sync_bank(bank.records())
    user = store.accounts.create_user("ada@example.com", "Ada")
    resume = ROOT / "tests" / "fixtures" / "resumes" / "one_column.pdf"
    record, _ = save_resume(store, user.id, resume.read_bytes(), "one_column.pdf")
    coach = get_interviewer("offline", load_settings({}))
    interview = BehavioralInterview.plan(store, user.id, bank, coach, resume_id=record.id, n=3)
    interview.start()
    vague = "um we worked on it as a team and it went fine"
    counter = Counter(store.engine)
    message = interview.answer(vague, spoken(vague))
    feedback, follow_up = interview.feedback()
    assert follow_up and counter.transactions == 2
    assert len(counter.statements) <= 12, "\n".join(counter.statements)

    detail = store.sessions.load_session(user.id, interview.session_id)
    assert [m.kind for m in detail.messages][-2:] == ["answer", "follow_up"]
    assert detail.messages[-1].text == follow_up and detail.messages[-2].id == message.id
    stored = [f for f in detail.feedback if f.scope == "answer"]
    assert len(stored) == 1 and stored[0].score == feedback.score
    assert detail.session.state == interview.state.to_dict()
    assert interview.state.turn.kind == "follow_up"
