"""Coding interview (UMPIRE): pick a question, then Understand, Match, Plan, Implement, Review
and Evaluate out loud, with code run against hidden tests, and a scored report."""

import time

import altair as alt
import pandas as pd
import streamlit as st

from ava_app import editor, widgets
from ava_app import services as ui
from ava_core import judge
from ava_core.errors import AvaError
from ava_core.interview import coding as cs
from ava_core.interview.flow import Clock, clock_text, interview_clock
from ava_core.interviewer.claims import parse_complexity_claims
from ava_core.interviewer.results import out_of_five
from ava_core.questions import TOPICS
from ava_core.vocabulary import EDITOR_STEPS, STEP_PROMPTS, STEP_TITLES, STEPS

svc = ui.services()
who = ui.require_user()
FINISHED_KEY = "coding_finished"  # the session whose report to show after finishing


def fail(exc: AvaError) -> None:
    st.error(str(exc), icon=":material/error:")


def queue_notice(placeholder):
    """What tells a waiting run its place in the queue, in ``placeholder``."""
    return lambda ahead: placeholder.info(cs.queue_text(ahead), icon=":material/hourglass_top:")


def act(action, *args, **kwargs) -> bool:
    """Run an interview action; show a refusal or failure as a message. True when it worked."""
    try:
        action(*args, **kwargs)
        return True
    except AvaError as exc:
        fail(exc)
        return False


def show_question(q) -> None:
    st.caption(f"{q.difficulty.capitalize()} · {', '.join(q.topic_labels)}")
    st.markdown(q.statement)
    for i, example in enumerate(q.examples, 1):
        with st.container(border=True):
            st.markdown(f"**Example {i}**")
            st.code(", ".join(f"{k} = {v!r}" for k, v in example.input.items()), language="python")
            st.markdown(f"Output: `{example.output!r}`")
            if example.explanation:
                st.caption(example.explanation)
    if q.constraints:
        st.markdown("**Constraints**\n\n" + "\n".join(f"- `{c}`" for c in q.constraints))


def setup() -> None:
    request = st.session_state.pop("practice_request", None) or {}
    if request.get("question_id"):  # "Practise this question" from the question bank
        if act(cs.CodingInterview.begin, svc.store, who.user.id, svc.bank, svc.interviewer,
               minutes=svc.settings.interview_minutes, question_id=request["question_id"],
               executor=svc.executor):
            st.rerun()
    st.title("Coding interview")
    st.caption("Ava asks you to walk through UMPIRE: Understand, Match, Plan, Implement, Review, "
               "Evaluate. Say each step out loud (or type it); your code runs against hidden tests.")
    topics = [None, *TOPICS]
    with st.form("coding_setup"):
        topic = st.selectbox(
            "Topic", topics, index=topics.index(request.get("topic")) if request.get("topic") in topics else 0,
            format_func=lambda t: "Any topic" if t is None else TOPICS[t], key="setup_topic",
        )
        difficulty = st.segmented_control(
            "Difficulty", ["easy", "medium", "hard"], format_func=str.capitalize,
            default=request.get("difficulty"), key="setup_difficulty",
            help="Leave empty for any difficulty.",
        )
        minutes = st.number_input("Length (minutes)", min_value=5, max_value=180, step=5,
                                  value=svc.settings.interview_minutes, key="setup_minutes")
        chosen = st.form_submit_button("Pick a question", type="primary")
    if chosen and act(cs.CodingInterview.begin, svc.store, who.user.id, svc.bank, svc.interviewer,
                      minutes=int(minutes), topic=topic, difficulty=difficulty, executor=svc.executor):
        st.rerun()


def choosing(interview: cs.CodingInterview) -> None:
    q = interview.question
    st.title(q.title)
    show_question(q)
    st.caption(f"You will have {interview.state.clock.limit_s // 60} minutes. The clock starts "
               "when you do.")
    cols = st.columns(3)
    if cols[0].button("Start the interview", type="primary", icon=":material/play_arrow:", key="start"):
        if act(interview.start):
            st.rerun()
    if cols[1].button("Another question", icon=":material/shuffle:", key="another"):
        if act(interview.another_question):
            st.rerun()
    if cols[2].button("Cancel", icon=":material/close:", key="cancel"):
        interview.abandon()
        st.rerun()


@st.fragment(run_every=1.0)
def clock_panel(clock: Clock) -> None:
    reading = interview_clock(clock, time.time())
    st.progress(reading.fill, text=reading.caption)
    if reading.ended:
        st.rerun()  # the whole page: the interview finishes and its report shows
    elif reading.warning:
        st.warning(reading.warning, icon=":material/timer:")


