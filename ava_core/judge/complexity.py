"""Measured complexity: time the code on generated inputs of growing size and fit the timings
to a complexity class. The timings are CPU times the kernel accounted to processes that ran the
code (``measure`` in the sandbox child), never the code's own report of itself."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ava_core.errors import InvalidInput
from ava_core.judge.executors import MAX_CODE_CHARS, Executor, Limits, OnWait, execute, get_executor
from ava_core.judge.verdicts import ErrorInfo, error_info
from ava_core.questions import COMPLEXITY_CLASSES, CodingQuestion

OCCAM = 2.0  # a faster-growing class must fit this many times better to be chosen,
NOISE_FLOOR = 0.05  # and better by this much of relative error (timing noise)
UNEXPLAINED = 0.5  # when even the best class is off by this much, the timings fit no class
GROWING = 4.0  # the largest sizes this many times slower than the smallest: not constant



# --- measured complexity -------------------------------------------------------------------------


def _growth(label: str, n: float) -> float:
    lg = math.log2(max(n, 2))
    return {
        "O(1)": 1.0, "O(log n)": lg, "O(n)": n, "O(n log n)": n * lg, "O(n^2)": n**2,
        # Nothing exponential runs at n = 64; a larger n also keeps the squares in _fit finite.
        "O(n^3)": n**3, "O(2^n)": 2.0**n if n <= 64 else math.inf,
    }[label]


def _fit(points: list[tuple[int, float]], label: str) -> float:
    """Relative RMS error of the best t = a + c*g(n) with a, c >= 0 (weights 1/t)."""
    g = [_growth(label, n) for n, _ in points]
    if any(math.isinf(x) for x in g):
        return math.inf
    w = [1 / max(t, 1e-9) for _, t in points]
    s11 = sum(x * x for x in w)
    s12 = sum(x * x * gi for x, gi in zip(w, g))
    s22 = sum((x * gi) ** 2 for x, gi in zip(w, g))
    b1 = sum(w)
    b2 = sum(x * gi for x, gi in zip(w, g))
    det = s11 * s22 - s12 * s12
    a = c = -1.0
    if label != "O(1)" and det > 1e-12 * s11 * s22:
        a, c = (b1 * s22 - b2 * s12) / det, (s11 * b2 - s12 * b1) / det
    if a < 0 or c < 0:
        fits = [(0.0, b2 / s22)] if s22 > 0 else []
        fits.append((b1 / s11, 0.0))
        a, c = min(fits, key=lambda ac: _rms(points, g, *ac))
    return _rms(points, g, a, c)


def _rms(points: list[tuple[int, float]], g: list[float], a: float, c: float) -> float:
    errs = [((a + c * gi) - t) / max(t, 1e-9) for (_, t), gi in zip(points, g)]
    return math.sqrt(sum(e * e for e in errs) / len(errs))


def _tolerance(error: float) -> float:
    return max(error * OCCAM, error + NOISE_FLOOR)


def fit_strength(confidence: float) -> str:
    """How clearly the measured class won, in words: the confidence is a margin over the next
    class, so 50% already means a clear win."""
    if confidence >= 0.5:
        return "a clear fit"
    if confidence >= 0.2:
        return "a likely fit"
    return "a close call"


def fit_complexity(points: list[tuple[int, float]]) -> tuple[str | None, float, dict[str, float]]:
    """The class that best explains (n, seconds) timings, a confidence in [0, 1], and every fit.

    The slowest-growing class whose error is within twice the best error (or within 5 points of
    it) wins: real timings grow a little faster than their class as data outgrows the CPU
    caches, which must not pass for an extra log factor. The confidence is how clearly that
    choice wins under this rule. Timings that clearly grow are never constant, and timings no
    class explains give no class at all.
    """
    if len({n for n, _ in points}) < 3:
        return None, 0.0, {}
    fits = {label: _fit(points, label) for label in COMPLEXITY_CLASSES}
    best_error = min(fits.values())
    if best_error > UNEXPLAINED:  # no class explains these timings (n!, or noise): say so
        return None, 0.0, fits
    times = [t for _, t in sorted(points)]
    grows = max(times[-2:]) > GROWING * min(times[:2])
    rank = {lb: i for i, lb in enumerate(COMPLEXITY_CLASSES)}
    label = next(lb for lb in COMPLEXITY_CLASSES
                 if fits[lb] <= _tolerance(best_error) and not (grows and lb == "O(1)"))
    err = fits[label]
    faster = [e for lb, e in fits.items() if rank[lb] > rank[label]]
    slower = [e for lb, e in fits.items() if rank[lb] < rank[label]]
    margins = [1.0]
    if faster:
        margins.append(1 - err / _tolerance(min(faster)))
    if slower:
        margins.append(1 - _tolerance(err) / min(slower))
    coverage = min(1.0, (len(points) - 2) / 4)
    return label, round(max(0.0, min(margins)) * coverage, 3), fits


def _points(raw: object) -> list[tuple[int, float]]:
    """(n, seconds per call) from the report, each size once; anything malformed is dropped."""
    found: dict[int, float] = {}
    for point in raw if isinstance(raw, list) else []:
        try:
            n, t = int(point[0]), float(point[1])
        except (TypeError, ValueError, IndexError):
            continue
        if n >= 0 and 0 < t < math.inf:
            found[n] = t
    return sorted(found.items())


@dataclass(frozen=True)
class ComplexityResult:
    label: str | None  # the measured class, None when it could not be measured
    confidence: float
    timings: list[tuple[int, float]]  # (n, seconds per call), for a chart
    fits: dict[str, float]  # relative error of each class
    declared: str | None  # the question's declared time complexity
    seconds: float  # wall time of the measurement
    stopped: str  # why timing stopped: "largest size", "budget", "slow", "error"
    message: str
    error: ErrorInfo | None = None

    @property
    def agrees(self) -> bool | None:
        if self.label is None or self.declared is None:
            return None
        return self.label == self.declared


def measure_complexity(
    code: str,
    q: CodingQuestion,
    *,
    budget_seconds: float = 3.0,
    executor: str | Executor | None = None,
    limits: Limits | None = None,
    seed: int = 0,
    on_wait: OnWait | None = None,
) -> ComplexityResult:
    """Time ``code`` on the question's generated inputs of growing size and fit a class.

    Bounded by ``budget_seconds`` in all (start-up included); growth stops early when a call
    gets slow. Runs in the sandbox: it is the user's code.
    """
    if q.generator is None:
        raise InvalidInput(f"{q.title} has no input generator, so its complexity cannot be measured.",
                           field="generator")
    if len(code) > MAX_CODE_CHARS:
        raise InvalidInput(f"The code is longer than {MAX_CODE_CHARS:,} characters; shorten it.", field="code")
    started = time.monotonic()
    limits = limits or Limits()
    ex = get_executor(executor)
    sig = q.signature
    job = {
        "mode": "measure", "code": code, "entry": q.function, "params": sig.param_names,
        "arg_adapters": [p.adapter for p in sig.params], "generator": q.generator.code,
        "sizes": q.generator.schedule(), "budget_seconds": max(budget_seconds - 0.4, 0.2),
        "max_call_seconds": budget_seconds / 8,
        "stdout_limit": limits.output_chars, "seed": seed,
    }
    execution = execute(ex, job, limits, max(budget_seconds - (time.monotonic() - started), 0.5), on_wait)
    # The run's last word, and only from a run that ended on its own: the samples that ran the
    # code had all ended before it was written.
    measured = next((e for e in reversed(execution.events) if e["event"] == "measured"), None)
    if execution.returncode != 0 or execution.timed_out:
        measured = None
    declared = q.complexity.time if q.complexity else None
    seconds = time.monotonic() - started
    fatal = measured.get("fatal") if measured is not None else None
    points = [] if measured is None or fatal else _points(measured.get("points"))
    stop = measured.get("stop") if measured is not None and not fatal else None
    error = None
    if measured is None:
        stopped = "error"
    elif fatal is not None:
        stopped = "error"
        error = error_info(fatal.get("error"), code)
    else:
        stopped = str(stop.get("reason", "budget")) if isinstance(stop, dict) else "budget"
    label, confidence, fits = fit_complexity(points)
    if measured is None:
        message = ("The measurement did not finish (the run ended before its report); "
                   "run the tests first, then measure again.")
        label, confidence = None, 0.0
    elif fatal is not None:
        kind = fatal.get("kind", "")
        if kind == "generate":
            message = f"The question's input generator failed ({error}); report this question."
        elif kind == "unsupported":
            message = "This code runner cannot time code from outside it, so nothing was measured."
        else:
            reason = {"syntax": f"has a syntax error ({error})",
                      "missing": f"has no function {q.function}()",
                      "load": f"raised {error} while loading"}.get(kind, f"raised {error} at n={fatal.get('n')}")
            message = f"Your code {reason}; fix it (run the tests) before measuring."
        label, confidence = None, 0.0
    elif label is None:
        message = ("Not enough timings to fit a class: even small inputs took too long "
                   f"(timed {len(points)} sizes).")
    else:
        message = (f"Your code behaves like {label} ({fit_strength(confidence)}, confidence "
                   f"{confidence:.0%}) on {len(points)} sizes from n={points[0][0]} to "
                   f"n={points[-1][0]}.")
    return ComplexityResult(label, confidence, points, fits, declared, seconds, stopped, message, error)

