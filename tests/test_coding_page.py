"""The coding interview page under AppTest: a complete interview offline, with recorded answers
(the espeak-ng fixtures) and the code editor replaced (it renders only in a real browser)."""

from __future__ import annotations

import os
import time

import pytest

from ava_core.speech.audio import load_audio
from ava_core.questions import load_bank
from ava_core.settings import load_settings
from ava_core.store import Store
from tests.conftest import ROOT
from tests.test_app import errors, sign_up

AUDIO = ROOT / "tests" / "fixtures" / "audio"
TYPED = {
    "match": "This is a hash map problem: I keep counts in a dictionary as I go.",
    "plan": "First I create an empty dictionary. Then I loop over the values and update the "
    "counts. Finally I return the value whose count is the largest.",
    "implement": "I loop once and keep the counts in a dictionary, then return the best value.",
    "review": "Let me trace a small example: with 2, 2, 1 the counts are two for 2 and one for "
    "1, so we return 2. An edge case is a single element.",
    "evaluate": "The time complexity is O(n) since we pass once, and space is O(n).",
}


@pytest.fixture
def editor(monkeypatch):
    """The code editor, replaced: it holds what the test puts in ``code``."""
    holder = {"code": None}

    def fake(code, *, key, readonly=False):
        return holder["code"] if holder["code"] is not None and not readonly else code

    monkeypatch.setattr("ava_app.editor.code_editor", fake)
    return holder


def wav(name: str) -> bytes:
    return load_audio(AUDIO / name).to_wav_bytes()


def store() -> Store:
    return Store.open(load_settings(os.environ), migrate=False)


def current(at):
    user_id = at.session_state["signed_in"].user.id
    return store().sessions.unfinished_session(user_id)


def answer(at, session_id, step, text=None, audio=None):
    key = f"{session_id}_{step}_0"
    if audio:
        at.audio_input(key=f"audio_{key}").upload("answer.wav", audio, "audio/wav")
        at.run()
        assert at.text_area(key=f"text_{key}").value, "the recording was not transcribed"
    else:
        at.text_area(key=f"text_{key}").input(text)
    at.button(key=f"answer_{key}").click().run()
    assert not at.exception and not errors(at), errors(at)
    assert any(m.label == "Score" for m in at.metric), f"no feedback for {step}"


def test_a_complete_interview_offline(app_test, editor):
    at = app_test()
    at.run()
    sign_up(at)
    at.switch_page("pages/coding.py").run()
    assert at.title[0].value == "Coding interview"

    at.selectbox(key="setup_topic").set_value("arrays-and-hashing")
    at.button(key="FormSubmitter:coding_setup-Pick a question").click().run()
    first = current(at).question_id
    at.button(key="another").click().run()
    session = current(at)
    assert session.question_id != first and at.title[0].value == session.title
    question = load_bank().get(session.question_id)
    sid = session.id

    at.button(key="start").click().run()
    assert at.subheader[0].value.startswith("1. Understand")
    assert at.button(key="next_step").disabled  # not before an answer

    answer(at, sid, "understand", audio=wav("answer_two_sum.ogg"))
    stored = store().sessions.load_session(current(at).user_id, sid).messages
    spoken = [m for m in stored if m.kind == "answer"][0]
    assert spoken.words_per_minute and spoken.audio_seconds  # delivery measured from the audio
    at.button(key="next_step").click().run()

    for step in ("match", "plan"):
        answer(at, sid, step, TYPED[step])
        at.button(key="next_step").click().run()

    at.button(key="hint").click().run()
    assert "1 of" in at.expander[0].label

    editor["code"] = question.solution
    at.button(key=f"run_{sid}").click().run()
    assert "examples" in at.markdown[-1].value or at.dataframe
    assert at.button(key="next_step").disabled  # Implement needs a submission
    at.button(key=f"submit_code_{sid}").click().run()
    assert not errors(at)
    state = current(at).state
    assert state["last_submission"]["failed"] == 0 and state["code"] == question.solution
    answer(at, sid, "implement", TYPED["implement"])
    at.button(key="next_step").click().run()

    answer(at, sid, "review", TYPED["review"])
    at.button(key="next_step").click().run()

    at.button(key=f"measure_{sid}").click().run()
    assert current(at).state["complexity"]["label"]
    answer(at, sid, "evaluate", TYPED["evaluate"])
    said = [m.value for m in at.metric if m.label == "You said"]
    assert said == ["O(n)"]
    measured = next(m for m in at.metric if m.label == "Measured on your code")
    assert measured.delta in ("a clear fit", "a likely fit", "a close call")

    at.button(key="finish").click().run()
    assert not at.exception
    assert at.title[0].value == f"Report: {question.title}"
    overall = [m.value for m in at.metric if m.label == "Overall"][0]
    finished = store().sessions.get_session(current_user(at), sid)
    assert finished.status == "finished" and overall == f"{round(finished.overall_score)} / 100"
    steps = at.table[0].value  # a table that wraps, so the advice can be read in full
    assert list(steps["Step"]) == ["Understand", "Match", "Plan", "Implement", "Review", "Evaluate",
                                   "Communication"]  # from the recorded answers
    assert all(steps["Try next"])
    assert at.get("download_button"), "the report can be downloaded"

    at.button(key="again").click().run()
    assert at.title[0].value == "Coding interview"


