"""How an answer was said: a 1-5 communication score from its speech metrics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ava_core.interviewer.results import Communication
from ava_core.speech.delivery import SpeechMetrics

# How an answer was said: its SpeechMetrics, or their to_dict() as stored with the answer.
Delivery = SpeechMetrics | Mapping[str, Any]


def communication_score(delivery: Delivery | None) -> Communication | None:
    """A 1-5 communication score from an answer's speech metrics."""
    if delivery is None:
        return None
    raw = delivery.to_dict() if isinstance(delivery, SpeechMetrics) else delivery
    verdicts = [v for v in raw.get("verdicts", []) if v.get("status") in ("good", "too_low", "too_high")]
    if not verdicts:
        return None
    bad = [v for v in verdicts if v["status"] != "good"]
    score = 5 - len(bad)
    if (raw.get("fillers_per_100_words") or 0) >= 5:
        score -= 1
    score = max(1, score)
    evidence = [v["message"] for v in verdicts]
    order = ("fillers", "pace", "pauses", "hedges")
    worst = sorted(bad, key=lambda v: order.index(v["metric"]) if v["metric"] in order else 9)
    if worst:
        message = worst[0]["message"]
        improvement = message.split(": ", 1)[-1] if ": " in message else message
        improvement = improvement.split(". ", 1)[-1] if ". " in improvement else improvement
    else:
        improvement = "Delivery is on target: keep the same pace and pause between ideas."
    return Communication(score, evidence, improvement)
