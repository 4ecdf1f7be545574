"""Ava's engine: pure Python, importable without Streamlit.

Submodules are imported on demand (``from ava_core import store``), so importing the package is
cheap and never pulls heavy libraries.
"""

from ava_core.errors import AvaError

__version__ = "0.1.0"
__all__ = ["AvaError", "__version__"]
