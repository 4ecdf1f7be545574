"""What one spoken answer costs the database: stored (with its delivery and the interview's
state) in one transaction, its feedback (with its scores and the state) in a second; at most 12
SQL statements in all, counted on the engine. Transaction control (BEGIN, COMMIT) is counted as
transactions, not statements."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from ava_core.interview.coding import CodingInterview
from ava_core.interviewer import get_interviewer
from ava_core.questions import load_bank
from ava_core.settings import load_settings
from ava_core.speech.transcription import Transcript, Word

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
