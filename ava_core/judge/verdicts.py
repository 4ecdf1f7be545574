"""Running a user's code against a question's tests: the child runs them, the parent compares
the outputs (expected outputs never reach the user's code) and gives the verdict."""

from __future__ import annotations


import json
import math
from dataclasses import dataclass, replace
from typing import Any, Literal

from ava_core.errors import InvalidInput, ServiceUnavailable
from ava_core.judge.executors import (
    MAX_CODE_CHARS,
    Execution,
    Executor,
    Limits,
    OnWait,
    Protections,
    execute,
    get_executor,
)
from ava_core.questions import CodingQuestion, TestCase

Status = Literal["passed", "failed", "error", "timed_out", "not_run"]
WITHHELD = "its message is withheld for a hidden test"  # an exception's text can carry the input
Case = tuple[Literal["example", "hidden"], int, TestCase]  # kind, index within its kind, test


# --- comparing outputs ---------------------------------------------------------------------------


def _normal(x: Any) -> Any:
    if isinstance(x, float) and x.is_integer():
        return int(x)
    if isinstance(x, list):
        return [_normal(v) for v in x]
    if isinstance(x, dict):
        return {k: _normal(v) for k, v in x.items()}
    return x


def _key(x: Any) -> str:
    return json.dumps(_normal(x), sort_keys=True)


def _equal(a: Any, b: Any, tol: float | None) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if tol is not None:
            return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k], tol) for k in a)
    return type(a) is type(b) and a == b


def outputs_match(expected: Any, got: Any, mode: str = "exact", tolerance: float | None = None) -> bool:
    """Whether ``got`` is right for ``expected`` under a comparison mode (not ``checker``)."""
    if mode in ("exact", "float"):
        return _equal(expected, got, (tolerance or 1e-6) if mode == "float" else None)
    if not isinstance(expected, list) or not isinstance(got, list):
        return _equal(expected, got, None)
    if mode == "unordered":
        return sorted(map(_key, expected)) == sorted(map(_key, got))
    if mode == "unordered_nested":
        def inner(xs: list) -> list[str]:
            return sorted(_key(sorted(x, key=_key)) if isinstance(x, list) else _key(x) for x in xs)
        return inner(expected) == inner(got)
    raise ValueError(f"unknown comparison mode {mode!r}")


# --- test reports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorInfo:
    type: str
    message: str
    line: int | None = None  # in the user's code
    code_line: str | None = None  # that line's text

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.type}: {self.message}{where}" if self.message else f"{self.type}{where}"


UNTRUSTED = ErrorInfo("UntrustedReport", "the sandbox's report for this test was not one the judge "
                      "can trust (sent twice, or past its limits): it counts as an error")


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest class

    kind: Literal["example", "hidden"]
    index: int  # within its kind, from 0
    status: Status
    input: dict[str, Any] | None  # None when hidden
    expected: Any
    got: Any
    error: ErrorInfo | None = None
    reason: str = ""  # why a returned value failed, when it is not a plain mismatch
    seconds: float | None = None
    stdout: str | None = ""
    hidden: bool = False  # input, expected, got and printed output withheld
    note: str | None = None

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def name(self) -> str:
        return f"{'example' if self.kind == 'example' else 'hidden test'} {self.index + 1}"


@dataclass(frozen=True)
class TestReport:
    __test__ = False

    question_id: str
    verdict: str  # accepted, wrong_answer, runtime_error, time_limit_exceeded, memory_limit_exceeded,
    #               syntax_error, missing_function, crashed
    message: str
    results: list[TestResult]
    stdout: str
    stdout_truncated: bool
    stderr: str
    protections: Protections | None
    executor: str
    seconds: float
    error: ErrorInfo | None = None  # a syntax error, or an error while loading the code

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def failed(self) -> int:
        """Every test that did not pass (failed, error, timed out, not run)."""
        return len(self.results) - self.passed

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def accepted(self) -> bool:
        return self.verdict == "accepted"

    @property
    def examples(self) -> list[TestResult]:
        return [r for r in self.results if r.kind == "example"]

    @property
    def hidden(self) -> list[TestResult]:
        return [r for r in self.results if r.kind == "hidden"]

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(("passed", "failed", "error", "timed_out", "not_run"), 0)
        for r in self.results:
            out[r.status] += 1
        return out


