"""How an interview is written to the store: the vocabulary the interview services write and the
progress dashboard reads. One place, so both sides agree.

Messages (``store.add_message``), by ``kind``:
- ``question``, ``follow_up``: the interviewer (role ``interviewer``) asks; ``step`` is the UMPIRE
  step (coding) or ``q<N>`` (behavioral, N counted from 1).
- ``answer``: the user's answer (role ``user``), with the delivery columns filled when it was
  spoken (``audio_seconds``, ``words_per_minute``, ``fillers_per_100_words``, ``long_pauses``,
  ``talk_time_s``) and the full speech metrics in ``metrics``.
- ``code_run`` / ``code_submission``: code the user ran on the examples or submitted against
  the hidden tests (role ``user``, ``code`` set, ``data`` = the test summary, see below).
- ``hint``: a hint shown (role ``interviewer``, ``data = {"index": i}``).

Feedback (``store.add_feedback``): ``scope="step"`` for an UMPIRE step, ``"answer"`` for a
behavioral answer, ``"session"`` for the final report. Its ``scores`` are ``StepScore`` rows, one
per criterion below, which is what the dashboard aggregates.
"""

from __future__ import annotations

from typing import Any

MESSAGE_KINDS = ("question", "follow_up", "answer", "code_run", "code_submission", "hint")

# Criteria of StepScore rows. Scores are 1-5 (out_of 5) unless said otherwise.
UMPIRE_STEPS = ("understand", "match", "plan", "implement", "review", "evaluate")
COMMUNICATION = "communication"  # delivery: pace, fillers, pauses, hedging
TESTS_PASSED = "tests_passed"  # score = hidden tests passed, out_of = hidden tests run
COMPLEXITY_AGREES = "complexity_agrees"  # 1 when the claimed time complexity matches the
# measured one (out_of 1), 0 when not; absent when either is unknown
ANSWER = "answer"  # the overall 1-5 score of a behavioral answer
STAR_PARTS = ("situation", "task", "action", "result")  # criteria "star_<part>", 1/0 out_of 1
SPECIFICITY = "specificity"
OWNERSHIP = "ownership"
RELEVANCE = "relevance"


def star_criterion(part: str) -> str:
    return f"star_{part}"


def behavioral_step(question_index: int) -> str:
    """The ``step`` of messages and feedback for the behavioral question at ``question_index``."""
    return f"q{question_index + 1}"


def test_summary(passed: int, failed: int, *, hidden: bool, errors: int = 0,
                 timed_out: int = 0) -> dict[str, Any]:
    """The ``data`` of a ``code_run``/``code_submission`` message. ``failed`` counts every test
    that did not pass; ``errors`` and ``timed_out`` say how many of those raised or ran out of
    time."""
    return {"passed": passed, "failed": failed, "errors": errors, "timed_out": timed_out,
            "total": passed + failed, "hidden": hidden}
