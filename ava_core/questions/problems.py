"""What is wrong with a file of the bank, said per field: the problems found, the error that
carries them, and reading YAML (duplicate keys refused) that reports its own problems."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ava_core.errors import InvalidInput


@dataclass(frozen=True)
class Problem:
    path: str  # the file, or "" for a question that is not from a file
    field: str  # dotted, with list indexes: "tests[3].input"
    message: str

    def __str__(self) -> str:
        where = ": ".join(x for x in (self.path, self.field) if x)
        return f"{where}: {self.message}" if where else self.message


class InvalidQuestion(InvalidInput):
    """One or more questions are invalid; ``problems`` lists each with its path and field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        self.path = problems[0].path
        shown = "\n".join(f"- {p}" for p in problems[:20])
        more = f"\n- ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(
            f"{len(problems)} {noun} in the question bank:\n{shown}{more}\n"
            "Fix the fields listed (ava_core/data/questions/README.md describes each one) and load again.",
            field=problems[0].field,
        )


def field_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def pydantic_problems(path: str, exc: ValidationError, prefix: str = "") -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = field_path(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        problems.append(Problem(path, prefix + loc if loc else prefix.rstrip("."), msg))
    return problems



# --- YAML ---------------------------------------------------------------------------------------


def _yaml_loader():
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        """Safe YAML that rejects duplicate keys and reads 1e-5 as a float."""

    def mapping(loader, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return loader.construct_mapping(node, deep=deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
        list("-+0123456789"),
    )
    return yaml, Loader


def read_yaml(path: Path) -> tuple[Any, Problem | None]:
    yaml, loader = _loader()
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        return None, Problem(str(path), where, f"not valid YAML: {reason}")
    except (OSError, UnicodeDecodeError) as exc:
        return None, Problem(str(path), "", f"cannot be read: {exc}")


@lru_cache(maxsize=1)
def _loader():
    return _yaml_loader()

