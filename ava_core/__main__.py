"""Ava from a shell: ``python -m ava_core db upgrade`` and friends, ``python -m ava_core eval``."""

from __future__ import annotations

import argparse
import sys

from ava_core.store import db
from ava_core.errors import AvaError
from ava_core.settings import load_settings, redact_url
from ava_core.store import Store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ava_core", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    db_parser = commands.add_parser("db", help="database schema")
    db_commands = db_parser.add_subparsers(dest="action", required=True)
    db_commands.add_parser("upgrade", help="bring the configured database to the newest schema")
    db_commands.add_parser("current", help="print the database's schema revision")
    db_commands.add_parser("schema-sql", help="print the schema as PostgreSQL DDL (for Supabase)")
    eval_parser = commands.add_parser(
        "eval", help="score the labelled answer pairs in ava_core/data/eval/pairs with an interviewer, "
        "beside two baselines"
    )
    eval_parser.add_argument("--provider", default="offline", help="offline (default), claude or auto")
    eval_parser.add_argument("--path", help="a folder or file of pairs (default: ava_core/data/eval/pairs)")
    eval_parser.add_argument("--half", default="test", choices=["test", "development", "all"],
                             help="which half of split.yaml to score (default: test)")
    eval_parser.add_argument("--measure", action="store_true",
                             help="also measure the complexity of the Evaluate answers' code (slower)")
    eval_parser.add_argument("--misses", action="store_true", help="list the pairs the provider gets wrong")
    args = parser.parse_args(argv)

    try:
        if args.command == "eval":
            from ava_core.evaluation import evaluate, load_pairs

            result = evaluate(args.provider, load_pairs(args.path), half=args.half, measure=args.measure)
            print(result.table())
            if args.misses:
                for s in result.misses():
                    print(f"{s.pair.id}: {s.stronger} <= {s.weaker}")
            return 0
        if args.action == "schema-sql":
            sys.stdout.write(db.postgres_schema_sql())
            return 0
        settings = load_settings()
        engine = db.make_engine(settings.db_url)
        where = redact_url(settings.db_url)
        if args.action == "upgrade":
            before = db.current_revision(engine)
            db.upgrade(engine)
            filled = Store(engine).sessions.fill_summaries()
            after = db.current_revision(engine)
            change = "already up to date" if before == after else f"{before or 'empty'} -> {after}"
            summaries = f"; summarized {filled:,} sessions" if filled else ""
            print(f"{where}: {change} (revision {after}{summaries})")
        else:
            current = db.current_revision(engine)
            state = "up to date" if current == db.head_revision() else "needs `db upgrade`"
            print(f"{where}: revision {current or 'none (empty database)'}, {state}")
        return 0
    except AvaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
