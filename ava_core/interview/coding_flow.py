"""The coding interview (UMPIRE) as a pure state machine.

    choosing --start--> in_progress --finish / time up--> finished

While choosing, the user may ask for another question. Once started, the six steps come in
order: each needs an answer before the next opens; an answer may be redone until the user moves
on; earlier steps can be opened to read. Implement also needs code that has been submitted
against the hidden tests. Hints can be taken at any time during the interview and are counted.
The state is plain data (``to_dict``/``from_dict``), stored after every change, so a reload
resumes exactly where the user was.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ava_core.interview.flow import Clock, NotAllowed
from ava_core.sentences import join_words
from ava_core.vocabulary import EDITOR_STEPS, STEP_TITLES, STEPS

PHASES = ("choosing", "in_progress", "finished")
FINISH_REASONS = ("completed", "time_up", "ended_early")


@dataclass
class StepState:
    answer: str = ""
    message_id: int | None = None
    feedback_id: int | None = None
    score: float | None = None
    attempts: int = 0
    opened_at: float | None = None  # when the step became current
    seconds: float = 0.0  # time spent on it, set when the user moves on

    @property
    def answered(self) -> bool:
        return self.message_id is not None


@dataclass
class CodingState:
    question_id: str
    clock: Clock
    topic: str | None = None  # what the user asked for ("any" is None)
    difficulty: str | None = None
    phase: str = "choosing"
    step_index: int = 0
    viewing: int | None = None  # an earlier step opened for reading
    steps: dict[str, StepState] = field(default_factory=lambda: {s: StepState() for s in STEPS})
    hints_used: list[int] = field(default_factory=list)
    code: str = ""
    code_runs: int = 0
    submissions: int = 0
    last_submission: dict[str, Any] | None = None  # passed, failed, total of the hidden tests
    complexity: dict[str, Any] | None = None  # measured on the submitted code (label, timings...)
    finish_reason: str | None = None
    finished_at: float | None = None

    @property
    def step(self) -> str:
        return STEPS[self.step_index]

    @property
    def shown_step(self) -> str:
        return STEPS[self.viewing if self.viewing is not None else self.step_index]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["clock"] = self.clock.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CodingState:
        data = dict(data)
        clock = Clock.from_dict(data.pop("clock"))
        steps = {name: StepState(**values) for name, values in data.pop("steps").items()}
        return cls(**data, clock=clock, steps=steps)


class CodingFlow:
    """The actions of a coding interview over a ``CodingState``. Each checks that it is allowed
    (raising ``NotAllowed`` with a reason) and changes the state in place."""

    def __init__(self, state: CodingState):
        self.state = state

    # --- what may happen now ------------------------------------------------------------------

    def allowed(self, now: float) -> set[str]:
        s = self.state
        if s.phase == "choosing":
            return {"another_question", "start"}
        if s.phase == "finished":
            return set()
        if s.clock.expired(now):
            return {"finish"}
        actions = {"answer", "hint", "view", "finish"}
        if s.step in EDITOR_STEPS or s.shown_step in EDITOR_STEPS:
            actions |= {"edit_code", "run_code"}
        if s.step == "implement":
            actions.add("submit_code")
        if self._can_advance():
            actions.add("next_step")
        return actions

    def _can_advance(self) -> bool:
        s = self.state
        if s.step_index == len(STEPS) - 1 or not s.steps[s.step].answered:
            return False
        return s.step != "implement" or s.last_submission is not None

    def why_not(self, action: str, now: float) -> str:
        """The reason ``action`` is not allowed now (for a disabled button's help text)."""
        s = self.state
        if s.phase == "choosing":
            return "Start the interview first."
        if s.phase == "finished":
            return "This interview is over; its report is ready."
        if s.clock.expired(now):
            return "Time is up. Finish the interview to see your report."
        if action == "next_step":
            if s.step_index == len(STEPS) - 1:
                return "Evaluate is the last step: finish the interview when you are done."
            if not s.steps[s.step].answered:
                return f"Answer the {STEP_TITLES[s.step]} step first."
            if s.step == "implement" and s.last_submission is None:
                return "Submit your code against the hidden tests before moving on."
        if action == "submit_code":
            return "Code is submitted in the Implement step."
        if action in ("run_code", "edit_code"):
            return "The editor is open in Plan, Implement and Review."
        return "Not available right now."

    def require(self, action: str, now: float) -> None:
        """Raise ``NotAllowed`` (with the reason) unless ``action`` may happen now."""
        if action not in self.allowed(now):
            raise NotAllowed(self.why_not(action, now))

    # --- actions --------------------------------------------------------------------------------

    def another_question(self, question_id: str) -> None:
        if self.state.phase != "choosing":
            raise NotAllowed("The question can only be changed before the interview starts.")
        self.state.question_id = question_id

    def start(self, now: float, starter_code: str = "") -> None:
        s = self.state
        if s.phase != "choosing":
            raise NotAllowed("This interview has already started.")
        s.phase = "in_progress"
        s.clock.started_at = now
        s.steps[STEPS[0]].opened_at = now
        s.code = s.code or starter_code

    def record_answer(self, text: str, message_id: int, now: float) -> None:
        """Keep the answer to the current step (a redo replaces the previous one)."""
        self.require("answer", now)
        s = self.state
        if s.viewing is not None and s.viewing != s.step_index:
            raise NotAllowed(
                f"You are reading {STEP_TITLES[s.shown_step]}; answers go to the current step, "
                f"{STEP_TITLES[s.step]}."
            )
        step = s.steps[s.step]
        step.answer, step.message_id, step.attempts = text, message_id, step.attempts + 1
        step.feedback_id = step.score = None

    def record_feedback(self, step_name: str, score: float, feedback_id: int) -> None:
        """Attach feedback to a step's latest answer. Allowed after time is up too, so an answer
        given in the last second still gets its feedback."""
        step = self.state.steps[step_name]
        if not step.answered:
            raise NotAllowed(f"{STEP_TITLES[step_name]} has no answer to give feedback on.")
        step.score, step.feedback_id = score, feedback_id

    def view(self, step_name: str, now: float) -> None:
        """Open a step to read: any step up to the current one."""
        self.require("view", now)
        index = STEPS.index(step_name)
        if index > self.state.step_index:
            raise NotAllowed(f"{STEP_TITLES[step_name]} opens after {STEP_TITLES[self.state.step]}.")
        self.state.viewing = None if index == self.state.step_index else index

    def next_step(self, now: float) -> None:
        self.require("next_step", now)
        s = self.state
        current = s.steps[s.step]
        current.seconds = now - (current.opened_at or now)
        s.step_index += 1
        s.viewing = None
        s.steps[s.step].opened_at = now

    def edit_code(self, code: str, now: float) -> None:
        self.require("edit_code", now)
        self.state.code = code

    def record_run(self, code: str, now: float) -> None:
        self.require("run_code", now)
        self.state.code = code
        self.state.code_runs += 1

    def record_submission(self, code: str, passed: int, failed: int, now: float) -> None:
        self.require("submit_code", now)
        s = self.state
        s.code = code
        s.submissions += 1
        s.last_submission = {"passed": passed, "failed": failed, "total": passed + failed}

    def use_hint(self, hint_count: int, now: float) -> int | None:
        """Reveal the next hint; returns its index, or None when all were shown."""
        self.require("hint", now)
        s = self.state
        if len(s.hints_used) >= hint_count:
            return None
        index = len(s.hints_used)
        s.hints_used.append(index)
        return index

    def end_early_warning(self, now: float) -> str | None:
        """What finishing now would cost, for the user to confirm; None when finishing completes
        the interview (the last step answered) or time is up."""
        s = self.state
        if (s.phase != "in_progress" or s.clock.expired(now)
                or (s.step == STEPS[-1] and s.steps[s.step].answered)):
            return None
        missing = [STEP_TITLES[step] for step in STEPS if not s.steps[step].answered]
        return (f"You have answered {len(STEPS) - len(missing)} of {len(STEPS)} steps. Ending now "
                f"scores {join_words(missing)} as not done, and the report is final.")

    def finish(self, now: float) -> None:
        s = self.state
        if s.phase != "in_progress":
            raise NotAllowed("Only an interview in progress can be finished.")
        if s.clock.expired(now):
            reason = "time_up"
        elif s.step == STEPS[-1] and s.steps[s.step].answered:
            reason = "completed"
        else:
            reason = "ended_early"
        current = s.steps[s.step]
        current.seconds = min(now, (s.clock.started_at or now) + s.clock.limit_s) - (
            current.opened_at or now
        )
        s.phase, s.finish_reason, s.finished_at, s.viewing = "finished", reason, now, None

    def tick(self, now: float) -> bool:
        """Finish the interview when its time is up; True when that just happened."""
        if self.state.phase == "in_progress" and self.state.clock.expired(now):
            self.finish(now)
            return True
        return False


def new_coding_state(
    question_id: str, *, minutes: int, topic: str | None = None, difficulty: str | None = None
) -> CodingState:
    if not 5 <= minutes <= 180:
        raise NotAllowed("Pick an interview length between 5 and 180 minutes.")
    return CodingState(question_id, Clock(minutes * 60), topic=topic, difficulty=difficulty)
