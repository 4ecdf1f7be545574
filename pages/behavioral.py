"""Behavioral interview: your resume in, personalized questions, answers out loud, follow-ups on
what was missing, STAR feedback and a scored report."""

import time

import streamlit as st

from ava_app import widgets
from ava_app import services as ui
from ava_core.interview import behavioral as bs
from ava_core.vocabulary import MAX_FOLLOW_UPS, MAX_QUESTIONS, MIN_QUESTIONS, STAR_PARTS
from ava_core.errors import AvaError
from ava_core.interview.flow import answer_clock
from ava_core.interviewer.results import out_of_five
from ava_core.resume import ParsedResume

svc = ui.services()
who = ui.require_user()
FINISHED_KEY = "behavioral_finished"


def fail(exc: AvaError) -> None:
    st.error(str(exc), icon=":material/error:")


def act(action, *args, **kwargs):
    try:
        return action(*args, **kwargs) or True
    except AvaError as exc:
        fail(exc)
        return None


def resume_panel() -> str | None:
    """Upload a resume or pick a stored one; returns the chosen resume's id."""
    resumes = bs.stored_resumes(svc.store, who.user.id)
    upload = st.file_uploader("Upload your resume (PDF)", type=["pdf"], key="resume_upload",
                              max_upload_size=svc.settings.resume_max_mb,
                              help="Ava reads its text on this machine. Contact details are never "
                                   "sent to any model.")
    if upload is not None and st.session_state.get("resume_seen") != upload.file_id:
        st.session_state["resume_seen"] = upload.file_id
        with st.spinner("Reading your resume…"):
            saved = act(bs.save_resume, svc.store, who.user.id, upload.getvalue(), upload.name,
                        svc.settings)
        if saved:
            record, _ = saved
            st.session_state["resume_choice"] = str(record.id)
            resumes = bs.stored_resumes(svc.store, who.user.id)
    if not resumes:
        st.info("Upload a resume to get questions about your own projects and employers.",
                icon=":material/description:")
        return None
    ids = [str(r.id) for r in resumes]
    if st.session_state.get("resume_choice") not in ids:
        st.session_state["resume_choice"] = ids[0]
    by_id = {str(r.id): r for r in resumes}
    chosen = st.selectbox("Resume", ids, key="resume_choice",
                          format_func=lambda i: f"{by_id[i].filename} · {by_id[i].created_at:%b %d, %Y}")
    record = by_id[chosen]
    digest = bs.resume_digest(ParsedResume.from_dict(record.parsed))
    with st.expander("What Ava read from it", expanded=upload is not None):
        cols = st.columns(3)
        cols[0].markdown("**Employers**\n\n" + ("\n".join(f"- {ui.md(e)}" for e in digest["employers"]) or "—"))
        cols[1].markdown("**Projects**\n\n" + ("\n".join(f"- {ui.md(p)}" for p in digest["projects"]) or "—"))
        cols[2].markdown("**Skills**\n\n" + (ui.md(", ".join(digest["skills"])) or "—"))
        for warning in digest["warnings"]:
            st.caption(warning)
        if st.button("Delete this resume", icon=":material/delete:", key="resume_delete"):
            if act(bs.delete_resume, svc.store, who.user.id, record.id):
                st.session_state.pop("resume_choice", None)
                st.rerun()
    return chosen


def setup() -> None:
    st.title("Behavioral interview")
    st.caption("Ava asks about your own experience, listens, checks the STAR structure of each "
               "answer (Situation, Task, Action, Result), and follows up on what was missing.")
    resume_id = resume_panel()
    if resume_id is None:
        return
    job = st.text_area("Job description (optional)", key="job_description", height=120,
                       placeholder="Paste the posting to tailor the questions to the role.")
    n = st.slider("Questions", MIN_QUESTIONS, MAX_QUESTIONS, 4, key="question_count")
    if st.button("Generate my questions", type="primary", icon=":material/auto_awesome:",
                 key="generate"):
        with st.spinner("Writing questions from your resume…"):
            if act(bs.BehavioralInterview.plan, svc.store, who.user.id, svc.bank, svc.interviewer,
                   resume_id=resume_id, job_description=job, n=n):
                st.rerun()


def planning(interview: bs.BehavioralInterview) -> None:
    st.title("Your questions")
    st.caption("Drop the ones you don't want, or ask for another. Then start: Ava asks them one "
               "by one.")
    allowed = interview.allowed()
    for i, q in enumerate(interview.state.questions):
        with st.container(border=True):
            st.markdown(f"**{i + 1}.** {ui.md(q.text)}")
            cols = st.columns([1, 1, 4])
            if cols[0].button("Another", key=f"regen_{i}", icon=":material/refresh:"):
                if act(interview.regenerate, i):
                    st.rerun()
            if cols[1].button("Drop", key=f"drop_{i}", icon=":material/close:",
                              disabled="drop" not in allowed):
                if act(interview.drop, i):
                    st.rerun()
    cols = st.columns(2)
    if cols[0].button("Start the interview", type="primary", icon=":material/play_arrow:", key="start"):
        if act(interview.start):
            st.rerun()
    if cols[1].button("Cancel", icon=":material/close:", key="cancel"):
        interview.abandon()
        st.rerun()


