"""The behavioral interview as a pure state machine.

    planning --start--> in_progress --finish--> finished

While planning, the user keeps, drops or replaces the generated questions (one to six). Once
started, each question is asked, answered, given feedback, and followed up at most twice; the
follow-ups come only after an answer has its feedback. The state is plain data, stored after
every change, so a reload resumes exactly where the user was.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ava_core.interview.flow import NotAllowed
from ava_core.vocabulary import MAX_FOLLOW_UPS, MAX_QUESTIONS


@dataclass
class Turn:
    """One thing the interviewer asked (the question or a follow-up) and the user's answer."""

    kind: str  # question | follow_up
    text: str
    asked_at: float | None = None
    answer: str = ""
    message_id: int | None = None
    answered_at: float | None = None
    feedback_id: int | None = None
    score: float | None = None
    attempts: int = 0

    @property
    def answered(self) -> bool:
        return self.message_id is not None

    @property
    def assessed(self) -> bool:
        return self.feedback_id is not None


@dataclass
class PlannedQuestion:
    text: str
    source: str = "resume"  # resume | bank | custom
    bank_id: str | None = None
    turns: list[Turn] = field(default_factory=list)
    done: bool = False

    @property
    def follow_ups(self) -> int:
        return sum(t.kind == "follow_up" for t in self.turns)


@dataclass
class BehavioralState:
    questions: list[PlannedQuestion]
    resume_id: str | None = None
    job_description: str = ""
    phase: str = "planning"
    current: int = 0
    started_at: float | None = None
    finished_at: float | None = None
    finish_reason: str | None = None
    dropped: list[str] = field(default_factory=list)  # texts taken out of the plan

    @property
    def question(self) -> PlannedQuestion:
        return self.questions[self.current]

    @property
    def turn(self) -> Turn | None:
        turns = self.question.turns
        return turns[-1] if turns else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BehavioralState:
        data = dict(data)
        questions = [
            PlannedQuestion(**{**q, "turns": [Turn(**t) for t in q["turns"]]})
            for q in data.pop("questions")
        ]
        return cls(questions=questions, **data)


def new_behavioral_state(
    questions: list[PlannedQuestion], *, resume_id: str | None = None, job_description: str = ""
) -> BehavioralState:
    if not questions:
        raise NotAllowed("There are no questions yet: generate some from your resume first.")
    return BehavioralState(questions[:MAX_QUESTIONS], resume_id=resume_id,
                           job_description=job_description)


