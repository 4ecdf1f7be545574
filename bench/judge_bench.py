"""How fast the judge is: a 15-test suite in the sandbox against the same tests in-process, and
complexity measurement on every reference solution of the bank.

    python bench/judge_bench.py [--runs 20]

Targets (issue 3): a 15-test suite under 0.5 s in the sandbox; a complexity measurement under
3 s. The named baseline is the same 15 tests run in this process with no isolation. Beside it,
the same suite in the sandbox without the jailer's kernel layers (Landlock, seccomp): what the
layers cost (issue 16).
"""

from __future__ import annotations

import argparse
import statistics
import time

from ava_core import judge
from ava_core.judge import _sandbox_child
from ava_core.judge import sandbox as local
from ava_core.judge.verdicts import _tests_job
from ava_core.questions import load_bank


def suite_of_15(bank):
    q = bank.get("two-sum")
    hidden = (q.tests * 2)[: 15 - len(q.examples)]
    return q.model_copy(update={"tests": hidden})


def in_process(q) -> int:
    """The same suite with no sandbox: run the solution here and compare the same way."""
    limits = judge.Limits()
    cases = [*q.examples, *q.tests]
    job = _tests_job(q.solution, q, [c.input for c in cases], limits)
    events: list[dict] = []
    _sandbox_child.run_job(job, events.append)
    got = {e["i"]: e.get("got") for e in events if e["event"] == "result"}
    return sum(judge.outputs_match(c.output, got.get(i), q.compare, q.tolerance) for i, c in enumerate(cases))


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    bank = load_bank()
    q = suite_of_15(bank)
    assert len(q.examples) + len(q.tests) == 15

    report = judge.run_tests(q.solution, q)
    assert report.accepted and report.total == 15, report.message
    assert in_process(q) == 15
    sandbox = timed(lambda: judge.run_tests(q.solution, q), args.runs)
    baseline = timed(lambda: in_process(q), args.runs)
    jailer, local._jailer = local._jailer, lambda iso, folder: []
    try:
        unjailed = timed(lambda: judge.run_tests(q.solution, q), args.runs)
    finally:
        local._jailer = jailer
    med_s, med_b, med_u = statistics.median(sandbox), statistics.median(baseline), statistics.median(unjailed)
    print(f"sandbox: {report.protections.summary()}")
    print(f"15-test suite ({args.runs} runs)")
    print(f"  sandbox     median {med_s * 1000:7.1f} ms   max {max(sandbox) * 1000:7.1f} ms   (target < 500 ms)")
    print(f"  no jailer   median {med_u * 1000:7.1f} ms   max {max(unjailed) * 1000:7.1f} ms   "
          "(the sandbox without Landlock and seccomp)")
    print(f"  in-process  median {med_b * 1000:7.1f} ms   max {max(baseline) * 1000:7.1f} ms   (baseline)")
    print(f"  ratio       {med_s / med_b:7.1f}x the in-process time; the layers add "
          f"{(med_s - med_u) * 1000:.1f} ms ({med_s / med_u:.2f}x the sandbox without them)")
    checker = bank.get("course-schedule-order")
    with_checker = timed(lambda: judge.run_tests(checker.solution, checker), max(args.runs // 4, 3))
    print(f"  a checker question ({len(checker.examples) + len(checker.tests)} tests, two sandbox runs): "
          f"median {statistics.median(with_checker) * 1000:.1f} ms")

    print("complexity of every reference solution (declared -> measured)")
    walls, agree = [], 0
    for c in bank.coding:
        cx = judge.measure_complexity(c.solution, c)
        walls.append(cx.seconds)
        agree += bool(cx.agrees)
        mark = "ok  " if cx.agrees else "MISS"
        print(f"  {mark} {c.id:28} {cx.declared:10} -> {cx.label!s:10} confidence {cx.confidence:.2f}"
              f"  {cx.seconds:5.2f} s  {len(cx.timings)} sizes, stopped: {cx.stopped}")
    print(f"  wall time    median {statistics.median(walls):.2f} s   max {max(walls):.2f} s   (target < 3 s)")
    print(f"  agreement    {agree}/{len(walls)} = {agree / len(walls):.0%}   (target >= 90%)")


if __name__ == "__main__":
    main()
