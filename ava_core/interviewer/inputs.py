"""What an interviewer is given, and the checks every provider runs on it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from ava_core.errors import InvalidInput
from ava_core.vocabulary import STEPS

if TYPE_CHECKING:
    from ava_core.judge import ComplexityResult, TestReport

OnText = Callable[[str], None]  # receives feedback text as it comes (a delta each call)
# The last submission's tests: a report, its stored summary (vocabulary.test_summary) or TestFacts.
Tests: TypeAlias = "TestReport | Mapping[str, Any] | TestFacts"
# The measured complexity: a result, a dict with its ``label``, or the label itself.
Complexity: TypeAlias = "ComplexityResult | Mapping[str, Any] | str"


@dataclass(frozen=True)
class TestFacts:
    """The test results the Implement step is judged on (a ``judge.TestReport`` reduced)."""

    __test__ = False  # not a pytest class

    passed: int
    total: int
    verdict: str | None = None
    failing: tuple[str, ...] = ()  # names of tests that did not pass ("hidden test 3")

    @property
    def ratio(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @classmethod
    def of(cls, tests: Tests | None) -> TestFacts | None:
        """From a ``judge.TestReport``, a ``vocabulary.test_summary`` dict, or ``TestFacts``."""
        if tests is None or isinstance(tests, TestFacts):
            return tests
        if isinstance(tests, Mapping):
            passed = int(tests.get("passed", 0))
            total = tests.get("total")
            total = int(total) if total is not None else passed + int(tests.get("failed", 0))
            return cls(passed, total, tests.get("verdict"))
        results = getattr(tests, "results", None) or []
        failing = tuple(r.name for r in results if not r.passed)
        total = getattr(tests, "total", None)
        if total is None:
            total = tests.passed + tests.failed
        return cls(int(tests.passed), int(total), getattr(tests, "verdict", None), failing)


def measured_label(complexity: Complexity | None) -> str | None:
    """The measured class from a ``judge.ComplexityResult``, a dict with ``label``, or a label."""
    if complexity is None:
        return None
    if isinstance(complexity, str):
        from ava_core.questions import canonical_complexity

        return canonical_complexity(complexity)
    if isinstance(complexity, Mapping):
        return complexity.get("label")
    return getattr(complexity, "label", None)


def check_step(step: str) -> str:
    name = (step or "").strip().lower()
    if name not in STEPS:
        raise InvalidInput(f"{step!r} is not an UMPIRE step: use one of {', '.join(STEPS)}.", "step")
    return name


def check_count(n: int) -> int:
    if not isinstance(n, int) or not 1 <= n <= 20:
        raise InvalidInput(f"Ask for between 1 and 20 questions, not {n!r}.", "n")
    return n
