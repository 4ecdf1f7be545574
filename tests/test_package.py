"""`pip install .` (not editable) gives an ava_core that finds its question bank, its labelled
answers and its migrations from any directory: they ship inside the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT

SOURCES = ("pyproject.toml", "README.md", "LICENSE", "requirements.txt")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """The wheel built from a copy of the sources, installed into a folder of its own."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    shutil.copytree(ROOT / "ava_core", source / "ava_core", ignore=shutil.ignore_patterns("__pycache__"))
    for name in SOURCES:
        shutil.copy(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(work / "wheel"),
                    str(source)], check=True, capture_output=True, timeout=300)
    wheel = next((work / "wheel").glob("ava_core-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(work / "site"), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    return {"wheel": wheel, "site": work / "site", "elsewhere": tmp_path_factory.mktemp("elsewhere")}


def test_the_wheel_carries_the_data_the_migrations_and_the_licence(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "ava_core" / "data").rglob("*")
                     if p.is_file())
    assert len(shipped) > 100 and [n for n in shipped if n not in names] == []
    assert {"ava_core/store/migrations/env.py", "ava_core/store/migrations/script.py.mako",
            "ava_core/store/migrations/versions/0001_initial_schema.py", "ava_core/judge/_sandbox_child.py"} <= names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_the_installed_package_works_from_another_directory(installed):
    code = """
import ava_core, sys
from pathlib import Path
from ava_core import evaluation, questions
from ava_core.store import db
from ava_core.settings import load_settings
from ava_core.store import Store

assert Path(ava_core.__file__).is_relative_to(Path(sys.argv[1])), ava_core.__file__
bank = questions.load_bank()
print("bank", len(bank.coding), len(bank.behavioral))
print("labelled", len(evaluation.load_pairs()) > 100)
store = Store.open(load_settings({"AVA_SQLITE_PATH": "ava.db"}))
print("migrated", db.current_revision(store.engine) == db.head_revision())
"""
    result = subprocess.run(
        [sys.executable, "-c", code, str(installed["site"])], cwd=installed["elsewhere"],
        env={"PYTHONPATH": str(installed["site"]), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["bank 78 69", "labelled True", "migrated True"]

    evaluated = subprocess.run(
        [sys.executable, "-m", "ava_core", "eval"], cwd=installed["elsewhere"],
        env={"PYTHONPATH": str(installed["site"]), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=300,
    )
    assert evaluated.returncode == 0, evaluated.stderr
    rows = [line.split()[0] for line in evaluated.stdout.splitlines()[2:4]]
    assert rows == ["behavioral", "coding"], evaluated.stdout