def step_label(interview: cs.CodingInterview, step: str) -> str:
    score = interview.state.steps[step].score
    mark = f" ({out_of_five(score)})" if score is not None else (" ✓" if interview.state.steps[step].answered else "")
    return f"{STEPS.index(step) + 1}. {STEP_TITLES[step]}{mark}"


def editor_panel(interview: cs.CodingInterview, allowed: set[str]) -> None:
    state = interview.state
    sid = interview.session_id
    code = editor.code_editor(state.code, key=f"code_{sid}")
    if code != state.code and act(interview.save_code, code):
        state = interview.state
    cols = st.columns(2)
    run = cols[0].button("Run the examples", icon=":material/play_circle:",
                         disabled="run_code" not in allowed, key=f"run_{sid}")
    submit = False
    if state.step == "implement":
        submit = cols[1].button("Submit against hidden tests", type="primary",
                                icon=":material/task_alt:", disabled="submit_code" not in allowed,
                                key=f"submit_code_{sid}")
    report = None
    waiting = st.empty()
    in_queue = queue_notice(waiting)
    if run:
        with st.spinner("Running your code on the examples…"):
            try:
                report = interview.run_code(code, on_wait=in_queue)
            except AvaError as exc:
                fail(exc)
    if submit:
        with st.spinner("Running your code on the examples and the hidden tests…"):
            try:
                report = interview.submit_code(code, on_wait=in_queue)
            except AvaError as exc:
                fail(exc)
    waiting.empty()
    if report is not None:
        st.session_state[f"tests_{sid}"] = (cs.test_headline(report), cs.test_rows(report))
    shown = st.session_state.get(f"tests_{sid}")
    if shown:
        widgets.test_results(shown[1], shown[0])
    elif state.last_submission:
        last = state.last_submission
        st.markdown(f"Last submission: hidden tests {last['passed']}/{last['total']} passed.")


def complexity_panel(interview: cs.CodingInterview, answer_text: str | None) -> None:
    state = interview.state
    q = interview.question
    if st.button("Measure my code's complexity", icon=":material/speed:",
                 disabled=state.last_submission is None, key=f"measure_{interview.session_id}",
                 help=None if state.last_submission else "Submit your code in Implement first."):
        waiting = st.empty()
        with st.spinner("Timing your code on growing inputs (up to 3 seconds)…"):
            act(interview.measure_complexity, on_wait=queue_notice(waiting))
        waiting.empty()
        state = interview.state
    claims = parse_complexity_claims(answer_text) if answer_text else None
    cols = st.columns(3)
    plain = {"delta_color": "off", "delta_arrow": "off"}  # notes under the figures, not changes
    cols[0].metric("You said", (claims.time if claims and claims.time else "—"),
                   f"space {claims.space}" if claims and claims.space else None, **plain)
    cols[1].metric("Expected", q.complexity.time, f"space {q.complexity.space}", **plain)
    measured = state.complexity or {}
    cols[2].metric("Measured on your code", measured.get("label") or "—",
                   judge.fit_strength(measured["confidence"]) if measured.get("label") else None,
                   help="How clearly this class beat the next one on the timings below.",
                   **plain)
    if measured.get("timings"):
        frame = pd.DataFrame(measured["timings"], columns=["n", "seconds"])
        chart = alt.Chart(frame).mark_line(point=True).encode(
            x=alt.X("n:Q", title="input size n"),
            y=alt.Y("seconds:Q", title="seconds per call"),
            tooltip=["n", alt.Tooltip("seconds:Q", format=".6f")],
        ).properties(height=220)
        st.altair_chart(chart, width="stretch")
        if measured.get("message"):
            st.caption(measured["message"])


def current_step(interview: cs.CodingInterview, allowed: set[str]) -> None:
    state = interview.state
    step, sid = state.step, interview.session_id
    st.subheader(step_label(interview, step))
    st.markdown(STEP_PROMPTS[step])
    widgets.say(STEP_PROMPTS[step], key=f"{sid}_{step}")
    if step in EDITOR_STEPS:
        editor_panel(interview, allowed)
    view = interview.step_view(step)
    if step == "evaluate":
        complexity_panel(interview, view.answer.text if view.answer else None)

    key = f"{sid}_{step}_{state.steps[step].attempts}"
    text, transcript = widgets.answer_box(key, label=f"Your {STEP_TITLES[step]} answer",
                                          disabled="answer" not in allowed)
    verb = "Submit a new answer" if view.answer else "Submit answer"
    if st.button(verb, type="primary", icon=":material/send:", key=f"answer_{key}",
                 disabled="answer" not in allowed):
        if act(interview.answer, text, transcript):
            widgets.feedback_status(interview.feedback)
            st.rerun()

    widgets.feedback_error()
    if view.answer is not None:
        st.markdown("**Your answer**")
        st.markdown(f"> {ui.md(view.answer.text)}")
        if view.feedback:
            widgets.feedback_card(view.feedback, view.delivery)
        elif st.button("Get feedback", key=f"feedback_{key}", icon=":material/refresh:"):
            widgets.feedback_status(interview.feedback)
            st.rerun()