@st.fragment(run_every=1.0)
def answer_clock_panel(asked_at: float) -> None:
    reading = answer_clock(asked_at, time.time())
    st.progress(reading.fill, text=reading.caption)


def star_row(fb: dict) -> None:
    cols = st.columns(len(STAR_PARTS))
    for col, part in zip(cols, STAR_PARTS):
        found = fb["star"][part]["present"]
        mark = ":green[:material/check_circle:]" if found else ":gray[:material/cancel:]"
        col.markdown(f"{mark} **{part.capitalize()}**")
        quotes = fb["star"][part]["quotes"]
        if quotes:
            col.caption(f"“{ui.md(quotes[0])}”")


def conversation(view: bs.QuestionView) -> None:
    for turn, fb, delivery in zip(view.turns, view.feedback, view.delivery):
        with st.chat_message("assistant", avatar=":material/record_voice_over:"):
            st.markdown(ui.md(turn.text))
        if turn.answered:
            with st.chat_message("user"):
                st.markdown(ui.md(turn.answer))
            if fb:
                star_row(fb)
                widgets.feedback_card(fb, delivery)


def in_progress(interview: bs.BehavioralInterview) -> None:
    state = interview.state
    total = len(state.questions)
    st.title(f"Question {state.current + 1} of {total}")
    view = interview.view()
    conversation(view)
    allowed = interview.allowed()
    turn = state.turn
    if "answer" in allowed and turn is not None:
        widgets.say(turn.text, key=f"{interview.session_id}_{state.current}_{len(state.question.turns)}")
        if not turn.answered:
            answer_clock_panel(turn.asked_at)
        key = f"{interview.session_id}_{state.current}_{len(state.question.turns)}_{turn.attempts}"
        text, transcript = widgets.answer_box(key)
        label = "Submit a new answer" if turn.answered else "Submit answer"
        if st.button(label, type="primary", icon=":material/send:", key=f"answer_{key}"):
            if act(interview.answer, text, transcript):
                widgets.feedback_status(interview.feedback, "Listening back to your answer…")
                st.rerun()
        widgets.feedback_error()
        if turn.answered and not turn.assessed:
            if st.button("Get feedback", key=f"feedback_{key}", icon=":material/refresh:"):
                widgets.feedback_status(interview.feedback, "Listening back to your answer…")
                st.rerun()
        if turn.kind == "follow_up" and st.button("Skip this follow-up", key=f"skip_{key}"):
            if act(interview.skip):
                st.rerun()
        st.caption(f"Ava follows up at most {MAX_FOLLOW_UPS} times per question, on what your "
                   "answer left out.")
    st.divider()
    cols = st.columns(2)
    if "next_question" in allowed and cols[0].button("Next question", type="primary",
                                                      icon=":material/arrow_forward:", key="next_question"):
        if act(interview.next_question):
            st.rerun()
    widgets.finish_controls(cols[1], interview, interview.flow.end_early_warning(), FINISHED_KEY,
                            act)


def report_view(interview: bs.BehavioralInterview) -> None:
    report = interview.report()
    st.title("Report: behavioral interview")
    if report is None:
        st.info("This interview ended without a report.")
        return
    cols = st.columns(3)
    cols[0].metric("Overall", f"{report.overall} / 100")
    cols[1].metric("Hiring signal", report.signal_label)
    cols[2].metric("Questions answered",
                   f"{report.facts.get('answered', 0)} / {len(interview.state.questions)}",
                   help="Of the questions planned. Questions not asked before the interview ended "
                        "are left out of the score.")
    st.markdown(report.summary)
    st.table(  # wraps long evidence and advice, unlike a data grid
        [{"Question": item.name, "Score": out_of_five(item.score) if item.score else "not answered",
          "Evidence": "; ".join(item.evidence[:3]), "Try next": item.improvement}
         for item in report.items],
        hide_index=True, border="horizontal",
    )
    for i, planned in enumerate(interview.state.questions):
        if not planned.turns:
            continue
        item = report.items[i] if i < len(report.items) else None
        title = f"Q{i + 1} · {out_of_five(item.score)}" if item and item.score else f"Q{i + 1} · not answered"
        with st.expander(f"{title}: {planned.text[:90]}"):
            conversation(interview.view(i))
    widgets.report_footer(report, "ava-behavioral-report.md", FINISHED_KEY)


interview = widgets.open_interview(bs.BehavioralInterview, FINISHED_KEY)
if interview is None:
    setup()
elif interview.state.phase == "planning":
    planning(interview)
elif interview.state.phase == "in_progress":
    in_progress(interview)
else:
    report_view(interview)
