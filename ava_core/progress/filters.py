"""Which sessions the dashboard covers: the filters, and the days a date picker offers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from ava_core.errors import InvalidInput
from ava_core.progress.history import History
from ava_core.vocabulary import MODES
from ava_core.vocabulary import MODE_LABELS


@dataclass(frozen=True)
class Filters:
    """Which sessions every frame covers: local days ``start`` to ``end`` (inclusive; None is open)
    and these modes."""

    start: date | None = None
    end: date | None = None
    modes: tuple[str, ...] = MODES

    @classmethod
    def from_inputs(cls, dates: Sequence[date] | date | None, modes: Iterable[str],
                    bounds: tuple[date, date] | None = None) -> Filters:
        """From a date-range picker (none, one or two days chosen; the picker's whole range
        ``bounds`` is all dates) and the chosen modes."""
        if isinstance(dates, date):
            dates = (dates,)
        dates = tuple(dates or ())
        if bounds is not None and dates == tuple(bounds):
            dates = ()
        start = dates[0] if dates else None
        end = dates[1] if len(dates) > 1 else None
        return cls(start, end, tuple(m for m in MODES if m in set(modes)))

    def describe(self) -> str:
        modes = " and ".join(MODE_LABELS[m] for m in self.modes) or "no mode"
        if self.start and self.end:
            days = f"{self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}"
        elif self.start:
            days = f"from {self.start:%Y-%m-%d}"
        elif self.end:
            days = f"until {self.end:%Y-%m-%d}"
        else:
            days = "all dates"
        return f"{modes}, {days}"


def filter_history(history: History, filters: Filters) -> History:
    """The part of ``history`` that ``filters`` covers (every frame of it)."""
    unknown = set(filters.modes) - set(MODES)
    if unknown:
        raise ValueError(f"modes must be among {MODES}, not {sorted(unknown)}")
    if filters.start and filters.end and filters.start > filters.end:
        raise InvalidInput("The start date is after the end date: pick the earlier day first.",
                           field="dates")
    if filters == Filters():
        return history
    s = history.sessions
    keep = s["mode"].isin(filters.modes)
    if filters.start:
        keep &= s["day"] >= pd.Timestamp(filters.start)
    if filters.end:
        keep &= s["day"] <= pd.Timestamp(filters.end)
    sessions = s[keep].reset_index(drop=True)
    numbers = sessions["number"]

    def kept(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["number"].isin(numbers)].reset_index(drop=True)

    return History(history.tz, sessions, kept(history.criteria),
                   lambda: (kept(history.scores), kept(history.answers)))


def date_bounds(history: History, today: date) -> tuple[date, date]:
    """The widest range a date picker offers: the first session's day (or today) to today, or
    to the last session's day if that is later."""
    days = history.sessions["day"]
    if days.empty:
        return today, today
    return min(days.min().date(), today), max(days.max().date(), today)
