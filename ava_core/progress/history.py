"""A user's history loaded from the store as tidy frames, in the user's time zone."""

from __future__ import annotations

import gc
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from ava_core.progress.names import DELIVERY, titles, topic_names
from ava_core.vocabulary import MODES, SCOPES
from ava_core.store import ProgressData, ProgressRows, Store, Table

MAX_SESSION_MINUTES = 180  # the longest practice time one session counts for

SESSION_COLUMNS = ("number", "session_id", "mode", "status", "title", "topic", "difficulty",
                   "score", "signal", "started_at", "when", "day", "minutes", *DELIVERY)
CRITERIA_COLUMNS = ("number", "session_id", "criterion", "points", "possible", "n")
SCORE_COLUMNS = ("number", "session_id", "feedback_id", "scope", "step", "criterion", "score",
                 "out_of")
ANSWER_COLUMNS = ("number", "session_id", "message_id", "step", "audio_seconds",
                  "words_per_minute", "fillers_per_100_words", "long_pauses", "talk_time_s")


@dataclass(frozen=True)
class History:
    """A user's sessions and what counts of their scores, times in the user's time zone ``tz``.

    sessions: SESSION_COLUMNS, one row per session, oldest first. ``number`` counts the user's
    sessions from 1 in that order (every frame carries it: a quick key); ``when`` is the local start
    as text, ``day`` the local calendar day it started (midnight, no zone), ``minutes`` its
    practice time; then the mean delivery of its spoken answers (NaN when none was spoken).
    criteria: CRITERIA_COLUMNS, one row per (session, criterion) by the rules of
    ``ava_core.store.summary``: points, possible and n; oldest session first, then by criterion.
    scores and answers (loaded on first use: the export and notebooks read them, the charts
    don't): SCORE_COLUMNS, every stored criterion score in the order written; ANSWER_COLUMNS,
    every answer with its delivery measurements (NaN when typed).
    """

    tz: str
    sessions: pd.DataFrame
    criteria: pd.DataFrame
    load_rows: Callable[[], tuple[pd.DataFrame, pd.DataFrame]] = field(repr=False, compare=False)

    @cached_property
    def _rows(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return self.load_rows()

    @property
    def scores(self) -> pd.DataFrame:
        return self._rows[0]

    @property
    def answers(self) -> pd.DataFrame:
        return self._rows[1]

    @cached_property
    def finished(self) -> pd.DataFrame:
        """The finished sessions: the ones every figure and chart counts."""
        return self.sessions[self.sessions["status"] == "finished"]

    @cached_property
    def info(self) -> pd.DataFrame:
        """What per-session frames show of each finished session (display title, topic name)."""
        done = self.finished
        return pd.DataFrame({
            "number": done["number"], "session_id": done["session_id"],
            "started_at": done["started_at"], "when": done["when"], "title": titles(done),
            "mode": done["mode"], "topic": done["topic"],
            "topic_name": topic_names(done["topic"]), "difficulty": done["difficulty"],
        })


def time_zone(name: str | None) -> str:
    """``name`` when it is a known IANA time zone, else "UTC"."""
    if not name:
        return "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def local_today(now: datetime, tz: str) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of rows become frames. The rows
    make no reference cycles, yet the allocations would start full collections that each walk
    every object of the process (a Streamlit server holds hundreds of thousands): measured, that
    doubles the time. Re-entrant and thread-safe; the collector restarts when the last one leaves."""
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


def load_history(store: Store, user_id: uuid.UUID | str, tz: str | None = None) -> History:
    """The user's whole history from the store (one query; two more on first use of its scores
    or answers), in time zone ``tz``."""
    with gc_paused():
        return history_from_data(store.progress.progress_data(user_id), lambda: store.progress.progress_rows(user_id),
                                 tz)


_FLOATS = frozenset({"overall_score", "score", "out_of", "audio_seconds", "words_per_minute",
                    "fillers_per_100_words", "long_pauses", "talk_time_s", "points", "possible"})
_INTEGERS = frozenset({"feedback_id", "message_id", "n"})


def _frame(table: Table) -> pd.DataFrame:
    """A store Table as a frame, each column built at once with its type."""
    data: dict[str, np.ndarray | pd.Series] = {}
    for name, values in zip(table.columns, table.values):
        if name in _FLOATS:
            data[name] = np.array(values, dtype=float)
        elif name in _INTEGERS:
            data[name] = np.array(values, dtype="int64")
        else:
            data[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(data)


def _canonical_id(key: Any) -> str:
    """A session id as text with dashes, from SQLite's 32 hex digits or a UUID."""
    if isinstance(key, str) and len(key) == 32:
        return f"{key[:8]}-{key[8:12]}-{key[12:16]}-{key[16:20]}-{key[20:]}"
    return str(uuid.UUID(str(key)))


