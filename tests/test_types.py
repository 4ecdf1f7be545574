"""ava_core type-checks clean: mypy at the strictness pyproject.toml's [tool.mypy] states (its
defaults, and the bodies of functions without annotations too)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_mypy_finds_no_error_in_ava_core():
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True,
                         timeout=280)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Success: no issues found" in run.stdout
