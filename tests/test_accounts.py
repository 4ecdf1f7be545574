"""Accounts: local argon2id accounts with throttling, and Supabase Auth with its HTTP faked."""

from __future__ import annotations

import base64
import json
import time
import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest
import respx

from ava_core.accounts import (
    ConfirmationRequired,
    LocalAccounts,
    SignedIn,
    SupabaseAccounts,
    ThrottlePolicy,
    after_failure,
    check_password,
    clean_display_name,
    get_accounts,
    normalize_email,
    throttle_wait,
)
from ava_core.errors import AuthError, InvalidInput, ServiceUnavailable, TooManyAttempts
from ava_core.settings import load_settings

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self):
        self.now = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def accounts(sqlite_store, fast_hasher, clock):
    return LocalAccounts(sqlite_store, hasher=fast_hasher, clock=clock)


# --- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, expected", [
    ("Ada@Example.COM", "ada@example.com"),
    ("  ada@example.com \n", "ada@example.com"),
    ("ＡＤＡ@example.com", "ada@example.com"),  # full-width letters fold (NFKC)
    ("o'brien+ava@example.co.uk", "o'brien+ava@example.co.uk"),
    ("jürgen@müller.de", "jürgen@müller.de"),
])
def test_email_normalisation(raw, expected):
    assert normalize_email(raw) == expected


@pytest.mark.parametrize("raw, words", [
    ("", "Enter your email"),
    ("   ", "Enter your email"),
    ("ada", "not valid"),
    ("ada@", "not valid"),
    ("@example.com", "not valid"),
    ("ada@@example.com", "not valid"),
    ("ada example@example.com", "not valid"),
    ("a" * 250 + "@example.com", "too long"),
    ("' OR 1=1 --@example.com", "not valid"),
])
def test_bad_emails_say_why(raw, words):
    with pytest.raises(InvalidInput) as err:
        normalize_email(raw)
    assert words in str(err.value) and err.value.field == "email"


@pytest.mark.parametrize("password, words", [
    ("", "Enter a password"),
    ("short", "at least 8"),
    ("x" * 129, "at most 128"),
    ("        ", "only spaces"),
    ("Password123", "attackers try"),
    ("aaaaaaaaaaaa", "attackers try"),
    ("ada@example.com", "can't be your email"),
])
def test_password_rules(password, words):
    with pytest.raises(InvalidInput) as err:
        check_password(password, "ada@example.com")
    assert words in str(err.value)


def test_good_passwords_pass():
    for password in (PASSWORD, "Ünïcødé pässwörd ✓", "' OR '1'='1'; --", ("abc" * 43)[:128]):
        check_password(password, "ada@example.com")


def test_display_names():
    assert clean_display_name("  Ada \t Lovelace\u200b ", "a@b.co") == "Ada Lovelace"
    assert clean_display_name("", "ada.l@example.com") == "ada.l"
    assert clean_display_name("\x00\x07", "ada@example.com") == "ada"
    with pytest.raises(InvalidInput):
        clean_display_name("n" * 61, "a@b.co")


# --- local accounts ------------------------------------------------------------------------------


def test_sign_up_stores_an_argon2id_hash(sqlite_store, clock):
    accounts = LocalAccounts(sqlite_store, clock=clock)  # the production hasher's settings
    signed = accounts.sign_up(" Ada@Example.com ", PASSWORD, "Ada")
    assert signed.user.email == "ada@example.com" and signed.user.display_name == "Ada"
    _, stored = sqlite_store.accounts.credentials("ada@example.com")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in stored
    assert accounts.sign_in("ADA@example.com", PASSWORD).user.id == signed.user.id


def test_duplicate_sign_up(accounts):
    accounts.sign_up("ada@example.com", PASSWORD)
    with pytest.raises(AuthError, match="already an account for ada@example.com"):
        accounts.sign_up("ADA@EXAMPLE.COM", "another good password")


def test_wrong_password_and_unknown_email_have_clear_messages(accounts):
    accounts.sign_up("ada@example.com", PASSWORD)
    with pytest.raises(AuthError, match="password is not right for ada@example.com. 4 more tries"):
        accounts.sign_in("ada@example.com", "wrong password")
    with pytest.raises(AuthError, match="no Ava account for bob@example.com"):
        accounts.sign_in("bob@example.com", PASSWORD)
    with pytest.raises(InvalidInput, match="Enter your password"):
        accounts.sign_in("ada@example.com", "")


