"""The clocks the pages show: the interview's, warning near its end, and a behavioral answer's."""

from __future__ import annotations

from ava_core.interview.flow import Clock, answer_clock, interview_clock

T0 = 1_800_000_000.0


def test_the_interview_clock_warns_in_its_last_five_minutes_then_ends():
    clock = Clock(45 * 60, started_at=T0)
    early = interview_clock(clock, T0 + 600)
    assert (early.fill, early.caption, early.warning, early.ended) == (
        600 / 2700, "10:00 elapsed · 35:00 left", None, False)
    late = interview_clock(clock, T0 + 2700 - 299)
    assert late.warning == "4:59 left: wrap up the step you are on." and not late.ended
    assert interview_clock(clock, T0 + 2700 - 301).warning is None
    over = interview_clock(clock, T0 + 2800)
    assert (over.fill, over.warning, over.ended) == (1.0, None, True)


def test_a_short_interview_warns_in_its_last_fifth():
    clock = Clock(10 * 60, started_at=T0)
    assert interview_clock(clock, T0 + 600 - 121).warning is None
    assert interview_clock(clock, T0 + 600 - 119).warning == "1:59 left: wrap up the step you are on."


def test_an_answer_clock_says_when_to_land_the_result():
    assert answer_clock(T0, T0 + 60).caption == "1:00 · about 2 minutes is a good length"
    assert answer_clock(T0, T0 + 60).fill == 0.5
    long = answer_clock(T0, T0 + 150)
    assert long.caption.endswith("(time to land the result)") and long.fill == 1.0
    assert long.warning is None and not long.ended