def error_info(raw: dict | None, code: str) -> ErrorInfo | None:
    if not raw:
        return None
    line = raw.get("line")
    lines = code.splitlines()
    text = lines[line - 1].strip() if line and 0 < line <= len(lines) else None
    return ErrorInfo(str(raw.get("type", "Error")), str(raw.get("message", "")), line, text)


def _crash(execution: Execution) -> ErrorInfo:
    if execution.output_limited:
        return ErrorInfo("OutputLimit", "the execution service stopped the run at its output limit "
                                        "(Piston's PISTON_OUTPUT_MAX_SIZE; Ava needs about 64 KB)")
    if execution.signal == "SIGSEGV":
        return ErrorInfo("Crash", "the process crashed (segmentation fault), usually recursion "
                                  "too deep for the stack")
    if execution.signal in ("SIGKILL", "SIGXCPU"):
        return ErrorInfo("Crash", "the process was killed: it used up its CPU time or memory")
    if execution.signal:
        return ErrorInfo("Crash", f"the process was stopped by {execution.signal}")
    return ErrorInfo("Crash", f"the process exited (code {execution.returncode}) before reporting: "
                              "do not call os._exit() or end the process")


def _tests_job(code: str, q: CodingQuestion, cases: list[dict], limits: Limits) -> dict[str, Any]:
    sig = q.signature
    return {
        "mode": "tests", "code": code, "entry": q.function, "params": sig.param_names,
        "arg_adapters": [p.adapter for p in sig.params], "return_adapter": sig.return_adapter,
        "tests": cases, "per_test_seconds": limits.per_test_seconds,
        "suite_seconds": limits.suite_seconds, "stdout_limit": limits.output_chars,
    }


def run_tests(
    code: str,
    q: CodingQuestion,
    *,
    include_hidden: bool = True,
    hide_hidden: bool = True,
    limits: Limits | None = None,
    executor: str | Executor | None = None,
    on_wait: OnWait | None = None,
) -> TestReport:
    """Run ``code`` on the question's examples (and hidden tests) in the sandbox.

    ``hide_hidden`` withholds hidden tests' inputs, expected and returned values and printed
    output; ``on_wait`` hears how many runs are ahead while this one waits for a sandbox.
    Raises InvalidInput for code too long to run, ServiceUnavailable when the executor itself
    cannot run; everything the code does is a verdict in the report.
    """
    if len(code) > MAX_CODE_CHARS:
        raise InvalidInput(f"The code is longer than {MAX_CODE_CHARS:,} characters; shorten it.", field="code")
    limits = limits or Limits()
    ex = get_executor(executor)
    cases: list[Case] = [("example", i, c) for i, c in enumerate(q.examples)]
    if include_hidden:
        cases += [("hidden", i, c) for i, c in enumerate(q.tests)]
    job = _tests_job(code, q, [c.input for _, _, c in cases], limits)
    execution = execute(ex, job, limits, limits.wall_seconds(), on_wait)
    return _report(code, q, cases, execution, ex, limits, hide_hidden)


