"""Ava's settings: one object, read from environment variables or ``st.secrets`` (same names).

Every setting has an embedded default, so Ava runs offline with no configuration. A real service
takes over when its settings are present. Environment variables win over secrets.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ava_core.errors import ConfigError

INTERVIEWERS = ("auto", "offline", "claude")
STT_BACKENDS = ("auto", "faster-whisper", "openai-whisper", "openai")
HOST_DISKS = ("auto", "kept", "wiped")


def _setting(env: str, help: str, default: Any = "", secret: bool = False):
    return field(default=default, metadata={"env": env, "help": help, "secret": secret})


@dataclass(frozen=True)
class Settings:
    database_url: str = _setting(
        "AVA_DATABASE_URL",
        "PostgreSQL URL (Supabase's or any other). Empty: the embedded SQLite file.",
        secret=True,
    )
    sqlite_path: str = _setting(
        "AVA_SQLITE_PATH", "Where the embedded SQLite database lives.", "~/.ava/ava.db"
    )
    supabase_url: str = _setting(
        "SUPABASE_URL", "Supabase project URL. With the anon key: accounts move to Supabase Auth."
    )
    supabase_anon_key: str = _setting(
        "SUPABASE_ANON_KEY", "Supabase anon (public) key, used with SUPABASE_URL.", secret=True
    )
    anthropic_api_key: str = _setting(
        "ANTHROPIC_API_KEY", "Claude becomes the interviewer when set.", secret=True
    )
    claude_model: str = _setting(
        "AVA_CLAUDE_MODEL", "Which Claude model the interviewer uses.", "claude-sonnet-5-5"
    )
    interviewer: str = _setting(
        "AVA_INTERVIEWER",
        "auto (Claude when ANTHROPIC_API_KEY is set, else offline), offline, or claude.",
        "auto",
    )
    openai_api_key: str = _setting(
        "OPENAI_API_KEY", "Transcription moves to the OpenAI API when set.", secret=True
    )
    stt_backend: str = _setting(
        "AVA_STT_BACKEND",
        "auto, faster-whisper, openai-whisper or openai: which speech-to-text backend to use.",
        "auto",
    )
    whisper_model: str = _setting(
        "AVA_WHISPER_MODEL",
        "Folder of a larger faster-whisper (CTranslate2) model. Empty: the bundled tiny.en.",
    )
    whisper_checkpoint: str = _setting(
        "AVA_WHISPER_CHECKPOINT", "An openai-whisper checkpoint (.pt) for AVA_STT_BACKEND=openai-whisper."
    )
    max_audio_seconds: int = _setting(
        "AVA_MAX_AUDIO_SECONDS", "Longest answer recording accepted, in seconds.", 600
    )
    voice: bool = _setting("AVA_VOICE", "Whether the interviewer speaks its questions.", True)
    elevenlabs_api_key: str = _setting(
        "ELEVENLABS_API_KEY",
        "The interviewer speaks with ElevenLabs when set (else the browser's own voice).",
        secret=True,
    )
    elevenlabs_voice_id: str = _setting(
        "AVA_ELEVENLABS_VOICE", "ElevenLabs voice id.", "21m00Tcm4TlvDq8ikWAM"
    )
    executor_url: str = _setting(
        "AVA_EXECUTOR_URL",
        "A Piston-compatible code execution engine. Empty: the local sandbox.",
    )
    max_sandboxes: int = _setting(
        "AVA_MAX_SANDBOXES",
        "How many code runs may go at once; the others wait their turn. Unset: as many as there "
        "are cores and as fit in memory beside the app (512 MB each).",
        0,
    )
    sandbox_unconfined: bool = _setting(
        "AVA_SANDBOX_UNCONFINED",
        "Only for a computer that you alone use: run code in the local sandbox even where the "
        "kernel cannot confine it (no Landlock), without its file-system and network jail.",
        False,
    )
    interview_minutes: int = _setting(
        "AVA_INTERVIEW_MINUTES", "Default length of a coding interview, in minutes.", 45
    )
    resume_max_pages: int = _setting("AVA_RESUME_MAX_PAGES", "Longest resume accepted, in pages.", 10)
    resume_max_mb: int = _setting("AVA_RESUME_MAX_MB", "Largest resume accepted, in megabytes.", 10)
    source_url: str = _setting(
        "AVA_SOURCE_URL",
        "Where this Ava's users can get its source code (the AGPL asks anyone who serves a "
        "modified Ava over a network to offer it). Shown on the sign-in and account pages.",
    )
    host_disk: str = _setting(
        "AVA_HOST_DISK",
        "auto (wiped on Streamlit Community Cloud, else kept), kept or wiped: whether files Ava "
        "writes survive a restart of the app.",
        "auto",
    )

    # --- derived values -------------------------------------------------------------------
    @property
    def sqlite_file(self) -> Path:
        return Path(os.path.expanduser(self.sqlite_path))

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL of the configured database."""
        if self.database_url:
            return normalize_database_url(self.database_url)
        return f"sqlite:///{self.sqlite_file}"

    @property
    def uses_supabase_auth(self) -> bool:
        return bool(self.supabase_url and self.supabase_anon_key)

    @property
    def interviewer_provider(self) -> str:
        if self.interviewer == "auto":
            return "claude" if self.anthropic_api_key else "offline"
        return self.interviewer

    @property
    def stt_provider(self) -> str:
        if self.stt_backend == "auto":
            return "openai" if self.openai_api_key else "faster-whisper"
        return self.stt_backend


