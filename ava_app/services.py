"""Process-wide services (settings, store, accounts, bank, interviewer, transcriber) and the
signed-in user of this browser tab."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ava_core.accounts import Accounts, SignedIn, get_accounts
from ava_core.errors import AvaError, NotFound
from ava_core.hosting import Host, StorageNotice, detect_host, is_local_browser, storage_notice
from ava_core.interviewer import Interviewer, get_interviewer
from ava_core.judge import Executor, get_executor
from ava_core.questions import QuestionBank, load_bank
from ava_core.settings import Settings, load_settings
from ava_core.store import Store

APP_ROOT = Path(__file__).resolve().parent.parent
USER_KEY = "signed_in"
NOTICE_KEY = "notice"


@dataclass(frozen=True)
class Services:
    settings: Settings
    store: Store
    accounts: Accounts
    interviewer: Interviewer
    executor: Executor  # runs the user's code: the local sandbox, or Piston when configured
    host: Host

    @property
    def bank(self) -> QuestionBank:
        return load_bank()  # cached until a question file changes


def _secrets() -> dict:
    try:
        return {name: st.secrets[name] for name in st.secrets}
    except FileNotFoundError:  # no secrets.toml: environment variables and defaults only
        return {}


@st.cache_resource(show_spinner="Opening Ava's database...")
def _open(key: str, _settings: Settings) -> Services:
    store = Store.open(_settings)  # migrates a new or old database to the newest schema
    store.bank.sync_bank(load_bank().records())  # the shipped questions, updated idempotently
    return Services(_settings, store, get_accounts(_settings, store),
                    get_interviewer(settings=_settings), get_executor(settings=_settings),
                    detect_host(_settings, APP_ROOT, os.environ))


@st.cache_resource(show_spinner=False)
def _transcriber(key: str, _settings: Settings):
    from ava_core.speech.transcription import get_transcriber

    return get_transcriber(settings=_settings)


def transcriber():
    """The speech-to-text backend, created once per process (the model loads on first use)."""
    settings = services().settings
    return _transcriber(repr(settings), settings)


def services() -> Services:
    """Ava's services for the current settings (opened once per process and settings)."""
    settings = load_settings(os.environ, _secrets())
    return _open(repr(settings), settings)


def local_browser() -> bool:
    """Whether this tab's browser runs on the machine that runs Ava."""
    return is_local_browser(st.context.headers.get("Host"))


def storage(svc: Services) -> StorageNotice:
    """Where this Ava keeps accounts and answers, said truthfully for this host and browser."""
    return storage_notice(svc.settings, svc.host, local_browser())


def signed_in() -> SignedIn | None:
    return st.session_state.get(USER_KEY)


def require_user() -> SignedIn:
    """The signed-in user; a page reached without one (a deep link) stops with a pointer."""
    who = signed_in()
    if who is None:
        st.warning("Sign in to use Ava: open its start page.", icon=":material/lock:")
        st.stop()
    return who


def current_user(svc: Services) -> SignedIn | None:
    """The tab's user, refreshed from the store; None when signed out or the account is gone."""
    who = signed_in()
    if who is None:
        return None
    try:
        fresh = SignedIn(svc.store.accounts.get_user(who.user.id), who.tokens)
    except NotFound:
        forget_user()
        return None
    st.session_state[USER_KEY] = fresh
    return fresh


def remember_user(who: SignedIn) -> None:
    st.session_state[USER_KEY] = who


def forget_user(notice: str | None = None) -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if notice:
        st.session_state[NOTICE_KEY] = notice


def pop_notice() -> str | None:
    return st.session_state.pop(NOTICE_KEY, None)


MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: str) -> str:
    """User-provided text made inert inside Streamlit markdown (no links, images or styling)."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


@contextmanager
def user_errors() -> Iterator[None]:
    """Show an error a user can act on as a message, never a traceback."""
    try:
        yield
    except AvaError as exc:
        st.error(str(exc), icon=":material/error:")
