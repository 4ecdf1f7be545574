"""The history table: every session in view, newest first, and the one picked in it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ava_core.progress.history import History
from ava_core.progress.names import titles, topic_names
from ava_core.questions import TOPICS
from ava_core.vocabulary import MODE_LABELS, STATUS_LABELS


def table_topics(view: History) -> list[str]:
    """The topics of the sessions in view, for the table's topic filter (canonical order)."""
    present = set(view.sessions["topic"].dropna())
    order = {t: i for i, t in enumerate(TOPICS)}
    return sorted(present, key=lambda t: (order.get(t, len(order)), t))


def session_table(view: History, topic: str | None = None,
                  scores: tuple[float, float] | None = None) -> pd.DataFrame:
    """Every session in view, newest first, as the history table shows it. ``topic`` keeps one
    topic; ``scores`` (low, high) keeps scored sessions in that range, unless it is (0, 100)."""
    s = view.sessions
    if topic is not None:
        s = s[s["topic"] == topic]
    if scores is not None and tuple(scores) != (0, 100):
        s = s[s["score"].between(scores[0], scores[1])]
    s = s.iloc[::-1]
    return pd.DataFrame({
        "session_id": s["session_id"],
        "When": s["when"],
        "Mode": s["mode"].map(MODE_LABELS).astype(object),
        "Topic": topic_names(s["topic"]).where(s["topic"].notna(), ""),
        "Session": titles(s),
        "Status": s["status"].map(STATUS_LABELS).astype(object),
        "Score": s["score"].round().astype("Int64"),
        "Signal": s["signal"].map(lambda x: x.replace("_", " ") if isinstance(x, str) else "")
        .astype(object),
        "Minutes": s["minutes"].round().astype("int64"),
    }).reset_index(drop=True)


def selected_session(table: pd.DataFrame, rows: Sequence[int]) -> str | None:
    """The session id of the first selected row, if it is still in the table."""
    if rows and 0 <= rows[0] < len(table):
        return str(table["session_id"].iloc[rows[0]])
    return None
