"""The exports: the user's data in view as CSV files in a zip, and the progress report in
Markdown."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from ava_core import vocabulary
from ava_core.progress.dashboard import Dashboard
from ava_core.progress.figures import headline_metrics
from ava_core.progress.frames import ROLLING_WINDOW, WPM_TARGET, complexity_text, tests_text
from ava_core.progress.history import History
from ava_core.progress.table import session_table
from ava_core.vocabulary import STEP_TITLES

REPORT_SESSIONS = 20


def _iso(series: pd.Series) -> pd.Series:
    return series.map(lambda t: t.isoformat() if pd.notna(t) else "")


def export_frames(view: History) -> dict[str, pd.DataFrame]:
    """The user's data in view as the CSV files of the export, by file name."""
    sessions = view.sessions.drop(columns=["day"]).assign(started_at=_iso(view.sessions["started_at"]))
    return {"sessions.csv": sessions, "scores.csv": view.scores, "answers.csv": view.answers}


def export_zip(view: History) -> bytes:
    """A zip of sessions.csv, scores.csv and answers.csv (UTF-8, header row, ISO times)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, frame in export_frames(view).items():
            z.writestr(name, frame.to_csv(index=False))
    return buffer.getvalue()


def _cell(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def report_markdown(dash: Dashboard, name: str, now: datetime) -> str:
    """The progress report as Markdown: the headline, what to practise next, and a table for every
    section that has data."""
    h = dash.headline
    local = now.astimezone(ZoneInfo(dash.view.tz))
    out = [f"# Ava progress report: {_cell(name)}", "",
           f"{local:%Y-%m-%d %H:%M} ({dash.view.tz}) · {dash.filters.describe()}", ""]
    out += ["## Headline", ""]
    for m in headline_metrics(h):
        line = f"- {m.label}: {m.value}"
        if m.label == "Average score" and h.recent_average is not None:
            line += f" over the last {h.recent_count} scored sessions"
            if h.delta is not None and h.direction is not None:
                change = {"up": f"up {h.delta:.1f}", "down": f"down {-h.delta:.1f}",
                          "flat": "no change"}[h.direction]
                line += f" ({change} on the {h.previous_count} before: {h.previous_average:.1f})"
        out.append(line)
    out += ["", "## What to practise next", "", dash.recommendation.message, ""]

    if not dash.scores.empty:
        out += ["## Scores by mode", ""]
        rows = []
        for mode, g in dash.scores.groupby("mode", sort=False, observed=True):
            rows.append((mode, len(g), f"{g['score'].mean():.1f}", f"{g['score'].max():.0f}",
                         f"{g['score'].iloc[-1]:.0f}"))
        out += _table(("Mode", "Sessions", "Average", "Best", "Latest"), rows) + [""]

    if not dash.heatmap.empty:
        out += ["## Coding: average step score by topic (1-5)", ""]
        cells = {(r["topic_name"], r["step"]): r["avg_score"] for r in dash.heatmap.to_dict("records")}
        rows = [(t, *(f"{cells[t, s]:.1f}" if (t, s) in cells else "" for s in vocabulary.STEPS))
                for t in dash.heatmap["topic_name"].unique()]
        out += _table(("Topic", *(STEP_TITLES[s] for s in vocabulary.STEPS)), rows) + [""]

    out += ["## Coding: tests and complexity", "", f"- {tests_text(dash.pass_rate)}",
            f"- {complexity_text(dash.complexity)}"]
    if not dash.untried.empty:
        out.append("- Topics not practised yet: " + ", ".join(dash.untried["name"]))
    out.append("")

    if not dash.star.empty or not dash.behavioral.empty:
        out += ["## Behavioral", ""]
        if not dash.star.empty:
            cover = dash.star.groupby("part", sort=False, observed=True)["coverage"].mean()
            out += _table(("STAR part", "Answers that had it"),
                          [(str(p).capitalize(), f"{c:.0%}") for p, c in cover.items()]) + [""]
        if not dash.behavioral.empty:
            avg = dash.behavioral.groupby("criterion", sort=False, observed=True)["score"].agg(
                ["mean", "last"])
            out += _table(("Criterion", "Average (1-5)", "Latest"),
                          [(c, f"{r['mean']:.1f}", f"{r['last']:.1f}") for c, r in avg.iterrows()])
            out.append("")

    if not dash.delivery_summary.empty:
        out += ["## Delivery", "", f"Target pace: {WPM_TARGET[0]}-{WPM_TARGET[1]} words per minute.",
                ""]
        out += _table(("Measure", "Your baseline", f"Last {ROLLING_WINDOW} sessions", "Change"),
                      [(r["label"], f"{r['baseline']:.1f}", f"{r['recent']:.1f}", f"{r['change']:+.1f}")
                       for r in dash.delivery_summary.to_dict("records")]) + [""]

    table = session_table(dash.view)
    if not table.empty:
        shown = table.head(REPORT_SESSIONS)
        out += [f"## Sessions ({len(shown)} most recent of {len(table):,})", ""]
        out += _table(("When", "Mode", "Topic", "Session", "Status", "Score"),
                      [(r["When"], r["Mode"], r["Topic"], r["Session"], r["Status"],
                        "" if pd.isna(r["Score"]) else int(r["Score"])) for r in shown.to_dict("records")])
        out.append("")
    return "\n".join(out)
