"""What the home page says: a greeting, the recent sessions as rows, how Ava is running."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ava_core.settings import Backend
from ava_core.store import SessionRecord, Store
from ava_core.vocabulary import MODE_LABELS, MODES, STATUS_LABELS, STEP_TITLES, STEPS

RECENT_SESSIONS = 20  # how many Home lists


def unfinished_sessions(store: Store, user_id: uuid.UUID) -> list[SessionRecord]:
    """The user's most recent unfinished interview of each mode, to offer picking it up."""
    found = (store.sessions.unfinished_session(user_id, mode=mode) for mode in MODES)
    return [session for session in found if session is not None]


def recent_sessions(store: Store, user_id: uuid.UUID) -> list[SessionRecord]:
    """The sessions Home lists, most recent first."""
    return store.sessions.list_sessions(user_id, limit=RECENT_SESSIONS)


def local_time(now: datetime, tz_name: str | None) -> datetime:
    """``now`` in the browser's time zone when it is known and valid, else in UTC."""
    try:
        return now.astimezone(ZoneInfo(tz_name)) if tz_name else now.astimezone(timezone.utc)
    except (ZoneInfoNotFoundError, ValueError):
        return now.astimezone(timezone.utc)


def greeting(name: str, local_now: datetime) -> str:
    hour = local_now.hour
    if 5 <= hour < 12:
        part = "Good morning"
    elif 12 <= hour < 18:
        part = "Good afternoon"
    elif 18 <= hour < 23:
        part = "Good evening"
    else:
        part = "Hello"
    return f"{part}, {name}"


def session_rows(sessions: list[SessionRecord], tz_name: str | None = None) -> list[dict]:
    """One display row per session, most recent first, dates in the user's time zone."""
    rows = []
    for s in sessions:
        rows.append({
            "When": local_time(s.started_at, tz_name).strftime("%Y-%m-%d %H:%M"),
            "Mode": MODE_LABELS.get(s.mode, s.mode),
            "Session": s.title or "Untitled session",
            "Status": STATUS_LABELS.get(s.status, s.status),
            "Score": None if s.overall_score is None else round(s.overall_score),
            "Signal": (s.hiring_signal or "").replace("_", " "),
        })
    return rows


def offline_summary(backends: list[Backend], local_browser: bool = True) -> str:
    """One sentence: whether anything leaves the machine that runs Ava, and to where."""
    machine = "this machine" if local_browser else "the server that runs this Ava"
    online = [b for b in backends if not b.offline]
    if not online:
        return f"Ava is running fully offline: nothing you say or type leaves {machine}."
    names = ", ".join(f"{b.concern} ({b.name})" for b in online)
    return f"Ava uses online services for: {names}. Everything else runs on {machine}."


def unfinished_text(session: SessionRecord) -> str:
    """How the home page offers to resume an unfinished interview, from its stored state."""
    state = session.state or {}
    if session.mode == "coding":
        where = "not started yet"
        if state.get("phase") == "in_progress":
            step = STEPS[min(int(state.get("step_index", 0)), len(STEPS) - 1)]
            where = f"at step {STEP_TITLES[step]}"
        return f"You have an unfinished coding interview on {session.title} ({where})."
    questions = state.get("questions") or []
    if state.get("phase") == "in_progress" and questions:
        where = f"question {int(state.get('current', 0)) + 1} of {len(questions)}"
    else:
        where = "questions planned, not started yet"
    return f"You have an unfinished behavioral interview ({where})."
