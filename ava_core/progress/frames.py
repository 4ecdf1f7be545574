"""The dashboard's tables, one pure function per chart: scores over time; for coding, step
scores by topic, hidden tests passed, complexity claims checked and the topics not tried yet; for
behavioral interviews, STAR coverage and the specificity, ownership and relevance scores; and
delivery against its baseline."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from ava_core import vocabulary
from ava_core.progress.figures import Metric, change
from ava_core.progress.history import History
from ava_core.progress.names import (
    CRITERION_NAMES,
    DELIVERY,
    STAR_CRITERIA,
    topic_name,
    topic_names,
)
from ava_core.questions import TOPICS
from ava_core.vocabulary import MODE_LABELS, STEP_TITLES

if TYPE_CHECKING:
    from ava_core.questions import QuestionBank

ROLLING_WINDOW = 5  # sessions in every rolling average
BASELINE_SESSIONS = 5  # a delivery baseline: the median of the first 5 sessions that have it
WPM_TARGET = (120, 160)

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
    """One row per (finished session, criterion) that counts (``ava_core.store.summary``): score and
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

TOPIC_ORDER = {t: i for i, t in enumerate(TOPICS)}
STEP_ORDER = {s: i for i, s in enumerate(vocabulary.STEPS)}
_STAR_ORDER = {p: i for i, p in enumerate(vocabulary.STAR_PARTS)}
_BEHAVIORAL_ORDER = {c: i for i, c in enumerate(BEHAVIORAL_CRITERIA)}


def mode_values(view: History, values: pd.DataFrame | None, mode: str,
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
    v = mode_values(view, values, "coding", vocabulary.STEPS)
    v = v[v["topic"].notna()]
    scores = v.groupby(["topic", "criterion"], observed=True)["score"]
    cells = pd.DataFrame({"avg_score": scores.mean(), "sessions": scores.size()}).reset_index()
    cells["step"] = cells.pop("criterion").astype(object)
    cells["topic_rank"] = cells["topic"].map(TOPIC_ORDER).fillna(len(TOPIC_ORDER))
    cells["step_rank"] = cells["step"].map(STEP_ORDER)
    cells = cells.sort_values(["topic_rank", "topic", "step_rank"])
    cells["topic_name"] = topic_names(cells["topic"])
    cells["step_name"] = cells["step"].map(STEP_TITLES)
    cells["sessions"] = cells["sessions"].astype("int64")
    columns = ["topic", "topic_name", "step", "step_name", "avg_score", "sessions"]
    return cells[columns].reset_index(drop=True)


def pass_rates(view: History, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """Hidden tests passed per coding session (the last submission judged), with the rolling
    pass rate; oldest first."""
    v = mode_values(view, values, "coding", [vocabulary.TESTS_PASSED])
    out = _per_session(v)
    out["passed"] = v["points"].round().astype("int64")
    out["total"] = v["possible"].round().astype("int64")
    out["pass_rate"] = v["fraction"]
    out["rolling"] = _rolling(v["fraction"])
    return out.reset_index(drop=True)


def complexity_agreement(view: History, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per coding session where both were known: whether the claimed time complexity matched
    the measured one, with the rolling share of sessions that matched; oldest first."""
    v = mode_values(view, values, "coding", [vocabulary.COMPLEXITY_AGREES])
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


def bank_topics(bank: QuestionBank | None = None) -> dict[str, int]:
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
    v = mode_values(view, values, "behavioral", STAR_CRITERIA)
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
    v = mode_values(view, values, "behavioral", BEHAVIORAL_CRITERIA)
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
    for r in summary.to_dict("records"):
        target = (f" Target: {WPM_TARGET[0]}-{WPM_TARGET[1]}."
                  if r["metric"] == "words_per_minute" else "")
        out.append(Metric(
            r["label"], f"{r['recent']:.1f}",
            help=f"Mean of your last {min(ROLLING_WINDOW, r['sessions'])} sessions with spoken "
            f"answers; baseline {r['baseline']:.1f} (median of your first "
            f"{min(BASELINE_SESSIONS, r['sessions'])})." + target,
            **change(r["change"], " vs baseline", colors[r["metric"]])))
    return out
