"""The question bank: schema validation, loading, hashing, and every question's tests proven.

Each coding question's reference solution must pass all its examples and hidden tests, and
deliberately wrong solutions derived from it must fail some, so no question has tests that
cannot fail.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path
from typing import ClassVar

import pytest

from ava_core import judge, questions
from ava_core.errors import AvaError, InvalidInput, NotFound
from ava_core.questions.__main__ import main as check_command
from ava_core.questions import (
    BehavioralQuestion,
    CodingQuestion,
    InvalidQuestion,
    adapter_for,
    canonical_complexity,
    load_bank,
    validate_question,
)

BANK = load_bank()
FAST = judge.Limits(per_test_seconds=1.0, suite_seconds=3.0)


def minimal_coding(**overrides) -> dict:
    data = {
        "id": "add-two", "title": "Add Two", "topics": ["math-and-bits"], "difficulty": "easy",
        "statement": "Return a + b.", "function": "add",
        "starter_code": "def add(a: int, b: int) -> int:\n    pass\n",
        "examples": [{"input": {"a": 1, "b": 2}, "output": 3}],
    }
    return {**data, **overrides}


def copy_bank(tmp_path: Path) -> Path:
    root = tmp_path / "questions"
    shutil.copytree(questions.DEFAULT_ROOT, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def problems_of(root: Path) -> list[questions.Problem]:
    with pytest.raises(InvalidQuestion) as info:
        load_bank(root)
    return info.value.problems


# --- the shipped bank ----------------------------------------------------------------------------


def test_bank_loads_with_both_kinds_and_lookup_by_id():
    assert BANK.coding and BANK.behavioral
    assert len(BANK) == len(BANK.coding) + len(BANK.behavioral)
    q = BANK.get("two-sum")
    assert isinstance(q, CodingQuestion) and q.title == "Two Sum" and "two-sum" in BANK
    assert str(q.signature) == "two_sum(nums: List[int], target: int) -> List[int]"
    assert q.topic_labels == ["Arrays & Hashing"]
    assert isinstance(BANK.get("failure-missed-commitment"), BehavioralQuestion)
    with pytest.raises(NotFound, match="no question 'nope'"):
        BANK.get("nope")


def test_every_coding_question_is_complete_and_its_signature_parses():
    for q in BANK.coding:
        assert len(q.examples) >= questions.MIN_EXAMPLES and len(q.tests) >= questions.MIN_TESTS, q.id
        assert q.solution and q.generator and q.complexity and q.patterns and q.hints, q.id
        assert set(q.signature.param_names) == set(q.examples[0].input), q.id
        assert q.complexity.time in questions.COMPLEXITY_CLASSES, q.id


def test_starter_set_covers_every_comparison_mode_and_both_adapters():
    modes = {q.compare for q in BANK.coding}
    assert modes == set(questions.COMPARE_MODES)
    adapters = {p.adapter for q in BANK.coding for p in q.signature.params}
    assert {"linked_list", "tree"} <= adapters
    assert BANK.get("reverse-linked-list").signature.return_adapter == "linked_list"
    assert BANK.get("invert-binary-tree").signature.return_adapter == "tree"


def test_search_filters_by_kind_topic_difficulty_and_text():
    trees = BANK.search(topic="trees")
    assert "invert-binary-tree" in {q.id for q in trees}
    assert all("trees" in q.topics for q in trees)
    assert all(q.kind == "behavioral" for q in BANK.search(kind="behavioral"))
    assert BANK.search(topic="conflict")[0].id == "conflict-disagreed-with-teammate"
    easy = BANK.search(kind="coding", difficulty="easy")
    assert easy and all(q.difficulty == "easy" for q in easy)
    anagrams = BANK.search(text="ANAGRAM")
    assert "group-anagrams" in {q.id for q in anagrams}
    assert all("anagram" in f"{q.id} {q.title} {q.statement}".lower() for q in anagrams)
    assert BANK.search(text="no such words anywhere") == []


def test_records_carry_id_kind_title_topics_difficulty_body_and_hash():
    record = BANK.get("two-sum").to_record()
    assert set(record) == {"id", "kind", "title", "topics", "difficulty", "body", "content_hash"}
    assert record["kind"] == "coding" and record["topics"] == ["arrays-and-hashing"]
    assert len(record["content_hash"]) == 64
    assert validate_question(record["body"]).content_hash() == record["content_hash"]
    behavioral = BANK.get("leadership-without-authority").to_record()
    assert behavioral["kind"] == "behavioral" and behavioral["title"].startswith("Tell me")
    assert behavioral["topics"] == ["leadership", "influence", "communication"]
    assert len(BANK.records()) == len(BANK)


def test_content_hash_ignores_formatting_and_changes_with_content(tmp_path):
    root = copy_bank(tmp_path)
    file = root / "coding" / "arrays-and-hashing" / "two-sum.yaml"
    before = load_bank(root).get("two-sum").content_hash()
    edit(file, "id: two-sum\n", "# a comment only\nid: two-sum\n")
    assert load_bank(root).get("two-sum").content_hash() == before
    edit(file, "title: Two Sum", "title: Two Sum, Again")
    after = load_bank(root).get("two-sum")
    assert after.title == "Two Sum, Again" and after.content_hash() != before


def test_exponents_without_a_dot_are_numbers(tmp_path):
    root = copy_bank(tmp_path)
    edit(root / "coding" / "sliding-window" / "maximum-average-subarray.yaml",
         "tolerance: 1.0e-5", "tolerance: 1e-5")
    assert load_bank(root).get("maximum-average-subarray").tolerance == 1e-5


def test_load_bank_is_cached_until_a_file_changes(tmp_path):
    root = copy_bank(tmp_path)
    first = load_bank(root)
    assert load_bank(root) is first
    edit(root / "behavioral" / "failure.yaml", "difficulty: medium", "difficulty: hard")
    second = load_bank(root)
    assert second is not first and second.get("failure-missed-commitment").difficulty == "hard"


# --- bad files are reported by path and field ----------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "message"),
    [
        ("coding/arrays-and-hashing/two-sum.yaml", "difficulty: easy", "difficulty: trivial",
         "difficulty", "'easy', 'medium' or 'hard'"),
        ("coding/arrays-and-hashing/two-sum.yaml", "topics: [arrays-and-hashing]",
         "topics: [arrays-and-hashing, hashing]", "topics[1]", "'arrays-and-hashing'"),
        ("coding/arrays-and-hashing/two-sum.yaml", "{nums: [3, 3], target: 6}", "{nums: [3, 3]}",
         "tests[0].input", "missing target"),
        ("coding/arrays-and-hashing/two-sum.yaml", "{nums: [1, 2], target: 3}",
         "{nums: [1, 2], target: 3, k: 1}", "tests[1].input", "unknown k"),
        ("coding/arrays-and-hashing/two-sum.yaml", "patterns: [hash-map]", "patterns: [hash-mapp]",
         "patterns[0]", "unknown pattern 'hash-mapp'"),
        ("coding/arrays-and-hashing/two-sum.yaml", "  time: O(n)\n", "  time: O(n + m)\n",
         "complexity.time", "time_detail"),
        ("coding/arrays-and-hashing/two-sum.yaml", "compare: unordered", "compare: sorted",
         "compare", "'unordered_nested'"),
        ("coding/arrays-and-hashing/two-sum.yaml", "id: two-sum", "id: two-sums",
         "id", "must match the file name"),
        ("coding/arrays-and-hashing/two-sum.yaml", "function: two_sum", "function: twoSum",
         "starter_code", "no top-level function named twoSum()"),
        ("coding/arrays-and-hashing/two-sum.yaml", "  def two_sum(nums, target):\n      seen",
         "  def two_sum(nums, target)\n      seen", "solution", "line 1"),
        ("coding/arrays-and-hashing/two-sum.yaml", "    def generate(n, rng):",
         "    def make(n, rng):", "generator.code", "does not define generate()"),
        ("coding/linked-list/reverse-linked-list.yaml", "{input: {head: [7]}",
         "{input: {head: 7}", "tests[0].input.head", "must be a JSON list"),
        ("coding/graphs/course-schedule-order.yaml", "compare: checker\n", "compare: exact\n",
         "checker", "only used with compare: checker"),
        ("coding/trees/invert-binary-tree.yaml", "topics: [trees]", "topics: [graphs]",
         "topics", "must list 'trees'"),
        ("behavioral/conflict.yaml", "competencies: [conflict, communication, teamwork]",
         "competencies: [conflict, gossip]", "[0].competencies[1]", "'leadership'"),
        ("behavioral/conflict.yaml", "  follow_ups:", "  follow_ups: []\n  unused:",
         "[0].unused", "Extra inputs are not permitted"),
    ],
)
def test_a_bad_field_is_reported_by_path_and_field(tmp_path, file, old, new, field, message):
    root = copy_bank(tmp_path)
    edit(root / file, old, new)
    problems = problems_of(root)
    assert [p.path for p in problems] == [str(root / file)]
    assert problems[0].field == field
    assert message in problems[0].message


def test_an_incomplete_bank_question_names_each_missing_part(tmp_path):
    import yaml

    root = copy_bank(tmp_path)
    file = root / "coding" / "stack" / "daily-temperatures.yaml"
    data = yaml.safe_load(file.read_text())
    data.update(tests=data["tests"][:3], hints=[])
    del data["generator"], data["facts"]
    file.write_text(yaml.safe_dump(data))
    problems = problems_of(root)
    fields = {p.field: p.message for p in problems}
    assert set(fields) == {"tests", "hints", "generator", "facts"}
    assert "at least 10 hidden tests are needed, found 3" in fields["tests"]
    assert all(p.path == str(file) for p in problems)


def test_yaml_errors_duplicate_keys_and_misplaced_files_are_reported(tmp_path):
    root = copy_bank(tmp_path)
    two_sum = root / "coding" / "arrays-and-hashing" / "two-sum.yaml"
    edit(two_sum, "difficulty: easy", "difficulty: easy\ndifficulty: hard")
    broken = root / "behavioral" / "ambiguity.yaml"
    broken.write_text("- id: [unclosed\n")
    stray = root / "coding" / "stray.yaml"
    stray.write_text("id: stray\n")
    unknown_topic = root / "coding" / "sorting" / "x.yaml"
    unknown_topic.parent.mkdir()
    unknown_topic.write_text("id: x\n")
    by_path = {p.path: p for p in problems_of(root)}
    assert "duplicate key 'difficulty'" in by_path[str(two_sum)].message
    assert by_path[str(two_sum)].field == "line 5"
    assert "not valid YAML" in by_path[str(broken)].message
    assert "coding/<topic>/<id>.yaml" in by_path[str(stray)].message
    assert "'sorting' is not a topic" in by_path[str(unknown_topic)].message


def test_a_duplicate_id_names_the_other_file(tmp_path):
    root = copy_bank(tmp_path)
    src = root / "behavioral" / "failure.yaml"
    (root / "behavioral" / "ownership.yaml").write_text(
        src.read_text().replace("competencies: [failure, ownership", "competencies: [ownership, failure")
    )
    problems = problems_of(root)
    assert problems[0].field == "[0].id"
    assert f"already used by {src}" in problems[0].message


def test_the_error_is_an_ava_error_with_a_readable_message(tmp_path):
    root = copy_bank(tmp_path)
    edit(root / "coding" / "arrays-and-hashing" / "two-sum.yaml", "difficulty: easy", "difficulty: 3")
    with pytest.raises(AvaError) as info:
        load_bank(root)
    assert isinstance(info.value, InvalidInput) and info.value.field == "difficulty"
    text = str(info.value)
    assert "two-sum.yaml: difficulty:" in text and "README.md" in text
    with pytest.raises(InvalidQuestion, match="does not exist"):
        load_bank(tmp_path / "missing")


# --- custom questions and helpers ----------------------------------------------------------------


def test_a_custom_question_needs_less_than_a_bank_question():
    q = validate_question(minimal_coding())
    assert q.signature.param_names == ["a", "b"] and q.tests == []
    with pytest.raises(InvalidQuestion) as info:
        validate_question(minimal_coding(), complete=True)
    fields = {p.field for p in info.value.problems}
    assert {"examples", "tests", "solution", "generator", "complexity", "patterns", "hints"} <= fields
    with pytest.raises(InvalidQuestion) as info:
        validate_question(minimal_coding(examples=[]))
    assert info.value.field == "examples"
    with pytest.raises(InvalidQuestion, match="kind must be coding or behavioral"):
        validate_question({"kind": "riddle"})


def test_behavioral_question_fields():
    q = validate_question({"kind": "behavioral", "id": "b-1", "text": "Tell me about X.",
                           "competencies": ["teamwork"]})
    assert q.title == "Tell me about X." and q.topics == ["teamwork"] and q.difficulty is None
    assert q.topic_labels == ["Teamwork"]
    with pytest.raises(InvalidQuestion) as info:
        validate_question(q.body(), complete=True)
    assert {p.field for p in info.value.problems} == {"signals", "follow_ups"}


@pytest.mark.parametrize(
    ("text", "label"),
    [("O(1)", "O(1)"), ("O(N log N)", "O(n log n)"), ("nlogn", "O(n log n)"), ("O(n**2)", "O(n^2)"),
     ("quadratic", "O(n^2)"), ("O(log(n))", "O(log n)"), ("big O of n cubed", "O(n^3)"),
     ("O(2^n)", "O(2^n)"), ("linear", "O(n)"), ("O(n + m)", None), ("fast", None)],
)
def test_canonical_complexity(text, label):
    assert canonical_complexity(text) == label


@pytest.mark.parametrize(
    ("annotation", "adapter"),
    [("List[int]", "json"), ("ListNode", "linked_list"), ("Optional[ListNode]", "linked_list"),
     ("ListNode | None", "linked_list"), ("Optional[TreeNode]", "tree"),
     ("List[Optional[ListNode]]", "list:linked_list"), ("list[TreeNode]", "list:tree")],
)
def test_adapters_follow_from_the_types(annotation, adapter):
    assert adapter_for(annotation) == adapter


def test_an_unsupported_node_type_is_refused():
    with pytest.raises(ValueError, match="not supported"):
        adapter_for("Dict[int, ListNode]")


def test_patterns_match_their_synonyms():
    hash_map = BANK.patterns["hash-map"]
    assert hash_map.mentioned_in("I'd use a Dictionary to remember values")
    assert hash_map.mentioned_in("a hash-table lookup")
    assert not hash_map.mentioned_in("sort then scan with two pointers")
    assert BANK.get("two-sum").patterns == [hash_map]


def test_the_check_command_reports_the_bank(capsys, tmp_path):
    assert check_command(["check"]) == 0
    assert "coding and" in capsys.readouterr().out
    root = copy_bank(tmp_path)
    edit(root / "coding" / "arrays-and-hashing" / "two-sum.yaml", "difficulty: easy", "difficulty: x")
    assert check_command(["check", str(root)]) == 1
    assert "two-sum.yaml: difficulty" in capsys.readouterr().err


# --- every question's tests can pass and can fail ------------------------------------------------


class _Mutant(ast.NodeTransformer):
    """Changes the first node of one kind: a comparison, an arithmetic operator, an integer
    constant, the values of a tuple assignment (reversed), the last statement of a for loop
    (dropped), or the answer returned (the first argument instead)."""

    FLIP: ClassVar[dict] = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
            ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In}
    ARITH: ClassVar[dict] = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Add, ast.FloorDiv: ast.Mult}

    def __init__(self, kind: str):
        self.kind, self.done = kind, False

    def visit_Compare(self, node):
        self.generic_visit(node)
        if self.kind == "compare" and not self.done and type(node.ops[0]) in self.FLIP:
            node.ops[0], self.done = self.FLIP[type(node.ops[0])](), True
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if self.kind == "arith" and not self.done and type(node.op) in self.ARITH:
            node.op, self.done = self.ARITH[type(node.op)](), True
        return node

    def visit_FunctionDef(self, node):
        if self.kind == "return" and not self.done and node.args.args:
            for sub in ast.walk(node):
                if isinstance(sub, ast.Return) and sub.value is not None:
                    sub.value, self.done = ast.Name(node.args.args[0].arg, ast.Load()), True
                    break
        self.generic_visit(node)
        return node

    def visit_Assign(self, node):
        self.generic_visit(node)
        if self.kind == "tuple" and not self.done and isinstance(node.value, ast.Tuple):
            node.value.elts, self.done = node.value.elts[::-1], True
        return node

    def visit_For(self, node):
        self.generic_visit(node)
        if self.kind == "loop" and not self.done:
            node.body, self.done = node.body[:-1] or [ast.Pass()], True
        return node

    def visit_Constant(self, node):
        if self.kind == "constant" and not self.done and type(node.value) is int:
            node.value, self.done = node.value + 1, True
        return node


def mutants(solution: str) -> list[str]:
    out = []
    original = ast.unparse(ast.parse(solution))
    for kind in ("compare", "arith", "constant", "tuple", "loop", "return"):
        mutant = _Mutant(kind)
        code = ast.unparse(mutant.visit(ast.parse(solution)))
        if mutant.done and code != original:
            out.append(code)
    return out


def constant_solution(q: CodingQuestion) -> str:
    """Returns the first example's answer whatever the input (None where a node is returned)."""
    value = q.examples[0].output if q.signature.return_adapter == "json" else None
    return f"def {q.function}({', '.join(q.signature.param_names)}):\n    return {value!r}\n"


@pytest.mark.parametrize("q", BANK.coding, ids=lambda q: q.id)
def test_reference_passes_every_test_and_wrong_solutions_fail(q):
    report = judge.run_tests(q.solution, q, hide_hidden=False, limits=FAST)
    failing = [(r.name, r.status, r.expected, r.got, str(r.error)) for r in report.results if not r.passed]
    assert report.verdict == "accepted", failing
    assert report.total == len(q.examples) + len(q.tests)

    wrong = judge.run_tests(constant_solution(q), q, limits=FAST)
    assert wrong.failed > 0, "a solution returning a constant passes every test"
    variants = mutants(q.solution)
    assert variants, "no mutant could be derived from the reference solution"
    caught = any(judge.run_tests(code, q, limits=FAST).failed > 0 for code in variants)
    assert caught, f"no mutant of the reference fails a test: {variants}"
