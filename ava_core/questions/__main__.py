"""``python -m ava_core.questions check``: validate the bank; ``--run`` also runs every reference
solution in the sandbox, ``--complexity`` measures it."""

from __future__ import annotations

import argparse
import sys

from ava_core import judge
from ava_core.questions.bank import load_bank
from ava_core.questions.problems import InvalidQuestion
from ava_core.questions.schema import DIFFICULTIES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ava_core.questions")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every question file")
    check.add_argument("path", nargs="?", help="the bank folder (default: the shipped bank)")
    check.add_argument("--run", action="store_true", help="run each reference solution in the sandbox")
    check.add_argument("--complexity", action="store_true", help="measure each reference solution")
    check.add_argument("--only", help="check only this question id")
    args = parser.parse_args(argv)
    try:
        bank = load_bank(args.path)
    except InvalidQuestion as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{len(bank.coding)} coding and {len(bank.behavioral)} behavioral questions are valid.")
    for d in DIFFICULTIES:
        print(f"  {d}: {sum(q.difficulty == d for q in bank.coding)} coding")
    failures = 0
    targets = [q for q in bank.coding if not args.only or q.id == args.only]
    if args.run or args.complexity:
        for q in targets:
            if args.run:
                report = judge.run_tests(q.solution or "", q, hide_hidden=False)
                failures += report.verdict != "accepted"
                print(f"{q.id}: {report.message}")
            if args.complexity:
                cx = judge.measure_complexity(q.solution or "", q)
                failures += not cx.agrees
                print(f"{q.id}: declared {cx.declared}, measured {cx.label} "
                      f"(confidence {cx.confidence:.2f}, {cx.seconds:.1f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
