"""Checks app.py runs before anything else: an installed Streamlit older than requirements.txt
allows gets a message naming the versions, not an AttributeError from a newer API."""

from __future__ import annotations

import re
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3])


def streamlit_floor(requirements: Path = REQUIREMENTS) -> str | None:
    """The lowest Streamlit that requirements.txt allows (its ``streamlit>=X`` bound)."""
    if not requirements.exists():
        return None
    found = re.search(r"^streamlit\s*>=\s*([0-9][0-9.]*)", requirements.read_text(), re.M)
    return found.group(1) if found else None


def streamlit_too_old(installed: str, requirements: Path = REQUIREMENTS) -> str | None:
    """A message when ``installed`` is below requirements.txt's floor, else None."""
    floor = streamlit_floor(requirements)
    if floor is None or _release(installed) >= _release(floor):
        return None
    return (
        f"Ava needs Streamlit {floor} or newer; this environment has {installed}. "
        "Install Ava's requirements again (python3 -m pip install -r requirements.txt), "
        "then start it again."
    )
