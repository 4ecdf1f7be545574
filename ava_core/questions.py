"""The question bank: one schema per kind, validated at load, each question with a content hash.

Coding questions live in ``ava_core/data/questions/coding/<topic>/<id>.yaml``, behavioral ones in
``ava_core/data/questions/behavioral/<competency>.yaml`` (a list per file) and the Match-step pattern
vocabulary in ``ava_core/data/questions/patterns.yaml``. ``ava_core/data/questions/README.md`` documents every field.
Check the bank with ``python -m ava_core.questions check`` (``--run`` also runs every reference
solution in the sandbox, ``--complexity`` measures it).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from ava_core.errors import InvalidInput, NotFound

DEFAULT_ROOT = Path(__file__).resolve().parent / "data" / "questions"

TOPICS: dict[str, str] = {
    "arrays-and-hashing": "Arrays & Hashing",
    "two-pointers": "Two Pointers",
    "sliding-window": "Sliding Window",
    "stack": "Stack",
    "binary-search": "Binary Search",
    "linked-list": "Linked List",
    "trees": "Trees",
    "tries": "Tries",
    "heap": "Heap / Priority Queue",
    "backtracking": "Backtracking",
    "graphs": "Graphs",
    "dp-1d": "1-D Dynamic Programming",
    "dp-2d": "2-D Dynamic Programming",
    "greedy": "Greedy",
    "intervals": "Intervals",
    "math-and-bits": "Math & Bit Manipulation",
}

COMPETENCIES: dict[str, str] = {
    "leadership": "Leadership",
    "conflict": "Conflict",
    "failure": "Failure",
    "ambiguity": "Ambiguity",
    "ownership": "Ownership",
    "teamwork": "Teamwork",
    "impact": "Impact",
    "learning": "Learning",
    "communication": "Communication",
    "prioritization": "Prioritization",
    "influence": "Influence",
    "customer-focus": "Customer Focus",
    "adaptability": "Adaptability",
    "mentoring": "Mentoring",
    "decision-making": "Decision Making",
}

DIFFICULTIES = ("easy", "medium", "hard")

# Canonical complexity classes, from slowest-growing to fastest-growing.
COMPLEXITY_CLASSES = ("O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)")

COMPARE_MODES = ("exact", "unordered", "unordered_nested", "float", "checker")

MIN_EXAMPLES = 2
MIN_TESTS = 10

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Topic = Literal[tuple(TOPICS)]
Competency = Literal[tuple(COMPETENCIES)]
Difficulty = Literal[DIFFICULTIES]
CompareMode = Literal[COMPARE_MODES]
NonEmpty = Annotated[str, Field(min_length=1)]


# --- complexity labels ---------------------------------------------------------------------------

_COMPLEXITY_FORMS = {
    "1": "O(1)", "constant": "O(1)",
    "logn": "O(log n)", "log2n": "O(log n)", "logarithmic": "O(log n)",
    "n": "O(n)", "linear": "O(n)",
    "nlogn": "O(n log n)", "nlog2n": "O(n log n)", "linearithmic": "O(n log n)",
    "n^2": "O(n^2)", "quadratic": "O(n^2)",
    "n^3": "O(n^3)", "cubic": "O(n^3)",
    "2^n": "O(2^n)", "exponential": "O(2^n)", "twotothen": "O(2^n)",
}


def canonical_complexity(text: str) -> str | None:
    """The canonical class for a way of writing it ("O(N log N)", "n^2", "quadratic"), or None."""
    t = re.sub(r"^big\s*", "", text.strip().lower()).replace("**", "^")
    inside = re.fullmatch(r"o\s*\((.*)\)", t) or re.fullmatch(r"o\s+of\s+(.*)", t)
    t = inside.group(1) if inside else t
    t = re.sub(r"[\s*·×⋅()]", "", t)
    t = t.replace("squared", "^2").replace("cubed", "^3").replace("²", "^2").replace("³", "^3")
    return _COMPLEXITY_FORMS.get(t)


# --- signatures and adapters ---------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # the annotation as written in the starter code; "" when there is none
    adapter: str  # json, linked_list, tree, list:linked_list or list:tree


@dataclass(frozen=True)
class Signature:
    name: str
    params: tuple[Param, ...]
    returns: str
    return_adapter: str

    @property
    def param_names(self) -> list[str]:
        return [p.name for p in self.params]

    def __str__(self) -> str:
        args = ", ".join(f"{p.name}: {p.type}" if p.type else p.name for p in self.params)
        return f"{self.name}({args})" + (f" -> {self.returns}" if self.returns else "")


def adapter_for(annotation: str) -> str:
    """Which adapter a type needs: ListNode and TreeNode values travel as JSON lists."""
    t = re.sub(r"\s+", "", annotation).replace("typing.", "")
    inner = re.fullmatch(r"Optional\[(.+)\]", t) or re.fullmatch(r"(.+)\|None", t)
    inner = inner or re.fullmatch(r"None\|(.+)", t)
    t = inner.group(1) if inner else t
    node = {"ListNode": "linked_list", "TreeNode": "tree"}
    if t in node:
        return node[t]
    listed = re.fullmatch(r"(?:List|list)\[(?:Optional\[)?(ListNode|TreeNode)\]?(?:\|None)?\]", t)
    if listed:
        return "list:" + node[listed.group(1)]
    if "ListNode" in t or "TreeNode" in t:
        raise ValueError(
            f"the type {annotation!r} is not supported: use ListNode, TreeNode, Optional[...] "
            "of one, or List[...] of one"
        )
    return "json"


@lru_cache(maxsize=512)
def parse_signature(code: str, name: str) -> Signature:
    """The signature of function ``name`` defined at the top level of ``code``; ValueError if none."""
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        raise ValueError(f"line {exc.lineno}: {exc.msg}") from None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            a = node.args
            if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs:
                raise ValueError(f"{name}() must take plain positional parameters only")
            params = tuple(
                Param(p.arg, ast.unparse(p.annotation) if p.annotation else "",
                      adapter_for(ast.unparse(p.annotation)) if p.annotation else "json")
                for p in a.args
            )
            returns = ast.unparse(node.returns) if node.returns else ""
            return Signature(name, params, returns, adapter_for(returns) if returns else "json")
    raise ValueError(f"no top-level function named {name}()")


def _defines(code: str, name: str) -> str | None:
    """None when ``code`` parses and defines ``name`` (or a Solution class with that method)."""
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return f"line {exc.lineno}: {exc.msg}"
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return None
        if isinstance(node, ast.ClassDef) and node.name == "Solution" and any(
            isinstance(f, ast.FunctionDef) and f.name == name for f in node.body
        ):
            return None
    return f"does not define {name}()"


# --- the models ----------------------------------------------------------------------------------


class Pattern(BaseModel):
    """A technique a candidate should name in the Match step, with the words that also count."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Slug
    label: NonEmpty
    synonyms: list[NonEmpty] = []

    @property
    def terms(self) -> list[str]:
        return [self.label, *self.synonyms]

    def mentioned_in(self, text: str) -> bool:
        """Whether ``text`` names this pattern (any term, case and hyphens ignored)."""
        words = f" {_words(text)} "
        return any(f" {_words(term)} " in words for term in self.terms)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9+#^]+", text.lower()))


