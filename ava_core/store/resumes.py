"""Resumes: the text and parsed sections of the PDFs a user uploaded (never the PDF itself)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from ava_core.errors import NotFound
from ava_core.store import models
from ava_core.store.base import Repository, owned, uid
from ava_core.store.records import ResumeRecord, record


class Resumes(Repository):
    def add_resume(
        self,
        user_id: uuid.UUID | str,
        *,
        filename: str,
        text: str,
        parsed: dict[str, Any],
        page_count: int,
        size_bytes: int,
        sha256: str,
    ) -> ResumeRecord:
        user = uid(user_id)
        row = models.Resume(
            user_id=user, filename=filename[:255], text=text, parsed=parsed,
            page_count=page_count, size_bytes=size_bytes, sha256=sha256,
        )
        with self.db.write() as s:
            if s.get(models.User, user) is None:
                raise NotFound("That account does not exist.")
            s.add(row)
        return record(ResumeRecord, row)

    def list_resumes(self, user_id: uuid.UUID | str) -> list[ResumeRecord]:
        user = uid(user_id)
        with self.db.read() as s:
            rows = s.scalars(
                select(models.Resume)
                .where(models.Resume.user_id == user)
                .order_by(models.Resume.created_at.desc())
            )
            return [record(ResumeRecord, r) for r in rows]

    def get_resume(self, user_id: uuid.UUID | str, resume_id: uuid.UUID | str) -> ResumeRecord:
        with self.db.read() as s:
            return record(ResumeRecord, owned(s, models.Resume, user_id, resume_id))

    def delete_resume(self, user_id: uuid.UUID | str, resume_id: uuid.UUID | str) -> None:
        with self.db.write() as s:
            s.delete(owned(s, models.Resume, user_id, resume_id))
