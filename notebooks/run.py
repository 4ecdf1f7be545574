"""Re-run the evaluation notebook top to bottom and save it in place, with its outputs.

    python notebooks/run.py

Run it (from the dev venv: ``pip install -r requirements-dev.txt``) and commit the notebook whenever the
coach's scoring or the labelled answers change: ``tests/test_evaluation.py`` compares the committed
outputs with a fresh run. Charts are PNG images drawn by vl-convert-python, so the saved notebook needs
no network or JavaScript to show them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "evaluate_coach.ipynb"
COMMAND = "python notebooks/run.py"


CELL_SECONDS = 600  # the development half alone scores about 2,000 answers and runs their code


def execute(path: Path = NOTEBOOK, timeout: int = CELL_SECONDS):
    """The notebook at ``path``, executed in a fresh ``python3`` kernel (the file is not changed)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    # record_timing=False: no timestamps in the cells' metadata, so a re-run changes only what the code prints.
    NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb


def main(argv: list[str] | None = None) -> int:
    import nbformat

    path = Path(argv[0]) if argv else NOTEBOOK
    nb = execute(path)  # a failing cell raises: nothing is saved
    nbformat.write(nb, path)
    size = path.stat().st_size
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: executed and saved ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
