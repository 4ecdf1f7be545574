"""Implement: the tests decide the base score; readability issues and slower code take points off."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ava_core.interviewer.inputs import TestFacts
from ava_core.interviewer.offline.question import test_notes
from ava_core.interviewer.offline.scoring import Scored, evidence_list, lower_first
from ava_core.interviewer.text import Text
from ava_core.questions import COMPLEXITY_CLASSES
from ava_core.questions.bounds import bound
from ava_core.sentences import join_words as _join

if TYPE_CHECKING:
    from ava_core.interviewer.offline.coverage import Coverage
    from ava_core.questions import CodingQuestion

_CONVENTIONAL = frozenset("ijknx_")


@lru_cache(maxsize=16)
def parse_code(code: str) -> ast.Module | None:
    """The candidate's code as a tree, or None when Python cannot read it: a syntax error, or code
    crafted to exhaust the parser ("-" * 100_000 + "1" raises MemoryError, deep nesting RecursionError).
    Parsed once for all the readers of one answer; they only walk the tree, never change it."""
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def defines(code: str | None, name: str) -> bool:
    """Whether ``code`` defines a function called ``name``: the question's own entry point."""
    tree = parse_code(code) if code else None
    return tree is not None and any(
        isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name for n in ast.walk(tree))


def readability_issues(code: str) -> list[str]:
    """What makes ``code`` harder to read; [] for clean code. ``["does not parse"]`` on a syntax error."""
    tree = parse_code(code)
    if tree is None:
        return ["does not parse"]
    issues = []
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    params = {a.arg for f in functions for a in f.args.args}
    stored = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    loaded = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    cryptic = sorted(n for n in stored | params if len(n) == 1 and n not in _CONVENTIONAL)
    if cryptic:
        issues.append(f"single-letter names ({', '.join(cryptic)})")
    if any(
        isinstance(n, ast.Call) and getattr(n.func, "id", None) == "range" and n.args
        and isinstance(n.args[0], ast.Call) and getattr(n.args[0].func, "id", None) == "len"
        for n in ast.walk(tree)
    ):
        issues.append("range(len(...)) where enumerate or direct iteration reads better")
    unused = sorted(n for n in stored - loaded if n != "_")
    if unused:
        issues.append(f"assigns {', '.join(unused)} but never uses it")
    mutated = set()
    for n in ast.walk(tree):
        if (
            isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("sort", "reverse", "clear")
            and isinstance(n.func.value, ast.Name) and n.func.value.id in params
        ):
            mutated.add(n.func.value.id)
        if isinstance(n, ast.Delete):
            for target in n.targets:
                base = target
                while isinstance(base, ast.Subscript):
                    base = base.value
                if isinstance(base, ast.Name) and base.id in params:
                    mutated.add(base.id)
    if mutated:
        issues.append(f"changes its input ({', '.join(sorted(mutated))}) in place")
    for loop in (n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.While))):
        if any(isinstance(n, ast.Delete) for n in ast.walk(loop)):
            issues.append("deletes from a list inside a loop")
            break
    if _depth(tree) > 4:
        issues.append("nested more than four blocks deep")
    if any((f.end_lineno or 0) - f.lineno > 40 for f in functions):
        issues.append("a function longer than 40 lines")
    return issues


_WALKING_CALLS = frozenset("sum min max sorted any all list set tuple".split())
_WALKING_METHODS = frozenset("index count remove insert sort".split())
_SHIFTING_CALLS = frozenset("insort insort_left insort_right".split())  # bisect finds the place, then shifts the rest
_GROWING = frozenset("append extend insert add appendleft".split())  # methods: out.append(x)
_FILLING = frozenset({"heappush"}) | _SHIFTING_CALLS  # functions of the collection: heappush(h, x), insort(a, x)
_HASHED = frozenset("set dict defaultdict Counter OrderedDict frozenset".split())