class TestCase(BaseModel):
    """One test: arguments by parameter name and the expected return value, all plain JSON."""

    __test__ = False  # not a pytest class
    model_config = ConfigDict(extra="forbid", frozen=True)

    input: dict[str, Any]
    output: Any
    note: str | None = None


class Example(TestCase):
    """A visible test, shown with the statement."""

    explanation: str | None = None


class Complexity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    time: str
    space: str
    time_detail: str | None = None  # e.g. "O(n + m): n and m are the two lengths"
    space_detail: str | None = None

    @field_validator("time", "space")
    @classmethod
    def _canonical(cls, value: str) -> str:
        label = canonical_complexity(value)
        if label is None:
            raise ValueError(
                f"{value!r} is not a canonical class; use one of {', '.join(COMPLEXITY_CLASSES)} "
                "and put the exact form (such as O(n + m)) in time_detail or space_detail"
            )
        return label


class Generator(BaseModel):
    """Python source defining ``generate(n, rng)``: a valid input of size n as {param: value}."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: NonEmpty
    min_n: int = Field(default=8, ge=0)
    max_n: int = Field(default=8192, ge=1)
    sizes: list[Annotated[int, Field(ge=0)]] | None = None  # explicit sizes instead of doubling

    def schedule(self) -> list[int]:
        """The sizes to time, smallest first."""
        if self.sizes:
            return sorted(set(self.sizes))
        out, n = [], max(self.min_n, 1)
        while n < self.max_n:
            out.append(n)
            n *= 2
        return [*out, self.max_n]


def _resolve_pattern(value: Any, info: ValidationInfo) -> Any:
    """A pattern name from a question file becomes the vocabulary's Pattern."""
    if not isinstance(value, str):
        return value
    vocabulary = (info.context or {}).get("patterns")
    if vocabulary is None:
        vocabulary = load_patterns()
    if value not in vocabulary:
        raise ValueError(
            f"unknown pattern {value!r}: add it to ava_core/data/questions/patterns.yaml "
            f"or use one of {', '.join(sorted(vocabulary))}"
        )
    return vocabulary[value]


