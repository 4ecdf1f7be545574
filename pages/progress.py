"""Progress: headline figures, trends, weak spots, what to practise next, and every past session."""

from datetime import datetime, timezone

import streamlit as st

from ava_app import services as ui
from ava_core import progress
from ava_core.errors import AvaError
from ava_core.vocabulary import MODES
from ava_core.vocabulary import MODE_LABELS


def practise_next(recommendation: progress.Recommendation) -> None:
    with st.container(border=True):
        st.markdown("**What to practise next**")
        st.write(recommendation.message)
        request = recommendation.practice_request
        if st.button(recommendation.button_label, key="practise_next", type="primary",
                     icon=":material/play_arrow:", disabled=request is None):
            st.session_state["practice_request"] = request
            st.switch_page("pages/coding.py")


def metrics(items: list[progress.Metric]) -> None:
    for column, m in zip(st.columns(len(items)), items):
        column.metric(m.label, m.value, m.delta, help=m.help, delta_color=m.delta_color,
                      delta_arrow=m.delta_arrow)


def chart(frame, draw, empty: str) -> None:
    if frame.empty:
        st.caption(empty)
    else:
        st.altair_chart(draw(frame), width="stretch")


def scores_tab(dash: progress.Dashboard) -> None:
    st.subheader("Score over time")
    st.caption(f"Each point is a session; the line is the average of the last "
               f"{progress.ROLLING_WINDOW} sessions of the same mode.")
    chart(dash.scores, charts.scores, "No scored session in these filters yet.")


def coding_tab(dash: progress.Dashboard) -> None:
    st.subheader("Average step score by topic")
    chart(dash.heatmap, charts.heatmap, "No UMPIRE step has been scored in these filters yet.")
    st.subheader("Hidden tests passed")
    st.caption(progress.tests_text(dash.pass_rate))
    chart(dash.pass_rate, charts.pass_rates, "No code judged yet.")
    st.subheader("Claimed versus measured complexity")
    st.caption(progress.complexity_text(dash.complexity))
    chart(dash.complexity, charts.complexity, "No complexity claim checked yet.")
    st.subheader("Topics not practised yet")
    if dash.untried.empty:
        st.caption("You have practised every topic of the question bank.")
    else:
        st.dataframe(dash.untried[["name", "questions"]], hide_index=True,
                     column_config={"name": "Topic", "questions": "Questions in the bank"})


def behavioral_tab(dash: progress.Dashboard) -> None:
    st.subheader("STAR coverage")
    chart(dash.star, charts.star, "No behavioral answer assessed in these filters yet.")
    st.subheader("Specificity, ownership and relevance")
    chart(dash.behavioral, charts.behavioral, "No behavioral answer assessed in these filters yet.")


def delivery_tab(dash: progress.Dashboard) -> None:
    if dash.delivery.empty:
        st.caption("No spoken answer in these filters yet: answer out loud to see your pace, "
                   "fillers and pauses.")
        return
    metrics(progress.delivery_metrics(dash.delivery_summary))
    for metric in dash.delivery_summary["metric"]:
        st.altair_chart(charts.delivery(dash.delivery, metric), width="stretch")


def history_tab(dash: progress.Dashboard) -> None:
    left, right = st.columns(2)
    topic = left.selectbox("Topic", [None, *progress.table_topics(dash.view)], key="progress_topic",
                           format_func=lambda t: progress.topic_name(t) if t else "All topics")
    score_range = right.slider("Score", 0, 100, (0, 100), key="progress_scores")
    table = progress.session_table(dash.view, topic, score_range)
    picked = st.dataframe(
        table, hide_index=True, width="stretch", key="progress_history", on_select="rerun",
        selection_mode="single-row", column_order=[c for c in table.columns if c != "session_id"],
        placeholder="—",
        column_config={"Score": st.column_config.ProgressColumn(
            "Score", min_value=0, max_value=100, format="%d")},
    )
    st.caption(f"{len(table):,} sessions. Select one to open it.")
    session_id = progress.selected_session(table, picked.selection.rows)
    if session_id is not None:
        open_session(session_id, dash.view.tz)


