"""Home: a greeting, a way back into an unfinished interview, recent sessions, and which
backends are active."""

from datetime import datetime, timezone

import streamlit as st

from ava_app import services as ui
from ava_core import hosting, overview
from ava_core.settings import describe_backends

svc = ui.services()
who = ui.require_user()
tz = st.context.timezone

st.title(overview.greeting(ui.md(who.user.display_name), overview.local_time(datetime.now(timezone.utc), tz)))

PAGES = {"coding": "pages/coding.py", "behavioral": "pages/behavioral.py"}
with ui.user_errors():
    for unfinished in overview.unfinished_sessions(svc.store, who.user.id):
        with st.container(border=True):
            st.markdown(ui.md(overview.unfinished_text(unfinished)))
            st.page_link(PAGES[unfinished.mode], label="Pick it up where you left off",
                         icon=":material/play_arrow:")

cols = st.columns(2)
cols[0].page_link("pages/coding.py", label="Start a coding interview", icon=":material/code:")
cols[1].page_link("pages/behavioral.py", label="Start a behavioral interview", icon=":material/forum:")

st.subheader("Recent sessions")
with ui.user_errors():
    sessions = overview.recent_sessions(svc.store, who.user.id)
    if sessions:
        st.dataframe(
            overview.session_rows(sessions, tz),
            hide_index=True,
            width="stretch",
            column_config={"Score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100, format="%d")},
        )
        st.page_link("pages/progress.py", label="Your progress, and every session in full",
                     icon=":material/insights:")
    else:
        st.info(
            "No sessions yet. Start with a coding interview (a question, six UMPIRE steps out "
            "loud, your code run against hidden tests) or a behavioral one (questions from your "
            "own resume). Each one is kept here with its score, so you can see how you improve.",
            icon=":material/history:",
        )

st.subheader("How Ava is running")
stored = ui.storage(svc)
if stored.warning:
    st.warning(stored.text, icon=":material/warning:")
local = ui.local_browser()
backends = describe_backends(svc.settings)
st.caption(overview.offline_summary(backends, local))
confined, confinement = svc.executor.confinement()
if confined:
    st.caption(confinement)
else:
    st.warning(confinement, icon=":material/gpp_maybe:")
st.dataframe(
    [
        {"Concern": b.concern.capitalize(), "Backend": b.name,
         "Where": hosting.where(b.offline, local), "Detail": b.detail}
        for b in backends
    ],
    hide_index=True,
    width="stretch",
)
