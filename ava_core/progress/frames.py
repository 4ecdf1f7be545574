"""The dashboard's tables, one pure function per chart: scores over time; for coding, step
scores by topic, hidden tests passed, complexity claims checked and the topics not tried yet; for
behavioral interviews, STAR coverage and the specificity, ownership and relevance scores; and
delivery against its baseline."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from ava_core import vocabulary
from ava_core.progress.figures import Headline, Metric, change, headline, headline_metrics
from ava_core.progress.filters import Filters, filter_history
from ava_core.progress.history import History, gc_paused
from ava_core.progress.names import (
    CRITERION_NAMES,
    DELIVERY,
    STAR_CRITERIA,
    topic_name,
    topic_names,
)
from ava_core.progress.table import session_table
from ava_core.questions import DIFFICULTIES, TOPICS
from ava_core.vocabulary import MODE_LABELS, STEP_TITLES

ROLLING_WINDOW = 5  # sessions in every rolling average
HALF_LIFE = 5  # what to practise next: a session's weight halves every 5 coding sessions back
STRONG = 0.8  # when every practised topic and step is at least 4 of 5, try a new topic
EASIER_BELOW = 0.6  # a topic under 3 of 5 is suggested one difficulty easier
BASELINE_SESSIONS = 5  # a delivery baseline: the median of the first 5 sessions that have it
WPM_TARGET = (120, 160)
REPORT_SESSIONS = 20

BEHAVIORAL_CRITERIA = (vocabulary.SPECIFICITY, vocabulary.OWNERSHIP, vocabulary.RELEVANCE)


# --- helpers ------------------------------------------------------------------------------------


def _rolling(values: pd.Series, groups: pd.Series | None = None) -> pd.Series:
    if groups is None:
        return values.rolling(ROLLING_WINDOW, min_periods=1).mean()
    return values.groupby(groups, sort=False, observed=True).transform(
        lambda v: v.rolling(ROLLING_WINDOW, min_periods=1).mean())


_VALUE_COLUMNS = ["number", "session_id", "criterion", "score", "out_of", "points", "possible",
                 "fraction", "n", "mode", "topic", "topic_name", "difficulty", "title",
                 "started_at", "when"]


def criterion_values(view: History) -> pd.DataFrame:
    """One row per (finished session, criterion) that counts (``ava_core.summary``): score and
    out_of (means over the scores behind it), points and possible (their sums), fraction
    (points / possible: the share of tests passed, of answers with a STAR part...) and n (how
    many), with the session's mode, topic, difficulty, title and start; oldest session first."""
    done = view.finished
    v = view.criteria
    if len(done) < len(view.sessions):
        v = v[v["number"].isin(done["number"])]
    if v.empty:
        return pd.DataFrame(columns=_VALUE_COLUMNS)
    v = v.drop(columns="session_id").assign(
        score=v["points"] / v["n"], out_of=v["possible"] / v["n"],
        fraction=v["points"] / v["possible"])
    return v.merge(view.info, on="number")[_VALUE_COLUMNS]


# --- scores over time ---------------------------------------------------------------------------


def score_trend(view: History) -> pd.DataFrame:
    """One row per finished, scored session, oldest first: its overall score (0-100) and the
    rolling average of the last ROLLING_WINDOW sessions of the same mode."""
    done = view.finished
    scored = done["score"].notna().to_numpy()
    done = done[scored]
    out = _per_session(view.info[scored])
    out.insert(4, "mode", done["mode"].map(MODE_LABELS).astype(object).to_numpy())
    out["score"] = done["score"].to_numpy()
    out["rolling"] = _rolling(done["score"], done["mode"]).to_numpy()
    return out.reset_index(drop=True)


# --- coding -------------------------------------------------------------------------------------

_TOPIC_ORDER = {t: i for i, t in enumerate(TOPICS)}
_STEP_ORDER = {s: i for i, s in enumerate(vocabulary.STEPS)}
_STAR_ORDER = {p: i for i, p in enumerate(vocabulary.STAR_PARTS)}
_BEHAVIORAL_ORDER = {c: i for i, c in enumerate(BEHAVIORAL_CRITERIA)}


def _values(view: History, values: pd.DataFrame | None, mode: str,
            criteria: Iterable[str]) -> pd.DataFrame:
    v = criterion_values(view) if values is None else values
    return v[(v["mode"] == mode) & v["criterion"].isin(list(criteria))]


def _per_session(v: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "number": v["number"], "session_id": v["session_id"], "started_at": v["started_at"],
        "when": v["when"], "title": v["title"], "topic": v["topic_name"],
    })