def open_session(session_id: str, tz: str) -> None:
    try:
        opened = progress.open_session(svc.store, who.user.id, session_id, tz)
    except AvaError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    st.subheader(ui.md(opened.title))
    st.caption(ui.md(opened.caption))
    for turn in opened.turns:
        with st.chat_message(turn.role):
            st.caption(turn.label)
            if turn.text:
                st.markdown(ui.md(turn.text))
            if turn.code is not None:
                st.code(turn.code, language="python")
            if turn.tests:
                st.caption(turn.tests)
    if opened.feedback:
        st.markdown("**Feedback**")
    for item in opened.feedback:
        with st.expander(item.label + (f" · {item.score}" if item.score else ""), expanded=True):
            if item.summary:
                st.markdown(ui.md(item.summary))
            for quote in item.evidence:
                st.markdown(f"- {ui.md(quote)}")
            if item.improvement:
                st.markdown(f"**To improve:** {ui.md(item.improvement)}")
            if item.criteria:
                st.dataframe([{"Criterion": c, "Score": v} for c, v in item.criteria],
                             hide_index=True)


TABS = {"Scores": scores_tab, "Coding": coding_tab, "Behavioral": behavioral_tab,
        "Delivery": delivery_tab, "History": history_tab}

svc = ui.services()
who = ui.require_user()
now = datetime.now(timezone.utc)

st.title("Progress")
try:
    history = progress.load_history(svc.store, who.user.id, st.context.timezone)
except AvaError as exc:
    st.error(str(exc), icon=":material/error:")
    st.stop()
try:
    bank = progress.bank_topics()
except AvaError as exc:
    st.warning(f"Topics not practised yet can't be shown: {exc}", icon=":material/warning:")
    bank = {}

if history.sessions.empty:
    st.info(progress.empty_message("new"), icon=":material/insights:")
    practise_next(progress.recommend(history, bank))
    st.stop()

from ava_app import progress_charts as charts  # noqa: E402  (Altair: only once there is data)

today = progress.local_today(now, history.tz)
bounds = progress.date_bounds(history, today)
with st.sidebar:
    st.subheader("Filters")
    # No key: when the range grows (a new day), the picker starts again from the whole range.
    dates = st.date_input("Dates", value=bounds, min_value=bounds[0], max_value=bounds[1])
    modes = st.multiselect("Modes", MODES, default=list(MODES), format_func=MODE_LABELS.get,
                           key="progress_modes")
try:
    dash = progress.build(history, progress.Filters.from_inputs(dates, modes, bounds), bank, now)
except AvaError as exc:
    st.error(str(exc), icon=":material/error:")
    st.stop()

metrics(progress.headline_metrics(dash.headline))
left, right = st.columns(2)
left.download_button(
    "Download my data (CSV, zip)", data=lambda: progress.export_zip(dash.view),
    file_name="ava-progress.zip", mime="application/zip", on_click="ignore",
    icon=":material/download:", help="Sessions, scores and answers in the filters above.")
right.download_button(
    "Download progress report (Markdown)",
    data=lambda: progress.report_markdown(dash, who.user.display_name, now),
    file_name="ava-progress-report.md", mime="text/markdown", on_click="ignore",
    icon=":material/description:")

if dash.state == "empty":
    st.info(progress.empty_message("empty"), icon=":material/filter_alt_off:")
    st.stop()

practise_next(dash.recommendation)

# Only the open tab runs (switching tabs reruns the page), so a run draws a few charts, not all.
for tab, show in zip(st.tabs(list(TABS), key="progress_tab", on_change="rerun"), TABS.values()):
    if tab.open:
        with tab:
            show(dash)
