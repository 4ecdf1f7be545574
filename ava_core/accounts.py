"""Accounts: local sign-up and sign-in (argon2id), or Supabase Auth when it is configured.

Both backends share one interface, so pages never ask which one is active:

    accounts = get_accounts(settings, store)
    signed_in = accounts.sign_in(email, password)      # SignedIn(user, tokens)
    accounts.sign_out(signed_in)
    accounts.delete_account(signed_in, confirm_email)  # the account and all its data
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NoReturn, Protocol, TypeVar

from ava_core.errors import AuthError, InvalidInput, NotFound, ServiceUnavailable, TooManyAttempts
from ava_core.settings import Settings
from ava_core.store import AlreadyExists, SignInThrottle, Store, User
from ava_core.store.models import utcnow

if TYPE_CHECKING:
    from argon2 import PasswordHasher

T = TypeVar("T")
MAX_EMAIL = 254
MIN_PASSWORD = 8
MAX_PASSWORD = 128
MAX_DISPLAY_NAME = 60
# A short list of the passwords tried first by every attacker; a longer one adds little here.
COMMON_PASSWORDS = frozenset(
    """password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword
    12345678 123456789 1234567890 0123456789 87654321 11111111 00000000 12341234 11223344
    qwertyui qwertyuiop qwerty123 qwerty12 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx asdfghjk
    asdfasdf iloveyou iloveyou1 sunshine princess football baseball superman batman123
    abc12345 abcd1234 abcdefgh letmein1 letmein123 welcome1 welcome123 trustno1 starwars
    dragon123 monkey123 master123 admin123 administrator changeme changeme123 whatever
    computer internet interview interview1 interview123 jobsearch""".split()
)


class ConfirmationRequired(AuthError):
    """The account exists but its email must be confirmed before the first sign-in."""


@dataclass(frozen=True)
class ThrottlePolicy:
    """After ``max_failures`` failed sign-ins within ``window``, pause sign-in for ``lockout``,
    doubling for each further lockout up to ``max_lockout``. Applies to unknown emails too."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=1)
    max_lockout: timedelta = timedelta(hours=1)


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in, and the provider's session tokens (Supabase) if any."""

    user: User
    tokens: dict[str, str] = field(default_factory=dict)


# --- validation (pure) ------------------------------------------------------------------------


def normalize_email(raw: str) -> str:
    """The canonical form of an email address: trimmed, NFKC, lower case, IDNA-safe domain."""
    from email_validator import EmailNotValidError, validate_email

    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        raise InvalidInput("Enter your email address.", field="email")
    if len(text) > MAX_EMAIL:
        raise InvalidInput(f"That email address is too long (at most {MAX_EMAIL} characters).", field="email")
    try:
        valid = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidInput(f"That email address is not valid: {exc}", field="email") from None
    return valid.normalized.lower()


def check_password(password: str, email: str = "") -> None:
    """Raise ``InvalidInput`` unless the password meets the rules (NIST 800-63B style)."""
    if not password:
        raise InvalidInput("Enter a password.", field="password")
    length = len(password)
    if length < MIN_PASSWORD:
        raise InvalidInput(
            f"Use a password of at least {MIN_PASSWORD} characters (this one has {length}).",
            field="password",
        )
    if length > MAX_PASSWORD:
        raise InvalidInput(
            f"Use a password of at most {MAX_PASSWORD} characters (this one has {length}).",
            field="password",
        )
    if not password.strip():
        raise InvalidInput("A password can't be only spaces.", field="password")
    folded = password.casefold()
    if folded in COMMON_PASSWORDS or len(set(folded)) < 3:
        raise InvalidInput(
            "That password is among the first ones attackers try. Pick something less common; "
            "a few unrelated words make a strong one.",
            field="password",
        )
    if email and folded in (email.casefold(), email.split("@")[0].casefold()):
        raise InvalidInput("Your password can't be your email address.", field="password")


