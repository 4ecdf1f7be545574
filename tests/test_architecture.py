"""The layout holds: no import circle in ava_core, counting imports inside functions and under
TYPE_CHECKING too; no module imports a layer above its own (docs/architecture.md draws them);
and no backend family's interface imports its own providers."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "ava_core"
# interface module -> the provider modules it must never import (they register themselves)
INTERFACES = {
    "ava_core.judge": {"ava_core.judge.sandbox", "ava_core.judge.piston"},
    "ava_core.judge.executors": {"ava_core.judge.sandbox", "ava_core.judge.piston"},
    "ava_core.interviewer": {"ava_core.interviewer.offline", "ava_core.interviewer.claude"},
    "ava_core.speech": {"ava_core.speech.whisper_local", "ava_core.speech.openai_api"},
    "ava_core.speech.transcription": {"ava_core.speech.whisper_local", "ava_core.speech.openai_api"},
    "ava_core.registry": {"ava_core.judge.sandbox", "ava_core.judge.piston",
                          "ava_core.interviewer.offline", "ava_core.interviewer.claude",
                          "ava_core.speech.whisper_local", "ava_core.speech.openai_api"},
}

# ava_core's layers, lowest first: a module may import its own layer and those below it.
# Command-line entry points (__main__) stand above every layer.
LAYERS = [
    {"errors", "vocabulary", "sentences", "settings", "registry", "retry", "hosting", "confine"},
    {"store", "questions"},
    {"judge", "speech", "resume", "transcription", "accounts"},
    {"interviewer"},
    {"interview", "evaluation"},
    {"progress", "overview"},
]


def layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    return next(i for i, names in enumerate(LAYERS) if top in names)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def imports(path: Path, known: set[str]) -> set[str]:
    """Every ava_core module that ``path`` imports, wherever the import statement stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in known else node.module)
    return {name for name in found if name in known}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, set(known)) - {name} for name, path in known.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_there_is_no_import_circle():
    assert circles(graph()) == []


def test_the_circle_finder_finds_one():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_a_layer_above_its_own():
    edges = graph()
    named = {m.split(".")[1] for m in edges if "." in m and m.split(".")[-1] != "__main__"}
    assert named <= set().union(*LAYERS), "a new module of ava_core: give it a layer"
    upward = sorted(f"{a} -> {b}" for a, targets in edges.items() for b in targets
                    if a != "ava_core" and not a.endswith("__main__") and layer(b) > layer(a))
    assert upward == []


def test_no_interface_imports_its_providers():
    edges = graph()
    assert {name: sorted(edges[name] & providers) for name, providers in INTERFACES.items()
            if edges[name] & providers} == {}


def store_calls(source: str) -> list[str]:
    """Calls into the store's repositories (``<...>.store.<repository>.<method>(``)."""
    return [
        ast.unparse(node.func) for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Attribute)
        and isinstance(node.func.value.value, ast.Attribute) and node.func.value.value.attr == "store"
    ]


def test_pages_reach_the_store_only_through_ava_core():
    """Pages get data through the interviews and named queries of ava_core, never the Store."""
    assert store_calls("x = svc.store.sessions.list_sessions(uid)") == ["svc.store.sessions.list_sessions"]
    for page in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        assert store_calls(page.read_text()) == [], page.name
