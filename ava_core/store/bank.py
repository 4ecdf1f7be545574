"""Questions: the shipped bank kept in step with the package, and each user's own questions."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from ava_core.errors import InvalidInput, NotFound
from ava_core.store import models
from ava_core.store.base import Repository, choice, uid
from ava_core.store.models import utcnow
from ava_core.store.records import BankSync, QuestionRecord, record
from ava_core.vocabulary import QUESTION_KINDS


def new_custom_id() -> str:
    return f"custom-{uuid.uuid4().hex[:16]}"


def content_hash(body: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


class Bank(Repository):
    def sync_bank(self, questions: Iterable[Mapping[str, Any]]) -> BankSync:
        """Load the shipped bank: add new questions, update changed ones, retire removed ones.

        Each item has id, kind, title, topics, difficulty, body and (optionally) content_hash.
        Idempotent: a second call with the same bank changes nothing.
        """
        added = updated = unchanged = 0
        incoming = {q["id"]: q for q in questions}
        with self.db.write() as s:
            rows = {
                r.id: r
                for r in s.scalars(select(models.Question).where(models.Question.owner_id.is_(None)))
            }
            for qid, q in incoming.items():
                digest = q.get("content_hash") or content_hash(q["body"])
                row = rows.get(qid)
                if row is None:
                    s.add(models.Question(
                        id=qid, kind=q["kind"], title=q["title"], topics=list(q.get("topics", [])),
                        difficulty=q.get("difficulty"), source="bank", body=q["body"],
                        content_hash=digest,
                    ))
                    added += 1
                elif row.content_hash != digest or row.retired:
                    row.kind, row.title, row.body = q["kind"], q["title"], q["body"]
                    row.topics, row.difficulty = list(q.get("topics", [])), q.get("difficulty")
                    row.content_hash, row.retired, row.updated_at = digest, False, utcnow()
                    updated += 1
                else:
                    unchanged += 1
            gone = [r for qid, r in rows.items() if qid not in incoming and not r.retired]
            for row in gone:
                row.retired, row.updated_at = True, utcnow()
        return BankSync(added=added, updated=updated, retired=len(gone), unchanged=unchanged)

    def list_questions(
        self, user_id: uuid.UUID | str, *, kind: str | None = None
    ) -> list[QuestionRecord]:
        """The bank's current questions and the user's own custom ones."""
        user = uid(user_id)
        with self.db.read() as s:
            query = select(models.Question).where(
                ((models.Question.owner_id.is_(None)) & (models.Question.retired.is_(False)))
                | (models.Question.owner_id == user)
            )
            if kind is not None:
                query = query.where(models.Question.kind == kind)
            rows = s.scalars(query.order_by(models.Question.kind, models.Question.title))
            return [record(QuestionRecord, r) for r in rows]

    def get_question(self, user_id: uuid.UUID | str, question_id: str) -> QuestionRecord:
        """A bank question (retired ones too: old sessions refer to them) or one of the user's."""
        user = uid(user_id)
        with self.db.read() as s:
            row = s.get(models.Question, question_id)
            if row is None or (row.owner_id is not None and row.owner_id != user):
                raise NotFound("That question does not exist.")
            return record(QuestionRecord, row)

    def add_question(
        self,
        user_id: uuid.UUID | str,
        *,
        kind: str,
        title: str,
        body: dict[str, Any],
        topics: list[str] | None = None,
        difficulty: str | None = None,
        question_id: str | None = None,
    ) -> QuestionRecord:
        """Store a custom question (validated by the caller) owned by the user. Its id starts
        with ``custom-`` (made here when not given), so it never collides with the bank's."""
        choice("kind", kind, QUESTION_KINDS)
        user = uid(user_id)
        question_id = question_id or new_custom_id()
        if not question_id.startswith("custom-"):
            raise ValueError(f"a custom question's id must start with 'custom-', not {question_id!r}")
        row = models.Question(
            id=question_id, kind=kind, title=title[:200],
            topics=list(topics or []), difficulty=difficulty, owner_id=user, source="custom",
            body=body, content_hash=content_hash(body),
        )
        with self.db.write() as s:
            if s.get(models.User, user) is None:
                raise NotFound("That account does not exist.")
            s.add(row)
        return record(QuestionRecord, row)

    def delete_question(self, user_id: uuid.UUID | str, question_id: str) -> None:
        user = uid(user_id)
        with self.db.write() as s:
            row = s.get(models.Question, question_id)
            if row is not None and row.owner_id is None:
                raise InvalidInput("Built-in questions can't be deleted; only your own questions can.")
            if row is None or row.owner_id != user:
                raise NotFound("That question does not exist.")
            s.delete(row)