def test_throttling_after_repeated_failures(accounts, clock, sqlite_store):
    accounts.sign_up("ada@example.com", PASSWORD)
    for left in (4, 3, 2, 1):
        with pytest.raises(AuthError, match=f"{left} more tr"):
            accounts.sign_in("ada@example.com", "wrong password")
    with pytest.raises(TooManyAttempts) as fifth:
        accounts.sign_in("ada@example.com", "wrong password")
    assert fifth.value.retry_after == 60
    # Even the right password is refused while paused, without saying it was right.
    with pytest.raises(TooManyAttempts, match="Try again in a minute"):
        accounts.sign_in("ada@example.com", PASSWORD)
    clock.advance(seconds=61)
    assert accounts.sign_in("ada@example.com", PASSWORD).user.email == "ada@example.com"
    assert sqlite_store.accounts.get_throttle("ada@example.com") is None  # success clears the count


def test_change_password_needs_the_current_one(accounts, sqlite_store):
    ada = accounts.sign_up("ada@example.com", PASSWORD)
    before = sqlite_store.accounts.get_user(ada.user.id).last_sign_in_at
    with pytest.raises(AuthError, match="password is not right"):
        accounts.change_password(ada, "wrong password", "a brand new passphrase")
    with pytest.raises(InvalidInput, match="same as the current one"):
        accounts.change_password(ada, PASSWORD, PASSWORD)
    with pytest.raises(InvalidInput, match="at least 8"):
        accounts.change_password(ada, PASSWORD, "short")
    with pytest.raises(InvalidInput, match="current password"):
        accounts.change_password(ada, "", "a brand new passphrase")
    assert accounts.change_password(ada, PASSWORD, "a brand new passphrase") == ada
    assert sqlite_store.accounts.get_user(ada.user.id).last_sign_in_at == before  # not a sign-in
    with pytest.raises(AuthError):
        accounts.sign_in("ada@example.com", PASSWORD)
    assert accounts.sign_in("ada@example.com", "a brand new passphrase").user.id == ada.user.id


def test_guessing_the_current_password_is_throttled_like_signing_in(accounts):
    ada = accounts.sign_up("ada@example.com", PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthError):
            accounts.change_password(ada, "wrong password", "a brand new passphrase")
    with pytest.raises(TooManyAttempts):
        accounts.change_password(ada, "wrong password", "a brand new passphrase")


def test_lockouts_double_and_unknown_emails_are_throttled_too(accounts, clock):
    for _ in range(5):
        with pytest.raises(AuthError):
            accounts.sign_in("ghost@example.com", "guess guess")
    clock.advance(minutes=1, seconds=1)
    for _ in range(4):
        with pytest.raises(AuthError):
            accounts.sign_in("ghost@example.com", "guess guess")
    with pytest.raises(TooManyAttempts) as second:
        accounts.sign_in("ghost@example.com", "guess guess")
    assert second.value.retry_after == 120
    assert "2 minutes" in str(second.value)


def test_failures_outside_the_window_start_over():
    policy = ThrottlePolicy()
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    state = None
    for i in range(4):
        state = after_failure(state, "a@b.co", t0 + timedelta(minutes=i), policy)
    assert state.failures == 4 and throttle_wait(state, t0) == 0
    later = after_failure(state, "a@b.co", t0 + timedelta(minutes=30), policy)
    assert later.failures == 1 and later.locked_until is None


def test_lockout_is_capped():
    policy = ThrottlePolicy(max_failures=1)
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    state = None
    for _ in range(12):
        state = after_failure(state, "a@b.co", t0, policy)
    assert throttle_wait(state, t0) == policy.max_lockout.total_seconds()


def test_outdated_hash_is_upgraded_on_sign_in(sqlite_store, fast_hasher):
    from argon2 import PasswordHasher

    old = LocalAccounts(sqlite_store, hasher=fast_hasher)
    user = old.sign_up("ada@example.com", PASSWORD).user
    stronger = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    LocalAccounts(sqlite_store, hasher=stronger).sign_in("ada@example.com", PASSWORD)
    _, stored = sqlite_store.accounts.credentials("ada@example.com")
    assert "m=2048,t=2" in stored and sqlite_store.accounts.get_user(user.id)


def test_unknown_email_costs_a_hash_too(accounts):
    """An unknown email is checked against a dummy hash, so timing does not tell them apart."""
    accounts.sign_up("ada@example.com", PASSWORD)
    calls = []
    real_verify = accounts.hasher.verify
    accounts.hasher = type("Spy", (), {
        "verify": lambda self, h, p: calls.append(h) or real_verify(h, p),
        "hash": accounts.hasher.hash, "check_needs_rehash": accounts.hasher.check_needs_rehash,
    })()
    with pytest.raises(AuthError):
        accounts.sign_in("nobody@example.com", PASSWORD)
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")


