"""The interview's words and limits, defined once: the UMPIRE steps, the STAR parts, how many
questions and follow-ups, when the clock warns, the score scales, and how an interview is written
to the store (the labels of a session's mode and status, message kinds and score criteria), which
the interview services write and the progress dashboard reads.

Messages (``SessionWrite.add_message``), by ``kind``:
- ``question``, ``follow_up``: the interviewer (role ``interviewer``) asks; ``step`` is the UMPIRE
  step (coding) or ``q<N>`` (behavioral, N counted from 1).
- ``answer``: the user's answer (role ``user``), with the delivery columns filled when it was
  spoken (``audio_seconds``, ``words_per_minute``, ``fillers_per_100_words``, ``long_pauses``,
  ``talk_time_s``) and the full speech metrics in ``metrics``.
- ``code_run`` / ``code_submission``: code the user ran on the examples or submitted against
  the hidden tests (role ``user``, ``code`` set, ``data`` = the test summary, see below).
- ``hint``: a hint shown (role ``interviewer``, ``data = {"index": i}``).

Feedback (``SessionWrite.add_feedback``): ``scope="step"`` for an UMPIRE step, ``"answer"`` for a
behavioral answer, ``"session"`` for the final report. Its ``scores`` are ``StepScore`` rows, one
per criterion below, which is what the dashboard aggregates.
"""

from __future__ import annotations

from typing import Any

# --- the coding interview: UMPIRE ----------------------------------------------------------------
STEPS = ("understand", "match", "plan", "implement", "review", "evaluate")
STEP_TITLES = {step: step.capitalize() for step in STEPS}
STEP_PROMPTS = {
    "understand": "Restate the problem in your own words. Ask the clarifying questions you would "
    "ask an interviewer; name the inputs, outputs, constraints and edge cases.",
    "match": "Which patterns or data structures does this problem match, and why? Name them.",
    "plan": "Walk through your plan step by step before coding: the data structures, the order "
    "of operations, pseudocode if it helps.",
    "implement": "Write the code, run it on the examples, then submit it against the hidden "
    "tests. Talk through what you are writing.",
    "review": "Trace your code on a concrete example, test the edge cases out loud, and say what "
    "you would fix.",
    "evaluate": "State the time and space complexity of your solution and explain why.",
}
# Steps whose page shows the code editor (Plan and Review may use it for pseudocode and tracing).
EDITOR_STEPS = ("plan", "implement", "review")

# --- the behavioral interview: STAR --------------------------------------------------------------
STAR_PARTS = ("situation", "task", "action", "result")
MIN_QUESTIONS, MAX_QUESTIONS = 3, 6  # generated per interview; the user may keep one to MAX
MAX_FOLLOW_UPS = 2  # per question
SUGGESTED_ANSWER_S = 120  # a good length for a spoken answer

# --- the clock ---------------------------------------------------------------------------------
WARN_BEFORE_END_S = 5 * 60  # the clock turns to a warning in the last five minutes (or fifth)

# --- scores ------------------------------------------------------------------------------------
SCORE_MIN, SCORE_MAX = 1, 5  # a step, an answer, a criterion
OVERALL_MAX = 100  # a session's report
HINT_PENALTY = 5  # points off the overall score per hint taken
MAX_HINT_PENALTY = 20
SIGNALS = (  # (least overall score, hiring signal), best first
    (85, "strong_hire"),
    (70, "hire"),
    (55, "lean_hire"),
    (40, "no_hire"),
    (0, "strong_no_hire"),
)
SIGNAL_LABELS = {
    "strong_hire": "Strong hire", "hire": "Hire", "lean_hire": "Lean hire",
    "no_hire": "No hire", "strong_no_hire": "Strong no hire",
}

# --- how an interview is stored ------------------------------------------------------------------
MODES = ("coding", "behavioral")  # a session's mode; also the kinds of question
QUESTION_KINDS = MODES
STATUSES = ("active", "finished", "abandoned")
ROLES = ("user", "interviewer", "system")  # who wrote a message
SCOPES = ("step", "answer", "session")  # what a feedback judges
# A session's mode and status as the pages show them.
MODE_LABELS = dict(zip(MODES, ("Coding (UMPIRE)", "Behavioral")))
STATUS_LABELS = dict(zip(STATUSES, ("In progress", "Finished", "Abandoned")))
MESSAGE_KINDS = ("question", "follow_up", "answer", "code_run", "code_submission", "hint")

# Criteria of StepScore rows. Scores are 1-5 (out_of 5) unless said otherwise; the UMPIRE steps
# are criteria of their own.
COMMUNICATION = "communication"  # delivery: pace, fillers, pauses, hedging
TESTS_PASSED = "tests_passed"  # score = hidden tests passed, out_of = hidden tests run
COMPLEXITY_AGREES = "complexity_agrees"  # 1 when the claimed time complexity matches the
# measured one (out_of 1), 0 when not; absent when either is unknown
ANSWER = "answer"  # the overall 1-5 score of a behavioral answer
SPECIFICITY = "specificity"
OWNERSHIP = "ownership"
RELEVANCE = "relevance"


def star_criterion(part: str) -> str:
    """The criterion of a STAR part: ``star_<part>``, 1/0 out of 1."""
    return f"star_{part}"


def behavioral_step(question_index: int) -> str:
    """The ``step`` of messages and feedback for the behavioral question at ``question_index``."""
    return f"q{question_index + 1}"


def hiring_signal(overall: float) -> str:
    return next(signal for least, signal in SIGNALS if overall >= least)


def test_summary(passed: int, failed: int, *, hidden: bool, errors: int = 0,
                 timed_out: int = 0) -> dict[str, Any]:
    """The ``data`` of a ``code_run``/``code_submission`` message. ``failed`` counts every test
    that did not pass; ``errors`` and ``timed_out`` say how many of those raised or ran out of
    time."""
    return {"passed": passed, "failed": failed, "errors": errors, "timed_out": timed_out,
            "total": passed + failed, "hidden": hidden}
