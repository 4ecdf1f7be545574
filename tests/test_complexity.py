"""Measured complexity: the fit on synthetic curves, synthetic functions, and the bank's solutions."""

from __future__ import annotations

import math
import random

import pytest

from ava_core import judge
from ava_core.errors import InvalidInput
from ava_core.questions import COMPLEXITY_CLASSES, load_bank, validate_question

BANK = load_bank()
BUDGET = judge.measure_complexity.__kwdefaults__["budget_seconds"]


def synthetic(**generator):
    """A question about a function f(nums), timed on nums = [0, 1, ..., n-1]."""
    return validate_question({
        "id": "synthetic", "title": "Synthetic", "topics": ["arrays-and-hashing"],
        "difficulty": "easy", "statement": "Timing only.", "function": "f",
        "starter_code": "def f(nums):\n    pass\n",
        "examples": [{"input": {"nums": [1]}, "output": 1}],
        "generator": {"code": "def generate(n, rng):\n    return {'nums': list(range(n))}\n", **generator},
    })


def curve(label: str, sizes: list[int], noise: float = 0.03, seed: int = 1) -> list[tuple[int, float]]:
    rng = random.Random(seed)
    g = {"O(1)": lambda n: 1, "O(log n)": math.log2, "O(n)": lambda n: n,
         "O(n log n)": lambda n: n * math.log2(n), "O(n^2)": lambda n: n * n,
         "O(n^3)": lambda n: n**3, "O(2^n)": lambda n: 2.0**n}[label]
    return [(n, (2e-6 + 5e-8 * g(n)) * (1 + rng.uniform(0, noise))) for n in sizes]


@pytest.mark.parametrize("label", COMPLEXITY_CLASSES)
def test_the_fit_recovers_each_class_from_noisy_timings(label):
    sizes = list(range(4, 22, 2)) if label == "O(2^n)" else [2**k for k in range(3, 18)]
    found, confidence, fits = judge.fit_complexity(curve(label, sizes))
    assert found == label, fits
    assert 0 < confidence <= 1 and set(fits) == set(COMPLEXITY_CLASSES)


def test_sizes_beyond_any_exponential_run_do_not_overflow_the_fit():
    points = [(n, 1e-6 * n) for n in (256, 512, 600, 800, 999, 1500)]
    assert judge.fit_complexity(points)[0] == "O(n)"


def test_factorial_growth_fits_no_class_instead_of_a_wrong_one():
    points = [(n, 1e-7 * math.factorial(n)) for n in range(4, 11)]
    assert judge.fit_complexity(points)[:2] == (None, 0.0)


def test_clearly_growing_timings_are_never_constant():
    points = [(n, 1e-6 * (1 + (n > 100) * 9)) for n in (8, 16, 32, 64, 128, 256)]
    assert judge.fit_complexity(points)[0] != "O(1)"


def test_a_fit_needs_three_sizes():
    assert judge.fit_complexity([(8, 1e-6), (16, 2e-6)]) == (None, 0.0, {})


@pytest.mark.parametrize(
    ("label", "body", "max_n"),
    [
        ("O(1)", "def f(nums):\n    return len(nums)\n", 8192),
        ("O(n)", "def f(nums):\n    total = 0\n    for x in nums:\n        total += x\n    return total\n", 8192),
        ("O(n^2)", "def f(nums):\n    return sum(1 for a in nums for b in nums if a < b)\n", 1024),
    ],
)
def test_synthetic_functions_are_classified(label, body, max_n):
    cx = judge.measure_complexity(body, synthetic(max_n=max_n))
    if cx.label != label:  # a second opinion: this machine's speed swings about twofold
        cx = judge.measure_complexity(body, synthetic(max_n=max_n), seed=1)
    assert cx.label == label, (cx.timings, cx.fits)
    assert cx.seconds <= BUDGET + 0.5
    assert len(cx.timings) >= 5 and all(t > 0 for _, t in cx.timings)


def test_reference_solutions_agree_with_their_declared_complexity():
    results = {q.id: judge.measure_complexity(q.solution, q) for q in BANK.coding}
    for q in BANK.coding:  # a second opinion on a miss: this machine's speed swings about twofold
        if not results[q.id].agrees:
            results[q.id] = judge.measure_complexity(q.solution, q, seed=1)
    misses = {qid: f"declared {cx.declared}, measured {cx.label}" for qid, cx in results.items()
              if not cx.agrees}
    rate = 1 - len(misses) / len(results)
    assert rate >= 0.9, f"agreement {rate:.0%}; misses: {misses}"
    slowest = max(cx.seconds for cx in results.values())
    assert slowest <= BUDGET + 0.5, f"a measurement took {slowest:.2f} s"


def test_code_that_fails_is_reported_not_measured():
    q = BANK.get("two-sum")
    cx = judge.measure_complexity("def two_sum(nums, target):\n    return nums[len(nums)]\n", q)
    assert cx.label is None and cx.stopped == "error" and cx.confidence == 0
    assert cx.error.type == "IndexError" and cx.error.line == 2
    assert "fix it" in cx.message
    cx = judge.measure_complexity("def twosum(nums, target):\n    return []\n", q)
    assert cx.label is None and "has no function two_sum()" in cx.message


def test_slow_code_stops_growing_early():
    cx = judge.measure_complexity(
        "def f(nums):\n    return sum(1 for a in nums for b in nums for c in nums)\n", synthetic(),
        budget_seconds=1.5,
    )
    assert cx.stopped in ("slow", "budget") and cx.timings[-1][0] < 8192
    assert cx.seconds <= 2.0


def test_a_question_without_a_generator_cannot_be_measured():
    q = synthetic().model_copy(update={"generator": None})
    with pytest.raises(InvalidInput, match="no input generator"):
        judge.measure_complexity("def f(nums):\n    return 1\n", q)


def test_a_broken_generator_is_the_questions_fault():
    q = validate_question({**synthetic().body(), "generator": {
        "code": "def generate(n, rng):\n    return {'nums': list(range(n // 0))}\n"}})
    cx = judge.measure_complexity("def f(nums):\n    return 1\n", q)
    assert cx.label is None and "input generator failed (ZeroDivisionError" in cx.message


def test_fit_strength_says_the_confidence_in_words():
    assert [judge.fit_strength(c) for c in (1.0, 0.5, 0.49, 0.2, 0.19, 0.0)] == [
        "a clear fit", "a clear fit", "a likely fit", "a likely fit", "a close call", "a close call"]
