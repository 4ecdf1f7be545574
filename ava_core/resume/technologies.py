"""The technologies Ava recognises in a resume, from ``ava_core/data/technologies.txt``: which
are named in a text, most mentioned first."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

TECHNOLOGIES_FILE = Path(__file__).resolve().parent.parent / "data" / "technologies.txt"


@lru_cache(maxsize=1)
def _technology_vocabulary() -> tuple[re.Pattern, re.Pattern, dict[str, str], dict[str, str]]:
    """Patterns for the spellings that ignore case and those that do not, and each one's name."""
    loose: dict[str, str] = {}
    exact: dict[str, str] = {}
    for raw in TECHNOLOGIES_FILE.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        spellings = [s.strip() for s in raw.split("|")]
        name = spellings[0].lstrip("=")
        for s in spellings:
            if s.startswith("=") or len(s) == 1:
                exact[s.lstrip("=")] = name
            else:
                loose[s.lower()] = name
    words = [w for w in exact if len(w) > 1]

    def pattern(words, after, flags):
        return re.compile(rf"(?<![\w.@/#+-]){_alternation(words)}(?!{after})", flags)

    # An everyday word must stand alone: "Go" but not "Go-to".
    return pattern(loose, r"[\w+#]|\.\w", re.I), pattern(words, r"[\w+#-]|\.\w", 0), loose, exact


def _alternation(words) -> str:
    """A pattern for any of ``words``, factored like a trie so that matching stays fast; at each
    branch the longer spelling is tried first ("Node.js" before "Node")."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{group})?" if "" in node else group

    return walk(trie)


def technology_aliases() -> dict[str, str]:
    return _technology_vocabulary()[2]


def find_technologies(text: str, skills: list[str]) -> list[str]:
    loose_re, exact_re, loose, exact = _technology_vocabulary()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    hits = [(m.start(), loose[m.group().lower()]) for m in loose_re.finditer(text)]
    hits += [(m.start(), exact[m.group()]) for m in exact_re.finditer(text)]
    hits += [(len(text), exact[s]) for s in skills if len(s) == 1 and s in exact]
    for at, name in hits:
        counts[name] += 1
        first[name] = min(first.get(name, at), at)
    return sorted(counts, key=lambda n: (-counts[n], first[n]))
