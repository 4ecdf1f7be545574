"""The queries behind a session's summary (``ava_core.store.summary``): its criterion scores and
the mean delivery of its answers, read for many sessions at once."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ava_core.store import models
from ava_core.store.summary import DELIVERY, ScoreRow, summarize

CHUNK = 500  # sessions per query: keeps IN lists well under every driver's parameter limit


def score_rows(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[ScoreRow]]:
    """The criterion scores of these sessions, as ``summary.ScoreRow``s in the order written."""
    F, SS = models.Feedback, models.StepScore
    scores: dict[uuid.UUID, list[ScoreRow]] = {sid: [] for sid in ids}
    for sid, scope, step, criterion, score, out_of in s.execute(
        select(SS.session_id, F.scope, func.coalesce(SS.step, F.step), SS.criterion, SS.score, SS.out_of)
        .join(F, F.id == SS.feedback_id)
        .where(SS.session_id.in_(ids))
        .order_by(SS.feedback_id, SS.id)
    ):
        scores[sid].append((scope, step, criterion, score, out_of))
    return scores


def delivery_means(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, float | None]]:
    """The mean of each DELIVERY measure over these sessions' answers."""
    M = models.Message
    delivery: dict[uuid.UUID, dict[str, float | None]] = {sid: dict.fromkeys(DELIVERY) for sid in ids}
    for sid, *means in s.execute(  # AVG skips NULL: typed answers have no delivery
        select(M.session_id, *(func.avg(getattr(M, name)) for name in DELIVERY))
        .where(M.session_id.in_(ids), M.role == "user", M.kind == "answer")
        .group_by(M.session_id)
    ):
        delivery[sid] = {name: None if v is None else float(v) for name, v in zip(DELIVERY, means)}
    return delivery


def summaries(s: Session, session_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """The summaries of these sessions (ava_core.store.summary), from their scores and answers."""
    ids = list(session_ids)
    found = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        scores, delivery = score_rows(s, chunk), delivery_means(s, chunk)
        found.update({sid: summarize(scores[sid], delivery[sid]) for sid in chunk})
    return found


def recent_metrics(s: Session, user_id: uuid.UUID, limit: int) -> list[dict[str, Any]]:
    """The speech metrics of the user's latest spoken answers, oldest first (their baseline)."""
    M = models.Message
    rows = s.scalars(
        select(M.metrics)
        .where(M.user_id == user_id, M.kind == "answer", M.metrics.is_not(None))
        .order_by(M.id.desc())
        .limit(limit)
    )
    return [m for m in reversed(list(rows)) if m]
