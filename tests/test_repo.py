"""The README's promise: two commands set everything up, and CI runs the same test command."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    return [line for block in blocks for line in block.splitlines()
            if line and not line.startswith("#")]


def test_quick_start_installs_then_runs_the_app():
    install_and_run = readme_commands()[0]
    assert "-r requirements.txt" in install_and_run
    assert install_and_run.endswith("streamlit run app.py")


def test_ci_runs_both_readme_commands_verbatim_in_a_new_environment():
    """.ci/run reads the commands from the README: the lines its selectors pick are the quick
    start's two commands, and it runs them as they are, inside a new virtual environment."""
    ci = (ROOT / ".ci" / "run").read_text()
    function = re.search(r"^readme_command\(\) \{.*?^\}", ci, flags=re.S | re.M).group(0)
    selectors = dict(re.findall(r'^(run_command|test_command)=\$\(readme_command "(.*)"\)$', ci, flags=re.M))
    for name, expected in (("run_command", readme_commands()[0]), ("test_command", readme_commands()[1])):
        picked = subprocess.run(["bash", "-c", f'{function}\nreadme_command "$1"', "_", selectors[name]],
                                cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert picked.stdout.strip() == expected, picked.stderr
        assert f'bash -c "${name}"' in ci
    assert ci.index("python3 -m venv") < ci.index('bash -c "$run_command"') < ci.index('bash -c "$test_command"')
    assert "AVA_REQUIRE_POSTGRES=1" in ci and "start-postgres" in ci
    assert "AVA_REQUIRE_BROWSER=1" in ci and "chromium" in ci
    assert "check_requirements.py" in ci and ".ci/floors" in ci


def test_dev_requirements_include_the_app_and_the_package():
    dev = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in dev and "-e ." in dev


def test_the_readme_links_resolve_inside_the_repository():
    readme = (ROOT / "README.md").read_text()
    links = [link for link in re.findall(r"\]\(([^)#]+)\)", readme) if "://" not in link]
    assert "docs/architecture.md" in links
    assert [link for link in links if not (ROOT / link).exists()] == []


def test_the_licence_is_the_agpl_and_the_readme_lists_every_requirement():
    assert (ROOT / "LICENSE").read_text().startswith("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3")
    assert 'license = "AGPL-3.0-or-later"' in (ROOT / "pyproject.toml").read_text()
    readme = (ROOT / "README.md").read_text()
    listed = {row.split("|")[1].strip().lower() for row in readme[readme.index("## Licence"):].splitlines()
              if row.startswith("| ") and not row.startswith("| Package")}
    required = {re.match(r"[A-Za-z0-9._-]+", line).group(0).lower()
                for line in (ROOT / "requirements.txt").read_text().splitlines()
                if line.strip() and not line.startswith("#")}
    assert required == listed