def clean_display_name(raw: str, email: str) -> str:
    """A display name safe to show: control characters removed, spaces collapsed.

    Empty means the part of the email before the @."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        text = email.split("@")[0]
    if len(text) > MAX_DISPLAY_NAME:
        raise InvalidInput(
            f"Use a name of at most {MAX_DISPLAY_NAME} characters (this one has {len(text)}).",
            field="display_name",
        )
    return text


# --- throttling (pure) ----------------------------------------------------------------------


def throttle_wait(state: SignInThrottle | None, now: datetime) -> float:
    """Seconds until sign-in is allowed again for this email (0 when it is allowed now)."""
    if state is None or state.locked_until is None or state.locked_until <= now:
        return 0.0
    return (state.locked_until - now).total_seconds()


def after_failure(
    state: SignInThrottle | None, email: str, now: datetime, policy: ThrottlePolicy
) -> SignInThrottle:
    """The throttle state after one more failed sign-in."""
    lockouts = state.lockouts if state else 0
    if state is None or now - state.window_started_at > policy.window:
        failures, started = 1, now
    else:
        failures, started = state.failures + 1, state.window_started_at
    locked_until = state.locked_until if state else None
    if failures >= policy.max_failures:
        lockouts += 1
        pause = min(policy.lockout * 2 ** (lockouts - 1), policy.max_lockout)
        locked_until, failures, started = now + pause, 0, now
    return SignInThrottle(email, failures, started, locked_until, lockouts)


def _wait_words(seconds: float) -> str:
    minutes = int((seconds + 59) // 60)
    return "a minute" if minutes <= 1 else f"{minutes} minutes"


# --- backends -------------------------------------------------------------------------------


class Accounts(Protocol):
    name: str

    def sign_up(self, email: str, password: str, display_name: str = "") -> SignedIn: ...

    def sign_in(self, email: str, password: str) -> SignedIn: ...

    def sign_out(self, signed_in: SignedIn) -> None: ...

    def delete_account(self, signed_in: SignedIn, confirm_email: str) -> dict[str, int]: ...

    def change_password(self, signed_in: SignedIn, current: str, new: str) -> SignedIn: ...


def _check_new_password(signed_in: SignedIn, current: str, new: str) -> None:
    if not current:
        raise InvalidInput("Enter your current password.", field="current_password")
    if new == current:
        raise InvalidInput("The new password is the same as the current one. Choose another.",
                           field="new_password")
    check_password(new, signed_in.user.email)


def _confirm(signed_in: SignedIn, confirm_email: str) -> None:
    try:
        typed = normalize_email(confirm_email)
    except InvalidInput:
        typed = ""
    if typed != signed_in.user.email:
        raise InvalidInput(
            "To delete your account, type your email address exactly as shown.", field="confirm"
        )


class LocalAccounts:
    """Accounts stored in Ava's own database, with argon2id password hashes."""

    name = "local"

    def __init__(
        self,
        store: Store,
        *,
        hasher: PasswordHasher | None = None,
        policy: ThrottlePolicy = ThrottlePolicy(),
        clock: Callable[[], datetime] = utcnow,
    ):
        from argon2 import PasswordHasher

        self.store = store
        self.hasher = hasher or PasswordHasher()  # argon2id, RFC 9106 low-memory profile
        self.policy = policy
        self.clock = clock
        self._dummy_hash: str | None = None

    def sign_up(self, email: str, password: str, display_name: str = "") -> SignedIn:
        email = normalize_email(email)
        check_password(password, email)
        name = clean_display_name(display_name, email)
        try:
            user = self.store.accounts.create_user(
                email, name, password_hash=self.hasher.hash(password), auth_provider="local"
            )
        except AlreadyExists:
            raise AuthError(
                f"There is already an account for {email}. Sign in instead."
            ) from None
        return SignedIn(self.store.accounts.record_sign_in(user.id))

    def sign_in(self, email: str, password: str) -> SignedIn:
        return SignedIn(self.store.accounts.record_sign_in(self._verified(email, password).id))

    def _verified(self, email: str, password: str) -> User:
        """The user whose password this is, with throttling; else AuthError (or a wait)."""
        from argon2.exceptions import InvalidHashError, VerificationError

        email = normalize_email(email)
        if not password:
            raise InvalidInput("Enter your password.", field="password")
        now = self.clock()
        wait = throttle_wait(self.store.accounts.get_throttle(email), now)
        if wait:
            raise TooManyAttempts(
                f"Too many failed sign-ins for {email}. Try again in {_wait_words(wait)}.", wait
            )
        found = self.store.accounts.credentials(email)
        stored_hash = found[1] if found else None
        try:
            # Unknown emails are checked against a dummy hash so both cases take the same time.
            self.hasher.verify(stored_hash or self._dummy(), password[: MAX_PASSWORD * 4])
            verified = True
        except (VerificationError, InvalidHashError):
            verified = False
        if not verified or found is None or stored_hash is None:
            self._fail(email, now, found is not None)
        user, _ = found
        self.store.accounts.update_throttle(email, lambda _state: None)
        if self.hasher.check_needs_rehash(stored_hash):
            self.store.accounts.set_password_hash(user.id, self.hasher.hash(password))
        return user

    def _fail(self, email: str, now: datetime, known: bool) -> NoReturn:
        state = self.store.accounts.update_throttle(
            email, lambda old: after_failure(old, email, now, self.policy)
        )
        wait = throttle_wait(state, now)
        if wait:
            raise TooManyAttempts(
                f"Too many failed sign-ins for {email}. Try again in {_wait_words(wait)}.", wait
            )
        left = self.policy.max_failures - state.failures
        tries = f" {left} more {'try' if left == 1 else 'tries'} before a short pause."
        if not known:
            raise AuthError(
                f"There is no Ava account for {email}. Check the spelling, or create an account."
                + tries
            )
        raise AuthError(f"That password is not right for {email}.{tries}")

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash("not a real password")
        return self._dummy_hash

    def sign_out(self, signed_in: SignedIn) -> None:
        """Local sessions live only in the browser tab; the page forgets the user."""

    def delete_account(self, signed_in: SignedIn, confirm_email: str) -> dict[str, int]:
        _confirm(signed_in, confirm_email)
        return self.store.accounts.delete_user(signed_in.user.id)

    def change_password(self, signed_in: SignedIn, current: str, new: str) -> SignedIn:
        """Set a new password once the current one is proven (with sign-in's throttling)."""
        _check_new_password(signed_in, current, new)
        self._verified(signed_in.user.email, current)
        self.store.accounts.set_password_hash(signed_in.user.id, self.hasher.hash(new))
        return signed_in