def _shifts(index: ast.expr) -> bool:
    """list.pop(index) moves every later item: pop(0), pop(i); not pop(-1)."""
    return not (isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub))


def _is_list(value: ast.expr) -> bool:
    return isinstance(value, (ast.List, ast.ListComp)) or (
        isinstance(value, ast.Call) and getattr(value.func, "id", None) in ("list", "sorted"))


def _assignments(node: ast.AST) -> list[tuple[str, ast.expr]]:
    """Each name bound in ``node`` with its value: "a = []"; "seen, last = set(), {}" pairwise."""
    out = []
    for n in ast.walk(node):
        if not isinstance(n, ast.Assign):
            continue
        for target in n.targets:
            if isinstance(target, ast.Name):
                out.append((target.id, n.value))
            elif isinstance(target, ast.Tuple) and isinstance(n.value, ast.Tuple) and len(target.elts) == len(n.value.elts):
                out += [(t.id, v) for t, v in zip(target.elts, n.value.elts) if isinstance(t, ast.Name)]
    return out


_BOUNDING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.NotEq)  # "i < len(a)", "j != n": an index against a bound


def loop_depth(code: str, text: frozenset[str] = frozenset(), sequences: frozenset[str] = frozenset()) -> int:
    """How deeply ``for`` loops and comprehensions nest in ``code``, leaving out loops over a fixed
    collection (a literal, a name bound to one, or range of a number): a grid walk's four
    directions add nothing. Nor do loops over a table keyed by the characters of a string
    parameter (``text``: "need = Counter(t)"), which holds at most the alphabet. A ``while``
    loop counts only when it steps an index to the end one at a time or takes one item off a
    collection each turn until it is empty: others often halve or share their work. A call that
    walks a whole collection (sum of a slice, max of a list, list.index, list.sort, pop(i), ``x in``
    a growing list or in a list parameter, ``sequences``) is a loop, and so is ``out = out + [x]``,
    which copies it; a set's or a dict's lookups are not."""
    tree = parse_code(code)
    if tree is None:
        return 0
    assigned = _assignments(tree)
    grown = set()  # names a list or set is added to: out.append(x), seen.add(x), heappush(heap, x), insort(a, x)
    for n in ast.walk(tree):
        if not isinstance(n, ast.Call):
            continue
        f = n.func
        if (f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)) in _FILLING:
            if n.args and isinstance(n.args[0], ast.Name):
                grown.add(n.args[0].id)
        elif isinstance(f, ast.Attribute) and f.attr in _GROWING and isinstance(f.value, ast.Name):
            grown.add(f.value.id)
    fixed = {name for name, value in assigned
             if isinstance(value, (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.Constant)) and name not in grown}
    kinds: dict[str, set[bool]] = {}  # whether each value bound to a name is a list
    for name, value in assigned:
        kinds.setdefault(name, set()).add(_is_list(value))
    lists = {name for name, kind in kinds.items() if kind == {True}}
    hashed = {name for name, value in assigned if isinstance(value, (ast.Dict, ast.DictComp, ast.Set, ast.SetComp)) or (
        isinstance(value, ast.Call) and getattr(value.func, "id", None) in _HASHED)}  # seen.remove(x), d.pop(key): one step

    by_letter = _keyed_by_letter(tree, text, assigned, hashed)

    def sized(iterable: ast.expr) -> bool:
        if isinstance(iterable, (ast.List, ast.Tuple, ast.Set, ast.Constant, ast.Dict)):
            return False
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute) and iterable.func.attr in _VIEWS:
            iterable = iterable.func.value  # need.items(): the table itself
        if isinstance(iterable, ast.Attribute) and getattr(iterable.value, "id", None) == "string":
            return False  # string.ascii_lowercase
        if isinstance(iterable, ast.Name):
            return iterable.id not in fixed | by_letter and not iterable.id.isupper()
        if isinstance(iterable, ast.Call) and getattr(iterable.func, "id", None) == "range":
            return not all(isinstance(a, ast.Constant) for a in iterable.args)
        return True

    def names(node: ast.AST) -> set[str]:
        return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}

    def counts(loop: ast.For | ast.comprehension, parts: frozenset[str]) -> bool:
        """``parts``: names bound by the enclosing loops; a loop over one of them (the letters of
        each word) walks a part of the input, so the two loops together walk it once."""
        return sized(loop.iter) and not (
            names(loop.iter) & parts and not (isinstance(loop.iter, ast.Call) and getattr(loop.iter.func, "id", None) == "range")
        )

    def walks(node: ast.AST, parts: frozenset[str]) -> bool:
        """A call that walks a whole collection once: sum(nums[i:i + k]), max(window), items.index(x)."""
        if not isinstance(node, ast.Call):
            return False
        f = node.func
        called = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
        if called in _SHIFTING_CALLS and node.args and isinstance(node.args[0], ast.Name):  # insort(seen, x)
            return sized(node.args[0]) and node.args[0].id not in parts
        if isinstance(f, ast.Name) and f.id in _WALKING_CALLS and len(node.args) == 1:
            arg = node.args[0]
            target = arg.value if isinstance(arg, ast.Subscript) else arg
            return isinstance(target, ast.Name) and sized(target) and not names(target) & parts
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id not in parts | hashed and (
            f.attr in _WALKING_METHODS or f.attr == "pop" and len(node.args) == 1 and _shifts(node.args[0])
        ):
            return sized(f.value)
        return False

    listed = {name for name, value in assigned if _is_list(value)}

    def copies(node: ast.AST) -> bool:
        """``out = out + [x]``: a new list each time, with everything in the old one copied."""
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.BinOp) and isinstance(node.value.op, ast.Add)):
            return False
        left, right = node.value.left, node.value.right
        return isinstance(left, ast.Name) and any(isinstance(t, ast.Name) and t.id == left.id for t in node.targets) and (
            isinstance(right, (ast.List, ast.ListComp)) or left.id in listed)

    given = sequences - {name for name, _ in assigned}  # list parameters not made into a set or a dict

    def searches(node: ast.AST) -> bool:
        """``x in out`` where out is a list that grows, or a list given: each test walks it."""
        return isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) and any(
            isinstance(c, ast.Name) and (c.id in lists and c.id in grown or c.id in given) for c in node.comparators)

    def steps(loop: ast.While, resets: frozenset[str] | None) -> bool:
        """A while loop that moves an index one step at a time until the end of a collection
        ("while i < len(a): ... i += 1"). Inside another loop it counts only when that loop starts
        the index again each time; a window's left edge that only moves forward shares its steps."""
        test = next((v for v in loop.test.values if isinstance(v, ast.Compare)), loop.test) if isinstance(
            loop.test, ast.BoolOp) else loop.test  # "while j < len(a) and a[j] < x": its first bound
        if not (isinstance(test, ast.Compare) and all(isinstance(op, _BOUNDING) for op in test.ops) and any(
                isinstance(side, ast.Call) and getattr(side.func, "id", None) == "len" or isinstance(side, ast.Name)
                for side in test.comparators)):
            return False  # "while end in values" walks a run, not the input: its steps are not bounded by a size
        index = {test.left.id} if isinstance(test.left, ast.Name) else set()
        moved = {n.target.id for n in ast.walk(loop) if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name)
                 and isinstance(n.op, (ast.Add, ast.Sub)) and isinstance(n.value, ast.Constant)}
        return bool(index & moved) and (resets is None or bool(index & resets))

    def drains(loop: ast.While, resets: frozenset[str] | None) -> frozenset[str] | None:
        """The names a loop that takes one item off a collection each turn until it is empty
        binds to that item ("while queue: node = queue.pop(0)"), or None for another loop. Only
        outside other loops: a stack a for loop pushes to and pops from is shared by all its turns,
        and a search started from each cell of a grid visits each cell once in all."""
        test = loop.test.values[0] if isinstance(loop.test, ast.BoolOp) else loop.test
        if isinstance(test, ast.Compare) and isinstance(test.left, ast.Call) and getattr(test.left.func, "id", None) == "len":
            test = test.left.args[0] if test.left.args else test
        if not isinstance(test, ast.Name) or resets is not None:
            return None
        turn = list(_outside_loops(loop.body))  # a level-by-level search pops in an inner loop: that loop counts
        popped = [n for n in turn if isinstance(n, ast.Assign) and any(_takes(c, test.id) for c in ast.walk(n.value))]
        if not popped and not any(_takes(n, test.id) for n in turn):
            return None
        return frozenset(name for n in popped for target in n.targets for name in names(target))

    def depth(node: ast.AST, parts: frozenset[str], resets: frozenset[str] | None = None) -> int:
        if walks(node, parts) or searches(node) or copies(node):
            return 1 + max((depth(child, parts) for child in ast.iter_child_nodes(node)), default=0)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            # The element is computed inside every one of the comprehension's loops.
            loops, iters = 0, 0
            for generator in node.generators:
                iters = max(iters, depth(generator.iter, parts))
                loops += counts(generator, parts)
                parts = parts | names(generator.target)
            inner = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            inner += [condition for generator in node.generators for condition in generator.ifs]
            return max(iters, loops + max(depth(child, parts) for child in inner))
        if isinstance(node, (ast.For, ast.While)):  # a for loop's iterable is computed once, before it
            body = [*node.body, *node.orelse]
            started = frozenset(name for child in body for name, _ in _assignments(child))
            if isinstance(node, ast.For):
                inside = max((depth(child, parts | names(node.target), started) for child in body), default=0)
                return max(depth(node.iter, parts, resets), inside + counts(node, parts))
            taken = drains(node, resets)
            inside = max((depth(child, parts | (taken or frozenset()), started) for child in [node.test, *body]), default=0)
            return inside + (taken is not None or steps(node, resets))
        return max((depth(child, parts, resets) for child in ast.iter_child_nodes(node)), default=0)

    return depth(tree, frozenset())


