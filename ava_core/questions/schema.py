"""The schema of a question: topics and competencies, complexity labels, signatures, the
pydantic models of coding and behavioral questions, and their content hash."""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from ava_core.questions.facts import QuestionFacts
from ava_core.questions.problems import (
    InvalidQuestion,
    Problem,
    pydantic_problems,
    read_yaml,
)

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

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = get_args(Difficulty)

# Canonical complexity classes, from slowest-growing to fastest-growing.
COMPLEXITY_CLASSES = ("O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)")

CompareMode = Literal["exact", "unordered", "unordered_nested", "float", "checker"]
COMPARE_MODES: tuple[CompareMode, ...] = get_args(CompareMode)

MIN_EXAMPLES = 2
MIN_TESTS = 10

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
if TYPE_CHECKING:  # a type checker cannot build a Literal from the keys: it sees their type
    Topic = str
    Competency = str
else:  # pydantic checks a value against the keys of TOPICS and COMPETENCIES
    Topic = Literal[tuple(TOPICS)]
    Competency = Literal[tuple(COMPETENCIES)]
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


def defines(code: str, name: str) -> str | None:
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
    facts: QuestionFacts | None = None  # what the answer to each step needs (facts.py)

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


# --- the pattern vocabulary ----------------------------------------------------------------------

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "data" / "questions"


DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "data" / "questions"


def load_patterns(path: str | Path | None = None) -> dict[str, Pattern]:
    """The Match-step pattern vocabulary (``patterns.yaml`` of the bank)."""
    root = Path(path).resolve() if path else DEFAULT_ROOT
    patterns, problems = read_patterns(root / "patterns.yaml")
    if problems:
        raise InvalidQuestion(problems)
    return patterns


def read_patterns(file: Path) -> tuple[dict[str, Pattern], list[Problem]]:
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
                problems += pydantic_problems(str(file), exc, prefix=f"{name}.")
            else:
                problems.append(Problem(str(file), str(name), "must be a mapping with label and synonyms"))
    return patterns, problems