PatternRef = Annotated[Pattern, BeforeValidator(_resolve_pattern)]


class CodingQuestion(BaseModel):
    """A coding question. Bank files must be complete (see ``MIN_TESTS``); custom ones may not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["coding"] = "coding"
    id: Slug
    title: Annotated[str, Field(min_length=1, max_length=200)]
    topics: Annotated[list[Topic], Field(min_length=1)]
    difficulty: Difficulty
    statement: NonEmpty
    constraints: list[NonEmpty] = []
    function: Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
    starter_code: NonEmpty
    examples: Annotated[list[Example], Field(min_length=1)]
    tests: list[TestCase] = []
    solution: str | None = None
    complexity: Complexity | None = None
    patterns: list[PatternRef] = []
    hints: list[NonEmpty] = []
    generator: Generator | None = None
    compare: CompareMode = "exact"
    tolerance: float | None = Field(default=None, gt=0)
    checker: str | None = None

    @property
    def signature(self) -> Signature:
        return parse_signature(self.starter_code, self.function)

    @property
    def topic_labels(self) -> list[str]:
        return [TOPICS[t] for t in self.topics]

    def content_hash(self) -> str:
        return content_hash(self.body())

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_record(self) -> dict[str, Any]:
        """What the store keeps: id, kind, title, topics, difficulty, body and content_hash."""
        return _record(self, self.title, list(self.topics), self.difficulty)


class BehavioralQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["behavioral"] = "behavioral"
    id: Slug
    text: Annotated[str, Field(min_length=1, max_length=600)]
    competencies: Annotated[list[Competency], Field(min_length=1)]
    signals: list[NonEmpty] = []  # what a strong answer shows
    follow_ups: list[NonEmpty] = []
    difficulty: Difficulty | None = None

    @property
    def title(self) -> str:
        return self.text

    @property
    def topics(self) -> list[str]:
        return list(self.competencies)

    @property
    def topic_labels(self) -> list[str]:
        return [COMPETENCIES[c] for c in self.competencies]

    def content_hash(self) -> str:
        return content_hash(self.body())

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_record(self) -> dict[str, Any]:
        return _record(self, self.text, list(self.competencies), self.difficulty)


Question = CodingQuestion | BehavioralQuestion


def content_hash(body: Mapping[str, Any]) -> str:
    """The SHA-256 of a question's canonical JSON: it changes exactly when the content does."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def _record(q: Question, title: str, topics: list[str], difficulty: str | None) -> dict[str, Any]:
    body = q.body()
    return {
        "id": q.id, "kind": q.kind, "title": title[:200], "topics": topics,
        "difficulty": difficulty, "body": body, "content_hash": content_hash(body),
    }


# --- problems and validation ---------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    path: str  # the file, or "" for a question that is not from a file
    field: str  # dotted, with list indexes: "tests[3].input"
    message: str

    def __str__(self) -> str:
        where = ": ".join(x for x in (self.path, self.field) if x)
        return f"{where}: {self.message}" if where else self.message


