"""Settings: one object from environment variables or secrets, with embedded defaults."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ava_core.errors import ConfigError
from ava_core.settings import (
    describe_backends,
    load_settings,
    normalize_database_url,
    redact_url,
    setting_fields,
)
from tests.conftest import ROOT

NAMES = [f.metadata["env"] for f in setting_fields()]


def test_defaults_run_everything_offline():
    s = load_settings({})
    assert s.db_url == f"sqlite:///{Path.home() / '.ava' / 'ava.db'}"
    assert (s.interviewer_provider, s.stt_provider, s.uses_supabase_auth) == (
        "offline", "faster-whisper", False)
    assert all(b.offline for b in describe_backends(s))


def test_environment_wins_over_secrets_and_empty_means_unset():
    s = load_settings(
        {"AVA_INTERVIEW_MINUTES": "30", "AVA_CLAUDE_MODEL": ""},
        {"AVA_INTERVIEW_MINUTES": 60, "AVA_CLAUDE_MODEL": "claude-x", "AVA_VOICE": False},
    )
    assert (s.interview_minutes, s.claude_model, s.voice) == (30, "claude-x", False)


def test_real_services_take_over_when_configured():
    s = load_settings({
        "AVA_DATABASE_URL": "postgres://u:pw@db.abc.supabase.co:5432/postgres",
        "SUPABASE_URL": "https://abc.supabase.co", "SUPABASE_ANON_KEY": "anon",
        "ANTHROPIC_API_KEY": "sk-ant", "OPENAI_API_KEY": "sk-openai",
        "AVA_EXECUTOR_URL": "https://piston.example.com",
    })
    assert s.db_url == "postgresql+psycopg://u:pw@db.abc.supabase.co:5432/postgres"
    backends = {b.concern: b for b in describe_backends(s)}
    assert backends["storage"].name == "PostgreSQL" and backends["storage"].detail == "db.abc.supabase.co"
    assert backends["accounts"].name == "Supabase Auth"
    assert backends["interviewer"].name == "Claude"
    assert backends["speech to text"].name == "OpenAI transcription API"
    assert backends["running code"].name == "Piston" and backends["running code"].detail == "piston.example.com"
    assert not any(b.offline for b in backends.values())
    assert "pw" not in repr([b.detail for b in backends.values()])


@pytest.mark.parametrize("env, words", [
    ({"AVA_INTERVIEW_MINUTES": "forty"}, "AVA_INTERVIEW_MINUTES must be a whole number"),
    ({"AVA_MAX_AUDIO_SECONDS": "-5"}, "greater than zero"),
    ({"AVA_VOICE": "maybe"}, "AVA_VOICE must be on or off"),
    ({"AVA_INTERVIEWER": "gpt"}, "AVA_INTERVIEWER must be one of"),
    ({"AVA_INTERVIEWER": "claude"}, "ANTHROPIC_API_KEY is not set"),
    ({"AVA_STT_BACKEND": "openai"}, "OPENAI_API_KEY is not set"),
    ({"SUPABASE_URL": "https://x.supabase.co"}, "both SUPABASE_URL and SUPABASE_ANON_KEY"),
    ({"AVA_DATABASE_URL": "mysql://u@h/db"}, "must be a PostgreSQL URL"),
    ({"AVA_DATABASE_URL": "just-a-host"}, "must look like postgresql://"),
])
def test_bad_values_name_the_setting(env, words):
    with pytest.raises(ConfigError, match=words):
        load_settings(env)


def test_database_url_forms():
    for given in ("postgres://u@h/d", "postgresql://u@h/d", "postgresql+psycopg://u@h/d"):
        assert normalize_database_url(given) == "postgresql+psycopg://u@h/d"
    assert redact_url("postgresql+psycopg://u:secret@h:5432/d") == "postgresql+psycopg://u:***@h:5432/d"
    assert redact_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_secrets_example_lists_every_setting():
    example = tomllib.loads((ROOT / ".streamlit" / "secrets.toml.example").read_text())
    commented = re.findall(r"^#\s*([A-Z_]+)\s*=", (ROOT / ".streamlit" / "secrets.toml.example")
                           .read_text(), flags=re.M)
    assert set(NAMES) == set(example) | set(commented)


def test_readme_documents_every_setting():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in NAMES if f"`{name}`" not in readme]
    assert missing == []


def test_importing_ava_core_does_not_import_streamlit_or_heavy_libraries():
    code = (
        "import sys, ava_core, ava_core.settings, ava_core.store, ava_core.accounts, "
        "ava_core.overview, ava_core.store.db\n"
        "heavy = [m for m in ('streamlit', 'alembic', 'supabase', 'argon2') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
