"""Behavioral mode's set-up figures: resume parse median time on the committed fixtures, and
personalized question generation time offline.

Baselines in the same run: PyMuPDF's plain text extraction of the same files (the floor under
any parse), and picking the same number of questions from the behavioral bank at random (the
floor under any generation).

    python bench/behavioral_bench.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    import pymupdf

    from ava_core.interviewer import get_interviewer
    from ava_core.questions import load_bank
    from ava_core.resume import parse_resume
    from ava_core.settings import load_settings

    bank = load_bank()
    coach = get_interviewer("offline", load_settings({}))
    files = sorted((ROOT / "tests" / "fixtures" / "resumes").glob("*.pdf"))
    print(f"{'resume':<16}{'pages':>6}{'parse ms':>10}{'text only ms':>14}{'ratio':>7}"
          f"{'5 questions ms':>16}{'random pick ms':>16}")
    parses, generations = [], []
    for path in files:
        data = path.read_bytes()
        parsed = parse_resume(data)

        def text_only():
            with pymupdf.open(stream=data, filetype="pdf") as doc:
                return "".join(page.get_text() for page in doc)

        parse = median_ms(lambda: parse_resume(data), args.repeat)
        floor = median_ms(text_only, args.repeat)
        generate = median_ms(lambda: coach.generate_questions(parsed, n=5, bank=bank), args.repeat)
        rng = random.Random(1)
        pick = median_ms(lambda: [q.text for q in rng.sample(bank.behavioral, 5)], args.repeat)
        parses.append(parse)
        generations.append(generate)
        print(f"{path.stem:<16}{parsed.page_count:>6}{parse:>10.2f}{floor:>14.2f}{parse / floor:>7.1f}"
              f"{generate:>16.2f}{pick:>16.3f}")
    print(f"\nresume parse, median over the fixtures: {statistics.median(parses):.2f} ms "
          f"(target < 50 ms for 2 pages: {'met' if max(parses) < 50 else 'MISSED'})")
    print(f"question generation offline (5 questions), median: {statistics.median(generations):.2f} ms")


if __name__ == "__main__":
    main()