def _report(code: str, q: CodingQuestion, cases: list[Case], execution: Execution, ex: Executor,
            limits: Limits, hide_hidden: bool) -> TestReport:
    events = execution.events
    if not any(e["event"] == "start" for e in events) and execution.stderr and not execution.timed_out:
        raise ServiceUnavailable(
            f"The {ex.name} sandbox could not run the code: {execution.stderr.strip()[-300:]}"
        )
    fatal = next((e for e in events if e["event"] == "fatal"), None)
    by_index: dict[int, dict[str, Any]] = {}
    forged: set[int] = set()  # reported twice: the user's code wrote into the report
    for ev in events:
        if ev["event"] == "result" and isinstance(ev.get("i"), int):
            if ev["i"] in by_index:
                forged.add(ev["i"])
            by_index.setdefault(ev["i"], ev)
    overflow = any(e["event"] == "overflow" for e in events)
    done = next((e for e in events if e["event"] == "done"), None)

    statuses: list[dict[str, Any]] = []
    culprit_seen = False
    for i, (kind, idx, case) in enumerate(cases):
        e = by_index.get(i)
        item: dict[str, Any] = {"got": None, "error": None, "reason": "", "seconds": None, "stdout": ""}
        if i in forged or (e is None and overflow):
            item.update(status="error", error=UNTRUSTED)
        elif fatal is not None or (e is None and culprit_seen):
            item["status"] = "not_run"
        elif e is None:
            culprit_seen = True
            if execution.timed_out:
                item["status"] = "timed_out"
            else:
                item.update(status="error", error=_crash(execution))
        else:
            item["stdout"] = e.get("stdout", "")
            item["seconds"] = e.get("seconds")
            st = e.get("status")
            if st == "returned":
                item.update(status="pending", got=e.get("got"))
            elif st == "unreadable":
                item.update(status="failed", reason=str(e.get("message", "")))
            elif st == "timeout":
                item["status"] = "timed_out"
            elif st == "error":
                item.update(status="error", error=error_info(e.get("error"), code))
            else:
                item["status"] = "not_run"
        statuses.append(item)

    pending = [i for i, s in enumerate(statuses) if s["status"] == "pending"]
    if q.compare == "checker" and pending:
        verdicts = _run_checker(q, [(cases[i][2], statuses[i]["got"]) for i in pending], ex, limits)
        for i, (ok, err) in zip(pending, verdicts):
            if err is not None:
                statuses[i].update(status="error", error=err)
            else:
                statuses[i]["status"] = "passed" if ok else "failed"
    else:
        for i in pending:
            got = statuses[i]["got"]
            if isinstance(got, dict) and "__too_large__" in got:
                statuses[i].update(status="failed", reason="the returned value is too large to compare")
            else:
                ok = outputs_match(cases[i][2].output, got, q.compare, q.tolerance)
                statuses[i]["status"] = "passed" if ok else "failed"

    results = []
    for (kind, idx, case), s in zip(cases, statuses):
        hidden = hide_hidden and kind == "hidden"
        error = s["error"]
        if hidden and error is not None and error is not UNTRUSTED:  # its text could carry the input
            error = replace(error, message=WITHHELD)
        results.append(TestResult(
            kind=kind, index=idx, status=s["status"],
            input=None if hidden else case.input, expected=None if hidden else case.output,
            got=None if hidden else s["got"], error=error, reason=s["reason"],
            seconds=s["seconds"], stdout=None if hidden else s["stdout"], hidden=hidden,
            note=case.note,
        ))

    loaded = next((e for e in events if e["event"] in ("loaded", "fatal")), {})
    printed = [loaded.get("stdout", "")] + [r.stdout or "" for r in results]
    raw_ok = not any(r.hidden for r in results)  # raw output cannot be told apart by test
    stdout = "".join(printed) + (execution.stdout if raw_ok else "")
    truncated = bool(done and done.get("stdout_dropped")) or len(stdout) > limits.output_chars
    examples_only = bool(q.tests) and not any(kind == "hidden" for kind, _, _ in cases)
    verdict, message, error = _verdict(q, results, fatal, code, examples_only)
    return TestReport(
        question_id=q.id, verdict=verdict, message=message, results=results,
        stdout=stdout[:limits.output_chars], stdout_truncated=truncated,
        stderr=execution.stderr[:limits.output_chars] if raw_ok else "", protections=execution.protections,
        executor=ex.name, seconds=execution.seconds, error=error,
    )


