#!/usr/bin/env python3
"""Check that a fresh install of requirements.txt runs the app.

Two checks, run in an environment where only requirements.txt is installed:

- names: every third-party module imported anywhere in app.py, pages/, ava_app/ and ava_core/
  (inside functions too) comes from a distribution that requirements.txt names. An import inside
  ``try: ... except ImportError`` is an optional extra and is skipped.
- imports: every module of the ava_core and ava_app packages imports, and every import statement of app.py and
  pages/ runs (the pages themselves need a Streamlit session, so only their imports are run).

Usage: python3 .ci/check_requirements.py [--root DIR]. Prints each problem and exits 1 on any.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.metadata as metadata
import re
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

APP_FILES = ("app.py", "pages/**/*.py", "ava_app/**/*.py", "ava_core/**/*.py")
PACKAGES = ("ava_core", "ava_app")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def named_distributions(requirements: Path) -> set[str]:
    """The distributions a requirements file names (``-r`` includes followed, options skipped)."""
    names = set()
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith(("-r ", "--requirement ")):
            names |= named_distributions(requirements.parent / line.split(None, 1)[1])
        elif line and not line.startswith("-"):
            match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
            if match:
                names.add(canonical(match.group(0)))
    return names


def _optional(parents: list[ast.AST]) -> bool:
    """True when an import sits in a ``try`` whose handlers catch ImportError."""
    for node in parents:
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                caught = "" if handler.type is None else ast.unparse(handler.type)
                if handler.type is None or "ImportError" in caught or "ModuleNotFoundError" in caught:
                    return True
    return False


def import_statements(path: Path) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every absolute import statement of a file, with whether it is optional."""
    tree = ast.parse(path.read_text(), str(path))
    stack: list[tuple[ast.AST, list[ast.AST]]] = [(tree, [])]
    while stack:
        node, parents = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import) or (isinstance(child, ast.ImportFrom) and child.level == 0):
                yield child, _optional(parents + [node])
            stack.append((child, parents + [node]))


def top_modules(statement: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(statement, ast.Import):
        return [alias.name.split(".")[0] for alias in statement.names]
    return [statement.module.split(".")[0]] if statement.module else []


def app_files(root: Path) -> list[Path]:
    return sorted({path for pattern in APP_FILES for path in root.glob(pattern)})


def unnamed_imports(root: Path) -> list[str]:
    """Third-party imports whose distribution requirements.txt does not name."""
    named = named_distributions(root / "requirements.txt")
    local = {p.name for p in root.iterdir() if p.is_dir()} | {p.stem for p in root.glob("*.py")}
    providers = metadata.packages_distributions()
    problems = []
    for path in app_files(root):
        for statement, optional in import_statements(path):
            for top in top_modules(statement):
                if optional or top in sys.stdlib_module_names or top in local or top == "__future__":
                    continue
                where = f"{path.relative_to(root)}:{statement.lineno}"
                dists = sorted({canonical(d) for d in providers.get(top, [])})
                if not dists:
                    problems.append(
                        f"{where} imports `{top}`, which no installed distribution provides; "
                        f"requirements.txt must name the distribution that provides `{top}`"
                    )
                elif not set(dists) & named:
                    problems.append(
                        f"{where} imports `{top}`, which comes from {' or '.join(dists)}; "
                        f"requirements.txt does not name it (add a line `{dists[0]}`)"
                    )
    return sorted(set(problems))


def broken_imports(root: Path) -> list[str]:
    """Modules of the app that fail to import, and import statements of the pages that fail."""
    sys.path.insert(0, str(root))
    problems = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if not all((folder / "__init__.py").exists() for folder in path.parents if root in folder.parents):
                continue  # not a package module (Alembic loads migrations/ by path)
            parts = path.relative_to(root).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            try:
                importlib.import_module(module)
            except BaseException as exc:  # noqa: BLE001 (a module may raise anything, SystemExit too)
                problems.append(f"{path.relative_to(root)}: importing {module} fails: {_last_line(exc)}")
    for path in [root / "app.py", *sorted((root / "pages").glob("*.py"))]:
        for statement, optional in import_statements(path):
            if optional:
                continue
            try:
                exec(compile(ast.Module([statement], []), str(path), "exec"), {})
            except BaseException as exc:  # noqa: BLE001
                problems.append(
                    f"{path.relative_to(root)}:{statement.lineno}: `{ast.unparse(statement)}` fails: "
                    f"{_last_line(exc)}"
                )
    return problems


def _last_line(exc: BaseException) -> str:
    return traceback.format_exception_only(exc)[-1].strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    root = parser.parse_args(argv).root.resolve()
    problems = unnamed_imports(root) + broken_imports(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_requirements: {len(problems)} problem(s): a fresh install of requirements.txt "
              "would fail to run the app")
        return 1
    print("check_requirements: every module the app imports is named in requirements.txt and imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