def test_delete_account_needs_the_email_typed(accounts, sqlite_store):
    signed = accounts.sign_up("ada@example.com", PASSWORD)
    sqlite_store.sessions.create_session(signed.user.id, "coding")
    with pytest.raises(InvalidInput, match="type your email"):
        accounts.delete_account(signed, "someone@else.com")
    with pytest.raises(InvalidInput):
        accounts.delete_account(signed, "")
    counts = accounts.delete_account(signed, " ADA@example.com ")
    assert counts["users"] == 1 and counts["sessions"] == 1
    with pytest.raises(AuthError, match="no Ava account"):
        accounts.sign_in("ada@example.com", PASSWORD)


def test_get_accounts_picks_the_backend(sqlite_store):
    assert get_accounts(load_settings({}), sqlite_store).name == "local"
    settings = load_settings({"SUPABASE_URL": "https://x.supabase.co", "SUPABASE_ANON_KEY": "k"})
    assert get_accounts(settings, sqlite_store).name == "supabase"


# --- Supabase Auth, HTTP faked with respx --------------------------------------------------------

SUPABASE = "https://demo.supabase.co"
AUTH = f"{SUPABASE}/auth/v1"
USER_ID = str(uuid.uuid4())


def jwt(exp_in: int = 3600) -> str:
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    payload = {"sub": USER_ID, "exp": int(time.time()) + exp_in, "role": "authenticated"}
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(payload)}.c2lnbmF0dXJl"


def user_json(email="ada@example.com", name="Ada"):
    return {
        "id": USER_ID, "aud": "authenticated", "role": "authenticated", "email": email,
        "app_metadata": {"provider": "email"}, "user_metadata": {"display_name": name},
        "created_at": "2026-11-26T09:00:00Z",
    }


def session_json(**user):
    return {
        "access_token": jwt(), "refresh_token": "refresh-1", "token_type": "bearer",
        "expires_in": 3600, "expires_at": int(time.time()) + 3600, "user": user_json(**user),
    }


def api_error(status, code, message):
    body = {"code": status, "error_code": code, "msg": message}
    if code == "weak_password":
        body["weak_password"] = {"reasons": ["length"]}
    return httpx.Response(status, json=body, headers={"x-supabase-api-version": "2024-01-01"})


@pytest.fixture
def supabase(sqlite_store):
    with respx.mock(assert_all_called=False) as mock:
        yield SupabaseAccounts(sqlite_store, SUPABASE, "anon-key"), mock


def test_supabase_sign_up_and_sign_in(supabase, sqlite_store):
    accounts, mock = supabase
    signup = mock.post(f"{AUTH}/signup").respond(200, json=session_json())
    signed = accounts.sign_up("Ada@Example.com", PASSWORD, "Ada")
    sent = json.loads(signup.calls[0].request.content)
    assert sent["email"] == "ada@example.com" and sent["data"] == {"display_name": "Ada"}
    assert signup.calls[0].request.headers["apikey"] == "anon-key"
    assert str(signed.user.id) == USER_ID and signed.user.auth_provider == "supabase"
    assert signed.tokens["refresh_token"] == "refresh-1"

    token = mock.post(f"{AUTH}/token").respond(200, json=session_json())
    again = accounts.sign_in("ada@example.com", PASSWORD)
    assert token.calls[0].request.url.params["grant_type"] == "password"
    assert again.user.id == signed.user.id and sqlite_store.accounts.count_rows(again.user.id)["users"] == 1


def test_supabase_sign_up_awaiting_confirmation(supabase):
    accounts, mock = supabase
    mock.post(f"{AUTH}/signup").respond(200, json=user_json())
    with pytest.raises(ConfirmationRequired, match="confirmation link"):
        accounts.sign_up("ada@example.com", PASSWORD)


@pytest.mark.parametrize("status, code, words", [
    (400, "invalid_credentials", "email or password is not right"),
    (400, "email_not_confirmed", "Confirm your email first"),
    (429, "over_request_rate_limit", "Too many attempts"),
    (422, "something_new", "Supabase refused: boom"),
])
def test_supabase_sign_in_errors(supabase, status, code, words):
    accounts, mock = supabase
    mock.post(f"{AUTH}/token").mock(return_value=api_error(status, code, "boom"))
    with pytest.raises(AuthError, match=words):
        accounts.sign_in("ada@example.com", PASSWORD)


