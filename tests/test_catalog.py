"""The question bank as users browse it, and custom questions from a form."""

from __future__ import annotations

import json

import pytest

from ava_core.questions import catalog
from ava_core.errors import NotFound
from ava_core.questions import InvalidQuestion, load_bank, validate_question

CODING_FORM = {
    "title": "Sum of a list", "topics": ["arrays-and-hashing"], "difficulty": "easy",
    "statement": "Return the sum of the numbers.", "constraints": "0 <= len(nums) <= 1000\n",
    "function": "solve", "starter_code": "def solve(nums: list[int]) -> int:\n    pass\n",
    "examples": json.dumps([{"input": {"nums": [1, 2]}, "output": 3},
                            {"input": {"nums": []}, "output": 0}]),
    "tests": json.dumps([{"input": {"nums": [5]}, "output": 5}]),
    "solution": "def solve(nums):\n    return sum(nums)\n", "time": "O(n)", "space": "O(1)",
    "hints": "Add them up.",
}
BEHAVIORAL_FORM = {
    "text": "Tell me about a release you rolled back.", "competencies": ["ownership", "failure"],
    "signals": "Names the metric that triggered it\nSays what they changed after", "follow_ups": "Who decided?",
    "difficulty": "medium",
}


@pytest.fixture
def world(store):
    bank = load_bank()
    store.bank.sync_bank(bank.records())
    ada = store.accounts.create_user("ada@example.com", "Ada")
    bob = store.accounts.create_user("bob@example.com", "Bob")
    return store, bank, ada, bob


def test_custom_questions_are_validated_stored_and_private(world):
    store, bank, ada, bob = world
    coding = catalog.add_custom(store, ada.id, "coding", CODING_FORM)
    behavioral = catalog.add_custom(store, ada.id, "behavioral", BEHAVIORAL_FORM)
    assert coding.id.startswith("custom-") and coding.body["id"] == coding.id
    assert validate_question(coding.body).tests[0].output == 5
    mine = catalog.search(catalog.entries(store, ada.id, bank), mine=True)
    assert {e.id for e in mine} == {coding.id, behavioral.id}
    bobs = catalog.entries(store, bob.id, bank)
    assert not any(e.mine for e in bobs) and coding.id not in {e.id for e in bobs}
    assert len(bobs) == len(bank)
    with pytest.raises(NotFound):
        store.bank.delete_question(bob.id, coding.id)
    store.bank.delete_question(ada.id, coding.id)
    assert coding.id not in {e.id for e in catalog.entries(store, ada.id, bank)}


@pytest.mark.parametrize("change, words", [
    ({"title": ""}, "Title"),
    ({"topics": []}, "Topics"),
    ({"examples": "[{not json"}, "Examples: is not valid JSON"),
    ({"examples": json.dumps({"input": {}})}, "Examples: must be a JSON list"),
    ({"examples": json.dumps([{"input": {"values": [1]}, "output": 1}])}, "Examples[0].input: missing nums"),
    ({"starter_code": "def other(): pass"}, "Starter code: no top-level function named solve()"),
    ({"solution": "def solve(:\n"}, "Reference solution"),
])
def test_bad_coding_forms_name_the_field(world, change, words):
    store, _, ada, _ = world
    with pytest.raises(InvalidQuestion) as error:
        catalog.add_custom(store, ada.id, "coding", {**CODING_FORM, **change})
    assert any(words in p for p in catalog.form_problems(error.value)), catalog.form_problems(error.value)
    assert store.accounts.count_rows(ada.id)["questions"] == 0


def test_bad_behavioral_forms_name_the_field(world):
    store, _, ada, _ = world
    with pytest.raises(InvalidQuestion) as error:
        catalog.add_custom(store, ada.id, "behavioral", {**BEHAVIORAL_FORM, "text": "", "competencies": []})
    problems = " ".join(catalog.form_problems(error.value))
    assert "Question" in problems and "Competencies" in problems


def test_search_filters(world):
    store, bank, ada, _ = world
    items = catalog.entries(store, ada.id, bank)
    assert {e.kind for e in catalog.search(items, kind="behavioral")} == {"behavioral"}
    trees = catalog.search(items, topic="trees", difficulty="easy")
    assert trees and all("trees" in e.topics and e.difficulty == "easy" for e in trees)
    assert [e.id for e in catalog.search(items, text="TWO SUM")][:1] == ["two-sum"]
    assert catalog.search(items, text="zzz no such words") == []


def test_public_view_never_shows_hidden_tests_or_the_solution():
    q = load_bank().get("two-sum")
    view = catalog.public_view(q)
    shown = json.dumps(view)
    assert view["statement"] == q.statement and view["hidden_tests"] == len(q.tests)
    assert "seen = {}" not in shown  # the reference solution
    for test in q.tests:
        assert json.dumps(test.input) not in shown
