"""The question bank page under AppTest: browse, search, read, add, delete, practise."""

from __future__ import annotations

import os

from ava_core.questions import load_bank
from ava_core.settings import load_settings
from ava_core.store import Store
from tests.test_app import errors, sign_up


TITLE = load_bank().get("invert-binary-tree").title


def open_bank(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    at.switch_page("pages/bank.py").run()
    assert not at.exception and at.title[0].value == "Question bank"
    return at


def store() -> Store:
    return Store.open(load_settings(os.environ), migrate=False)


def test_browse_search_and_read_a_question(app_test):
    at = open_bank(app_test)
    total = at.caption[0].value
    assert total.startswith("147 of 147")
    at.segmented_control(key="bank_kind").set_value("coding").run()
    at.selectbox(key="bank_topic").set_value("trees").run()
    at.selectbox(key="bank_difficulty").set_value("easy").run()
    rows = at.dataframe[0].value
    assert len(rows) >= 2 and set(rows["Difficulty"]) == {"Easy"}
    at.text_input(key="bank_text").input("invert").run()
    rows = at.dataframe[0].value
    assert list(rows["Question"]) == [TITLE]
    at.session_state["bank_selected"] = "invert-binary-tree"
    at.run()
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.code)
    assert "Example 1" in shown and any("hidden tests" in c.value for c in at.caption)
    question = load_bank().get("invert-binary-tree")
    assert question.solution.strip().splitlines()[1].strip() not in shown  # never the solution


def test_add_your_own_and_delete_it(app_test):
    at = open_bank(app_test)
    at.text_area(key="new_text").input("Tell me about the hardest bug you shipped a fix for.")
    at.multiselect(key="new_competencies").set_value(["ownership"])
    at.text_area(key="new_signals").input("Names the bug\nSays how it was found")
    at.text_area(key="new_follow_ups").input("How did you know it was fixed?")
    at.button(key="FormSubmitter:new_question-Add the question").click().run()
    assert not errors(at), errors(at)
    assert "Added" in at.success[0].value
    user_id = at.session_state["signed_in"].user.id
    mine = [q for q in store().bank.list_questions(user_id) if q.owner_id]
    assert len(mine) == 1

    at.toggle(key="bank_mine").set_value(True).run()
    assert list(at.dataframe[0].value["Source"]) == ["Yours"]
    at.session_state["bank_selected"] = mine[0].id
    at.run()
    at.button(key=f"delete_{mine[0].id}").click().run()
    assert not [q for q in store().bank.list_questions(user_id) if q.owner_id]


def test_a_bad_form_says_which_field(app_test):
    at = open_bank(app_test)
    at.segmented_control(key="new_kind").set_value("coding").run()
    at.text_input(key="new_title").input("Broken")
    at.multiselect(key="new_topics").set_value(["arrays-and-hashing"])
    at.text_area(key="new_statement").input("Do it.")
    at.text_area(key="new_examples").input("[{broken json")
    at.button(key="FormSubmitter:new_question-Add the question").click().run()
    assert "Examples: is not valid JSON" in errors(at)[0]
    assert not [q for q in store().bank.list_questions(at.session_state["signed_in"].user.id) if q.owner_id]


def test_practise_a_question_from_the_bank(app_test):
    at = open_bank(app_test)
    at.session_state["bank_selected"] = "two-sum"
    at.run()
    at.button(key="practise_two-sum").click().run()
    assert not at.exception
    assert at.title[0].value == "Two Sum"  # the coding page, on that question, ready to start
    assert at.button(key="start")
