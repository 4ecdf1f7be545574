"""The headline's figures (sessions done, practice time, the current streak, the recent average
against the sessions before) and how the page shows a figure (Metric)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ava_core.progress.history import MAX_SESSION_MINUTES, History, local_today

RECENT = 10  # the headline compares the last 10 scored sessions with the 10 before


@dataclass(frozen=True)
class Headline:
    sessions_done: int
    practice_minutes: float
    streak_days: int
    recent_average: float | None  # the last RECENT scored sessions
    recent_count: int
    previous_average: float | None  # the RECENT before those
    previous_count: int

    @property
    def delta(self) -> float | None:
        if self.recent_average is None or self.previous_average is None:
            return None
        return self.recent_average - self.previous_average

    @property
    def direction(self) -> str | None:
        """"up", "down" or "flat" against the sessions before; None with nothing to compare."""
        d = self.delta
        if d is None:
            return None
        return "up" if d > 0 else "down" if d < 0 else "flat"


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive calendar days with practice, ending today, or yesterday while today is still
    open (practising today extends it). Days are local calendar dates, so a month end, a year end
    or a daylight-saving change is just the next date."""
    practised = set(days)
    day = today if today in practised else today - timedelta(days=1)
    streak = 0
    while day in practised:
        streak += 1
        day -= timedelta(days=1)
    return streak


def headline(view: History, now: datetime) -> Headline:
    done = view.finished
    scored = done["score"].dropna()
    recent, previous = scored.iloc[-RECENT:], scored.iloc[-2 * RECENT:-RECENT]
    return Headline(
        sessions_done=len(done),
        practice_minutes=float(done["minutes"].sum()),
        streak_days=current_streak({d.date() for d in done["day"]}, local_today(now, view.tz)),
        recent_average=float(recent.mean()) if len(recent) else None,
        recent_count=len(recent),
        previous_average=float(previous.mean()) if len(previous) else None,
        previous_count=len(previous),
    )


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    delta: str | None = None
    help: str | None = None
    delta_color: str = "normal"  # "inverse" where lower is better, "off" where neither is
    delta_arrow: str = "auto"  # "off" when nothing changed


def change(delta: float | None, suffix: str = "", color: str = "normal") -> dict[str, Any]:
    """A metric's delta, its colour and arrow: no change (at one decimal) is said plainly, grey
    and without an arrow, rather than as a coloured "+0.0"."""
    if delta is None:
        return {"delta": None}
    if round(delta, 1) == 0:
        return {"delta": f"no change{suffix}", "delta_color": "off", "delta_arrow": "off"}
    return {"delta": f"{delta:+.1f}{suffix}", "delta_color": color}


def duration_text(minutes: float) -> str:
    total = round(minutes)
    hours, mins = divmod(total, 60)
    return f"{hours:,} h {mins:02d} min" if hours else f"{mins} min"


def days_text(n: int) -> str:
    return f"{n:,} day" if n == 1 else f"{n:,} days"


def headline_metrics(h: Headline) -> list[Metric]:
    """The four headline figures as the page shows them."""
    if h.recent_average is None:
        average = Metric("Average score", "—", None, "No scored session yet.")
    else:
        compared = (f"against the {h.previous_count} before ({h.previous_average:.1f})"
                    if h.previous_average is not None else "with nothing before them to compare")
        average = Metric("Average score", f"{h.recent_average:.1f}",
                         help=f"Your last {h.recent_count} scored sessions, {compared}.",
                         **change(h.delta))
    return [
        Metric("Sessions done", f"{h.sessions_done:,}", None, "Finished sessions."),
        Metric("Practice time", duration_text(h.practice_minutes), None,
               f"Time in finished sessions (at most {MAX_SESSION_MINUTES // 60} h each)."),
        Metric("Current streak", days_text(h.streak_days), None,
               "Days in a row with a finished session, up to today (or yesterday)."),
        average,
    ]
