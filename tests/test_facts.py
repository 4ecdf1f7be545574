"""Question facts: bounds read however they are written or said, and the facts' schema."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ava_core.questions import load_bank
from ava_core.questions.bounds import bound
from ava_core.questions.facts import QuestionFacts
from ava_core.questions.problems import InvalidQuestion
from ava_core.questions.validation import validate_question

README = Path(__file__).resolve().parent.parent / "ava_core" / "data" / "questions" / "README.md"


@pytest.mark.parametrize("one, other", [
    ("O(R·C)", "big O of c times r"),
    ("O(n + n log n)", "O(n log n)"),
    ("O of n squared", "O(n^2)"),
    ("O(2n + 1)", "linear"),
    ("O((V + E) log V)", "O(E log V + V log V)"),
    ("O(n * k log k)", "O(k log k * n)"),
    ("O(max(m, n))", "O(m + n)"),
    ("n log n", "O(N log N)"),
    ("constant space", "O(1)"),
    ("order n", "O(n)"),
])
def test_equal_bounds_compare_equal(one, other):
    assert bound(one) is not None and bound(one) == bound(other)


@pytest.mark.parametrize("one, other", [
    ("O(n)", "O(n log n)"), ("O(V + E)", "O(V * E)"), ("O(2^n)", "O(n^2)"), ("O(log n)", "O(1)"),
])
def test_different_bounds_differ(one, other):
    assert bound(one) != bound(other)


@pytest.mark.parametrize("text", ["", "O(", "n +", "O(n))", "1 / (a + b)", "n, m", "O(n log)"])
def test_what_is_not_a_bound_is_none(text):
    assert bound(text) is None


def readme_example() -> dict:
    text = README.read_text().split("### Facts (`facts`)")[1]
    return yaml.safe_load(text.split("```yaml")[1].split("```")[0])["facts"]


def test_the_readme_example_is_valid():
    facts = QuestionFacts.model_validate(readme_example())
    assert facts.approaches[0].name == "slice at n - k mod n" and facts.bugs[1].cues[1] == ["zero", "0"]


def test_a_bound_must_use_defined_variables_and_be_readable():
    data = readme_example()
    with pytest.raises(ValueError, match="uses k, which `variables` does not define"):
        QuestionFacts.model_validate({**data, "variables": {"n": "the list's length"}})
    wrong = {**data["approaches"][0], "time": "O(n log)"}
    with pytest.raises(ValueError, match="is not a bound Ava can read"):
        QuestionFacts.model_validate({**data, "approaches": [wrong]})


def test_facts_name_only_known_patterns():
    q = load_bank().get("two-sum").model_dump(mode="json")
    facts = readme_example()
    facts["approaches"][0]["patterns"] = ["no-such-pattern"]
    with pytest.raises(InvalidQuestion, match="unknown pattern 'no-such-pattern'"):
        validate_question({**q, "facts": facts}, kind="coding")


def test_yaml_numbers_and_booleans_in_cues_are_words():
    data = readme_example()
    data["plan"][0]["cues"] = [[0, True, "empty"]]
    assert QuestionFacts.model_validate(data).plan[0].cues == [["0", "true", "empty"]]


@pytest.mark.parametrize("text, in_n, growth", [
    ("O(c * r)", "O(n^2)", (False, 2, 0)),
    ("O(E log V + V)", "O(log(n) · n)", (False, 1, 1)),
    ("O(n * k log k)", "O(log(n) · n^2)", (False, 2, 1)),
    ("O(2^L * n)", "O(2^(n) · n)", (True, 1, 0)),
    ("O(sqrt(n))", "O(n^(1/2))", (False, 0.5, 0)),
])
def test_a_bound_with_every_size_as_n_and_how_fast_it_grows(text, in_n, growth):
    assert str(bound(text).in_n()) == in_n and bound(text).growth() == growth


def test_a_bounds_variables_leave_out_its_functions():
    assert bound("O(log(min(m, n)))").variables == {"m", "n"}
    assert bound("O(sqrt(n) * log k)").variables == {"n", "k"}