class BehavioralFlow:
    """The actions of a behavioral interview over a ``BehavioralState``."""

    def __init__(self, state: BehavioralState):
        self.state = state

    def allowed(self) -> set[str]:
        s = self.state
        if s.phase == "planning":
            actions = {"replace", "start"}
            if len(s.questions) > 1:
                actions.add("drop")
            return actions
        if s.phase == "finished":
            return set()
        actions = {"finish"}
        q, turn = s.question, s.turn
        if q.done:
            if s.current + 1 < len(s.questions):
                actions.add("next_question")
            return actions
        if turn is not None:
            actions.add("answer")
            if turn.assessed:
                actions.add("complete_question")
                if self.follow_ups_left():
                    actions.add("follow_up")
        return actions

    def follow_ups_left(self) -> bool:
        """Whether the open question may still get a follow-up (once its answer has feedback)."""
        s = self.state
        return s.phase == "in_progress" and not s.question.done and s.question.follow_ups < MAX_FOLLOW_UPS

    def require(self, action: str, reason: str) -> None:
        if action not in self.allowed():
            raise NotAllowed(reason)

    # --- planning -------------------------------------------------------------------------------

    def drop(self, index: int) -> None:
        self.require("drop", "Keep at least one question, and change the plan before starting.")
        self._planned(index)
        self.state.dropped.append(self.state.questions.pop(index).text)

    def replace(self, index: int, question: PlannedQuestion) -> None:
        self.require("replace", "Questions can only be changed before the interview starts.")
        self._planned(index)
        self.state.dropped.append(self.state.questions[index].text)
        self.state.questions[index] = question

    def _planned(self, index: int) -> None:
        if not 0 <= index < len(self.state.questions):
            raise NotAllowed("That question is not in the plan.")

    def start(self, now: float) -> None:
        self.require("start", "This interview has already started.")
        s = self.state
        s.phase, s.started_at, s.current = "in_progress", now, 0
        s.question.turns.append(Turn("question", s.question.text, asked_at=now))

    # --- answering --------------------------------------------------------------------------------

    def open_turn(self) -> Turn:
        """The question or follow-up an answer goes to; NotAllowed when none is open."""
        turn = self.state.turn if "answer" in self.allowed() else None
        if turn is None:
            raise NotAllowed("There is no open question to answer right now.")
        return turn

    def record_answer(self, text: str, message_id: int, now: float) -> None:
        """The answer to the open question or follow-up; a redo replaces it and its feedback."""
        turn = self.open_turn()
        turn.answer, turn.message_id, turn.answered_at = text, message_id, now
        turn.attempts += 1
        turn.feedback_id = turn.score = None

    def record_feedback(self, score: float, feedback_id: int) -> None:
        turn = self.state.turn if self.state.phase != "planning" else None
        if turn is None or not turn.answered:
            raise NotAllowed("There is no answer to give feedback on.")
        turn.score, turn.feedback_id = score, feedback_id

    def follow_up(self, text: str, now: float) -> None:
        """Ask a follow-up on the current question: only after feedback, at most twice."""
        s = self.state
        if s.phase == "in_progress" and not s.question.done and s.question.follow_ups >= MAX_FOLLOW_UPS:
            raise NotAllowed(f"A question gets at most {MAX_FOLLOW_UPS} follow-ups.")
        self.require("follow_up", "A follow-up comes after an answer and its feedback.")
        s.question.turns.append(Turn("follow_up", text, asked_at=now))

    def complete_question(self) -> None:
        self.require("complete_question", "Answer the question (and get its feedback) first.")
        self.state.question.done = True

    def skip_question(self) -> None:
        """Move past the current question without (more) answers."""
        if self.state.phase != "in_progress" or self.state.question.done:
            raise NotAllowed("There is no open question to skip.")
        self.state.question.done = True

    def next_question(self, now: float) -> None:
        self.require("next_question", "Finish this question first; or this was the last one.")
        s = self.state
        s.current += 1
        s.question.turns.append(Turn("question", s.question.text, asked_at=now))

    def finish(self, now: float) -> None:
        self.require("finish", "Only an interview in progress can be finished.")
        s = self.state
        all_done = all(q.done for q in s.questions)
        s.phase, s.finished_at = "finished", now
        s.finish_reason = "completed" if all_done else "ended_early"

    def end_early_warning(self) -> str | None:
        """What finishing now would leave out, for the user to confirm; None when every question
        is done (finishing completes the interview)."""
        s = self.state
        if s.phase != "in_progress" or all(q.done for q in s.questions):
            return None
        done = sum(q.done for q in s.questions)
        total = len(s.questions)
        parts = [f"You have finished {done} of {total} question{'s' * (total != 1)}."]
        if not s.question.done:
            parts.append("The open question counts as skipped and scores nothing.")
        later = total - s.current - 1
        if later:
            parts.append(f"The {later} not asked yet {'are' if later > 1 else 'is'} left out of "
                         "the report.")
        return " ".join(parts)

    # --- for the page -------------------------------------------------------------------------------

    def answer_elapsed(self, now: float) -> float:
        """Seconds since the open question or follow-up was asked (against the suggested 2 min)."""
        turn = self.state.turn
        if self.state.phase != "in_progress" or turn is None or turn.asked_at is None:
            return 0.0
        return max(0.0, (turn.answered_at or now) - turn.asked_at)