_VIEWS = frozenset("items keys values".split())


def _keyed_by_letter(
    tree: ast.Module, text: frozenset[str], assigned: list[tuple[str, ast.expr]], hashed: set[str]
) -> set[str]:
    """The sets and tables of ``tree`` that only ever hold characters of the strings ``text``:
    built from one ("Counter(t)", "set(s)", "{c: 0 for c in t}"), or filled with its characters
    ("have[ch] += 1" where ch runs over s)."""
    if not text:
        return set()

    def of_text(node: ast.expr) -> bool:  # "t", "s[i:j]"
        target = node.value if isinstance(node, ast.Subscript) else node
        return isinstance(target, ast.Name) and target.id in text

    def target_names(target: ast.expr) -> list[str]:  # "for i, ch in enumerate(s)": ch
        last = target.elts[-1] if isinstance(target, ast.Tuple) and target.elts else target
        return [last.id] if isinstance(last, ast.Name) else []

    letters: set[str] = set()
    put: list[tuple[str, ast.expr]] = []  # (table, key) for each key put into a table
    for n in ast.walk(tree):
        if isinstance(n, (ast.For, ast.comprehension)):
            over = n.iter.args[0] if isinstance(n.iter, ast.Call) and getattr(n.iter.func, "id", None) == "enumerate" \
                and n.iter.args else n.iter
            if of_text(over):
                letters.update(target_names(n.target))
        elif isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and isinstance(n.ctx, ast.Store):
            put.append((n.value.id, n.slice))
        elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Subscript) and isinstance(
                n.target.value, ast.Name):
            put.append((n.target.value.id, n.target.slice))
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "add" and isinstance(
                n.func.value, ast.Name) and n.args:
            put.append((n.func.value.id, n.args[0]))
    built: set[str] = set()
    for name, value in assigned:
        if isinstance(value, ast.Call) and getattr(value.func, "id", None) in _HASHED and value.args:
            if of_text(value.args[0]):
                built.add(name)
        elif isinstance(value, (ast.DictComp, ast.SetComp)) and all(of_text(g.iter) for g in value.generators):
            built.add(name)

    def a_letter(key: ast.expr) -> bool:
        return isinstance(key, ast.Name) and key.id in letters or isinstance(key, ast.Subscript) and of_text(key)

    keys: dict[str, list[bool]] = {}  # for each table, whether each key put into it is a character
    for name, key in put:
        keys.setdefault(name, []).append(a_letter(key))
    filled = {name for name, put in keys.items() if name in hashed and all(put)}
    return {name for name in built | filled if all(keys.get(name, [True]))}


