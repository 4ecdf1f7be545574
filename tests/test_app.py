"""The app under AppTest: sign up, sign in, home, sign out, delete account, bad settings."""

from __future__ import annotations

import os

import pytest

from ava_core.settings import load_settings
from ava_core.store import Store
from tests.conftest import ROOT

PASSWORD = "correct horse battery"


def errors(at) -> list[str]:
    return [e.value for e in at.error]


def sign_up(at, email="ada@example.com", password=PASSWORD, name="Ada", again=None):
    at.text_input(key="sign_up_name").input(name)
    at.text_input(key="sign_up_email").input(email)
    at.text_input(key="sign_up_password").input(password)
    at.text_input(key="sign_up_again").input(password if again is None else again)
    return at.button(key="FormSubmitter:sign_up-Create account").click().run()


def sign_in(at, email="ada@example.com", password=PASSWORD):
    at.text_input(key="sign_in_email").input(email)
    at.text_input(key="sign_in_password").input(password)
    return at.button(key="FormSubmitter:sign_in-Sign in").click().run()


def store() -> Store:
    return Store.open(load_settings(os.environ))


def test_sign_up_reaches_home_then_sign_out_and_back_in(app_test):
    at = app_test()
    at.run()
    assert not at.exception and at.title[0].value == "Ava"
    assert "Behavioral interviews from your resume" in at.markdown[0].value  # what Ava does
    assert any("stored on this machine only" in c.value for c in at.caption)

    sign_up(at)
    assert not at.exception and not errors(at)
    assert at.title[0].value.endswith(", Ada")  # "Good morning, Ada" and so on
    assert "No sessions yet" in at.info[0].value
    backends = at.dataframe[-1].value
    assert list(backends["Backend"]) == ["SQLite", "Local accounts", "faster-whisper", "Local sandbox", "Offline coach"]
    assert any("fully offline" in c.value for c in at.caption)

    at.switch_page("pages/account.py").run()
    assert at.title[0].value == "Account"
    at.button(key="sign_out").click().run()  # Sign out
    assert at.title[0].value == "Ava" and "signed out" in at.success[0].value
    assert "signed_in" not in at.session_state

    sign_in(at, email=" ADA@example.com ")
    assert at.title[0].value.endswith(", Ada") and not errors(at)


