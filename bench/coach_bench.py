"""The offline coach's speed: one step's feedback (target under 20 ms) and a final report (under
100 ms).

Step feedback is timed on every labelled answer in ava_core/data/eval (each UMPIRE step and behavioral),
a report on a full coding session (six step feedbacks and six answers' speech metrics) and on a
five-question behavioral session. Baseline in the same run: a keyword-count scorer (count the
rubric's keywords in the answer, clamp to 1-5), the least any text scorer does; the ratio says
what the rubric's explainability costs over it.

    python bench/coach_bench.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ava_core import speech
from ava_core.interviewer.offline import OfflineCoach
from ava_core.evaluation import load_labelled
from ava_core.vocabulary import STEPS
from ava_core.questions import load_bank
from ava_core.interviewer.report import BehavioralAnswer, BehavioralSession, CodingSession

KEYWORDS = re.compile(
    r"\b(input|output|return|edge|empty|duplicate|constraint|example|because|since|pattern|hash|"
    r"pointer|sort|stack|queue|first|then|finally|trace|bug|time|space|result|learned|I)\b",
    re.IGNORECASE,
)


def keyword_score(text: str) -> int:
    return max(1, min(5, len(KEYWORDS.findall(text)) // 2))


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median, 90th percentile) in milliseconds over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20, help="calls per answer (default 20)")
    args = parser.parse_args()
    coach, bank, items = OfflineCoach(), load_bank(), load_labelled()

    def call(item):
        if item.step == "behavioral":
            return lambda: coach.answer_feedback(bank.get(item.question), item.answer)
        q = bank.get(item.question)
        return lambda: coach.step_feedback(q, item.step, item.answer, code=item.code,
                                           tests=item.tests, complexity=item.measured)

    call(items[0])()  # warm the caches (patterns, keywords) once, as a running app has them
    print(f"offline coach, {len(items)} labelled answers, {args.repeat} calls each")
    print(f"{'':12} {'median ms':>10} {'p90 ms':>8} {'baseline ms':>12} {'ratio':>7}")
    all_coach, all_base = [], []
    for step in (*STEPS, "behavioral"):
        chosen = [i for i in items if i.step == step]
        coach_times = [median_ms(call(i), args.repeat) for i in chosen]
        base_times = [median_ms(lambda i=i: keyword_score(i.answer), args.repeat) for i in chosen]
        med = statistics.median(t[0] for t in coach_times)
        p90 = statistics.median(t[1] for t in coach_times)
        base = statistics.median(t[0] for t in base_times)
        all_coach += [t[0] for t in coach_times]
        all_base += [t[0] for t in base_times]
        print(f"{step:12} {med:>10.3f} {p90:>8.3f} {base:>12.4f} {med / base:>6.0f}x")
    overall, base = statistics.median(all_coach), statistics.median(all_base)
    p90 = sorted(all_coach)[int(0.9 * (len(all_coach) - 1))]
    print(f"{'all answers':12} {overall:>10.3f} {p90:>8.3f} {base:>12.4f} {overall / base:>6.0f}x")

    best = {s: next(i for i in items if i.step == s and i.label == 5) for s in STEPS}

    def six_feedbacks():
        return [coach.step_feedback(bank.get(i.question), s, i.answer, code=i.code, tests=i.tests,
                                    complexity=i.measured) for s, i in best.items()]

    q = bank.get(best["implement"].question)
    delivery = [speech.measure(i.answer) for i in best.values()]
    coding = CodingSession(q, six_feedbacks(), tests=best["implement"].tests, complexity="O(n)",
                           delivery=delivery, hints_used=1, seconds_used=1800, time_limit_seconds=2700)
    answers = [i for i in items if i.step == "behavioral"][:5]
    behavioral = BehavioralSession([
        BehavioralAnswer(bank.get(a.question), coach.answer_feedback(bank.get(a.question), a.answer), 1,
                         speech.measure(a.answer)) for a in answers
    ])
    base_report = median_ms(lambda: [keyword_score(i.answer) for i in best.values()], args.repeat * 10)[0]
    coding_ms, coding_p90 = median_ms(lambda: coach.coding_report(coding), args.repeat * 10)
    behavioral_ms, behavioral_p90 = median_ms(lambda: coach.behavioral_report(behavioral), args.repeat * 10)
    full_ms, _ = median_ms(lambda: coach.coding_report(CodingSession(q, six_feedbacks(), delivery=delivery)),
                           args.repeat * 5)
    print()
    print(f"{'report':28} {'median ms':>10} {'p90 ms':>8}")
    print(f"{'coding report':28} {coding_ms:>10.3f} {coding_p90:>8.3f}   "
          f"{coding_ms / base_report:.1f}x the baseline scoring six answers ({base_report:.3f} ms)")
    print(f"{'behavioral report (5 q)':28} {behavioral_ms:>10.3f} {behavioral_p90:>8.3f}")
    print(f"{'six step feedbacks + report':28} {full_ms:>10.3f}")
    print()
    print(f"targets: step feedback < 20 ms ({'met' if overall < 20 else 'MISSED'}: median {overall:.2f} ms), "
          f"report < 100 ms ({'met' if max(coding_ms, behavioral_ms) < 100 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
