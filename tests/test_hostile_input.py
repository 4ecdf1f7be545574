"""Hostile input in every form field, and in every text the store keeps: empty, 10,000
characters, unicode, quotes and SQL fragments, markup. Nothing crashes, nothing leaks, the
database stays whole, and each refusal says why."""

from __future__ import annotations

import os

import pytest

from ava_core.settings import load_settings
from ava_core.store import Score, Store
from tests.test_app import PASSWORD, errors, sign_in, sign_up

HOSTILE = {
    "empty": "",
    "spaces": "   \t  ",
    "10k": "x" * 10_000,
    "10k-unicode": "🚀é" * 5_000,
    "unicode": "Zoë 🚀 مرحبا 你好 \u200b e\u0301 \u202eRTL",
    "sql": "Robert'); DROP TABLE users;--",
    "sql-or": "' OR '1'='1' --",
    "quotes": "\"double\" 'single' `back` \\ backslash",
    "markup": "<script>alert(1)</script> ![x](http://evil.example/x.png) **b** # h",
    "nul": "before\x00after",
    "surrogate": "lone \ud800 half",
}


def stored_form(text: str) -> str:
    """What the store keeps: NUL removed, a lone surrogate replaced."""
    return text.replace("\x00", "").replace("\ud800", "\ufffd")


@pytest.mark.parametrize("name", HOSTILE)
def test_the_store_keeps_hostile_text_intact(store, name):
    text = HOSTILE[name]
    user = store.accounts.create_user(f"{name}@example.com", stored_form(text)[:80] or "x")
    session = store.sessions.create_session(user.id, "behavioral", title=text, context={"resume": text},
                                   state={text[:50]: [text]})
    message = store.sessions.add_message(user.id, session.id, role="user", text=text, code=text,
                                metrics={"note": text}, data={"k": text})
    store.sessions.add_feedback(user.id, session.id, scope="answer", score=3, summary=text, evidence=[text],
                       improvement=text, details={"why": text},
                       scores=[Score("specificity", 3, evidence=[text])])
    store.resumes.add_resume(user.id, filename=text[:255], text=text, parsed={"skills": [text]},
                     page_count=1, size_bytes=1, sha256="f" * 64)
    store.bank.add_question(user.id, kind="behavioral", title=text, body={"text": text})

    detail = store.sessions.load_session(user.id, session.id)
    clean = stored_form(text)
    assert detail.session.title == clean[:200]
    assert detail.session.context == {"resume": clean}
    assert detail.messages[0].text == clean and detail.messages[0].code == clean
    assert detail.messages[0].data == {"k": clean}
    assert detail.feedback[0].summary == clean and detail.feedback[0].scores[0].evidence == [clean]
    assert store.resumes.list_resumes(user.id)[0].text == clean
    assert [q.body for q in store.bank.list_questions(user.id)] == [{"text": clean}]
    assert store.sessions.update_message(user.id, message.id, text=text).text == clean
    assert store.accounts.count_rows(user.id)["users"] == 1


FIELDS = ["sign_in_email", "sign_in_password", "sign_up_name", "sign_up_email",
          "sign_up_password", "sign_up_again", "password_current", "password_new",
          "password_again", "delete_confirm"]
ACCOUNT_PAGE = ("password_current", "password_new", "password_again", "delete_confirm")
FORM_VALUES = ["empty", "10k", "unicode", "sql", "sql-or", "quotes", "markup", "nul"]


def fill(at, field: str, value: str):
    """Submit the form holding ``field`` with ``value`` there and sensible values elsewhere."""
    good = {
        "sign_in_email": "ada@example.com", "sign_in_password": PASSWORD,
        "sign_up_name": "Bob", "sign_up_email": "bob@example.com",
        "sign_up_password": PASSWORD, "sign_up_again": PASSWORD,
    }
    if field.startswith("sign_in"):
        return sign_in(at, **{
            "email": value if field == "sign_in_email" else good["sign_in_email"],
            "password": value if field == "sign_in_password" else good["sign_in_password"],
        })
    if field.startswith("sign_up"):
        values = {k: (value if k == field else v) for k, v in good.items() if k.startswith("sign_up")}
        if field == "sign_up_password":
            values["sign_up_again"] = value
        return sign_up(at, email=values["sign_up_email"], password=values["sign_up_password"],
                       name=values["sign_up_name"], again=values["sign_up_again"])
    if field.startswith("password"):
        values = {"password_current": PASSWORD, "password_new": "a brand new passphrase",
                  "password_again": "a brand new passphrase", field: value}
        if field == "password_new":
            values["password_again"] = value
        for key, text in values.items():
            at.text_input(key=key).input(text)
        return at.button(key="FormSubmitter:change_password-Change password").click().run()
    at.text_input(key=field).input(value)
    return at.button(key="FormSubmitter:delete_account-Delete my account and all my data").click().run()


@pytest.mark.parametrize("value", FORM_VALUES)
@pytest.mark.parametrize("field", FIELDS)
def test_every_form_field_survives_hostile_input(app_test, field, value):
    at = app_test()
    at.run()
    sign_up(at, email="ada@example.com", name="Ada")  # an account to sign in to, or delete
    if field in ACCOUNT_PAGE:
        at.switch_page("pages/account.py").run()
    else:
        at.switch_page("pages/account.py").run()
        at.button(key="sign_out").click().run()  # sign out, back on the sign-in page

    fill(at, field, HOSTILE[value])
    assert not at.exception, at.exception
    store = Store.open(load_settings(os.environ))
    ada = store.accounts.credentials("ada@example.com")
    assert ada is not None, "a hostile value deleted or corrupted the existing account"

    signed_in = "signed_in" in at.session_state
    refusal = errors(at)
    # Either the value was acceptable and the action happened, or a message says what to fix.
    assert signed_in or refusal, f"{field}={value!r}: no result and no message"
    if field.startswith("password"):
        assert refusal or at.success, f"{field}={value!r}: the password form said nothing"
    for message in refusal:
        assert "Traceback" not in message and len(message) < 400

    if field == "sign_up_name" and signed_in:
        shown = at.title[0].value  # the greeting shows the name, inert
        assert "<script>" not in shown and "![x](" not in shown