class SupabaseAccounts:
    """Supabase Auth (supabase-py). Ava keeps a users row with the same id for its own data."""

    name = "supabase"
    MESSAGES = {
        "invalid_credentials": "The email or password is not right. Try again, or reset your "
        "password from your Supabase project.",
        "user_already_exists": "There is already an account for this email. Sign in instead.",
        "email_exists": "There is already an account for this email. Sign in instead.",
        "email_not_confirmed": "Confirm your email first: open the link Supabase sent you, "
        "then sign in.",
        "weak_password": "Supabase refused this password as too weak. Use a longer one.",
        "over_request_rate_limit": "Too many attempts. Wait a minute and try again.",
        "over_email_send_rate_limit": "Too many emails sent. Wait a few minutes and try again.",
        "signup_disabled": "Sign-ups are turned off for this Ava. Ask its owner for an account.",
        "email_address_invalid": "Supabase does not accept this email address.",
        "same_password": "The new password is the same as the current one. Choose another.",
    }

    def __init__(self, store: Store, url: str, anon_key: str, *, client_factory=None):
        self.store = store
        self.url = url
        self.anon_key = anon_key
        self._client_factory = client_factory or self._default_client

    def _default_client(self):
        from supabase import ClientOptions, create_client

        options = ClientOptions(auto_refresh_token=False, persist_session=False)
        return create_client(self.url, self.anon_key, options=options)

    def sign_up(self, email: str, password: str, display_name: str = "") -> SignedIn:
        email = normalize_email(email)
        check_password(password, email)
        name = clean_display_name(display_name, email)
        client = self._client_factory()
        response = self._call(lambda: client.auth.sign_up({
            "email": email, "password": password, "options": {"data": {"display_name": name}},
        }))
        if response.user is None:
            raise AuthError("Supabase did not create the account. Try again in a moment.")
        if response.session is None:
            raise ConfirmationRequired(
                f"Account created. Open the confirmation link Supabase sent to {email}, "
                "then sign in."
            )
        return self._signed_in(response, name)

    def sign_in(self, email: str, password: str) -> SignedIn:
        email = normalize_email(email)
        if not password:
            raise InvalidInput("Enter your password.", field="password")
        client = self._client_factory()
        response = self._call(
            lambda: client.auth.sign_in_with_password({"email": email, "password": password})
        )
        if response.user is None or response.session is None:
            raise AuthError("Supabase did not sign you in. Try again in a moment.")
        return self._signed_in(response)

    def sign_out(self, signed_in: SignedIn) -> None:
        token = signed_in.tokens.get("access_token")
        if not token:
            return
        client = self._client_factory()
        self._call(lambda: client.auth.admin.sign_out(token, scope="local"))

    def delete_account(self, signed_in: SignedIn, confirm_email: str) -> dict[str, int]:
        _confirm(signed_in, confirm_email)
        client = self._client_factory()
        tokens = signed_in.tokens
        self._call(lambda: client.auth.set_session(tokens["access_token"], tokens["refresh_token"]))
        self._call(lambda: client.rpc("delete_own_account").execute())
        try:
            return self.store.accounts.delete_user(signed_in.user.id)
        except NotFound:  # the same database: the function's cascade removed the rows already
            return {"users": 1}

    def change_password(self, signed_in: SignedIn, current: str, new: str) -> SignedIn:
        """Set a new password in Supabase Auth once the current one is proven (a fresh sign-in,
        whose session is returned)."""
        _check_new_password(signed_in, current, new)
        fresh = self.sign_in(signed_in.user.email, current)
        client = self._client_factory()
        tokens = fresh.tokens
        self._call(lambda: client.auth.set_session(tokens["access_token"], tokens["refresh_token"]))
        self._call(lambda: client.auth.update_user({"password": new}))
        return fresh

    def _signed_in(self, response, display_name: str = "") -> SignedIn:
        meta = response.user.user_metadata or {}
        email = normalize_email(response.user.email or "")
        name = clean_display_name(display_name or meta.get("display_name", ""), email)
        user = self.store.accounts.ensure_external_user(response.user.id, email, name, "supabase")
        session = response.session
        return SignedIn(
            user, {"access_token": session.access_token, "refresh_token": session.refresh_token}
        )

    def _call(self, action: Callable[[], T]) -> T:
        from supabase import AuthError as SupabaseAuthError, AuthRetryableError, PostgrestAPIError

        try:
            return action()
        except AuthRetryableError as exc:
            raise ServiceUnavailable(
                f"Could not reach Supabase at {self.url} ({exc.message}). "
                "Check your connection and SUPABASE_URL, then try again."
            ) from exc
        except SupabaseAuthError as exc:
            message = self.MESSAGES.get(exc.code or "")
            if message is None and getattr(exc, "status", None) == 429:
                message = self.MESSAGES["over_request_rate_limit"]
            raise AuthError(message or f"Supabase refused: {exc.message}") from exc
        except PostgrestAPIError as exc:
            if exc.code == "PGRST202":
                raise AuthError(
                    "This Supabase project has no delete_own_account function. Apply "
                    "supabase/schema.sql from Ava's repository, then try again."
                ) from exc
            raise AuthError(f"Supabase refused: {exc.message}") from exc


# --- what the Account page shows and changes, the same for both backends ---------------------

VOICE = "voice"  # the preference: the interviewer speaks its questions (on unless turned off)


def speaks_questions(user: User) -> bool:
    return bool(user.preferences.get(VOICE, True))


def set_speaks_questions(store: Store, user: User, on: bool) -> User | None:
    """Save the voice preference; the updated user, or None when it was so already."""
    if speaks_questions(user) == on:
        return None
    return store.accounts.update_user(user.id, preferences={**user.preferences, VOICE: on})


def data_counts(store: Store, user: User) -> dict[str, int]:
    """How many rows of each table hold the user's data (what deleting the account removes)."""
    return store.accounts.count_rows(user.id)


def get_accounts(settings: Settings, store: Store) -> Accounts:
    """Supabase Auth when SUPABASE_URL and SUPABASE_ANON_KEY are set, else local accounts."""
    if settings.uses_supabase_auth:
        return SupabaseAccounts(store, settings.supabase_url, settings.supabase_anon_key)
    return LocalAccounts(store)
