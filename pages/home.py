"""Home: a greeting, recent sessions and which backends are active."""

from datetime import datetime, timezone

import streamlit as st

from ava_app import services as ui
from ava_core import overview
from ava_core.settings import describe_backends

svc = ui.services()
who = ui.require_user()
tz = st.context.timezone

st.title(overview.greeting(ui.md(who.user.display_name), overview.local_time(datetime.now(timezone.utc), tz)))

st.subheader("Recent sessions")
with ui.user_errors():
    sessions = svc.store.list_sessions(who.user.id, limit=20)
    if sessions:
        st.dataframe(
            overview.session_rows(sessions, tz),
            hide_index=True,
            width="stretch",
            column_config={"Score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100, format="%d")},
        )
    else:
        st.info(
            "No sessions yet. Each mock interview you do is kept here with its score, so you can "
            "see how you improve.",
            icon=":material/history:",
        )

st.subheader("How Ava is running")
backends = describe_backends(svc.settings)
st.caption(overview.offline_summary(backends))
st.dataframe(
    [
        {"Concern": b.concern.capitalize(), "Backend": b.name,
         "Where": "This machine" if b.offline else "Online service", "Detail": b.detail}
        for b in backends
    ],
    hide_index=True,
    width="stretch",
)