def _outside_loops(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of ``body`` except those inside a loop or a comprehension of it."""
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.For, ast.While, ast.comprehension)):
            stack.extend(ast.iter_child_nodes(node))


def _takes(node: ast.AST, name: str) -> bool:
    """A call that takes an item off the collection ``name``: name.pop(...), name.popleft(),
    name.remove(x), heappop(name)."""
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr in ("pop", "popleft", "remove") and isinstance(f.value, ast.Name):
        return f.value.id == name
    called = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
    return called == "heappop" and bool(node.args) and isinstance(node.args[0], ast.Name) and node.args[0].id == name


_MEMO_DECORATORS = frozenset({"cache", "lru_cache"})


def _self_calls(f: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Call]:
    """The calls ``f`` makes to itself."""
    return [n for n in ast.walk(f) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == f.name]


def _functions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def recursive(code: str | None) -> str | None:
    """The name of a function in ``code`` that calls itself: each pending call holds a frame."""
    tree = parse_code(code) if code else None
    if tree is None:
        return None
    return next((f.name for f in _functions(tree) if _self_calls(f)), None)


def table_sizes(code: str | None) -> int | None:
    """How many sizes the largest table ``code`` builds spans: 2 for a list of lists ("[[0] * (n + 1)
    for _ in range(m + 1)]"), 1 for flat lists only ("prev = [0] * (n + 1)"); None when it cannot
    tell: no code, or a dict, a set, a cache or recursion, which may hold a cell per pair as well."""
    tree = parse_code(code) if code else None
    if tree is None or recursive(code):
        return None
    for n in ast.walk(tree):
        if isinstance(n, (ast.Dict, ast.DictComp, ast.Set, ast.SetComp)) or (
                isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", None)) in _HASHED | _MEMO_DECORATORS):
            return None
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _GROWING and any(
                isinstance(a, (ast.List, ast.ListComp)) for a in n.args):
            return None  # rows appended one by one: a table, or not, by how many

    def row(e: ast.expr) -> bool:  # [0, 0], [0] * n, [x for x in a]
        return isinstance(e, (ast.List, ast.ListComp)) or isinstance(e, ast.BinOp) and isinstance(e.left, ast.List)

    for n in ast.walk(tree):
        if isinstance(n, ast.ListComp) and row(n.elt) or (
                isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mult) and isinstance(n.left, ast.List)
                and any(row(e) for e in n.left.elts)):  # [[0] * n for _ in a], [[0] * n] * m
            return 2
    return 1


def table_space(q: CodingQuestion, code: str | None, space: str | None) -> bool | None:
    """Whether a space claimed as a full table (a bound of two sizes, on a question whose solution
    fills one) fits ``code``: True when the code builds the table, False when it keeps flat rows
    only ("O(m * n) for the table" about code that keeps one row); None where the code cannot say,
    and on a grid, where a flat queue of cells holds as much as a table."""
    if space is None or _degree(space) != 2 or _solution_degree(q) != 2 or any(
            p.type.lower().startswith("list[list") for p in q.signature.params):
        return None
    sizes = table_sizes(code)
    return None if sizes is None else sizes == 2


def unmemoized_recursion(code: str) -> str | None:
    """The name of a function that calls itself more than once per call on arithmetic of its
    arguments ("solve(r + 1, c)" and "solve(r, c + 1)") with nothing remembered between calls: its
    calls overlap and their number grows exponentially. A function that stores into a table or
    checks membership may be memoised and is left out, as is recursion on parts of a structure
    (node.left and node.right, halves of a list), which visits each part once."""
    tree = parse_code(code)
    if tree is None:
        return None
    for f in _functions(tree):
        decorators = {getattr(d.func if isinstance(d, ast.Call) else d, "id", None)
                      or getattr(d.func if isinstance(d, ast.Call) else d, "attr", None) for d in f.decorator_list}
        if decorators & _MEMO_DECORATORS:
            continue
        body = list(ast.walk(f))
        if any(isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store) for n in body) or any(
            isinstance(n, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in n.ops) for n in body
        ):
            continue
        calls = [n for n in _self_calls(f) if any(isinstance(a, ast.BinOp) for a in n.args)]
        in_loop = any(isinstance(n, (ast.For, ast.While, ast.comprehension)) and any(c in list(ast.walk(n)) for c in calls)
                      for n in body)
        if len(calls) >= 2 or (calls and in_loop):
            return f.name
    return None


def slice_recursion(code: str) -> str | None:
    """The name of a function that calls itself on a slice of its own argument trimmed at the ends
    ("check(s[1:-1])", "total(nums[1:])"): each call copies what is left, so n calls copy about n²/2
    items. Halves ("s[:mid]") shrink fast enough that their copies add up to O(n) per level, and are left out."""
    tree = parse_code(code)
    if tree is None:
        return None
    halving = (ast.FloorDiv, ast.Div, ast.RShift)

    def trims(arg: ast.expr, params: set[str]) -> bool:
        if not (isinstance(arg, ast.Subscript) and isinstance(arg.slice, ast.Slice)
                and isinstance(arg.value, ast.Name) and arg.value.id in params):
            return False
        bounds = [b for b in (arg.slice.lower, arg.slice.upper) if b is not None]
        return not any(isinstance(n, ast.BinOp) and isinstance(n.op, halving)
                       or isinstance(n, ast.Name) and re.search("mid|half", n.id)
                       for b in bounds for n in ast.walk(b))

    for f in _functions(tree):
        params = {a.arg for a in f.args.args}
        if any(trims(a, params) for call in _self_calls(f) for a in call.args):
            return f.name
    return None


def sorts_input(code: str) -> str | None:
    """The parameter ``code`` sorts whole, outside any loop ("sorted(nums)", "nums.sort()"): that
    alone costs O(n log n). Sorting each word inside a loop sorts a part, and is left out."""
    tree = parse_code(code)
    if tree is None:
        return None
    params = {a.arg for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) for a in f.args.args}
    repeated: list[ast.AST] = []  # what runs again on every turn of a loop (a for loop's iterable runs once)
    for loop in ast.walk(tree):
        if isinstance(loop, (ast.For, ast.While)):
            repeated += [*loop.body, *loop.orelse, *([loop.test] if isinstance(loop, ast.While) else [])]
        elif isinstance(loop, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            repeated += [loop.key, loop.value] if isinstance(loop, ast.DictComp) else [loop.elt]
            repeated += [g.iter for g in loop.generators[1:]] + [c for g in loop.generators for c in g.ifs]
    in_loops = {id(n) for part in repeated for n in ast.walk(part)}
    for n in ast.walk(tree):
        if not isinstance(n, ast.Call) or id(n) in in_loops:
            continue
        if getattr(n.func, "id", None) == "sorted" and n.args:
            target = _whole(n.args[0], params)
        elif isinstance(n.func, ast.Attribute) and n.func.attr == "sort" and isinstance(n.func.value, ast.Name):
            target = n.func.value.id
        else:
            continue
        if target in params:
            return target
    return None


def _whole(value: ast.expr, params: set[str]) -> str | None:
    """The parameter ``value`` holds all of: "nums", "bookings + [new]", "list(words)"; not a part
    of one ("nums[:k]", "graph[node]") or what is made from it ("{ch for w in words for ch in w}")."""
    if isinstance(value, ast.Name):
        return value.id if value.id in params else None
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return _whole(value.left, params) or _whole(value.right, params)
    if isinstance(value, ast.Call) and getattr(value.func, "id", None) in ("list", "tuple", "set") and len(value.args) == 1:
        return _whole(value.args[0], params)
    return None


def time_floor(q: CodingQuestion, code: str) -> tuple[str, str] | None:
    """The least time ``code`` can take, and why, where that is more than the question's solution
    needs: overlapping recursive calls with nothing remembered, loops over the input nested deeper
    than it, recursion on a trimmed slice, or a sort of the whole input."""
    degree = _solution_degree(q)
    if degree is None:
        return None
    branching = unmemoized_recursion(code)
    if branching:
        return "O(2^n)", f"{branching}() calls itself more than once and remembers nothing, so its calls multiply"
    nested = loop_depth(code, *_param_kinds(q))
    if _deeper(nested, degree) and nested <= 3:
        return f"O(n^{nested})", f"its for loops over the input nest {nested} deep"
    sliced = slice_recursion(code)
    if sliced and _deeper(2, degree):
        return "O(n^2)", f"{sliced}() calls itself on a slice, and each slice copies what is left of the input"
    sorted_name = sorts_input(code)
    needs = q.complexity.time if q.complexity else None
    if sorted_name and needs in COMPLEXITY_CLASSES and COMPLEXITY_CLASSES.index(needs) < COMPLEXITY_CLASSES.index("O(n log n)"):
        return "O(n log n)", f"it sorts {sorted_name}, which alone costs O(n log n)"
    return None


def _param_kinds(q: CodingQuestion) -> tuple[frozenset[str], frozenset[str]]:
    """The question's string parameters, whose characters come from a small alphabet, and its list
    parameters, which a membership test walks."""
    params = q.signature.params
    return (frozenset(p.name for p in params if p.type == "str"),
            frozenset(p.name for p in params if p.type.lower().startswith("list")))


def _solution_degree(q: CodingQuestion) -> int | None:
    """The polynomial degree of the question's best solution; None without facts or for an exponential one."""
    return _degree(q.facts.approaches[0].time) if q.facts else None


def _deeper(nested: int, degree: int | None) -> bool:
    """Loops nested deeper than the solution needs (one loop is always allowed)."""
    return degree is not None and nested > max(degree, 1)


def _degree(time: str) -> int | None:
    """The polynomial degree of a bound (O(n log n): 1, O(r * c): 2); None for an exponential."""
    read = bound(time)
    if read is None or any("^(" in base or "!" in base for term in read.terms for base, _ in term):
        return None
    return max(
        (int(sum(power for base, power in term if not base.startswith(("log", "sqrt", "min")))) for term in read.terms),
        default=0,
    )


def _depth(node: ast.AST, level: int = 0) -> int:
    blocks = (ast.For, ast.While, ast.If, ast.With, ast.Try, ast.FunctionDef, ast.AsyncFunctionDef)
    deepest = level
    for child in ast.iter_child_nodes(node):
        deepest = max(deepest, _depth(child, level + isinstance(child, blocks)))
    return deepest


def score_implement(
    q: CodingQuestion, t: Text, covered: Coverage | None, code: str | None, tests: TestFacts | None,
    measured: str | None,
) -> Scored:
    issues = readability_issues(code) if code and code.strip() else []
    declared = q.complexity.time if q.complexity else None
    slower = bool(
        measured and declared and measured in COMPLEXITY_CLASSES
        and COMPLEXITY_CLASSES.index(measured) > COMPLEXITY_CLASSES.index(declared)
    )
    degree = _solution_degree(q)
    nested = loop_depth(code, *_param_kinds(q)) if code and degree is not None else 0
    deeper = _deeper(nested, degree)
    branching = unmemoized_recursion(code) if code and degree is not None else None
    evidence: list[str | None] = []
    found, facts = [], []
    if tests is not None and tests.total:
        ratio = tests.ratio
        base = 5 if ratio == 1 else 4 if ratio >= 0.9 else 3 if ratio >= 0.7 else 2 if tests.passed else 1
        if tests.verdict in ("syntax_error", "missing_function"):
            base = 1
        evidence.append(f"tests: {tests.passed} of {tests.total} passed")
        if tests.failing:
            evidence.append(f"failed: {', '.join(tests.failing[:3])}")
        found.append(f"passed {tests.passed} of {tests.total} tests")
    elif code and code.strip():
        base = 1 if issues == ["does not parse"] else 3
        found.append("wrote code that was not run against the tests")
    else:
        base = 1
    score = base
    if len(issues) >= 2 and base > 1:
        score -= 1
    if slower and score > 1:
        score -= 1
        evidence.append(f"measured {measured} against the expected {declared}")
        facts.append(f"Your code measures {measured}, slower than {declared}.")
    took = covered.own_wrong if covered else None
    thin = covered is not None and covered.count - len(covered.wrong_approaches) < 2
    if base >= 4 and (took or deeper or branching):
        score = min(score, 3)
        if branching:
            evidence.append(f"code: {branching} calls itself more than once with nothing remembered")
        if deeper:
            evidence.append(f"code: for loops nested {nested} deep where the solution needs {degree}")
        if took:
            evidence.append(f'{took.fact.verdict}: "{took.passage.text.strip()}"')
    elif base >= 4 and thin:
        score = min(score, 4)
    for issue in issues:
        evidence.append(f"code: {issue}")
    if issues and issues != ["does not parse"]:
        facts.append(f"Readability: {_join(issues)}.")

    if not code or not code.strip():
        improvement = "Write the code for your plan and run it on the examples before you submit."
    elif issues == ["does not parse"]:
        improvement = "Fix the syntax error first: run the code on the examples after every few lines."
    elif tests is None:
        improvement = "Run the code on the examples, then submit it against the hidden tests."
    elif tests.passed < tests.total:
        hint = f" ({_join(test_notes(q))})" if test_notes(q) else ""
        improvement = (
            f"{tests.total - tests.passed} test{'s' * (tests.total - tests.passed > 1)} failed: "
            f"trace a failing case by hand and check the edge cases{hint}."
        )
    elif slower:
        improvement = f"It passes, but it is {measured}; rework it to reach {declared}."
    elif took:
        improvement = f"It passes, but it is {took.fact.name}: {took.fact.why}"
    elif branching and q.facts:
        improvement = (
            f"It passes, but {branching} calls itself more than once per call and remembers nothing, so "
            f"the same calls repeat and their number grows exponentially; store each result (a table or "
            f"functools.cache) to reach {q.facts.approaches[0].time}."
        )
    elif deeper and q.facts:
        improvement = (
            f"It passes, but its loops nest {nested} deep, slower than the {q.facts.approaches[0].time} "
            f"the question allows: {q.facts.approaches[0].idea}"
        )
    elif thin and q.facts:
        improvement = (
            "It passes; now say how it works as you write it, so the interviewer can follow: "
            f"{lower_first(q.facts.approaches[0].idea)}"
        )
    elif issues:
        improvement = f"It passes; now make it read well: fix the {issues[0]}."
    else:
        improvement = "Clean and correct: keep naming things for what they hold."
    details = {
        "tests": {"passed": tests.passed, "total": tests.total, "verdict": tests.verdict} if tests else None,
        "readability_issues": issues, "measured": measured, "slower_than_expected": slower,
        "loop_depth": nested, "took": took.fact.name if took else None, "unmemoized": branching,
    }
    return Scored(score, found, evidence_list(*evidence), improvement, details, facts)
