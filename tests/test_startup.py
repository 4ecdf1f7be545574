"""An installed Streamlit older than requirements.txt allows gets a message, not an AttributeError."""

from __future__ import annotations

import streamlit as st

from ava_app.startup import REQUIREMENTS, streamlit_floor, streamlit_too_old


def test_the_floor_is_read_from_requirements_txt():
    floor = streamlit_floor()
    assert floor is not None and f"streamlit>={floor}," in REQUIREMENTS.read_text()


def test_older_versions_get_a_message_naming_both(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("streamlit-ace>=0.1\nstreamlit>=1.50,<2\n")
    assert streamlit_too_old("1.49.1", requirements) == (
        "Ava needs Streamlit 1.50 or newer; this environment has 1.49.1. Install Ava's requirements "
        "again (python3 -m pip install -r requirements.txt), then start it again."
    )
    assert streamlit_too_old("1.9.0", requirements) is not None  # compared as numbers, not text
    for version in ("1.50", "1.50.0", "1.67.0", "2.0.0", "1.50.0.dev3+g12ab"):
        assert streamlit_too_old(version, requirements) is None
    assert streamlit_too_old("1.0", tmp_path / "missing.txt") is None


def test_the_app_says_so_instead_of_failing(app_test, monkeypatch):
    monkeypatch.setattr(st, "__version__", "1.0.0")
    at = app_test()
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith(f"Ava needs Streamlit {streamlit_floor()} or newer; this environment has 1.0.0.")
    assert not at.text_input  # nothing else ran
