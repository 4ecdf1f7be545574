"""The code editor (streamlit-ace). One function, so page tests can replace it: the component
renders only in a real browser (AppTest sees an unknown element)."""

from __future__ import annotations


def code_editor(code: str, *, key: str, readonly: bool = False) -> str:
    """An Ace editor for Python holding ``code``; returns what it holds now. 15 px: at 14 px
    Chrome on Linux clips underscores with its default monospace font (ajaxorg/ace#4000)."""
    from streamlit_ace import st_ace

    value = st_ace(
        value=code, language="python", theme="chrome", keybinding="vscode", font_size=15,
        tab_size=4, min_lines=16, max_lines=40, show_gutter=True, wrap=False,
        readonly=readonly, auto_update=True, key=key,
    )
    return code if value is None else value