def earlier_step(interview: cs.CodingInterview, step: str) -> None:
    st.subheader(step_label(interview, step))
    st.caption(f"Reading an earlier step. Your current step is {STEP_TITLES[interview.state.step]}.")
    view = interview.step_view(step)
    if view.answer:
        st.markdown(f"> {ui.md(view.answer.text)}")
    if view.feedback:
        widgets.feedback_card(view.feedback, view.delivery)
    if step in EDITOR_STEPS:
        editor.code_editor(interview.state.code, key=f"read_{interview.session_id}_{step}", readonly=True)


def in_progress(interview: cs.CodingInterview) -> None:
    state = interview.state
    q = interview.question
    allowed = interview.allowed()
    st.title(q.title)
    left, right = st.columns([5, 6], gap="large")
    with left:
        show_question(q)
        with st.expander(f"Hints ({len(state.hints_used)} of {len(q.hints)} used)"):
            for hint in interview.hints_shown():
                st.markdown(f"- {hint}")
            if len(state.hints_used) < len(q.hints):
                st.caption("Each hint lowers your score a little, as it would in a real interview.")
                if st.button("Show a hint", icon=":material/lightbulb:", key="hint",
                             disabled="hint" not in allowed):
                    if act(interview.hint):
                        st.rerun()
    with right:
        clock_panel(state.clock)
        reachable = list(STEPS[: state.step_index + 1])
        chosen = st.segmented_control(
            "Steps", reachable, default=state.shown_step, format_func=lambda s: step_label(interview, s),
            key=f"nav_{interview.session_id}_{state.step_index}_{state.shown_step}",
            label_visibility="collapsed",
        )
        if chosen and chosen != state.shown_step and act(interview.view, chosen):
            st.rerun()
        if state.shown_step != state.step:
            earlier_step(interview, state.shown_step)
        else:
            current_step(interview, allowed)
        st.divider()
        cols = st.columns(2)
        if state.step != STEPS[-1]:
            if cols[0].button("Next step", icon=":material/arrow_forward:", key="next_step",
                              disabled="next_step" not in allowed,
                              help=None if "next_step" in allowed else interview.flow.why_not("next_step", interview.now())):
                if act(interview.next_step):
                    st.rerun()
        widgets.finish_controls(cols[1], interview, interview.flow.end_early_warning(interview.now()),
                                FINISHED_KEY, act)


def report_view(interview: cs.CodingInterview) -> None:
    report = interview.report()
    q = interview.question
    st.title(f"Report: {q.title}")
    if report is None:
        st.info("This interview ended without a report.")
        return
    reason = {"time_up": "Time ran out.", "ended_early": "You ended the interview early.",
              "completed": "You completed every step."}.get(interview.state.finish_reason or "", "")
    cols = st.columns(3)
    cols[0].metric("Overall", f"{report.overall} / 100")
    cols[1].metric("Hiring signal", report.signal_label)
    used = report.facts.get("seconds_used")
    cols[2].metric("Time used", clock_text(used) if used else "—")
    st.markdown(f"{report.summary} {reason}")
    st.table(  # wraps long evidence and advice, unlike a data grid
        [{"Step": item.name, "Score": out_of_five(item.score) if item.score else "not done",
          "Weight": item.weight, "Evidence": "; ".join(item.evidence[:3]),
          "Try next": item.improvement} for item in report.items],
        hide_index=True, border="horizontal",
    )
    if report.adjustments:
        st.caption("Adjustments: " + "; ".join(report.adjustments))
    widgets.report_footer(report, f"ava-{q.id}-report.md", FINISHED_KEY)


interview = widgets.open_interview(cs.CodingInterview, FINISHED_KEY, executor=svc.executor)
if interview is None:
    setup()
elif interview.state.phase == "choosing":
    choosing(interview)
elif interview.state.phase == "in_progress":
    in_progress(interview)
else:
    st.session_state[FINISHED_KEY] = str(interview.session_id)
    report_view(interview)