class InvalidQuestion(InvalidInput):
    """One or more questions are invalid; ``problems`` lists each with its path and field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        self.path = problems[0].path
        shown = "\n".join(f"- {p}" for p in problems[:20])
        more = f"\n- ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(
            f"{len(problems)} {noun} in the question bank:\n{shown}{more}\n"
            "Fix the fields listed (ava_core/data/questions/README.md describes each one) and load again.",
            field=problems[0].field,
        )


def _loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _pydantic_problems(path: str, exc: ValidationError, prefix: str = "") -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = _loc(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        problems.append(Problem(path, prefix + loc if loc else prefix.rstrip("."), msg))
    return problems


def _shape_problems(value: Any, adapter: str) -> str | None:
    if adapter == "json" or value is None:
        return None
    if adapter.startswith("list:"):
        if not isinstance(value, list) or any(x is not None and not isinstance(x, list) for x in value):
            return "must be a list of lists (one per linked list or tree)"
        return None
    if not isinstance(value, list):
        what = "linked list" if adapter == "linked_list" else "tree (level order, null for gaps)"
        return f"must be a JSON list: a {what}"
    if adapter == "linked_list" and None in value:
        return "a linked list cannot contain null"
    return None


def coding_problems(q: CodingQuestion, *, complete: bool) -> list[tuple[str, str]]:
    """Cross-field rules: the signature, test inputs, code blocks; bank completeness if asked."""
    problems: list[tuple[str, str]] = []
    try:
        sig = q.signature
    except ValueError as exc:
        return [("starter_code", str(exc))]
    names = sig.param_names
    for group, cases in (("examples", q.examples), ("tests", q.tests)):
        for i, case in enumerate(cases):
            missing = [n for n in names if n not in case.input]
            extra = [k for k in case.input if k not in names]
            if missing or extra:
                detail = "; ".join(
                    x for x in (
                        f"missing {', '.join(missing)}" if missing else "",
                        f"unknown {', '.join(extra)}" if extra else "",
                    ) if x
                )
                problems.append((f"{group}[{i}].input", f"{detail} (the parameters are {names})"))
            for p in sig.params:
                bad = _shape_problems(case.input.get(p.name), p.adapter)
                if bad:
                    problems.append((f"{group}[{i}].input.{p.name}", bad))
            bad = _shape_problems(case.output, sig.return_adapter)
            if bad:
                problems.append((f"{group}[{i}].output", bad))
    for name, code, fn in (("solution", q.solution, q.function),
                           ("generator.code", q.generator.code if q.generator else None, "generate"),
                           ("checker", q.checker, "check")):
        if code is not None:
            why = _defines(code, fn)
            if why:
                problems.append((name, why))
    if q.compare == "checker" and not q.checker:
        problems.append(("checker", "compare: checker needs a checker defining check(args, expected, got)"))
    if q.checker and q.compare != "checker":
        problems.append(("checker", "a checker is only used with compare: checker"))
    if q.tolerance is not None and q.compare != "float":
        problems.append(("tolerance", "tolerance is only used with compare: float"))
    if q.generator and q.generator.min_n > q.generator.max_n:
        problems.append(("generator.min_n", "min_n must not exceed max_n"))
    if complete:
        needs = (
            ("examples", len(q.examples) >= MIN_EXAMPLES, f"at least {MIN_EXAMPLES} examples are needed"),
            ("tests", len(q.tests) >= MIN_TESTS, f"at least {MIN_TESTS} hidden tests are needed, found {len(q.tests)}"),
            ("constraints", bool(q.constraints), "list at least one constraint"),
            ("solution", bool(q.solution), "a reference solution is needed"),
            ("complexity", q.complexity is not None, "time and space complexity are needed"),
            ("patterns", bool(q.patterns), "name at least one pattern"),
            ("hints", bool(q.hints), "give at least one hint"),
            ("generator", q.generator is not None, "an input generator is needed"),
        )
        problems.extend((f, msg) for f, ok, msg in needs if not ok)
    return problems


def behavioral_problems(q: BehavioralQuestion, *, complete: bool) -> list[tuple[str, str]]:
    if not complete:
        return []
    needs = (
        ("signals", len(q.signals) >= 2, "list at least 2 signals of a strong answer"),
        ("follow_ups", bool(q.follow_ups), "give at least one follow-up prompt"),
    )
    return [(f, msg) for f, ok, msg in needs if not ok]


def validate_question(
    data: Mapping[str, Any],
    *,
    kind: str | None = None,
    complete: bool = False,
    path: str = "",
    patterns: Mapping[str, Pattern] | None = None,
) -> Question:
    """A question from a dict (a form, a store body, a file); InvalidQuestion names each bad field.

    ``complete=True`` applies the bank's rules (examples, hidden tests, solution, generator...).
    """
    kind = kind or data.get("kind") or "coding"
    model = {"coding": CodingQuestion, "behavioral": BehavioralQuestion}.get(kind)
    if model is None:
        raise InvalidQuestion([Problem(path, "kind", "kind must be coding or behavioral")])
    context = {"patterns": patterns} if patterns is not None else None
    try:
        q = model.model_validate(dict(data), context=context)
    except ValidationError as exc:
        raise InvalidQuestion(_pydantic_problems(path, exc)) from None
    check = coding_problems if isinstance(q, CodingQuestion) else behavioral_problems
    found = check(q, complete=complete)
    if found:
        raise InvalidQuestion([Problem(path, f, m) for f, m in found])
    return q


# --- YAML ----------------------------------------------------------------------------------------


def _yaml_loader():
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        """Safe YAML that rejects duplicate keys and reads 1e-5 as a float."""

    def mapping(loader, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return loader.construct_mapping(node, deep=deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
        list("-+0123456789"),
    )
    return yaml, Loader


def read_yaml(path: Path) -> tuple[Any, Problem | None]:
    yaml, loader = _loader()
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        return None, Problem(str(path), where, f"not valid YAML: {reason}")
    except (OSError, UnicodeDecodeError) as exc:
        return None, Problem(str(path), "", f"cannot be read: {exc}")


@lru_cache(maxsize=1)
def _loader():
    return _yaml_loader()


# --- the bank ------------------------------------------------------------------------------------


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
        """Every question as ``to_record()``, for ``Store.sync_bank``."""
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


def load_patterns(path: str | Path | None = None) -> dict[str, Pattern]:
    """The Match-step pattern vocabulary (``patterns.yaml`` of the bank)."""
    root = Path(path).resolve() if path else DEFAULT_ROOT
    patterns, problems = _read_patterns(root / "patterns.yaml")
    if problems:
        raise InvalidQuestion(problems)
    return patterns


def _read_patterns(file: Path) -> tuple[dict[str, Pattern], list[Problem]]:
    if not file.is_file():
        return {}, [Problem(str(file), "", "the pattern vocabulary patterns.yaml is missing")]
    data, problem = read_yaml(file)
    if problem:
        return {}, [problem]
    if not isinstance(data, dict):
        return {}, [Problem(str(file), "", "must map pattern names to {label, synonyms}")]
    patterns, problems = {}, []
    for name, entry in data.items():
        try:
            patterns[name] = Pattern.model_validate({"name": name, **(entry or {})})
        except (ValidationError, TypeError) as exc:
            if isinstance(exc, ValidationError):
                problems += _pydantic_problems(str(file), exc, prefix=f"{name}.")
            else:
                problems.append(Problem(str(file), str(name), "must be a mapping with label and synonyms"))
    return patterns, problems


def _load(root: Path, files: list[Path]) -> QuestionBank:
    patterns, problems = _read_patterns(root / "patterns.yaml")
    coding: list[CodingQuestion] = []
    behavioral: list[BehavioralQuestion] = []
    seen: dict[str, str] = {}

    def keep(q: Question, path: str, field_name: str) -> None:
        if q.id in seen:
            problems.append(Problem(path, field_name, f"id {q.id!r} is already used by {seen[q.id]}"))
            return
        seen[q.id] = path
        (coding if q.kind == "coding" else behavioral).append(q)

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
                    q = validate_question(item, kind="behavioral", complete=True, path=path)
                except InvalidQuestion as exc:
                    problems += [Problem(p.path, f"[{i}].{p.field}", p.message) for p in exc.problems]
                    continue
                if q.competencies[0] != competency:
                    problems.append(Problem(path, f"[{i}].competencies", f"a question in {file.name} must list {competency!r} first"))
                else:
                    keep(q, path, f"[{i}].id")
        else:
            problems.append(Problem(
                path, "", "unexpected file: coding questions go in coding/<topic>/<id>.yaml, "
                "behavioral ones in behavioral/<competency>.yaml",
            ))
    if problems:
        raise InvalidQuestion(problems)
    return QuestionBank(coding, behavioral, patterns, root)


# --- command line --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ava_core.questions")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every question file")
    check.add_argument("path", nargs="?", help="the bank folder (default: the shipped bank)")
    check.add_argument("--run", action="store_true", help="run each reference solution in the sandbox")
    check.add_argument("--complexity", action="store_true", help="measure each reference solution")
    check.add_argument("--only", help="check only this question id")
    args = parser.parse_args(argv)
    try:
        bank = load_bank(args.path)
    except InvalidQuestion as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{len(bank.coding)} coding and {len(bank.behavioral)} behavioral questions are valid.")
    for d in DIFFICULTIES:
        print(f"  {d}: {sum(q.difficulty == d for q in bank.coding)} coding")
    failures = 0
    targets = [q for q in bank.coding if not args.only or q.id == args.only]
    if args.run or args.complexity:
        from ava_core import judge

        for q in targets:
            if args.run:
                report = judge.run_tests(q.solution or "", q, hide_hidden=False)
                failures += report.verdict != "accepted"
                print(f"{q.id}: {report.message}")
            if args.complexity:
                cx = judge.measure_complexity(q.solution or "", q)
                failures += not cx.agrees
                print(f"{q.id}: declared {cx.declared}, measured {cx.label} "
                      f"(confidence {cx.confidence:.2f}, {cx.seconds:.1f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
