"""A session's summary: what the progress dashboard needs of it, in one small value.

The store keeps each session's summary in step with its feedback and answers (the sessions
table's ``summary`` column), so the dashboard reads one row per session instead of every score
and answer. Pure Python: the rules of which scores count live here, once.

    summarize(scores, delivery) -> {"criteria": {...columns}, "delivery": {...}}

Which scores count, per criterion:

- the session report's scores only where no finer (step or answer) feedback scored that criterion;
- a redone step, or a regenerated report, replaces the earlier feedback of that step: the latest
  score of each (criterion, step) counts;
- every answer of a behavioral interview counts.

A criterion's value is ``points`` (the sum of the scores that count), ``possible`` (the sum of
their ``out_of``) and ``n`` (how many); criteria with nothing possible are left out. Delivery is
the mean of each measure over the session's answers that have it (None when none has), which
the store's query computes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

# One stored criterion score: (scope, step, criterion, score, out_of), in the order written.
ScoreRow = tuple[str, str | None, str, float, float]

CRITERIA_COLUMNS = ("criterion", "points", "possible", "n")
DELIVERY = ("words_per_minute", "fillers_per_100_words", "long_pauses")


def criterion_values(scores: Iterable[ScoreRow]) -> dict[str, tuple[float, float, int]]:
    """``{criterion: (points, possible, n)}`` by the rules above, criteria in sorted order."""
    rows = list(scores)
    finer = {criterion for scope, _, criterion, _, _ in rows if scope != "session"}
    latest: dict[tuple[str, str | None], tuple[float, float]] = {}
    counted: dict[str, list[tuple[float, float]]] = {}
    for scope, step, criterion, score, out_of in rows:
        if scope == "session" and criterion in finer:
            continue
        if scope == "answer":
            counted.setdefault(criterion, []).append((score, out_of))
        else:
            latest[(criterion, step)] = (score, out_of)
    for (criterion, _), value in latest.items():
        counted.setdefault(criterion, []).append(value)
    values = {}
    for criterion in sorted(counted):
        pairs = counted[criterion]
        possible = math.fsum(o for _, o in pairs)
        if possible > 0:
            values[criterion] = (math.fsum(s for s, _ in pairs), possible, len(pairs))
    return values


def summarize(scores: Iterable[ScoreRow], delivery: dict[str, float | None]) -> dict[str, Any]:
    """The session's summary as stored: criteria by column (CRITERIA_COLUMNS) and the mean of
    each DELIVERY measure."""
    values = criterion_values(scores)
    criteria = {
        "criterion": list(values),
        "points": [v[0] for v in values.values()],
        "possible": [v[1] for v in values.values()],
        "n": [v[2] for v in values.values()],
    }
    return {"criteria": criteria, "delivery": {name: delivery[name] for name in DELIVERY}}