@pytest.mark.parametrize("status, code, words", [
    (422, "user_already_exists", "already an account"),
    (422, "weak_password", "too weak"),
    (422, "signup_disabled", "Sign-ups are turned off"),
])
def test_supabase_sign_up_errors(supabase, status, code, words):
    accounts, mock = supabase
    mock.post(f"{AUTH}/signup").mock(return_value=api_error(status, code, "no"))
    with pytest.raises(AuthError, match=words):
        accounts.sign_up("ada@example.com", PASSWORD)


@pytest.mark.parametrize("failure", [
    httpx.ConnectError("connection refused"),
    httpx.ReadTimeout("timed out"),
    httpx.Response(503, text="upstream down"),
])
def test_supabase_unreachable(supabase, failure):
    accounts, mock = supabase
    route = mock.post(f"{AUTH}/token")
    if isinstance(failure, httpx.Response):
        route.mock(return_value=failure)
    else:
        route.mock(side_effect=failure)
    with pytest.raises(ServiceUnavailable, match="Could not reach Supabase"):
        accounts.sign_in("ada@example.com", PASSWORD)


def test_supabase_sign_out(supabase, sqlite_store):
    accounts, mock = supabase
    mock.post(f"{AUTH}/token").respond(200, json=session_json())
    signed = accounts.sign_in("ada@example.com", PASSWORD)
    logout = mock.post(f"{AUTH}/logout").respond(204)
    accounts.sign_out(signed)
    request = logout.calls[0].request
    assert request.headers["authorization"] == f"Bearer {signed.tokens['access_token']}"
    assert request.url.params["scope"] == "local"
    accounts.sign_out(SignedIn(signed.user))  # no tokens: nothing to revoke, no request
    assert logout.call_count == 1


def test_supabase_delete_account_calls_the_function_with_the_users_token(supabase, sqlite_store):
    accounts, mock = supabase
    mock.post(f"{AUTH}/token").respond(200, json=session_json())
    signed = accounts.sign_in("ada@example.com", PASSWORD)
    sqlite_store.sessions.create_session(signed.user.id, "behavioral")
    mock.get(f"{AUTH}/user").respond(200, json=user_json())
    rpc = mock.post(f"{SUPABASE}/rest/v1/rpc/delete_own_account").respond(204)
    counts = accounts.delete_account(signed, "ada@example.com")
    assert rpc.calls[0].request.headers["authorization"] == f"Bearer {signed.tokens['access_token']}"
    assert counts["sessions"] == 1 and sqlite_store.accounts.count_rows(signed.user.id)["users"] == 0


def test_supabase_change_password_signs_in_again_then_updates_the_user(supabase):
    accounts, mock = supabase
    mock.post(f"{AUTH}/token").respond(200, json=session_json())
    signed = accounts.sign_in("ada@example.com", PASSWORD)
    mock.get(f"{AUTH}/user").respond(200, json=user_json())
    update = mock.put(f"{AUTH}/user").respond(200, json=user_json())
    fresh = accounts.change_password(signed, PASSWORD, "a brand new passphrase")
    assert json.loads(update.calls[0].request.content)["password"] == "a brand new passphrase"
    assert update.calls[0].request.headers["authorization"] == f"Bearer {fresh.tokens['access_token']}"
    mock.put(f"{AUTH}/user").mock(return_value=api_error(422, "same_password", "same"))
    with pytest.raises(AuthError, match="same as the current one"):
        accounts.change_password(signed, PASSWORD, "another new passphrase")
    mock.post(f"{AUTH}/token").mock(return_value=api_error(400, "invalid_credentials", "bad"))
    with pytest.raises(AuthError, match="email or password is not right"):
        accounts.change_password(signed, "wrong password", "a brand new passphrase")


def test_supabase_delete_account_without_the_function(supabase, sqlite_store):
    accounts, mock = supabase
    mock.post(f"{AUTH}/token").respond(200, json=session_json())
    signed = accounts.sign_in("ada@example.com", PASSWORD)
    mock.get(f"{AUTH}/user").respond(200, json=user_json())
    mock.post(f"{SUPABASE}/rest/v1/rpc/delete_own_account").respond(
        404, json={"code": "PGRST202", "message": "Could not find the function", "details": None,
                   "hint": None},
    )
    with pytest.raises(AuthError, match="supabase/schema.sql"):
        accounts.delete_account(signed, "ada@example.com")
    assert sqlite_store.accounts.count_rows(signed.user.id)["users"] == 1  # nothing lost
