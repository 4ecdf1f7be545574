"""What is wrong with a question, said per field, for the bank's loader and the add-a-question form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from pydantic import ValidationError

from ava_core.questions.problems import InvalidQuestion, Problem, pydantic_problems
from ava_core.questions.schema import (
    MIN_EXAMPLES,
    MIN_TESTS,
    BehavioralQuestion,
    CodingQuestion,
    Pattern,
    Question,
    defines,
    load_patterns,
)


def _shape_problems(value: Any, adapter: str) -> str | None:
    if adapter == "json" or value is None:
        return None
    if adapter.startswith("list:"):
        if not isinstance(value, list) or any(x is not None and not isinstance(x, list) for x in value):
            return "must be a list of lists (one per linked list or tree)"
        return None
    if not isinstance(value, list):
        what = "linked list" if adapter == "linked_list" else "tree (level order, null for gaps)"
        return f"must be a JSON list: a {what}"
    if adapter == "linked_list" and None in value:
        return "a linked list cannot contain null"
    return None


def coding_problems(
    q: CodingQuestion, *, complete: bool, patterns: Mapping[str, Pattern] | None = None
) -> list[tuple[str, str]]:
    """Cross-field rules: the signature, test inputs, code blocks, the facts' pattern names;
    bank completeness if asked."""
    problems: list[tuple[str, str]] = _facts_problems(q, patterns)
    try:
        sig = q.signature
    except ValueError as exc:
        return [("starter_code", str(exc))]
    names = sig.param_names
    for group, cases in (("examples", q.examples), ("tests", q.tests)):
        for i, case in enumerate(cases):
            missing = [n for n in names if n not in case.input]
            extra = [k for k in case.input if k not in names]
            if missing or extra:
                detail = "; ".join(
                    x for x in (
                        f"missing {', '.join(missing)}" if missing else "",
                        f"unknown {', '.join(extra)}" if extra else "",
                    ) if x
                )
                problems.append((f"{group}[{i}].input", f"{detail} (the parameters are {names})"))
            for p in sig.params:
                bad = _shape_problems(case.input.get(p.name), p.adapter)
                if bad:
                    problems.append((f"{group}[{i}].input.{p.name}", bad))
            bad = _shape_problems(case.output, sig.return_adapter)
            if bad:
                problems.append((f"{group}[{i}].output", bad))
    for name, code, fn in (("solution", q.solution, q.function),
                           ("generator.code", q.generator.code if q.generator else None, "generate"),
                           ("checker", q.checker, "check")):
        if code is not None:
            why = defines(code, fn)
            if why:
                problems.append((name, why))
    if q.compare == "checker" and not q.checker:
        problems.append(("checker", "compare: checker needs a checker defining check(args, expected, got)"))
    if q.checker and q.compare != "checker":
        problems.append(("checker", "a checker is only used with compare: checker"))
    if q.tolerance is not None and q.compare != "float":
        problems.append(("tolerance", "tolerance is only used with compare: float"))
    if q.generator and q.generator.min_n > q.generator.max_n:
        problems.append(("generator.min_n", "min_n must not exceed max_n"))
    if complete:
        needs = (
            ("examples", len(q.examples) >= MIN_EXAMPLES, f"at least {MIN_EXAMPLES} examples are needed"),
            ("tests", len(q.tests) >= MIN_TESTS, f"at least {MIN_TESTS} hidden tests are needed, found {len(q.tests)}"),
            ("constraints", bool(q.constraints), "list at least one constraint"),
            ("solution", bool(q.solution), "a reference solution is needed"),
            ("complexity", q.complexity is not None, "time and space complexity are needed"),
            ("patterns", bool(q.patterns), "name at least one pattern"),
            ("hints", bool(q.hints), "give at least one hint"),
            ("generator", q.generator is not None, "an input generator is needed"),
            ("facts", q.facts is not None, "facts are needed: the offline coach judges every step by them (see README.md)"),
        )
        problems.extend((f, msg) for f, ok, msg in needs if not ok)
    return problems


def _facts_problems(q: CodingQuestion, patterns: Mapping[str, Pattern] | None) -> list[tuple[str, str]]:
    if q.facts is None:
        return []
    if patterns is None:
        patterns = load_patterns()
    problems = []
    for group in ("approaches", "wrong_approaches"):
        for i, approach in enumerate(getattr(q.facts, group)):
            problems += [
                (f"facts.{group}[{i}].patterns", f"unknown pattern {name!r}: add it to patterns.yaml first")
                for name in approach.patterns if name not in patterns
            ]
    return problems


def behavioral_problems(q: BehavioralQuestion, *, complete: bool) -> list[tuple[str, str]]:
    if not complete:
        return []
    needs = (
        ("signals", len(q.signals) >= 2, "list at least 2 signals of a strong answer"),
        ("follow_ups", bool(q.follow_ups), "give at least one follow-up prompt"),
    )
    return [(f, msg) for f, ok, msg in needs if not ok]


@overload
def validate_question(
    data: Mapping[str, Any], *, kind: Literal["coding"], complete: bool = ..., path: str = ...,
    patterns: Mapping[str, Pattern] | None = ...,
) -> CodingQuestion: ...


@overload
def validate_question(
    data: Mapping[str, Any], *, kind: Literal["behavioral"], complete: bool = ..., path: str = ...,
    patterns: Mapping[str, Pattern] | None = ...,
) -> BehavioralQuestion: ...


@overload
def validate_question(
    data: Mapping[str, Any], *, kind: str | None = ..., complete: bool = ..., path: str = ...,
    patterns: Mapping[str, Pattern] | None = ...,
) -> Question: ...


def validate_question(
    data: Mapping[str, Any],
    *,
    kind: str | None = None,
    complete: bool = False,
    path: str = "",
    patterns: Mapping[str, Pattern] | None = None,
) -> Question:
    """A question from a dict (a form, a store body, a file); InvalidQuestion names each bad field.

    ``complete=True`` applies the bank's rules (examples, hidden tests, solution, generator...).
    """
    kind = kind or data.get("kind") or "coding"
    models: dict[str, type[Question]] = {"coding": CodingQuestion, "behavioral": BehavioralQuestion}
    model = models.get(kind)
    if model is None:
        raise InvalidQuestion([Problem(path, "kind", "kind must be coding or behavioral")])
    context = {"patterns": patterns} if patterns is not None else None
    try:
        q = model.model_validate(dict(data), context=context)
    except ValidationError as exc:
        raise InvalidQuestion(pydantic_problems(path, exc)) from None
    if isinstance(q, CodingQuestion):
        found = coding_problems(q, complete=complete, patterns=patterns)
    else:
        found = behavioral_problems(q, complete=complete)
    if found:
        raise InvalidQuestion([Problem(path, f, m) for f, m in found])
    return q


