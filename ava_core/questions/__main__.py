"""``python -m ava_core.questions check``: validate the bank and count its questions. Running the
reference solutions is the judge's: ``python -m ava_core.judge bank``."""

from __future__ import annotations

import argparse
import sys

from ava_core.questions.bank import load_bank
from ava_core.questions.problems import InvalidQuestion
from ava_core.questions.schema import DIFFICULTIES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ava_core.questions")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every question file")
    check.add_argument("path", nargs="?", help="the bank folder (default: the shipped bank)")
    args = parser.parse_args(argv)
    try:
        bank = load_bank(args.path)
    except InvalidQuestion as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{len(bank.coding)} coding and {len(bank.behavioral)} behavioral questions are valid.")
    for d in DIFFICULTIES:
        print(f"  {d}: {sum(q.difficulty == d for q in bank.coding)} coding")
    return 0


if __name__ == "__main__":
    sys.exit(main())