def setting_fields() -> list[dataclasses.Field]:
    """Every setting with its metadata (env name, help, secret), in declaration order."""
    return list(dataclasses.fields(Settings))


def load_settings(
    environ: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None
) -> Settings:
    """Read every setting from ``environ`` (default ``os.environ``), then ``secrets``, then defaults.

    Empty strings count as unset. Raises ``ConfigError`` naming the setting on a bad value.
    """
    environ = os.environ if environ is None else environ
    secrets = secrets or {}
    values: dict[str, Any] = {}
    for f in setting_fields():
        name = f.metadata["env"]
        raw = environ.get(name)
        if raw is None or str(raw).strip() == "":
            raw = secrets.get(name)
        if raw is None or str(raw).strip() == "":
            continue
        values[f.name] = _convert(name, f.default, raw)
    settings = Settings(**values)
    _validate(settings)
    return settings


def _convert(name: str, default: Any, raw: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{name} must be on or off (true/false), not {raw!r}.")
    if isinstance(default, int):
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from None
        if value <= 0:
            raise ConfigError(f"{name} must be greater than zero, not {value}.")
        return value
    return str(raw).strip()


def _validate(settings: Settings) -> None:
    if settings.interviewer not in INTERVIEWERS:
        raise ConfigError(
            f"AVA_INTERVIEWER must be one of {', '.join(INTERVIEWERS)}, not {settings.interviewer!r}."
        )
    if settings.interviewer == "claude" and not settings.anthropic_api_key:
        raise ConfigError("AVA_INTERVIEWER is claude but ANTHROPIC_API_KEY is not set.")
    if settings.stt_backend not in STT_BACKENDS:
        raise ConfigError(
            f"AVA_STT_BACKEND must be one of {', '.join(STT_BACKENDS)}, not {settings.stt_backend!r}."
        )
    if settings.stt_backend == "openai" and not settings.openai_api_key:
        raise ConfigError("AVA_STT_BACKEND is openai but OPENAI_API_KEY is not set.")
    if settings.host_disk not in HOST_DISKS:
        raise ConfigError(f"AVA_HOST_DISK must be one of {', '.join(HOST_DISKS)}, not {settings.host_disk!r}.")
    if settings.source_url and not re.fullmatch(r"https?://[^\s()<>\[\]]+", settings.source_url):
        raise ConfigError(f"AVA_SOURCE_URL must be a web address (https://...), not {settings.source_url!r}.")
    if bool(settings.supabase_url) != bool(settings.supabase_anon_key):
        raise ConfigError("Set both SUPABASE_URL and SUPABASE_ANON_KEY, or neither.")
    if settings.database_url:
        normalize_database_url(settings.database_url)


def normalize_database_url(url: str) -> str:
    """Accept the URL forms Supabase and Heroku-style hosts print; use the psycopg 3 driver."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ConfigError("AVA_DATABASE_URL must look like postgresql://user:password@host:5432/db.")
    scheme = scheme.lower()
    if scheme in ("postgres", "postgresql", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme.startswith("sqlite"):
        return url
    raise ConfigError(
        f"AVA_DATABASE_URL must be a PostgreSQL URL (postgresql://...), not a {scheme!r} URL."
    )


def redact_url(url: str) -> str:
    """The URL with its password replaced, for showing to a user or in logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


@dataclass(frozen=True)
class Backend:
    concern: str  # storage, accounts, speech to text, interviewer, ...
    name: str  # what is active, in plain words
    offline: bool  # True when it runs on this machine with no keys
    detail: str = ""


def describe_backends(settings: Settings) -> list[Backend]:
    """Which backend is active for each concern, so a user knows whether Ava runs offline."""
    backends = []
    if settings.database_url:
        host = urlsplit(settings.db_url).hostname or "local socket"
        backends.append(Backend("storage", "PostgreSQL", False, host))
    else:
        backends.append(Backend("storage", "SQLite", True, str(settings.sqlite_file)))
    if settings.uses_supabase_auth:
        host = urlsplit(settings.supabase_url).hostname or settings.supabase_url
        backends.append(Backend("accounts", "Supabase Auth", False, host))
    else:
        backends.append(Backend("accounts", "Local accounts", True, "argon2id password hashes"))
    stt = settings.stt_provider
    if stt == "openai":
        backends.append(Backend("speech to text", "OpenAI transcription API", False))
    elif stt == "openai-whisper":
        backends.append(Backend("speech to text", "openai-whisper", True, settings.whisper_checkpoint))
    elif settings.whisper_model:
        backends.append(Backend("speech to text", "faster-whisper", True, settings.whisper_model))
    else:
        backends.append(Backend("speech to text", "faster-whisper", True, "tiny.en, int8 on the CPU"))
    if settings.executor_url:
        host = urlsplit(settings.executor_url).hostname or settings.executor_url
        backends.append(Backend("running code", "Piston", False, host))
    else:
        backends.append(Backend("running code", "Local sandbox", True, "a subprocess on this machine"))
    if settings.interviewer_provider == "claude":
        backends.append(Backend("interviewer", "Claude", False, settings.claude_model))
    else:
        backends.append(Backend("interviewer", "Offline coach", True, "deterministic rubric scoring"))
    return backends
