"""The progress page's Altair charts, one per frame of ``ava_core.progress`` (presentation only:
every number comes from the frame)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ava_core import progress, vocabulary
from ava_core.vocabulary import STEP_TITLES

HEIGHT = 260
TIME = alt.X("started_at:T", title=None)


def _session_tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    return [alt.Tooltip("title:N", title="Session"), alt.Tooltip("when:N", title="Date"), *extra]


def _columns(frame: pd.DataFrame, *extra: str) -> pd.DataFrame:
    """Only what a chart draws or shows on hover goes to the browser."""
    return frame[["started_at", "when", "title", *extra]]


def scores(frame: pd.DataFrame) -> alt.LayerChart:
    """Overall score per session (points, hover shows the session) and the rolling average."""
    data = _columns(frame, "mode", "score", "rolling")
    base = alt.Chart(data).encode(x=TIME, color=alt.Color("mode:N", title="Mode"))
    line = base.mark_line(strokeWidth=2).encode(
        y=alt.Y("rolling:Q", title="Score (0-100)", scale=alt.Scale(domain=[0, 100])))
    points = base.mark_circle(size=55, opacity=0.55).encode(
        y="score:Q",
        tooltip=_session_tooltip(alt.Tooltip("score:Q", title="Score", format=".0f"),
                                 alt.Tooltip("mode:N", title="Mode")),
    )
    return (line + points).properties(height=HEIGHT)


def heatmap(frame: pd.DataFrame) -> alt.LayerChart:
    steps = [STEP_TITLES[s] for s in vocabulary.STEPS]
    topics = list(dict.fromkeys(frame["topic_name"]))
    base = alt.Chart(frame).encode(
        x=alt.X("step_name:N", title=None, sort=steps, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("topic_name:N", title=None, sort=topics),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("avg_score:Q", title="Average (1-5)",
                        scale=alt.Scale(domain=[1, 5], scheme="redyellowgreen")),
        tooltip=[alt.Tooltip("topic_name:N", title="Topic"), alt.Tooltip("step_name:N", title="Step"),
                 alt.Tooltip("avg_score:Q", title="Average", format=".1f"),
                 alt.Tooltip("sessions:Q", title="Sessions")],
    )
    text = base.mark_text(fontSize=12).encode(text=alt.Text("avg_score:Q", format=".1f"))
    return (cells + text).properties(height=max(60, 32 * len(topics)))


def pass_rates(frame: pd.DataFrame) -> alt.LayerChart:
    base = alt.Chart(_columns(frame, "passed", "total", "pass_rate", "rolling")).encode(x=TIME)
    share = alt.Scale(domain=[0, 1])
    line = base.mark_line().encode(
        y=alt.Y("rolling:Q", title="Hidden tests passed", scale=share, axis=alt.Axis(format="%")))
    points = base.mark_circle(size=50, opacity=0.5).encode(
        y="pass_rate:Q",
        tooltip=_session_tooltip(alt.Tooltip("passed:Q", title="Passed"),
                                 alt.Tooltip("total:Q", title="Tests")),
    )
    return (line + points).properties(height=HEIGHT)


def complexity(frame: pd.DataFrame) -> alt.LayerChart:
    base = alt.Chart(_columns(frame, "result", "rolling")).encode(x=TIME)
    line = base.mark_line(color="gray").encode(
        y=alt.Y("rolling:Q", title="Claims that matched", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")))
    points = base.mark_circle(size=60).encode(
        y="rolling:Q",
        color=alt.Color("result:N", title="Claim",
                        scale=alt.Scale(domain=["Matched", "Differed"], range=["#2e7d32", "#c62828"])),
        tooltip=_session_tooltip(alt.Tooltip("result:N", title="Claim")),
    )
    return (line + points).properties(height=HEIGHT)


def star(frame: pd.DataFrame) -> alt.Chart:
    return alt.Chart(_columns(frame, "part", "coverage", "rolling")).mark_line(point=True).encode(
        x=TIME,
        y=alt.Y("rolling:Q", title="Answers with the part", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        color=alt.Color("part:N", title="STAR part", sort=list(vocabulary.STAR_PARTS)),
        tooltip=_session_tooltip(alt.Tooltip("part:N", title="Part"),
                                 alt.Tooltip("coverage:Q", title="This session", format=".0%")),
    ).properties(height=HEIGHT)


def behavioral(frame: pd.DataFrame) -> alt.Chart:
    data = _columns(frame, "criterion", "score", "rolling")
    return alt.Chart(data).mark_line(point=True).encode(
        x=TIME,
        y=alt.Y("rolling:Q", title="Score (1-5)", scale=alt.Scale(domain=[1, 5])),
        color=alt.Color("criterion:N", title=None),
        tooltip=_session_tooltip(alt.Tooltip("criterion:N", title="Criterion"),
                                 alt.Tooltip("score:Q", title="This session", format=".1f")),
    ).properties(height=HEIGHT)


def delivery(frame: pd.DataFrame, metric: str) -> alt.LayerChart:
    """One delivery measure over time against the user's baseline (dashed), with the target band
    shaded for words per minute."""
    data = _columns(frame[frame["metric"] == metric], "value", "baseline")
    label = progress.DELIVERY[metric]
    points = alt.Chart(data).mark_circle(size=50, opacity=0.6).encode(
        x=TIME, y=alt.Y("value:Q", title=label),
        tooltip=_session_tooltip(alt.Tooltip("value:Q", title=label, format=".1f")),
    )
    baseline = alt.Chart(data.head(1)).mark_rule(strokeDash=[6, 4], color="gray").encode(
        y="baseline:Q", tooltip=[alt.Tooltip("baseline:Q", title="Your baseline", format=".1f")])
    layers = [points, baseline]
    if metric == "words_per_minute":
        low, high = progress.WPM_TARGET
        band = alt.Chart(pd.DataFrame({"low": [low], "high": [high]})).mark_rect(
            opacity=0.15, color="#2e7d32").encode(y="low:Q", y2="high:Q")
        layers.insert(0, band)
    return alt.layer(*layers).properties(height=HEIGHT)
