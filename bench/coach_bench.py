"""The offline coach's speed and memory: one answer's feedback (target: 95th percentile under
100 ms on 2 cores) and a final report (under 100 ms).

Feedback is timed on every answer of the labelled pairs (ava_core/data/eval/pairs: each UMPIRE
step and behavioral), with the code's test results worked out beforehand, as the interview has
them when it asks for feedback. Baseline in the same run: the evaluation's "more of the question's
words wins" scorer on the same answers, the least a text scorer does; the ratio says what reading
an answer against the question's facts costs over it. Memory: what the coach adds to the process
(resident memory after loading it and scoring every answer, less before), and the peak of Python
allocations while scoring.

    python bench/coach_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed_ms(fn: Callable[[], object], repeat: int) -> float:
    """The median of ``repeat`` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[round(fraction * (len(ordered) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5, help="calls per answer (default 5)")
    args = parser.parse_args()
    before = rss_mb()
    from ava_core import evaluation
    from ava_core.interviewer.offline import OfflineCoach
    from ava_core.interviewer.report import CodingSession
    from ava_core.questions import CodingQuestion, load_bank
    from ava_core.vocabulary import STEPS

    coach, bank, pairs = OfflineCoach(), load_bank(), evaluation.load_pairs()
    code_facts = evaluation.CodeFacts(bank, measure=False)
    def coding_question(qid: str) -> CodingQuestion:
        q = bank.get(qid)
        assert isinstance(q, CodingQuestion)
        return q

    answers: list[tuple[str, Callable[[], object], Callable[[], object]]] = []  # step, the coach, the baseline
    for pair in pairs:
        question = evaluation.question_text(pair, bank)
        for side in (pair.stronger, pair.weaker):
            baseline = partial(evaluation.question_words, side.answer, question)
            if pair.kind == "behavioral":
                call: Callable[[], object] = partial(coach.answer_feedback, pair.question, side.answer)
            else:
                q = coding_question(pair.question)
                runs = side.code and pair.step in ("implement", "review", "evaluate")
                tests = code_facts.tests(q.id, side.code) if runs else None
                call = partial(coach.step_feedback, q, pair.step, side.answer, code=side.code, tests=tests)
            answers.append((pair.step, call, baseline))

    answers[0][1]()  # warm the caches (patterns, the bank's facts) once, as a running app has them
    tracemalloc.start()
    for _, call, _ in answers:
        call()
    peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    added_mb = rss_mb() - before

    print(f"offline coach, {len(answers)} answers of {len(pairs)} labelled pairs, {args.repeat} calls each")
    print(f"{'':12} {'answers':>8} {'median ms':>10} {'p95 ms':>8} {'baseline ms':>12} {'ratio':>7}")
    every, every_base = [], []
    for step in (*STEPS, "behavioral"):
        chosen = [a for a in answers if a[0] == step]
        coach_ms = [timed_ms(call, args.repeat) for _, call, _ in chosen]
        base_ms = [timed_ms(baseline, args.repeat) for _, _, baseline in chosen]
        every += coach_ms
        every_base += base_ms
        median, base = statistics.median(coach_ms), statistics.median(base_ms)
        print(f"{step:12} {len(chosen):>8} {median:>10.2f} {percentile(coach_ms, 0.95):>8.2f} {base:>12.4f} "
              f"{median / base:>6.0f}x")
    median, base, p95 = statistics.median(every), statistics.median(every_base), percentile(every, 0.95)
    print(f"{'all answers':12} {len(every):>8} {median:>10.2f} {p95:>8.2f} {base:>12.4f} {median / base:>6.0f}x")

    coding_pair = next(p for p in pairs if p.kind == "coding" and p.step == "implement")
    q = coding_question(coding_pair.question)
    feedback = [coach.step_feedback(q, step, coding_pair.stronger.answer) for step in STEPS]
    report_ms = timed_ms(lambda: coach.coding_report(CodingSession(q, feedback)), args.repeat * 10)
    print()
    print(f"coding report: {report_ms:.2f} ms median")
    print(f"memory: {added_mb:.0f} MB resident added by the coach, the bank and the pairs; "
          f"{peak_mb:.1f} MB peak of Python allocations while scoring every answer")
    print(f"targets: feedback p95 < 100 ms ({'met' if p95 < 100 else 'MISSED'}: {p95:.1f} ms), "
          f"report < 100 ms ({'met' if report_ms < 100 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
