"""Drawing helpers the interview pages share: feedback cards, delivery, test results, the
interviewer's voice, the answer box. They draw what ``ava_core`` decided; they decide nothing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ava_app import services as ui
from ava_core.accounts import speaks_questions
from ava_core.errors import AvaError
from ava_core.speech.transcription import Transcript
from ava_core.speech.voice import browser_speech_html, speak

SCORE_WORDS = {1: "Needs work", 2: "Below the bar", 3: "Fair", 4: "Good", 5: "Excellent"}


def say(text: str, key: str) -> None:
    """Speak ``text`` with the configured voice, aloud once per ``key``; a Listen control stays.
    The utterance is made once per key (ElevenLabs is not called again on every rerun)."""
    who = ui.signed_in()
    if who is not None and not speaks_questions(who.user):
        return  # the user turned the interviewer's voice off (Account page)
    stored = f"said_{key}"
    first = stored not in st.session_state
    if first:
        st.session_state[stored] = speak(text, ui.services().settings)
    utterance = st.session_state[stored]
    if utterance.audio:
        st.audio(utterance.audio, format=utterance.mime_type, autoplay=first)
    elif utterance.provider == "browser":
        st.iframe(browser_speech_html(text, autoplay=first), height=44)
    if utterance.notice and utterance.provider != "off":
        st.caption(utterance.notice)


def answer_box(key: str, *, label: str = "Your answer", disabled: bool = False) -> tuple[str, Transcript | None]:
    """Record (or type) an answer. A recording is transcribed into the text box, where the user
    can fix a misheard word before submitting. Returns the text and the transcript, if spoken."""
    audio = st.audio_input("Record your answer", key=f"audio_{key}", disabled=disabled)
    heard_key, text_key, transcript_key = f"heard_{key}", f"text_{key}", f"transcript_{key}"
    if audio is not None and st.session_state.get(heard_key) != audio.file_id:
        st.session_state[heard_key] = audio.file_id
        try:
            with st.spinner("Transcribing your answer…"):
                transcript = ui.transcriber().transcribe(audio.getvalue())
        except AvaError as exc:
            st.error(f"{exc} Your recording is still here: record again, or type your answer.",
                     icon=":material/mic_off:")
        else:
            st.session_state[transcript_key] = transcript.to_dict()
            st.session_state[text_key] = transcript.text
            if transcript.no_speech or transcript.notice:
                st.warning(transcript.notice, icon=":material/hearing:")
    text = st.text_area(
        label, key=text_key, height=160, disabled=disabled,
        placeholder="Record above, or type here. You can correct the transcript before submitting.",
    )
    stored = st.session_state.get(transcript_key)
    return text, Transcript.from_dict(stored) if stored else None


def feedback_card(fb: dict[str, Any], delivery: dict[str, Any] | None = None) -> None:
    """A step's or an answer's feedback: score, what was heard, one thing to do next."""
    score = int(fb["score"])
    with st.container(border=True):
        top = st.columns([1, 4])
        top[0].metric("Score", f"{score} / 5", SCORE_WORDS.get(score), delta_color="off")
        top[1].markdown(fb.get("summary") or "")
        if fb.get("evidence"):
            st.markdown("**What Ava heard**")
            for quote in fb["evidence"][:6]:
                st.markdown(f"- {ui.md(str(quote))}")
        if fb.get("improvement"):
            st.info(fb["improvement"], icon=":material/trending_up:")
        if fb.get("fallback_reason"):
            st.caption(f"Scored by the offline coach: {fb['fallback_reason']}")
        elif fb.get("provider") == "claude":
            st.caption("Feedback by Claude.")
        if delivery:
            delivery_panel(delivery)


def delivery_panel(metrics: dict[str, Any]) -> None:
    """Pace, fillers and pauses of a spoken answer, each with its verdict."""
    if not metrics.get("timed"):
        return
    cols = st.columns(3)
    wpm = metrics.get("words_per_minute")
    cols[0].metric("Pace", f"{wpm:.0f} wpm" if wpm else "—")
    cols[1].metric("Fillers", f"{metrics.get('fillers_per_100_words') or 0:.1f} / 100 words")
    cols[2].metric("Long pauses", metrics.get("long_pause_count") or 0)
    notes = [v["message"] for v in metrics.get("verdicts", []) if v.get("status") not in ("good", "unknown")]
    notes += [c["message"] for c in metrics.get("comparisons", []) if c.get("change") in ("better", "worse")]
    for note in notes[:4]:
        st.caption(note)


def test_results(rows: list[dict[str, Any]], summary: str) -> None:
    st.markdown(summary)
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")


FEEDBACK_ERROR = "feedback_error"


def feedback_status(ask, label: str = "Getting feedback on your answer…") -> None:
    """Run ``ask(on_text=...)`` (an interview's feedback) inside a status box that shows the
    feedback text as it streams. A failure is kept for ``feedback_error`` to say after the
    rerun; the stored answer stays, and the page offers "Get feedback" again."""
    with st.status(label) as status:
        shown = st.empty()
        streamed: list[str] = []

        def on_text(delta: str) -> None:
            streamed.append(delta)
            shown.markdown("".join(streamed))

        try:
            ask(on_text=on_text)
        except AvaError as exc:
            st.session_state[FEEDBACK_ERROR] = f"Your answer is saved, but there is no feedback yet: {exc}"
        except Exception as exc:  # noqa: BLE001 - the answer is safe; say so, keep the app up
            st.session_state[FEEDBACK_ERROR] = (
                f"Your answer is saved, but feedback failed ({type(exc).__name__}). "
                "Press “Get feedback” to try again.")
        else:
            status.update(label="Feedback ready", state="complete")


def feedback_error() -> None:
    """Say why the last feedback failed (once)."""
    message = st.session_state.pop(FEEDBACK_ERROR, None)
    if message:
        st.error(message, icon=":material/error:")


def open_interview(service, finished_key: str, **options):
    """The user's unfinished interview of this kind (``CodingInterview`` or
    ``BehavioralInterview``), else the one just finished (to show its report), else None.
    ``options`` go to the service (the coding interview's executor)."""
    svc, who = ui.services(), ui.require_user()
    try:
        interview = service.resume(svc.store, who.user.id, svc.bank, svc.interviewer, **options)
        if interview is None and st.session_state.get(finished_key):
            interview = service.open(svc.store, who.user.id, st.session_state[finished_key],
                                     svc.bank, svc.interviewer, **options)
    except AvaError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()
    return interview


CONFIRM_END = "confirm_end"


def finish_controls(column, interview, warning: str | None, finished_key: str, act) -> None:
    """"Finish and see my report" when finishing completes the interview; otherwise "End the
    interview now", which first says what ending early costs (``warning``) and asks again. The
    question goes away by itself once the interview moves on (the warning changes)."""
    def finish() -> None:
        st.session_state.pop(CONFIRM_END, None)
        if act(interview.finish):
            st.session_state[finished_key] = str(interview.session_id)
            st.rerun()

    if warning is None:
        if column.button("Finish and see my report", type="primary", icon=":material/flag:",
                         key="finish"):
            finish()
        return
    asking = (str(interview.session_id), warning)  # this interview, at this point of it
    if column.button("End the interview now", icon=":material/flag:", key="finish"):
        st.session_state[CONFIRM_END] = asking
    if st.session_state.get(CONFIRM_END) != asking:
        return
    with st.container(border=True):
        st.warning(f"{warning} End the interview now?", icon=":material/flag:")
        left, right = st.columns(2)
        if left.button("End the interview", type="primary", key="finish_confirm"):
            finish()
        if right.button("Keep going", key="finish_cancel"):
            st.session_state.pop(CONFIRM_END, None)
            st.rerun()


def report_footer(report, file_name: str, finished_key: str) -> None:
    """Strengths, what to practise next, the Markdown download of a final report, and a way to
    start another interview."""
    left, right = st.columns(2)
    with left:
        st.markdown("**Strengths**")
        for item in report.strengths or ["—"]:
            st.markdown(f"- {item}")
    with right:
        st.markdown("**Practise next**")
        for item in report.practice_next or ["—"]:
            st.markdown(f"- {item}")
    st.download_button("Download the report (Markdown)", report.to_markdown(), file_name=file_name,
                       mime="text/markdown", icon=":material/download:")
    if st.button("Start another interview", type="primary", key="again"):
        st.session_state.pop(finished_key, None)
        st.rerun()