def step_heatmap(view: History, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """Average UMPIRE step score (1-5) per coding topic and step, with how many sessions are
    behind each cell; topics and steps in their canonical order."""
    v = _values(view, values, "coding", vocabulary.STEPS)
    v = v[v["topic"].notna()]
    scores = v.groupby(["topic", "criterion"], observed=True)["score"]
    cells = pd.DataFrame({"avg_score": scores.mean(), "sessions": scores.size()}).reset_index()
    cells["step"] = cells.pop("criterion").astype(object)
    cells["topic_rank"] = cells["topic"].map(_TOPIC_ORDER).fillna(len(_TOPIC_ORDER))
    cells["step_rank"] = cells["step"].map(_STEP_ORDER)
    cells = cells.sort_values(["topic_rank", "topic", "step_rank"])
    cells["topic_name"] = topic_names(cells["topic"])
    cells["step_name"] = cells["step"].map(STEP_TITLES)
    cells["sessions"] = cells["sessions"].astype("int64")
    columns = ["topic", "topic_name", "step", "step_name", "avg_score", "sessions"]
    return cells[columns].reset_index(drop=True)


def pass_rates(view: History, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """Hidden tests passed per coding session (the last submission judged), with the rolling
    pass rate; oldest first."""
    v = _values(view, values, "coding", [vocabulary.TESTS_PASSED])
    out = _per_session(v)
    out["passed"] = v["points"].round().astype("int64")
    out["total"] = v["possible"].round().astype("int64")
    out["pass_rate"] = v["fraction"]
    out["rolling"] = _rolling(v["fraction"])
    return out.reset_index(drop=True)


def complexity_agreement(view: History, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per coding session where both were known: whether the claimed time complexity matched
    the measured one, with the rolling share of sessions that matched; oldest first."""
    v = _values(view, values, "coding", [vocabulary.COMPLEXITY_AGREES])
    out = _per_session(v)
    agrees = v["fraction"] >= 0.5
    out["agrees"] = agrees.astype(bool)
    out["result"] = agrees.map({True: "Matched", False: "Differed"}).astype(object)
    out["rolling"] = _rolling(agrees.astype(float))
    return out.reset_index(drop=True)


def complexity_text(agreement: pd.DataFrame) -> str:
    if agreement.empty:
        return "No complexity claim has been checked yet: state it in the Evaluate step."
    matched, checked = int(agreement["agrees"].sum()), len(agreement)
    return (f"Your claimed time complexity matched the measured one in {matched} of {checked} "
            f"sessions ({matched / checked:.0%}).")


def tests_text(pass_rate: pd.DataFrame) -> str:
    total = int(pass_rate["total"].sum())
    if not total:
        return "No code has been judged against the hidden tests yet."
    passed = int(pass_rate["passed"].sum())
    return f"Hidden tests passed: {passed:,} of {total:,} ({passed / total:.0%})."


def bank_topics(bank: Any | None = None) -> dict[str, int]:
    """How many coding questions the bank has per topic, in the topics' canonical order."""
    if bank is None:
        from ava_core.questions import load_bank

        bank = load_bank()
    counts: dict[str, int] = {}
    for q in bank.coding:
        for t in q.topics:
            counts[t] = counts.get(t, 0) + 1
    order = {t: i for i, t in enumerate(TOPICS)}
    return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def untried_topics(view: History, bank: Mapping[str, int]) -> pd.DataFrame:
    """Topics of the bank with no finished coding session, with how many questions each has."""
    done = view.finished
    practised = set(done.loc[done["mode"] == "coding", "topic"].dropna())
    rows = [(t, topic_name(t), n) for t, n in bank.items() if t not in practised]
    return pd.DataFrame(rows, columns=["topic", "name", "questions"]).astype({"questions": "int64"})


# --- behavioral ---------------------------------------------------------------------------------


def star_coverage(view: History, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per behavioral session and STAR part: the share of answers that had it (0-1), with the
    rolling share per part; oldest first, parts in STAR order."""
    v = _values(view, values, "behavioral", STAR_CRITERIA)
    out = _per_session(v)
    out["part"] = v["criterion"].astype(object).map(STAR_CRITERIA)
    out["coverage"] = v["fraction"]
    out["rolling"] = _rolling(out["coverage"], out["part"])
    out["part_rank"] = out["part"].map(_STAR_ORDER)
    out = out.sort_values(["number", "part_rank"]).drop(columns="part_rank")
    return out.reset_index(drop=True)


def behavioral_trends(view: History, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per behavioral session: the average specificity, ownership and relevance score (1-5) of its
    answers, with the rolling average per criterion; oldest first."""
    v = _values(view, values, "behavioral", BEHAVIORAL_CRITERIA)
    out = _per_session(v)
    out["criterion"] = v["criterion"].astype(object).map(CRITERION_NAMES)
    out["score"] = v["score"]
    out["rolling"] = _rolling(out["score"], out["criterion"])
    out["rank"] = v["criterion"].astype(object).map(_BEHAVIORAL_ORDER)
    out = out.sort_values(["number", "rank"]).drop(columns="rank")
    return out.reset_index(drop=True)


# --- delivery -----------------------------------------------------------------------------------


def delivery(view: History) -> pd.DataFrame:
    """Per finished session with spoken answers and per measure (DELIVERY): the session's mean over
    its spoken answers, and the user's baseline for that measure: the median of the first
    BASELINE_SESSIONS sessions that have it. Measures in DELIVERY order, then oldest first."""
    columns = ["number", "session_id", "started_at", "when", "title", "mode", "metric", "label",
               "value", "baseline"]
    per = view.finished[["number", *DELIVERY]]
    long = per.melt(id_vars=["number"], value_vars=list(DELIVERY), var_name="metric")
    long = long.dropna(subset=["value"])
    if long.empty:
        return pd.DataFrame(columns=columns)
    long = long.merge(view.info, on="number")
    long["mode"] = long["mode"].map(MODE_LABELS).astype(object)
    long["label"] = long["metric"].map(DELIVERY)
    long["baseline"] = long.groupby("metric", sort=False, observed=True)["value"].transform(
        lambda v: v.iloc[:BASELINE_SESSIONS].median())
    return long[columns].reset_index(drop=True)


def delivery_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per measure: the baseline, the mean of the last ROLLING_WINDOW sessions and the change."""
    rows = []
    for metric, label in DELIVERY.items():
        m = frame[frame["metric"] == metric]
        if m.empty:
            continue
        baseline = float(m["baseline"].iloc[0])
        recent = float(m["value"].iloc[-ROLLING_WINDOW:].mean())
        rows.append((metric, label, baseline, recent, recent - baseline, len(m)))
    return pd.DataFrame(rows, columns=["metric", "label", "baseline", "recent", "change",
                                       "sessions"])


def delivery_metrics(summary: pd.DataFrame) -> list[Metric]:
    """Each delivery measure: the last sessions' mean, its change against the baseline."""
    colors = {"words_per_minute": "off", "fillers_per_100_words": "inverse",
              "long_pauses": "inverse"}
    out = []
    for r in summary.itertuples():
        target = (f" Target: {WPM_TARGET[0]}-{WPM_TARGET[1]}."
                  if r.metric == "words_per_minute" else "")
        out.append(Metric(
            r.label, f"{r.recent:.1f}",
            help=f"Mean of your last {min(ROLLING_WINDOW, r.sessions)} sessions with spoken "
            f"answers; baseline {r.baseline:.1f} (median of your first "
            f"{min(BASELINE_SESSIONS, r.sessions)})." + target,
            **change(r.change, " vs baseline", colors[r.metric])))
    return out


# --- what to practise next ----------------------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    """What to practise next. ``kind``: "topic" (the weakest topic), "step" (the weakest UMPIRE
    step, on the topic where it is weakest), "new" (a topic of the bank not practised yet) or
    "none" (nothing to suggest). ``strength`` is the weighted average score out of 5."""

    kind: str
    message: str
    topic: str | None = None
    step: str | None = None
    difficulty: str | None = None
    strength: float | None = None

    @property
    def button_label(self) -> str:
        if self.topic is None:
            return "Start a coding interview"
        level = f" ({self.difficulty})" if self.difficulty else ""
        return f"Practise {topic_name(self.topic)}{level}"

    @property
    def practice_request(self) -> dict[str, str | None] | None:
        """What the coding page needs to start this practice, or None with no topic."""
        if self.topic is None:
            return None
        return {"topic": self.topic, "difficulty": self.difficulty}


def _weighted(rows: pd.DataFrame, key: str) -> pd.Series:
    """Weighted mean of ``fraction`` per ``key``, worst first (ties in canonical order)."""
    sums = rows.assign(weighted=rows["fraction"] * rows["weight"]).groupby(key)[
        ["weighted", "weight"]].sum()
    means = sums["weighted"] / sums["weight"]
    order = _TOPIC_ORDER if key == "topic" else _STEP_ORDER
    keys = sorted(means.index, key=lambda k: (order.get(k, len(order)), k))
    return means.reindex(keys).sort_values(kind="stable")


def practice_weights(view: History, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """The UMPIRE step scores behind the recommendation: one row per finished coding session and
    step, with ``fraction`` (score / out_of), the session's ``rank`` (0 for the most recent coding
    session with step scores, 1 for the one before...) and ``weight`` = 0.5 ** (rank / HALF_LIFE):
    the latest session counts fully, one HALF_LIFE sessions older half as much, and so on."""
    v = _values(view, values, "coding", vocabulary.STEPS)
    rank = (v["number"].rank(method="dense", ascending=False) - 1).astype("int64")
    v = v.assign(step=v["criterion"].astype(object), rank=rank, weight=0.5 ** (rank / HALF_LIFE))
    return v[["number", "session_id", "started_at", "topic", "difficulty", "step", "fraction",
              "rank", "weight"]].reset_index(drop=True)


def _difficulty(done: pd.DataFrame, topic: str, strength: float) -> str | None:
    """The level the topic was last practised at, one easier when its strength is low."""
    on_topic = done[(done["mode"] == "coding") & (done["topic"] == topic)]["difficulty"].dropna()
    last = on_topic.iloc[-1] if len(on_topic) else None
    if last not in DIFFICULTIES:
        return None
    i = DIFFICULTIES.index(last)
    return DIFFICULTIES[max(i - 1, 0)] if strength < EASIER_BELOW else last


def recommend(view: History, bank: Mapping[str, int], values: pd.DataFrame | None = None,
              untried: pd.DataFrame | None = None) -> Recommendation:
    """The weakest coding topic or UMPIRE step, weighted toward recent sessions (practice_weights).

    Without step scores yet: the first topic of the bank not practised. When the weakest topic
    and step are both at least STRONG (4 of 5), a topic not practised yet if there is one.
    Otherwise the lower of the weakest topic and the weakest step: a topic comes with its weakest
    step; a step comes with the topic where it is weakest.
    """
    untried = (untried_topics(view, bank) if untried is None else untried)["topic"].tolist()
    rows = practice_weights(view, values)
    if rows.empty:
        if untried:
            t = untried[0]
            return Recommendation(
                "new", f"Start with {topic_name(t)}: a full UMPIRE interview gives you your first "
                       "step scores.", topic=t)
        return Recommendation("none", "Finish a coding interview to get a recommendation.")
    topics = _weighted(rows[rows["topic"].notna()], "topic")
    steps = _weighted(rows, "step")
    step, step_strength = steps.index[0], float(steps.iloc[0])
    topic = topics.index[0] if len(topics) else None
    topic_strength = float(topics.iloc[0]) if len(topics) else 1.0
    if min(topic_strength, step_strength) >= STRONG and untried:
        t = untried[0]
        return Recommendation(
            "new", f"Every topic and step you practised averages 4 of 5 or better. Try new ground: "
                   f"{topic_name(t)}.", topic=t)
    done = view.finished
    if topic is not None and topic_strength <= step_strength:
        within = _weighted(rows[rows["topic"] == topic], "step")
        weak_step = within.index[0]
        out_of_5 = topic_strength * 5
        return Recommendation(
            "topic",
            f"{topic_name(topic)} is your weakest topic ({out_of_5:.1f} of 5, recent sessions "
            f"counting most); its weakest step is {STEP_TITLES[weak_step]}.",
            topic=topic, step=weak_step, difficulty=_difficulty(done, topic, topic_strength),
            strength=out_of_5)
    on_step = _weighted(rows[(rows["step"] == step) & rows["topic"].notna()], "topic")
    where = on_step.index[0] if len(on_step) else None
    out_of_5 = step_strength * 5
    practise = f"; practise it on {topic_name(where)}, where it scores lowest." if where else "."
    strength = float(topics[where]) if where else step_strength
    return Recommendation(
        "step",
        f"{STEP_TITLES[step]} is your weakest step ({out_of_5:.1f} of 5, recent sessions counting "
        f"most){practise}",
        topic=where, step=step,
        difficulty=_difficulty(done, where, strength) if where else None, strength=out_of_5)


# --- everything at once -------------------------------------------------------------------------


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


# --- exports ------------------------------------------------------------------------------------


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
            if h.delta is not None:
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
        cells = {(r.topic_name, r.step): r.avg_score for r in dash.heatmap.itertuples()}
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
                          [(p.capitalize(), f"{c:.0%}") for p, c in cover.items()]) + [""]
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
                      [(r.label, f"{r.baseline:.1f}", f"{r.recent:.1f}", f"{r.change:+.1f}")
                       for r in dash.delivery_summary.itertuples()]) + [""]

    table = session_table(dash.view)
    if not table.empty:
        shown = table.head(REPORT_SESSIONS)
        out += [f"## Sessions ({len(shown)} most recent of {len(table):,})", ""]
        out += _table(("When", "Mode", "Topic", "Session", "Status", "Score"),
                      [(r.When, r.Mode, r.Topic, r.Session, r.Status,
                        "" if pd.isna(r.Score) else int(r.Score)) for r in shown.itertuples()])
        out.append("")
    return "\n".join(out)