def current_user(at):
    return at.session_state["signed_in"].user.id


def started(app_test):
    """A signed-up user's page with an interview on a random question just started, and its id."""
    at = app_test()
    at.run()
    sign_up(at)
    at.switch_page("pages/coding.py").run()
    at.button(key="FormSubmitter:coding_setup-Pick a question").click().run()
    at.button(key="start").click().run()
    return at, current(at).id


def test_reload_resumes_where_the_user_was(app_test, editor):
    at, sid = started(app_test)
    answer(at, sid, "understand", "We get a list and must return a value; can it be empty?")
    at.button(key="next_step").click().run()

    reloaded = app_test()  # a new tab: a fresh browser session, signed in again
    reloaded.session_state["signed_in"] = at.session_state["signed_in"]
    reloaded.run()
    reloaded.switch_page("pages/coding.py").run()
    assert reloaded.subheader[0].value.startswith("2. Match")
    assert reloaded.title[0].value == current(at).title


def test_ending_early_says_what_it_costs_and_asks_first(app_test, editor):
    at, sid = started(app_test)
    at.button(key="finish").click().run()
    assert at.warning[0].value == (
        "You have answered 0 of 6 steps. Ending now scores Understand, Match, Plan, Implement, "
        "Review and Evaluate as not done, and the report is final. End the interview now?")
    answer(at, sid, "understand", "We get a list and must return a value; can it be empty?")
    assert not at.warning, "the question goes away once the interview moves on"
    at.button(key="finish").click().run()
    assert at.warning[0].value.startswith("You have answered 1 of 6 steps.")
    at.button(key="finish_cancel").click().run()
    assert not at.warning and current(at).status == "active"
    at.button(key="finish").click().run()
    at.button(key="finish_confirm").click().run()
    assert at.title[0].value.startswith("Report:")
    assert "You ended the interview early" in " ".join(m.value for m in at.markdown)


def test_time_running_out_shows_the_report(app_test, editor):
    at = app_test()
    at.run()
    sign_up(at)
    at.switch_page("pages/coding.py").run()
    at.number_input(key="setup_minutes").set_value(5)
    at.button(key="FormSubmitter:coding_setup-Pick a question").click().run()
    at.button(key="start").click().run()
    session = current(at)
    state = dict(session.state)
    state["clock"] = {**state["clock"], "started_at": time.time() - 6 * 60}
    store().sessions.update_session(session.user_id, session.id, state=state)
    at.run()
    assert at.title[0].value.startswith("Report:")
    assert "Time ran out" in " ".join(m.value for m in at.markdown)


def test_transcription_failure_keeps_the_page_and_offers_typing(app_test, editor):
    at, sid = started(app_test)
    key = f"{sid}_understand_0"
    at.audio_input(key=f"audio_{key}").upload("silence.wav", wav("silence.wav"), "audio/wav")
    at.run()
    assert not at.exception
    assert any("No speech" in w.value for w in at.warning)
    answer(at, sid, "understand", "Typed instead: we take a list of numbers.")


def test_a_failing_coach_keeps_the_answer_and_offers_feedback_again(app_test, editor, monkeypatch):
    from ava_core.interviewer.offline import OfflineCoach

    at, sid = started(app_test)
    real = OfflineCoach.step_feedback

    def broken(self, *args, **kwargs):
        raise RuntimeError("coach down")

    monkeypatch.setattr(OfflineCoach, "step_feedback", broken)
    key = f"{sid}_understand_0"
    at.text_area(key=f"text_{key}").input("We get a list; can it be empty?")
    at.button(key=f"answer_{key}").click().run()
    assert any("Your answer is saved" in e for e in errors(at))
    assert current(at).state["steps"]["understand"]["message_id"]  # stored before feedback
    monkeypatch.setattr(OfflineCoach, "step_feedback", real)
    at.button(key=f"feedback_{sid}_understand_1").click().run()
    assert any(m.label == "Score" for m in at.metric) and not errors(at)
