"""Runs a user's code against a question's tests in a sandbox, and measures its complexity.

``run_tests(code, q)`` runs the examples (visible) and hidden tests in one child process and
compares the outputs here, in the parent: expected outputs never reach the user's code.
``measure_complexity(code, q)`` times the code on generated inputs of growing size and fits the
timings to a complexity class. Both run through an executor: ``local`` (a subprocess sandbox on
this machine) or ``piston`` (a remote Piston-compatible engine at ``AVA_EXECUTOR_URL``).


    executors.py   the Executor interface, Limits, Protections, the registry of executors
    sandbox.py     ``local``: the sandbox child in a subprocess here (registers itself)
    piston.py      ``piston``: a remote Piston-compatible engine (registers itself)
    verdicts.py    run_tests: outputs compared in the parent, the verdict
    complexity.py  measure_complexity: timings fitted to a class
    _sandbox_child.py  the program each executor runs on the user's code
"""

from __future__ import annotations

from ava_core.errors import ServiceUnavailable
from ava_core.judge.complexity import (
    ComplexityResult,
    fit_complexity,
    fit_strength,
    measure_complexity,
)
from ava_core.judge.executors import (
    MAX_CODE_CHARS,
    Execution,
    Executor,
    Limits,
    OnWait,
    Protections,
    execute,
    executor_names,
    get_executor,
    register_executor,
)
from ava_core.judge.verdicts import (
    ErrorInfo,
    TestReport,
    TestResult,
    outputs_match,
    run_tests,
)
from ava_core.settings import Settings

__all__ = [
    "MAX_CODE_CHARS", "ComplexityResult", "ErrorInfo", "Execution", "Executor", "Limits", "OnWait",
    "Protections", "TestReport", "TestResult", "describe_sandbox", "execute", "executor_names",
    "fit_complexity", "fit_strength", "get_executor", "measure_complexity", "outputs_match",
    "register_executor", "run_tests",
]


def describe_sandbox(executor: str | Executor | None = None, settings: Settings | None = None) -> Protections:
    """Run a trivial job and report which protections are active on this machine."""
    ex = get_executor(executor, settings)
    job = {"mode": "tests", "code": "def f():\n    return 1\n", "entry": "f", "params": [],
           "arg_adapters": [], "return_adapter": "json", "tests": [{}], "per_test_seconds": 1.0,
           "suite_seconds": 1.0, "stdout_limit": 1000}
    limits = Limits()
    execution = execute(ex, job, limits, 10.0)
    if execution.protections is None or not execution.events:
        raise ServiceUnavailable(f"The {ex.name} sandbox did not start: {execution.stderr.strip()[-300:]}")
    return execution.protections