def test_sign_in_failures_are_shown_and_keep_the_form(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    at.switch_page("pages/account.py").run()
    at.button(key="sign_out").click().run()

    sign_in(at, password="not the password")
    assert "not right for ada@example.com" in errors(at)[0]
    assert at.title[0].value == "Ava"
    sign_in(at, email="nobody@example.com")
    assert "no Ava account for nobody@example.com" in errors(at)[0]


def test_sign_up_mistakes(app_test):
    at = app_test()
    at.run()
    sign_up(at, again="something else entirely")
    assert "not the same" in errors(at)[0]
    sign_up(at, password="short")
    assert "at least 8 characters" in errors(at)[0]
    sign_up(at)
    at.switch_page("pages/account.py").run()
    at.button(key="sign_out").click().run()
    sign_up(at)
    assert "already an account for ada@example.com" in errors(at)[0]


def test_home_lists_recent_sessions(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    s = store()
    user_id = at.session_state["signed_in"].user.id
    done = s.sessions.create_session(user_id, "coding", title="Two Sum")
    s.sessions.update_session(user_id, done.id, status="finished", overall_score=81.4, hiring_signal="hire")
    s.sessions.create_session(user_id, "behavioral", title="Resume: Acme")
    at.run()
    rows = at.dataframe[0].value
    assert list(rows["Session"]) == ["Resume: Acme", "Two Sum"]
    assert list(rows["Status"]) == ["In progress", "Finished"]
    assert rows["Score"].iloc[1] == 81 and rows["Signal"].iloc[1] == "hire"
    assert not at.info  # no empty state
    links = [link.proto.page for link in at.get("page_link")]
    assert "progress" in links  # where each past session opens in full


def test_delete_account_removes_its_rows(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    s = store()
    user_id = at.session_state["signed_in"].user.id
    session = s.sessions.create_session(user_id, "coding", title="Two Sum")
    s.sessions.add_message(user_id, session.id, role="user", text="my answer")
    s.resumes.add_resume(user_id, filename="cv.pdf", text="", parsed={}, page_count=1, size_bytes=1,
                 sha256="0" * 64)

    at.switch_page("pages/account.py").run()
    assert [m.value for m in at.metric] == ["1", "1", "1"]
    at.text_input(key="delete_confirm").input("wrong@example.com")
    at.button(key="FormSubmitter:delete_account-Delete my account and all my data").click().run()
    assert "type your email" in errors(at)[0]
    assert s.accounts.count_rows(user_id)["users"] == 1

    at.text_input(key="delete_confirm").input("ada@example.com")
    at.button(key="FormSubmitter:delete_account-Delete my account and all my data").click().run()
    assert at.title[0].value == "Ava" and "deleted" in at.success[0].value
    assert set(s.accounts.count_rows(user_id).values()) == {0}
    sign_in(at)
    assert "no Ava account" in errors(at)[0]


def test_a_tab_whose_account_was_deleted_elsewhere_is_signed_out(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    store().accounts.delete_user(at.session_state["signed_in"].user.id)
    at.run()
    assert at.title[0].value == "Ava" and "signed_in" not in at.session_state


@pytest.mark.parametrize("env, words", [
    ({"AVA_INTERVIEW_MINUTES": "lots"}, "AVA_INTERVIEW_MINUTES must be a whole number"),
    ({"AVA_DATABASE_URL": "postgresql://ava:pw@127.0.0.1:1/ava"}, "could not use the database"),
])
def test_bad_configuration_is_explained_not_a_traceback(app_test, env, words):
    at = app_test(**env)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Ava can't start" and words in errors(at)[0]


def test_a_page_reached_without_signing_in_points_to_sign_in(app_test):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "account.py"), default_timeout=60)
    at.run()
    assert not at.exception and "Sign in to use Ava" in at.warning[0].value


def test_home_offers_to_resume_an_unfinished_interview(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    s = store()
    user_id = at.session_state["signed_in"].user.id
    s.sessions.create_session(user_id, "coding", title="Two Sum", state={"phase": "in_progress", "step_index": 2})
    s.sessions.create_session(user_id, "behavioral", title="Behavioral: cv.pdf",
                     state={"phase": "in_progress", "current": 1, "questions": [{}, {}, {}]})
    at.run()
    shown = " ".join(m.value for m in at.markdown)
    assert "unfinished coding interview on Two Sum \\(at step Plan\\)" in shown
    assert "unfinished behavioral interview \\(question 2 of 3\\)" in shown


def test_the_interviewers_voice_can_be_turned_off_per_user(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    at.switch_page("pages/account.py").run()
    assert at.toggle(key="pref_voice").value is True
    at.toggle(key="pref_voice").set_value(False).run()
    user_id = at.session_state["signed_in"].user.id
    assert store().accounts.get_user(user_id).preferences == {"voice": False}
    at.run()
    assert at.toggle(key="pref_voice").value is False


def change_password(at, current, new, again=None):
    at.text_input(key="password_current").input(current)
    at.text_input(key="password_new").input(new)
    at.text_input(key="password_again").input(new if again is None else again)
    return at.button(key="FormSubmitter:change_password-Change password").click().run()


def test_changing_the_password_on_the_account_page(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    at.switch_page("pages/account.py").run()
    change_password(at, PASSWORD, "a brand new passphrase", again="a typo in it")
    assert "not the same" in errors(at)[0]
    change_password(at, "wrong password", "a brand new passphrase")
    assert "not right" in errors(at)[0]
    change_password(at, PASSWORD, "a brand new passphrase")
    assert not errors(at) and "password is changed" in at.success[0].value
    at.button(key="sign_out").click().run()
    sign_in(at)
    assert "not right" in errors(at)[0]  # the old one no longer works
    sign_in(at, password="a brand new passphrase")
    assert at.title[0].value.endswith(", Ada")


def test_a_piston_engine_set_in_the_secrets_runs_the_code_and_home_says_so(app_test):
    """AVA_EXECUTOR_URL in .streamlit/secrets.toml (not the environment) chooses Piston, and
    Home reports what runs: one settings object for both."""
    from ava_core.judge.piston import PistonExecutor

    at = app_test()
    at.secrets["AVA_EXECUTOR_URL"] = "https://piston.example.com"
    at.run()
    sign_up(at)
    assert not at.exception
    backends = at.dataframe[-1].value
    row = backends[backends["Concern"] == "Running code"].iloc[0]
    assert (row["Backend"], row["Where"], row["Detail"]) == ("Piston", "Online service", "piston.example.com")
    from ava_core.judge import get_executor

    # the app builds its executor from the same settings object (ava_app.services._open)
    settings = load_settings({}, {"AVA_EXECUTOR_URL": "https://piston.example.com"})
    executor = get_executor(settings=settings)
    assert isinstance(executor, PistonExecutor) and executor.url == "https://piston.example.com"
