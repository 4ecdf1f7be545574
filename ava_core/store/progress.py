"""What the progress dashboard and the exports read about one user, in as few queries as can be."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute

from ava_core.store import models
from ava_core.store.base import Repository, uid
from ava_core.store.records import ANSWER_ROWS, SCORE_ROWS, ProgressData, ProgressRows, columns
from ava_core.store.summary import CRITERIA_COLUMNS, DELIVERY
from ava_core.store.summary_queries import summaries


def _raw(column: InstrumentedAttribute[Any]) -> Any:
    """The column as the driver returns it, unconverted (see ProgressData)."""
    return type_coerce(column, String).label(column.key)


class Progress(Repository):
    def progress_data(self, user_id: uuid.UUID | str) -> ProgressData:
        """What the progress dashboard reads about the user, in one query (ProgressData)."""
        user = uid(user_id)
        S, Q = models.InterviewSession, models.Question
        query = (
            select(_raw(S.id), S.mode, S.status, S.title, S.topic, S.difficulty, S.overall_score,
                   S.hiring_signal, _raw(S.started_at), _raw(S.updated_at), _raw(S.finished_at),
                   Q.topics.label("question_topics"), S.summary)
            .outerjoin(Q, (Q.id == S.question_id) & (Q.owner_id.is_(None) | (Q.owner_id == user)))
            .where(S.user_id == user)
            .order_by(S.started_at, S.id)  # not the table's physical order, which an UPDATE changes
        )
        with self.db.read() as s:
            result = s.connection().execute(query)
            names = tuple(result.keys())[:-1]
            rows = result.all()
            missing = [uuid.UUID(str(r[0])) for r in rows if r[-1] is None]
            # Sessions written by bulk inserts, or before the column existed, until filled.
            found = summaries(s, missing) if missing else {}
        sessions: list[tuple[Any, ...]] = []
        criteria: list[tuple[Any, ...]] = []
        for *row, summed in rows:
            if summed is None:
                summed = found[uuid.UUID(str(row[0]))]
            delivery = summed["delivery"]
            sessions.append((*row, *(delivery[name] for name in DELIVERY)))
            c = summed["criteria"]
            criteria += zip([row[0]] * len(c["criterion"]), c["criterion"], c["points"],
                            c["possible"], c["n"])
        return ProgressData(
            columns(sessions, names + DELIVERY),
            columns(criteria, ("session_id", *CRITERIA_COLUMNS)),
        )

    def progress_rows(self, user_id: uuid.UUID | str) -> ProgressRows:
        """Every criterion score and answer of the user (ProgressRows), in two queries."""
        user = uid(user_id)
        F, SS, M = models.Feedback, models.StepScore, models.Message
        scores = (
            select(type_coerce(SS.session_id, String), SS.feedback_id, F.scope,
                   func.coalesce(SS.step, F.step), SS.criterion, SS.score, SS.out_of)
            .join(F, F.id == SS.feedback_id)
            .where(SS.user_id == user)
            .order_by(SS.feedback_id, SS.id)
        )
        answers = (
            select(type_coerce(M.session_id, String), M.id, M.step, M.audio_seconds,
                   M.words_per_minute, M.fillers_per_100_words, M.long_pauses, M.talk_time_s)
            .where(M.user_id == user, M.role == "user", M.kind == "answer")
            .order_by(M.id)
        )
        with self.db.read() as s:
            return ProgressRows(
                columns(list(s.execute(scores).all()), SCORE_ROWS),
                columns(list(s.execute(answers).all()), ANSWER_ROWS),
            )
