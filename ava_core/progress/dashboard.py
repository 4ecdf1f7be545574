"""Every frame and figure of the page for one filter, at once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from ava_core.progress.figures import Headline, headline
from ava_core.progress.filters import Filters, filter_history
from ava_core.progress.frames import (
    behavioral_trends,
    complexity_agreement,
    criterion_values,
    delivery,
    delivery_summary,
    pass_rates,
    score_trend,
    star_coverage,
    step_heatmap,
    untried_topics,
)
from ava_core.progress.history import History, gc_paused
from ava_core.progress.practice import Recommendation, recommend


@dataclass(frozen=True)
class Dashboard:
    """Every frame and figure of the page for one filter. ``state``: "new" (no session at all),
    "empty" (none in the filters) or "ready"."""

    state: str
    filters: Filters
    view: History
    headline: Headline
    scores: pd.DataFrame
    heatmap: pd.DataFrame
    pass_rate: pd.DataFrame
    complexity: pd.DataFrame
    untried: pd.DataFrame
    star: pd.DataFrame
    behavioral: pd.DataFrame
    delivery: pd.DataFrame
    delivery_summary: pd.DataFrame
    recommendation: Recommendation


def build(history: History, filters: Filters, bank: Mapping[str, int], now: datetime) -> Dashboard:
    """Every frame of the page for ``filters``; ``bank`` is bank_topics(), ``now`` sets today."""
    with gc_paused():
        return _build(history, filters, bank, now)


def _build(history: History, filters: Filters, bank: Mapping[str, int], now: datetime) -> Dashboard:
    view = filter_history(history, filters)
    values = criterion_values(view)
    spoken = delivery(view)
    untried = untried_topics(view, bank)
    if history.sessions.empty:
        state = "new"
    elif view.sessions.empty:
        state = "empty"
    else:
        state = "ready"
    return Dashboard(
        state=state, filters=filters, view=view, headline=headline(view, now),
        scores=score_trend(view), heatmap=step_heatmap(view, values),
        pass_rate=pass_rates(view, values), complexity=complexity_agreement(view, values),
        untried=untried, star=star_coverage(view, values),
        behavioral=behavioral_trends(view, values), delivery=spoken,
        delivery_summary=delivery_summary(spoken),
        recommendation=recommend(view, bank, values, untried),
    )


def empty_message(state: str) -> str | None:
    if state == "new":
        return ("No sessions yet. Finish a coding or behavioral interview and this page shows "
                "your scores over time, your weakest topics and UMPIRE steps, how you speak, and "
                "what to practise next.")
    if state == "empty":
        return "No sessions match these filters. Widen the dates or pick another mode."
    return None
