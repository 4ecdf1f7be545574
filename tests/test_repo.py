"""The README's promise: two commands set everything up, and CI runs the same test command."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    return [line for block in blocks for line in block.splitlines()
            if line and not line.startswith("#")]


def test_quick_start_installs_then_runs_the_app():
    install_and_run = readme_commands()[0]
    assert "-r requirements.txt" in install_and_run
    assert install_and_run.endswith("streamlit run app.py")


def test_ci_runs_the_readme_test_command_verbatim():
    test_command = readme_commands()[1]
    assert "requirements-dev.txt" in test_command and "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command in ci.splitlines()
    assert "AVA_REQUIRE_POSTGRES=1" in ci and "start-postgres" in ci
    assert "AVA_REQUIRE_BROWSER=1" in ci and "chromium" in ci


def test_dev_requirements_include_the_app_and_the_package():
    dev = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in dev and "-e ." in dev
