"""Session histories for the progress tests and bench, written the way vocabulary.py says interviews
are written. ``coding_session``/``behavioral_session`` go through the store API (then move the
session's start in time, which only a test may do); ``bulk_history`` writes thousands of sessions
with a few bulk inserts."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import insert, update

from ava_core import vocabulary
from ava_core.store import models
from ava_core.questions import TOPICS
from ava_core.store import Score, SessionRecord, Store

Delivery = tuple[float, float, int]  # words per minute, fillers per 100 words, long pauses


def _delivery(d: Delivery | None) -> dict:
    if d is None:
        return {}
    wpm, fillers, pauses = d
    return {"words_per_minute": wpm, "fillers_per_100_words": fillers, "long_pauses": pauses,
            "audio_seconds": 60.0, "talk_time_s": 55.0}


def place(store: Store, session_id, started_at: datetime, minutes: float | None) -> None:
    """Move a session to ``started_at`` (finished ``minutes`` later when given)."""
    values = {"started_at": started_at, "updated_at": started_at}
    if minutes is not None:
        values["finished_at"] = started_at + timedelta(minutes=minutes)
    with store.engine.begin() as conn:
        conn.execute(update(models.InterviewSession)
                     .where(models.InterviewSession.id == session_id).values(**values))


def _finish(store, user_id, session, started_at, minutes, status, score, signal):
    if status != "active":
        store.sessions.update_session(user_id, session.id, status=status, overall_score=score,
                             hiring_signal=signal)
    if status == "finished" and score is not None:
        store.sessions.add_feedback(user_id, session.id, scope="session", score=score,
                           summary="Session report")
    place(store, session.id, started_at, minutes if status != "active" else None)
    return store.sessions.get_session(user_id, session.id)


def coding_session(
    store: Store, user_id, started_at: datetime, *, topic: str | None = "arrays-and-hashing",
    steps: Mapping[str, float] | None = None, tests: tuple[int, int] | None = None,
    complexity: bool | None = None, score: float | None = None, signal: str | None = None,
    minutes: float = 30, status: str = "finished", title: str = "Two Sum",
    difficulty: str | None = "easy", question_id: str | None = None,
    delivery: Sequence[Delivery | None] = (), redo: Mapping[str, float] | None = None,
    report_scores: Sequence[Score] = (),
) -> SessionRecord:
    """A coding interview: a question, an answer and step feedback for each step in ``steps``;
    ``tests`` (passed, total) with the Implement feedback after a code submission, ``complexity``
    with the Evaluate feedback; ``redo`` re-answers steps with new feedback (the last counts);
    ``report_scores`` go with the session report."""
    s = store.sessions.create_session(user_id, "coding", title=title, topic=topic, difficulty=difficulty,
                             question_id=question_id)
    for i, (step, value) in enumerate((steps or {}).items()):
        store.sessions.add_message(user_id, s.id, role="interviewer", kind="question", step=step,
                          text=f"Tell me about {step}.")
        answer = store.sessions.add_message(user_id, s.id, role="user", kind="answer", step=step,
                                   text=f"My {step} answer.",
                                   **_delivery(delivery[i] if i < len(delivery) else None))
        extra = []
        if step == "implement" and tests is not None:
            store.sessions.add_message(user_id, s.id, role="user", kind="code_submission", step=step,
                              text="", code="def solve(): pass",
                              data=vocabulary.test_summary(tests[0], tests[1] - tests[0], hidden=True))
            extra.append(Score(vocabulary.TESTS_PASSED, tests[0], out_of=tests[1], step=step))
        if step == "evaluate" and complexity is not None:
            extra.append(Score(vocabulary.COMPLEXITY_AGREES, 1 if complexity else 0, out_of=1,
                               step=step))
        store.sessions.add_feedback(user_id, s.id, scope="step", step=step, score=value,
                           message_id=answer.id, summary=f"{step} feedback",
                           scores=[Score(step, value, step=step), *extra])
    for step, value in (redo or {}).items():
        answer = store.sessions.add_message(user_id, s.id, role="user", kind="answer", step=step,
                                   text=f"My {step} answer, again.")
        store.sessions.add_feedback(user_id, s.id, scope="step", step=step, score=value,
                           message_id=answer.id, scores=[Score(step, value, step=step)])
    if report_scores:
        store.sessions.add_feedback(user_id, s.id, scope="session", score=score, scores=report_scores)
    return _finish(store, user_id, s, started_at, minutes, status, score, signal)


@dataclass
class Answer:
    star: str = "STAR"  # the STAR parts present, by initial
    specificity: float = 3
    ownership: float = 3
    relevance: float = 3
    delivery: Delivery | None = None


def behavioral_session(
    store: Store, user_id, started_at: datetime, *, answers: Sequence[Answer] = (),
    score: float | None = None, signal: str | None = None, minutes: float = 30,
    status: str = "finished", title: str = "Resume: Acme", topic: str | None = None,
) -> SessionRecord:
    """A behavioral interview: one planned question per answer, each answer with its feedback."""
    s = store.sessions.create_session(user_id, "behavioral", title=title, topic=topic)
    for i, a in enumerate(answers):
        step = vocabulary.behavioral_step(i)
        store.sessions.add_message(user_id, s.id, role="interviewer", kind="question", step=step,
                          text=f"Question {i + 1}?")
        msg = store.sessions.add_message(user_id, s.id, role="user", kind="answer", step=step,
                                text=f"Answer {i + 1}.", **_delivery(a.delivery))
        scores = [Score(vocabulary.star_criterion(p), 1 if p[0].upper() in a.star else 0, out_of=1,
                        step=step) for p in vocabulary.STAR_PARTS]
        scores += [Score(vocabulary.SPECIFICITY, a.specificity, step=step),
                   Score(vocabulary.OWNERSHIP, a.ownership, step=step),
                   Score(vocabulary.RELEVANCE, a.relevance, step=step)]
        store.sessions.add_feedback(user_id, s.id, scope="answer", step=step, score=3, message_id=msg.id,
                           scores=scores)
    return _finish(store, user_id, s, started_at, minutes, status, score, signal)


# --- thousands of sessions ---------------------------------------------------------------------


@dataclass
class Bulk:
    """What ``bulk_history`` wrote, oldest session first."""

    ids: list[uuid.UUID] = field(default_factory=list)
    started: list[datetime] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


def bulk_score(i: int) -> float:
    return float(40 + (i * 7) % 61)


def bulk_history(store: Store, user_id, n: int, last: datetime) -> Bulk:
    """``n`` finished sessions, one every 12 hours up to ``last``, alternating coding (six steps,
    a code submission, tests and complexity) and behavioral (three answers), every answer spoken."""
    topics = list(TOPICS)
    out = Bulk()
    sessions, messages, feedback, scores = [], [], [], []
    for i in range(n):
        sid = uuid.uuid4()
        started = last - timedelta(hours=12 * (n - 1 - i))
        mode = "coding" if i % 2 == 0 else "behavioral"
        title = f"Session {i}"
        sessions.append({
            "id": sid, "user_id": user_id, "mode": mode, "status": "finished", "title": title,
            "topic": topics[(i // 2) % len(topics)] if mode == "coding" else None,
            "difficulty": "medium" if mode == "coding" else None, "context": {}, "state": {},
            "overall_score": bulk_score(i), "hiring_signal": "lean_hire", "started_at": started,
            "updated_at": started, "finished_at": started + timedelta(minutes=30),
        })
        out.ids.append(sid)
        out.started.append(started)
        out.scores.append(bulk_score(i))
        out.modes.append(mode)
        out.titles.append(title)
        steps = vocabulary.STEPS if mode == "coding" else ("q1", "q2", "q3")
        for k, step in enumerate(steps):
            messages.append(_bulk_message(sid, user_id, started, "interviewer", "question", step))
            messages.append(_bulk_message(sid, user_id, started, "user", "answer", step,
                                          words_per_minute=100.0 + (i + k) % 80,
                                          fillers_per_100_words=1.0 + (i % 5) / 2,
                                          long_pauses=i % 4, talk_time_s=50.0, audio_seconds=55.0))
            if mode == "coding":
                crit = [(step, 1 + (i + k) % 5, 5)]
                if step == "implement":
                    crit.append((vocabulary.TESTS_PASSED, i % 11, 10))
                if step == "evaluate":
                    crit.append((vocabulary.COMPLEXITY_AGREES, int(i % 3 != 0), 1))
                scope = "step"
            else:
                crit = [(vocabulary.star_criterion(p), int((i + j) % 4 != 0), 1)
                        for j, p in enumerate(vocabulary.STAR_PARTS)]
                crit += [(c, 1 + (i + j) % 5, 5) for j, c in enumerate(
                    (vocabulary.SPECIFICITY, vocabulary.OWNERSHIP, vocabulary.RELEVANCE))]
                scope = "answer"
            feedback.append(({"session_id": sid, "user_id": user_id, "scope": scope, "step": step,
                              "score": 3.0, "summary": "", "evidence": [], "improvement": "",
                              "provider": "offline", "details": {}, "created_at": started}, crit))
        if mode == "coding":
            messages.append(_bulk_message(sid, user_id, started, "user", "code_submission",
                                          "implement", code="def f(): pass",
                                          data=vocabulary.test_summary(i % 11, 10 - i % 11, hidden=True)))
    if not sessions:
        return out
    with store.engine.begin() as conn:
        conn.execute(insert(models.InterviewSession), sessions)
        conn.execute(insert(models.Message), messages)
        ids = conn.execute(
            insert(models.Feedback).returning(models.Feedback.id, sort_by_parameter_order=True),
            [row for row, _ in feedback],
        ).scalars().all()
        for fid, (row, crit) in zip(ids, feedback):
            scores += [{"feedback_id": fid, "session_id": row["session_id"], "user_id": user_id,
                        "criterion": c, "step": row["step"], "score": float(v), "out_of": float(o),
                        "evidence": [], "created_at": row["created_at"]} for c, v, o in crit]
        conn.execute(insert(models.StepScore), scores)
    return out


def _bulk_message(sid, user_id, at, role, kind, step, **extra) -> dict:
    row = {"session_id": sid, "user_id": user_id, "role": role, "kind": kind, "step": step,
           "text": f"{kind} for {step}", "code": None, "audio_seconds": None,
           "words_per_minute": None, "fillers_per_100_words": None, "long_pauses": None,
           "talk_time_s": None, "metrics": None, "data": {}, "created_at": at}
    row.update(extra)
    return row
