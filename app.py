"""Ava: a mock technical interviewer. Run with ``streamlit run app.py``."""

import streamlit as st

from ava_app.startup import streamlit_too_old

st.set_page_config(page_title="Ava: mock interviews", page_icon=":material/record_voice_over:", layout="wide")
too_old = streamlit_too_old(st.__version__)
if too_old:
    st.error(too_old)
    st.stop()

from ava_app import services as ui  # noqa: E402  (after the version check: it uses newer APIs)
from ava_core.errors import AvaError  # noqa: E402

try:
    svc = ui.services()
except AvaError as exc:  # a bad setting or an unreachable database: say so, don't crash
    st.title("Ava can't start")
    st.error(str(exc), icon=":material/error:")
    st.stop()

who = ui.current_user(svc)
if who is None:
    page = st.navigation(
        [st.Page("pages/sign_in.py", title="Sign in", icon=":material/login:")], position="hidden"
    )
else:
    page = st.navigation([
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/coding.py", title="Coding interview", icon=":material/code:"),
        st.Page("pages/behavioral.py", title="Behavioral interview", icon=":material/forum:"),
        st.Page("pages/progress.py", title="Progress", icon=":material/insights:"),
        st.Page("pages/bank.py", title="Question bank", icon=":material/library_books:"),
        st.Page("pages/account.py", title="Account", icon=":material/account_circle:"),
    ])
    with st.sidebar:
        st.caption(f"Signed in as **{ui.md(who.user.display_name)}** ({ui.md(who.user.email)})")
page.run()
