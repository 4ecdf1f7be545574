"""The progress page under AppTest: a new user, a user with one session (opened to read it) and a
user with 2,000 sessions. AppTest has no browser time zone, so the page counts days in UTC. The
question bank is replaced by a fixed one: the page's figures must not move when the bank grows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from statistics import mean

import pandas as pd
import pytest

from ava_app import progress_charts as charts
from ava_app import services as ui
from ava_core import progress
from ava_core.questions import InvalidQuestion, Problem
from tests.progress_helpers import bulk_history, bulk_score, coding_session
from tests.test_app import sign_up, store


BANK = {"graphs": 2, "trees": 1}


@pytest.fixture(autouse=True)
def bank(monkeypatch):
    monkeypatch.setattr(progress, "bank_topics", lambda: BANK)


def open_progress(app_test):
    at = app_test()
    at.run()
    sign_up(at)
    at.switch_page("pages/progress.py").run()
    return at


def metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def history_table(at):
    return next(d for d in at.dataframe if d.key == "progress_history").value


def open_tab(at, label: str):
    at.session_state["progress_tab"] = label
    return at.run()


def test_a_new_user_sees_what_the_page_will_show_and_where_to_start(app_test, monkeypatch):
    at = open_progress(app_test)
    assert not at.exception and at.title[0].value == "Progress"
    assert "No sessions yet" in at.info[0].value
    assert not at.metric and not at.dataframe and not at.tabs and not at.warning
    assert at.button(key="practise_next").label == "Practise Graphs"

    def broken():
        raise InvalidQuestion([Problem("graphs/x.yaml", "tests", "Input should be a valid list")])

    monkeypatch.setattr(progress, "bank_topics", broken)
    at.run()
    assert not at.exception and "can't be shown" in at.warning[0].value
    button = at.button(key="practise_next")
    assert button.label == "Start a coding interview" and button.disabled


def test_one_session_shows_its_figures_and_opens_to_its_transcript(app_test):
    at = open_progress(app_test)
    uid = at.session_state["signed_in"].user.id
    started = datetime.now(timezone.utc) - timedelta(hours=1)
    coding_session(store(), uid, started, topic="trees", title="Invert a tree",
                   steps={"understand": 4, "implement": 3}, tests=(6, 10), score=62, minutes=25,
                   delivery=[(130, 2.0, 1)])
    at.run()
    assert not at.exception and not at.info
    headline = {"Sessions done": ("1", ""), "Practice time": ("25 min", ""),
                "Current streak": ("1 day", ""), "Average score": ("62.0", "")}
    assert metrics(at) == headline
    assert [t.label for t in at.tabs] == ["Scores", "Coding", "Behavioral", "Delivery", "History"]
    assert {b.label for b in at.get("download_button")} == {
        "Download my data (CSV, zip)", "Download progress report (Markdown)"}
    assert at.button(key="practise_next").label == "Practise Trees (easy)"

    open_tab(at, "Delivery")
    assert metrics(at) == {**headline, "Words per minute": ("130.0", "no change vs baseline"),
                           "Fillers per 100 words": ("2.0", "no change vs baseline"),
                           "Long pauses per answer": ("1.0", "no change vs baseline")}
    open_tab(at, "Coding")
    assert "Hidden tests passed: 6 of 10 (60%)." in [c.value for c in at.caption]
    open_tab(at, "History")
    table = history_table(at)
    assert table["Session"].tolist() == ["Invert a tree"] and table["Score"].tolist() == [62]
    assert not at.chat_message

    at.session_state["progress_history"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert not at.exception
    said = [m.value for m in at.markdown]
    transcript = [ui.md(t) for t in ("Tell me about understand.", "My understand answer.",
                                     "Tell me about implement.", "My implement answer.")]
    assert [s for s in said if s in transcript] == transcript
    assert len(at.chat_message) == 5 and at.code[0].value == "def solve(): pass"
    assert "6 of 10 hidden tests passed" in [c.value for c in at.caption]
    assert [e.label for e in at.expander] == ["Understand · 4 / 5", "Implement · 3 / 5",
                                              "Session report · 62 / 100"]


def test_two_thousand_sessions(app_test):
    at = open_progress(app_test)
    uid = at.session_state["signed_in"].user.id
    last = datetime.now(timezone.utc) - timedelta(minutes=1)
    bulk = bulk_history(store(), uid, 2000, last)
    at.run()
    assert not at.exception
    recent = mean(bulk_score(i) for i in range(1990, 2000))
    previous = mean(bulk_score(i) for i in range(1980, 1990))
    days = (last.date() - bulk.started[0].date()).days + 1
    shown = metrics(at)
    assert shown["Sessions done"] == ("2,000", "")
    assert shown["Practice time"] == ("1,000 h 00 min", "")
    assert shown["Current streak"] == (f"{days:,} days", "")
    assert shown["Average score"] == (f"{recent:.1f}", f"{recent - previous:+.1f}")
    for label in ("Coding", "Behavioral", "Delivery"):
        assert not open_tab(at, label).exception
    table = history_table(open_tab(at, "History"))
    assert len(table) == 2000
    assert table["Session"].tolist()[:2] == ["Session 1999", "Session 1998"]
    assert table["Score"].tolist()[:2] == [bulk_score(1999), bulk_score(1998)]
    assert "2,000 sessions. Select one to open it." in [c.value for c in at.caption]

    at.multiselect(key="progress_modes").set_value(["coding"]).run()
    assert metrics(at)["Sessions done"] == ("1,000", "")
    assert set(history_table(at)["Mode"]) == {"Coding (UMPIRE)"}
    day = last.date() - timedelta(days=1)
    at.date_input[0].set_value((day, day)).run()
    on_day = [t for t, mode in zip(bulk.started, bulk.modes) if t.date() == day and mode == "coding"]
    assert metrics(at)["Sessions done"] == (str(len(on_day)), "")
    assert len(history_table(at)) == len(on_day) == 1


def test_hovering_a_score_point_shows_the_session_and_the_pace_band_is_shaded():
    when = pd.to_datetime(["2025-01-28 15:00"], utc=True)
    frame = pd.DataFrame({"started_at": when, "when": ["2025-01-28 15:00"], "title": ["Two Sum"],
                          "mode": ["Coding (UMPIRE)"], "score": [62.0], "rolling": [62.0]})
    spec = charts.scores(frame).to_dict()
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "circle")
    tooltip = [(t["field"], t["title"]) for t in points["encoding"]["tooltip"]]
    assert tooltip == [("title", "Session"), ("when", "Date"), ("score", "Score"), ("mode", "Mode")]
    pace = frame[["started_at", "when", "title"]].assign(
        metric="words_per_minute", value=[130.0], baseline=[125.0])
    spec = charts.delivery(pace, "words_per_minute").to_dict()
    band = spec["layer"][0]
    assert band["mark"]["type"] == "rect"
    assert spec["datasets"][band["data"]["name"]] == [{"low": 120, "high": 160}]


def test_practise_next_starts_a_coding_interview_on_that_topic(app_test):
    at = open_progress(app_test)
    uid = at.session_state["signed_in"].user.id
    coding_session(store(), uid, datetime.now(timezone.utc) - timedelta(hours=1), topic="trees",
                   title="Invert a tree", steps={"understand": 2}, score=30, minutes=20)
    at.run()
    at.button(key="practise_next").click().run()
    assert not at.exception
    assert at.title[0].value == "Coding interview"
    assert at.selectbox(key="setup_topic").value == "trees"
    assert at.segmented_control(key="setup_difficulty").value == "easy"
