"""What to practise next: the weakest coding topic or UMPIRE step, recent sessions counting most."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ava_core import vocabulary
from ava_core.progress.frames import STEP_ORDER, TOPIC_ORDER, mode_values, untried_topics
from ava_core.progress.history import History
from ava_core.progress.names import topic_name
from ava_core.questions import DIFFICULTIES
from ava_core.vocabulary import STEP_TITLES

HALF_LIFE = 5  # what to practise next: a session's weight halves every 5 coding sessions back
STRONG = 0.8  # when every practised topic and step is at least 4 of 5, try a new topic
EASIER_BELOW = 0.6  # a topic under 3 of 5 is suggested one difficulty easier


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
    order = TOPIC_ORDER if key == "topic" else STEP_ORDER
    keys = sorted(means.index, key=lambda k: (order.get(k, len(order)), k))
    return means.reindex(keys).sort_values(kind="stable")


def practice_weights(view: History, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """The UMPIRE step scores behind the recommendation: one row per finished coding session and
    step, with ``fraction`` (score / out_of), the session's ``rank`` (0 for the most recent coding
    session with step scores, 1 for the one before...) and ``weight`` = 0.5 ** (rank / HALF_LIFE):
    the latest session counts fully, one HALF_LIFE sessions older half as much, and so on."""
    v = mode_values(view, values, "coding", vocabulary.STEPS)
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
    new = (untried_topics(view, bank) if untried is None else untried)["topic"].tolist()
    rows = practice_weights(view, values)
    if rows.empty:
        if new:
            t = new[0]
            return Recommendation(
                "new", f"Start with {topic_name(t)}: a full UMPIRE interview gives you your first "
                       "step scores.", topic=t)
        return Recommendation("none", "Finish a coding interview to get a recommendation.")
    topics = _weighted(rows[rows["topic"].notna()], "topic")
    steps = _weighted(rows, "step")
    step, step_strength = steps.index[0], float(steps.iloc[0])
    topic = topics.index[0] if len(topics) else None
    topic_strength = float(topics.iloc[0]) if len(topics) else 1.0
    if min(topic_strength, step_strength) >= STRONG and new:
        t = new[0]
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