def _verdict(q: CodingQuestion, results: list[TestResult], fatal: dict | None,
             code: str, examples_only: bool = False) -> tuple[str, str, ErrorInfo | None]:
    """The verdict, its message and the error behind it. ``examples_only``: a run on the
    examples of a question that has hidden tests, so passing them all is not "Accepted"."""
    if fatal is not None:
        kind = fatal.get("kind")
        err = error_info(fatal.get("error"), code)
        if kind == "syntax":
            return "syntax_error", f"Syntax error: {err}. Fix that line and run again.", err
        if kind == "missing":
            defined = fatal.get("defined") or []
            also = f"; your code defines {', '.join(defined)}" if defined else ""
            return ("missing_function",
                    f"No function named {q.function}(){also}. Keep the name from the starter code.", None)
        if kind == "timeout":
            return ("time_limit_exceeded",
                    "Your code ran too long before any test started: move work into the function.", None)
        if err and err.type == "MemoryError":
            return "memory_limit_exceeded", f"Your code ran out of memory while loading: {err}.", err
        return "runtime_error", f"Your code raised {err} while loading, before any test ran.", err
    total = len(results)
    first = next((r for r in results if not r.passed), None)
    if first is None and examples_only:
        return "accepted", (f"All {total} examples passed. Submit to run the hidden tests "
                            "as well."), None
    if first is None:
        n_ex = sum(r.kind == "example" for r in results)
        split = f" ({n_ex} examples, {total - n_ex} hidden)" if total > n_ex else ""
        return "accepted", f"Accepted: all {total} tests passed{split}.", None
    noun = "examples" if examples_only else "tests"
    summary = f"{sum(r.passed for r in results)} of {total} {noun} passed. "
    if first.status == "failed":
        detail = first.reason or (
            "" if first.hidden else f"expected {_short(first.expected)}, got {_short(first.got)}"
        )
        return "wrong_answer", f"{summary}Wrong answer on {first.name}" + (f": {detail}." if detail else "."), None
    if first.status == "timed_out":
        return "time_limit_exceeded", f"{summary}Time limit exceeded on {first.name}.", None
    if first.status == "not_run":
        return ("time_limit_exceeded",
                f"{summary}The time for all tests ran out before {first.name}.", None)
    err = first.error
    if err and err.type == "MemoryError":
        return "memory_limit_exceeded", f"{summary}Memory limit exceeded on {first.name}: {err}.", err
    if err and err.type in ("Crash", "OutputLimit"):
        return "crashed", f"{summary}On {first.name} {err.message}.", err
    return "runtime_error", f"{summary}Runtime error on {first.name}: {err}.", err


def _short(value: Any, limit: int = 120) -> str:
    text = json.dumps(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _run_checker(q: CodingQuestion, pairs: list[tuple[TestCase, Any]], ex: Executor,
                 limits: Limits) -> list[tuple[bool, ErrorInfo | None]]:
    """The question's checker, in its own sandbox process (custom questions carry their own)."""
    job = {"mode": "check", "checker": q.checker, "per_test_seconds": limits.per_test_seconds,
           "cases": [{"args": c.input, "expected": c.output, "got": got} for c, got in pairs]}
    execution = execute(ex, job, replace(limits, block_unsafe_calls=True), limits.wall_seconds())
    verdicts: dict[int, tuple[bool, ErrorInfo | None]] = {}
    for e in execution.events:
        if e["event"] == "checked":
            err = e.get("error")
            info = ErrorInfo("CheckerError", f"the question's checker failed ({err.get('type')}: "
                             f"{err.get('message')}); report this question") if err else None
            verdicts.setdefault(e["i"], (bool(e.get("ok")), info))
    missing = (False, ErrorInfo("CheckerError", "the question's checker did not finish; report this question"))
    return [verdicts.get(i, missing) for i in range(len(pairs))]


