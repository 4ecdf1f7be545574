"""The shipped bank: reading its YAML files, validated and cached until a file changes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ava_core.errors import NotFound
from ava_core.questions.problems import InvalidQuestion, Problem, read_yaml
from ava_core.questions.schema import (
    COMPETENCIES,
    DEFAULT_ROOT,
    TOPICS,
    BehavioralQuestion,
    CodingQuestion,
    Pattern,
    Question,
    read_patterns,
)
from ava_core.questions.validation import validate_question


@dataclass(frozen=True)
class QuestionBank:
    coding: list[CodingQuestion]
    behavioral: list[BehavioralQuestion]
    patterns: dict[str, Pattern]
    root: Path
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({q.id: q for q in self})

    def __iter__(self) -> Iterator[Question]:
        yield from self.coding
        yield from self.behavioral

    def __len__(self) -> int:
        return len(self.coding) + len(self.behavioral)

    def __contains__(self, qid: object) -> bool:
        return qid in self._by_id

    def get(self, qid: str) -> Question:
        try:
            return self._by_id[qid]
        except KeyError:
            raise NotFound(f"There is no question {qid!r} in the bank.") from None

    def search(
        self,
        *,
        kind: str | None = None,
        topic: str | None = None,
        difficulty: str | None = None,
        text: str | None = None,
    ) -> list[Question]:
        """Questions matching every filter given; ``topic`` is a competency for behavioral ones."""
        needle = (text or "").strip().lower()
        out = []
        for q in self:
            if kind and q.kind != kind or topic and topic not in q.topics:
                continue
            if difficulty and q.difficulty != difficulty:
                continue
            if needle:
                hay = " ".join((q.id, q.title, getattr(q, "statement", ""))).lower()
                if needle not in hay:
                    continue
            out.append(q)
        return out

    def records(self) -> list[dict[str, Any]]:
        """Every question as ``to_record()``, for ``Bank.sync_bank``."""
        return [q.to_record() for q in self]


_cache: dict[Path, tuple[tuple, QuestionBank]] = {}
_cache_lock = threading.Lock()


def load_bank(path: str | Path | None = None) -> QuestionBank:
    """Load and validate every question file under ``path`` (default: the shipped bank).

    Raises InvalidQuestion listing every bad file with its path and field. Cached until a file
    changes, so calling it on every page render is cheap.
    """
    root = Path(path).resolve() if path else DEFAULT_ROOT
    if not root.is_dir():
        raise InvalidQuestion([Problem(str(root), "", "the question bank folder does not exist")])
    files = sorted(root.rglob("*.yaml"))
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    with _cache_lock:
        hit = _cache.get(root)
        if hit and hit[0] == stamp:
            return hit[1]
    bank = _load(root, files)
    with _cache_lock:
        _cache[root] = (stamp, bank)
    return bank


def _load(root: Path, files: list[Path]) -> QuestionBank:
    patterns, problems = read_patterns(root / "patterns.yaml")
    coding: list[CodingQuestion] = []
    behavioral: list[BehavioralQuestion] = []
    seen: dict[str, str] = {}

    def keep(q: Question, path: str, field_name: str) -> None:
        if q.id in seen:
            problems.append(Problem(path, field_name, f"id {q.id!r} is already used by {seen[q.id]}"))
            return
        seen[q.id] = path
        if isinstance(q, CodingQuestion):
            coding.append(q)
        else:
            behavioral.append(q)

    for file in files:
        rel = file.relative_to(root).parts
        path = str(file)
        if rel == ("patterns.yaml",):
            continue
        if len(rel) == 3 and rel[0] == "coding":
            if rel[1] not in TOPICS:
                problems.append(Problem(path, "", f"{rel[1]!r} is not a topic: use one of {', '.join(TOPICS)}"))
                continue
            data, problem = read_yaml(file)
            if problem or not isinstance(data, dict):
                problems.append(problem or Problem(path, "", "must be a mapping of fields"))
                continue
            try:
                q = validate_question(data, kind="coding", complete=True, path=path, patterns=patterns)
            except InvalidQuestion as exc:
                problems += exc.problems
                continue
            if q.id != file.stem:
                problems.append(Problem(path, "id", f"id {q.id!r} must match the file name {file.stem!r}"))
            elif q.topics[0] != rel[1]:
                problems.append(Problem(path, "topics", f"a question in {rel[1]}/ must list {rel[1]!r} first"))
            else:
                keep(q, path, "id")
        elif len(rel) == 2 and rel[0] == "behavioral":
            competency = file.stem
            if competency not in COMPETENCIES:
                problems.append(Problem(path, "", f"{competency!r} is not a competency: use one of {', '.join(COMPETENCIES)}"))
                continue
            data, problem = read_yaml(file)
            if problem or not isinstance(data, list):
                problems.append(problem or Problem(path, "", "must be a list of questions"))
                continue
            for i, item in enumerate(data):
                if not isinstance(item, dict):
                    problems.append(Problem(path, f"[{i}]", "must be a mapping of fields"))
                    continue
                try:
                    question = validate_question(item, kind="behavioral", complete=True, path=path)
                except InvalidQuestion as exc:
                    problems += [Problem(p.path, f"[{i}].{p.field}", p.message) for p in exc.problems]
                    continue
                if question.competencies[0] != competency:
                    problems.append(Problem(path, f"[{i}].competencies", f"a question in {file.name} must list {competency!r} first"))
                else:
                    keep(question, path, f"[{i}].id")
        else:
            problems.append(Problem(
                path, "", "unexpected file: coding questions go in coding/<topic>/<id>.yaml, "
                "behavioral ones in behavioral/<competency>.yaml",
            ))
    if problems:
        raise InvalidQuestion(problems)
    return QuestionBank(coding, behavioral, patterns, root)