def _utc(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, utc=True, format="ISO8601")


def _when(started_at: pd.Series) -> pd.Series:
    if started_at.empty:
        return pd.Series([], index=started_at.index, dtype=object)
    return started_at.dt.strftime("%Y-%m-%d %H:%M").astype(object)


def history_from_data(data: ProgressData, rows: Callable[[], ProgressRows],
                      tz: str | None = None) -> History:
    """A History from the store's ProgressData, times in time zone ``tz``; ``rows`` gives the
    store's ProgressRows when the scores or answers are first asked for."""
    zone = time_zone(tz)
    raw = _frame(data.sessions)
    raw["started_at"] = _utc(raw["started_at"])
    raw = raw.sort_values(["started_at", "id"], kind="stable").reset_index(drop=True)
    started = raw["started_at"]
    ended = _utc(raw["finished_at"]).fillna(_utc(raw["updated_at"]))
    minutes = ((ended - started).dt.total_seconds() / 60).clip(0, MAX_SESSION_MINUTES)
    first_topic = raw["question_topics"].map(lambda t: t[0] if isinstance(t, list) and t else None)
    local = started.dt.tz_convert(zone)
    numbers = {key: i for i, key in enumerate(raw["id"], start=1)}
    sessions = pd.DataFrame({
        "number": np.arange(1, len(raw) + 1, dtype="int64"),
        "session_id": raw["id"].map(_canonical_id),
        "mode": pd.Categorical(raw["mode"], categories=MODES),
        "status": raw["status"],
        "title": raw["title"],
        "topic": raw["topic"].where(raw["topic"].notna(), first_topic),
        "difficulty": raw["difficulty"],
        "score": raw["overall_score"],
        "signal": raw["hiring_signal"],
        "started_at": local,
        "when": _when(local),
        "day": local.dt.tz_localize(None).dt.normalize(),
        "minutes": minutes.fillna(0.0).astype(float),
        **{name: raw[name] for name in DELIVERY},
    })
    ids = sessions["session_id"].to_numpy()

    def keyed(table: Table, order: str, columns: Sequence[str]) -> pd.DataFrame:
        """The rows of known sessions, with the session's number and id, sorted by ``order``."""
        frame = _frame(table)
        found = frame.pop("session_id").map(numbers)
        known = found.notna().to_numpy()
        number = found[known].astype("int64").to_numpy()
        frame = frame[known]
        frame.insert(0, "session_id", ids[number - 1])
        frame.insert(0, "number", number)
        return frame.sort_values(order, kind="stable")[list(columns)].reset_index(drop=True)

    criteria = keyed(data.criteria, "number", CRITERIA_COLUMNS)
    criteria["criterion"] = pd.Categorical(criteria["criterion"])

    def load_rows() -> tuple[pd.DataFrame, pd.DataFrame]:
        with gc_paused():
            found = rows()
            scores = keyed(found.scores, "feedback_id", SCORE_COLUMNS)
            for name in ("step", "criterion"):
                scores[name] = pd.Categorical(scores[name])
            scores["scope"] = pd.Categorical(scores["scope"], categories=SCOPES)
            return scores, keyed(found.answers, "message_id", ANSWER_COLUMNS)

    return History(zone, sessions, criteria, load_rows)
