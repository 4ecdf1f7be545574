"""The check that CI runs after installing requirements.txt alone (.ci/check_requirements.py):
it passes on the repository, and it fails, naming the module and the distribution, when a
requirement is removed or a module stops importing."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit

from tests.conftest import ROOT

SCRIPT = ROOT / ".ci" / "check_requirements.py"


def load_check():
    spec = importlib.util.spec_from_file_location("check_requirements", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the app's code and requirements.txt (the question bank left out: not code)."""
    for name in ("pages", "ava_app", "ava_core"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("data", "__pycache__"))
    for name in ("app.py", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(root)],
                          capture_output=True, text=True, timeout=120)


def test_the_repository_passes():
    check = load_check()
    assert check.unnamed_imports(ROOT) == []
    assert check.broken_imports(ROOT) == []


def test_a_removed_requirement_or_a_broken_import_fails_naming_both(project):
    """One run of the CLI, as CI runs it, on a copy with three faults."""
    requirements = project / "requirements.txt"
    lines = requirements.read_text().splitlines()
    requirements.write_text("\n".join(line for line in lines if not line.startswith("streamlit-ace")))
    (project / "ava_core" / "extra.py").write_text("import no_such_module_anywhere\n")
    page = project / "pages" / "home.py"
    page.write_text("from streamlit import no_such_api\n" + page.read_text())

    result = run_check(project)

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "ava_app/editor.py:10 imports `streamlit_ace`, which comes from streamlit-ace; "
        "requirements.txt does not name it (add a line `streamlit-ace`)",
        "ava_core/extra.py:1 imports `no_such_module_anywhere`, which no installed distribution "
        "provides; requirements.txt must name the distribution that provides `no_such_module_anywhere`",
        "ava_core/extra.py: importing ava_core.extra fails: "
        "ModuleNotFoundError: No module named 'no_such_module_anywhere'",
        "pages/home.py:1: `from streamlit import no_such_api` fails: "
        "ImportError: cannot import name 'no_such_api' from 'streamlit' "
        f"({Path(streamlit.__file__)})",
        "check_requirements: 4 problem(s): a fresh install of requirements.txt would fail to run the app",
    ]


def test_an_optional_import_is_not_required(project):
    (project / "ava_core" / "extra.py").write_text(
        "def load():\n    try:\n        import no_such_module_anywhere\n    except ImportError:\n        return None\n"
    )

    assert load_check().unnamed_imports(project) == []


def test_included_requirement_files_are_followed(tmp_path):
    check = load_check()
    (tmp_path / "base.txt").write_text("PyYAML>=6  # comment\n-e .\n")
    (tmp_path / "requirements.txt").write_text("-r base.txt\nStreamlit_Ace==0.1.1\n")

    assert check.named_distributions(tmp_path / "requirements.txt") == {"pyyaml", "streamlit-ace"}
