"""The behavioral interview page under AppTest: resume upload, questions, a recorded answer,
follow-ups, and the report, offline."""

from __future__ import annotations

import os

from ava_core.speech.audio import load_audio
from ava_core.settings import load_settings
from ava_core.store import Store
from tests.conftest import ROOT
from tests.test_app import errors, sign_up

RESUME = ROOT / "tests" / "fixtures" / "resumes" / "two_page.pdf"
AUDIO = ROOT / "tests" / "fixtures" / "audio"


def store() -> Store:
    return Store.open(load_settings(os.environ), migrate=False)


def session(at):
    return store().sessions.unfinished_session(at.session_state["signed_in"].user.id, mode="behavioral")


def open_page(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    at.switch_page("pages/behavioral.py").run()
    assert not at.exception
    return at


def upload_resume(at, data=None, name="resume.pdf"):
    at.file_uploader(key="resume_upload").upload(name, data or RESUME.read_bytes(), "application/pdf")
    return at.run()


def turn_key(at):
    s = session(at)
    state = s.state
    q = state["questions"][state["current"]]
    return f"{s.id}_{state['current']}_{len(q['turns'])}_{q['turns'][-1]['attempts']}"


def answer(at, text=None, audio=None):
    key = turn_key(at)
    if audio:
        at.audio_input(key=f"audio_{key}").upload("answer.wav", audio, "audio/wav")
        at.run()
    else:
        at.text_area(key=f"text_{key}").input(text)
    at.button(key=f"answer_{key}").click().run()
    assert not at.exception and not errors(at), errors(at)


def test_a_complete_behavioral_interview(app_test):
    at = open_page(app_test)
    assert "Upload a resume" in at.info[0].value
    # the uploader states (and enforces) the size Ava accepts, not Streamlit's larger default
    assert at.file_uploader(key="resume_upload").proto.max_upload_size_mb == 10
    upload_resume(at)
    assert not errors(at)
    read = at.expander[0]
    assert "Employers" in read.markdown[0].value
    at.slider(key="question_count").set_value(3)
    at.text_area(key="job_description").input("Backend engineer: Python, PostgreSQL, on-call.")
    at.button(key="generate").click().run()
    assert at.title[0].value == "Your questions"
    first = session(at).state["questions"][0]["text"]
    at.button(key="regen_0").click().run()
    assert session(at).state["questions"][0]["text"] != first

    at.button(key="start").click().run()
    assert at.title[0].value == "Question 1 of 3"
    answer(at, audio=load_audio(AUDIO / "answer_conflict.mp3").to_wav_bytes())
    # A follow-up on what was missing, or the question is complete.
    state = session(at).state
    q1 = state["questions"][0]
    assert q1["turns"][0]["score"] is not None
    while not q1["done"]:
        assert q1["turns"][-1]["kind"] == "follow_up" and len(q1["turns"]) <= 3
        answer(at, "The result was a 40 percent drop in incidents, and I owned the rollout.")
        q1 = session(at).state["questions"][0]
    assert any(m.label == "Score" for m in at.metric)

    at.button(key="next_question").click().run()
    assert at.title[0].value == "Question 2 of 3"
    answer(at, "We did some work and it went fine.")  # vague: followed up
    answer(at, "It was a busy week on the team.")  # still vague: a second follow-up
    answer(at, "I rewrote the deploy script myself; failed deploys fell from 9 to 1 a month.")
    q2 = session(at).state["questions"][1]
    assert [t["kind"] for t in q2["turns"]] == ["question", "follow_up", "follow_up"]
    assert q2["done"] and "next_question" in [b.key for b in at.button]  # no third follow-up
    # The STAR row of the vague answer: icons that render in any browser, not emoji
    marks = [m.value for m in at.markdown if m.value.endswith(("**Situation**", "**Result**"))]
    assert ":gray[:material/cancel:] **Situation**" in marks
    assert any(m.startswith(":green[:material/check_circle:]") for m in marks)
    at.button(key="finish").click().run()  # the third question is not asked yet: Ava asks first
    assert at.warning[0].value == ("You have finished 2 of 3 questions. The 1 not asked yet is "
                                   "left out of the report. End the interview now?")
    at.button(key="finish_confirm").click().run()
    assert at.title[0].value == "Report: behavioral interview"
    s = store().sessions.get_session(at.session_state["signed_in"].user.id, at.session_state["behavioral_finished"])
    assert s.status == "finished" and s.overall_score is not None
    assert [m.value for m in at.metric if m.label == "Overall"] == [f"{round(s.overall_score)} / 100"]
    assert [m.value for m in at.metric if m.label == "Questions answered"] == ["2 / 3"]  # of 3 planned
    evidence = " ".join(at.table[0].value["Evidence"])
    assert "STAR: situation" in evidence


def test_bad_resumes_get_a_clear_message(app_test):
    at = open_page(app_test)
    upload_resume(at, b"PK\x03\x04 this is a docx", "resume.docx.pdf")
    assert errors(at) and "PDF" in errors(at)[0]
    upload_resume(at, RESUME.read_bytes()[:400], "truncated.pdf")
    assert errors(at) and "Traceback" not in errors(at)[0]
    assert not store().resumes.list_resumes(at.session_state["signed_in"].user.id)


def test_reload_resumes_the_interview_and_resumes_can_be_deleted(app_test):
    at = open_page(app_test)
    upload_resume(at)
    at.slider(key="question_count").set_value(3)
    at.button(key="generate").click().run()
    at.button(key="start").click().run()
    answer(at, "In my last role our deploys kept failing and I was asked to fix it.")

    reloaded = app_test()
    reloaded.session_state["signed_in"] = at.session_state["signed_in"]
    reloaded.run()
    reloaded.switch_page("pages/behavioral.py").run()
    assert reloaded.title[0].value == "Question 1 of 3"
    assert any("deploys kept failing" in m.value for m in reloaded.markdown)

    reloaded.button(key="finish").click().run()
    reloaded.button(key="finish_cancel").click().run()  # changed their mind
    assert reloaded.title[0].value == "Question 1 of 3" and not reloaded.warning
    reloaded.button(key="finish").click().run()
    assert "The open question counts as skipped" in reloaded.warning[0].value
    reloaded.button(key="finish_confirm").click().run()
    assert reloaded.title[0].value == "Report: behavioral interview"
    reloaded.button(key="again").click().run()
    reloaded.button(key="resume_delete").click().run()
    assert not store().resumes.list_resumes(at.session_state["signed_in"].user.id)
