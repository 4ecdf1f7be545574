"""``python -m ava_core.judge bank``: run every reference solution of the bank in the sandbox
against its tests; ``--complexity`` also measures each one against the complexity it declares."""

from __future__ import annotations

import argparse
import sys

from ava_core import judge
from ava_core.questions import InvalidQuestion, load_bank


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ava_core.judge")
    sub = parser.add_subparsers(dest="command", required=True)
    bank_parser = sub.add_parser("bank", help="run each coding question's reference solution")
    bank_parser.add_argument("path", nargs="?", help="the bank folder (default: the shipped bank)")
    bank_parser.add_argument("--complexity", action="store_true", help="measure each solution too")
    bank_parser.add_argument("--only", help="only this question id")
    args = parser.parse_args(argv)
    try:
        bank = load_bank(args.path)
    except InvalidQuestion as exc:
        print(exc, file=sys.stderr)
        return 1
    failures = 0
    for q in (q for q in bank.coding if not args.only or q.id == args.only):
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
