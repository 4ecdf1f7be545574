"""The progress dashboard's frames, from hand-made histories written through the store the way
vocabulary.py says interviews are written. Exact values throughout."""

from __future__ import annotations

import gc
import io
import zipfile
from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import text, update

from ava_core import progress, vocabulary
from ava_core.store import db, models
from ava_core.errors import InvalidInput
from ava_core.settings import load_settings
from ava_core.store import Score, Store
from tests.conftest import run_cli
from tests.progress_helpers import Answer, behavioral_session, bulk_history, coding_session

UTC = timezone.utc
T0 = datetime(2025, 1, 28, 15, 0, tzinfo=UTC)
NOW = datetime(2025, 2, 2, 12, 0, tzinfo=UTC)
BANK = {"arrays-and-hashing": 2, "trees": 1, "graphs": 1}
STEPS_1 = {"understand": 4, "match": 3, "plan": 2, "implement": 3, "review": 4, "evaluate": 5}
STEPS_3 = {"understand": 2, "match": 2, "plan": 1, "implement": 2, "review": 3, "evaluate": 2}
W1 = 0.5 ** (1 / progress.HALF_LIFE)  # the weight of the coding session before the latest


def user(store, email="ada@example.com", name="Ada"):
    return store.accounts.create_user(email, name, password_hash="x").id


def scenario(store, uid) -> dict:
    """Three finished sessions (coding, behavioral, coding), one in progress, one abandoned."""
    return {
        "s1": coding_session(
            store, uid, T0, topic="trees", difficulty="medium", title="Invert a tree",
            steps=STEPS_1, tests=(6, 10), complexity=True, score=60, signal="lean_hire",
            minutes=40, delivery=[(120, 1.0, 0), (140, 3.0, 2)]),
        "s2": behavioral_session(
            store, uid, datetime(2025, 1, 30, 16, 0, tzinfo=UTC), title="Resume: Acme",
            answers=[Answer("STAR", 4, 5, 4, (130, 2.0, 1)), Answer("SA", 2, 3, 4, (150, 4.0, 3))],
            score=70, signal="hire", minutes=30),
        "s3": coding_session(
            store, uid, datetime(2025, 2, 1, 10, 0, tzinfo=UTC), topic="graphs",
            difficulty="hard", title="Course schedule", steps=STEPS_3, redo={"plan": 3},
            tests=(3, 12), complexity=False, score=40, signal="no_hire", minutes=50,
            delivery=[(160, 0.0, 0)]),
        "s4": coding_session(
            store, uid, datetime(2025, 2, 2, 9, 0, tzinfo=UTC), topic="trees",
            steps={"understand": 1}, status="active", title="Unfinished"),
        "s5": behavioral_session(
            store, uid, datetime(2025, 2, 2, 8, 0, tzinfo=UTC), title="Gave up",
            answers=[Answer("", 1, 1, 1, (90, 9.0, 5))], status="abandoned"),
    }


@pytest.fixture
def ada(sqlite_store):
    uid = user(sqlite_store)
    return sqlite_store, uid, scenario(sqlite_store, uid)


@pytest.fixture
def history(ada):
    store, uid, _ = ada
    return progress.load_history(store, uid)


def ids(frame) -> list[str]:
    return list(frame["session_id"])


def no_nan(frame: pd.DataFrame) -> bool:
    return not frame.isna().any().any()


# --- loading and the rules every frame follows -------------------------------------------------


def test_history_is_one_load_of_tidy_frames(history, ada):
    _, _, s = ada
    assert list(history.sessions.columns) == list(progress.SESSION_COLUMNS)
    assert list(history.scores.columns) == list(progress.SCORE_COLUMNS)
    assert list(history.answers.columns) == list(progress.ANSWER_COLUMNS)
    order = [s[k].id for k in ("s1", "s2", "s3", "s5", "s4")]
    assert ids(history.sessions) == [str(i) for i in order]
    assert list(history.sessions["number"]) == [1, 2, 3, 4, 5]
    assert list(history.sessions["when"]) == ["2025-01-28 15:00", "2025-01-30 16:00",
                                             "2025-02-01 10:00", "2025-02-02 08:00",
                                             "2025-02-02 09:00"]
    assert list(history.sessions["minutes"]) == [40, 30, 50, 30, 0]
    assert list(history.sessions["topic"]) == ["trees", None, "graphs", None, "trees"]
    # 6 + 6 UMPIRE scores and a redo, tests and complexity twice, 7 per behavioral answer (3),
    # one step in progress
    assert len(history.scores) == 6 + 2 + 6 + 1 + 2 + 7 * 3 + 1
    assert len(history.answers) == 6 + 2 + 7 + 1 + 1


def test_a_session_finished_hours_later_counts_three_hours_at_most(sqlite_store):
    uid = user(sqlite_store)
    coding_session(sqlite_store, uid, T0, minutes=5 * 60)
    assert progress.load_history(sqlite_store, uid).sessions["minutes"].tolist() == [180]


def test_the_question_gives_the_topic_when_the_user_picked_any(sqlite_store):
    sqlite_store.bank.sync_bank([{"id": "course-schedule", "kind": "coding", "title": "Course schedule",
                             "topics": ["graphs", "dp-1d"], "difficulty": "medium", "body": {}}])
    uid = user(sqlite_store)
    coding_session(sqlite_store, uid, T0, topic=None, question_id="course-schedule")
    coding_session(sqlite_store, uid, T0 + timedelta(hours=1), topic="heap",
                   question_id="course-schedule")
    assert progress.load_history(sqlite_store, uid).sessions["topic"].tolist() == ["graphs", "heap"]


def test_a_redone_step_counts_its_last_feedback_and_the_report_only_fills_gaps(sqlite_store):
    uid = user(sqlite_store)
    coding_session(sqlite_store, uid, T0, steps={"plan": 4}, redo={"plan": 2},
                   report_scores=[Score("plan", 5, step="plan"), Score("review", 1, step="review")],
                   score=50)
    values = progress.criterion_values(progress.load_history(sqlite_store, uid))
    got = {r.criterion: (r.score, r.n) for r in values.itertuples()}
    assert got == {"plan": (2.0, 1), "review": (1.0, 1)}


def test_another_users_sessions_never_appear(store):
    ada, bob = user(store), user(store, "bob@example.com", "Bob")
    mine = scenario(store, ada)
    theirs = [
        coding_session(store, bob, T0 + timedelta(hours=1), topic="heap",
                       steps={"plan": 1, "implement": 1, "evaluate": 1}, tests=(0, 5),
                       complexity=False, score=10, delivery=[(200, 9.0, 9)]),
        behavioral_session(store, bob, T0 + timedelta(hours=2), answers=[Answer(delivery=(80, 1, 1))],
                           score=20),
    ]
    history = progress.load_history(store, ada)
    assert set(ids(history.sessions)) == {str(s.id) for s in mine.values()}
    for frame in (history.scores, history.answers):
        assert set(ids(frame)) <= {str(s.id) for s in mine.values()}
    dash = progress.build(history, progress.Filters(), BANK, NOW)
    assert dash.headline.sessions_done == 3 and "heap" not in set(dash.heatmap["topic"])
    assert 200 not in set(dash.delivery["value"])
    bobs = progress.load_history(store, bob)
    assert ids(bobs.sessions) == [str(s.id) for s in theirs]
    assert len(bobs.scores) == 5 + 7 and len(bobs.answers) == 4
    # the same figures on both databases
    assert dash.scores["score"].tolist() == [60, 70, 40]
    assert dash.delivery_summary["baseline"].tolist() == [140, 2, 1]


def without_summaries(store):
    with store.engine.begin() as connection:
        connection.execute(update(models.InterviewSession).values(summary=None))


def test_stored_summaries_match_the_scores_and_answers_they_summarize(store):
    uid = user(store)
    s = scenario(store, uid)
    spoken = [m for m in store.sessions.list_messages(uid, s["s1"].id) if m.kind == "answer"]
    store.sessions.update_message(uid, spoken[0].id, words_per_minute=100.0)  # a corrected measurement
    stored = store.progress.progress_data(uid)
    delivery = dict(zip(stored.sessions.column("id"), stored.sessions.column("words_per_minute")))
    assert sorted(v for v in delivery.values() if v is not None) == [90, 120, 140, 160]

    without_summaries(store)  # the store then reads the scores and answers themselves
    assert store.progress.progress_data(uid) == stored
    assert store.sessions.fill_summaries(batch=2) == 5 and store.sessions.fill_summaries() == 0
    assert store.progress.progress_data(uid) == stored


@pytest.mark.parametrize("how", ["app start", "db upgrade"])
def test_an_old_database_gets_its_summaries_when_upgraded(tmp_path, how):
    path = tmp_path / "old.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine, "0001")  # before sessions had a summary
    old = Store(engine)
    uid = user(old)
    bulk = bulk_history(old, uid, 30, NOW)
    engine.dispose()

    settings = {"AVA_SQLITE_PATH": str(path)}
    if how == "db upgrade":
        cli = run_cli("db", "upgrade", **settings)
        assert "0001 -> 0002 (revision 0002; summarized 30 sessions)" in cli.stdout, cli.stderr
    store = Store.open(load_settings(settings))
    with store.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM sessions WHERE summary IS NULL")) == 0
    dash = progress.build(progress.load_history(store, uid), progress.Filters(), BANK, NOW)
    assert dash.scores["score"].tolist() == bulk.scores
    assert dash.heatmap["sessions"].sum() > 0 and not dash.delivery.empty


# --- headline -----------------------------------------------------------------------------------


def test_headline(history):
    h = progress.headline(history, NOW)
    assert (h.sessions_done, h.practice_minutes, h.streak_days) == (3, 120, 1)
    assert h.recent_average == pytest.approx(170 / 3) and h.recent_count == 3
    assert h.previous_average is None and h.delta is None and h.direction is None
    assert [(m.label, m.value, m.delta) for m in progress.headline_metrics(h)] == [
        ("Sessions done", "3", None), ("Practice time", "2 h 00 min", None),
        ("Current streak", "1 day", None), ("Average score", "56.7", None),
    ]


def test_the_last_ten_scored_sessions_against_the_ten_before(sqlite_store):
    uid = user(sqlite_store)
    scores = [50] * 5 + [40] * 10 + [70] * 10  # 25 sessions: the first 5 are older than both
    for i, score in enumerate(scores):
        coding_session(sqlite_store, uid, T0 + timedelta(hours=i), score=score)
    coding_session(sqlite_store, uid, T0 + timedelta(hours=30), score=None)
    h = progress.headline(progress.load_history(sqlite_store, uid), NOW)
    assert (h.recent_average, h.recent_count, h.previous_average, h.previous_count) == (70, 10, 40, 10)
    assert (h.delta, h.direction) == (30, "up")
    metric = progress.headline_metrics(h)[3]
    assert (metric.value, metric.delta) == ("70.0", "+30.0")
    assert metric.help == "Your last 10 scored sessions, against the 10 before (40.0)."


@pytest.mark.parametrize("days, today, expected", [
    (["2025-01-30", "2025-01-31", "2025-02-01"], "2025-02-01", 3),  # across a month end
    (["2024-12-30", "2024-12-31", "2025-01-01"], "2025-01-01", 3),  # across a year end
    (["2024-02-28", "2024-02-29", "2024-03-01"], "2024-03-01", 3),  # a leap day
    (["2025-02-27", "2025-02-28", "2025-03-01"], "2025-03-01", 3),  # no leap day
    (["2024-02-28", "2024-03-01"], "2024-03-01", 1),  # 2024 has a 29th: the streak broke
    (["2025-01-30", "2025-01-31", "2025-02-01"], "2025-02-02", 3),  # today is still open
    (["2025-01-30", "2025-01-31", "2025-02-01"], "2025-02-03", 0),  # yesterday was missed
    (["2025-02-01", "2025-02-02"], "2025-02-01", 1),  # a later day does not count
    ([], "2025-02-01", 0),
])
def test_current_streak(days, today, expected):
    assert progress.current_streak({date.fromisoformat(d) for d in days},
                                   date.fromisoformat(today)) == expected


def streak(store, uid, starts, now, tz):
    for i, start in enumerate(starts):
        coding_session(store, uid, start, title=f"s{i}", score=50)
    return progress.headline(progress.load_history(store, uid, tz), now).streak_days


def test_a_streak_counts_days_in_the_users_time_zone(sqlite_store):
    uid = user(sqlite_store)
    # 23:30 on January 29 in New York is 04:30 on January 30 in UTC
    starts = [datetime(2025, 1, 30, 4, 30, tzinfo=UTC), datetime(2025, 1, 30, 6, 0, tzinfo=UTC)]
    now = datetime(2025, 1, 30, 17, 0, tzinfo=UTC)
    assert streak(sqlite_store, uid, starts, now, "America/New_York") == 2
    for tz in ("UTC", "Asia/Tokyo"):
        assert progress.headline(progress.load_history(sqlite_store, uid, tz), now).streak_days == 1


def test_a_streak_across_daylight_saving_changes(sqlite_store):
    uid = user(sqlite_store)
    ny = "America/New_York"
    # Nov 2, 2025 has 25 hours in New York: 23:50 on Nov 1 (EDT) to 23:50 on Nov 2 (EST) is 25 h
    starts = [datetime(2025, 11, 2, 3, 50, tzinfo=UTC), datetime(2025, 11, 3, 4, 50, tzinfo=UTC),
              # Mar 8, 2026 has 23 hours: 00:10 on Mar 8 (EST), 00:10 on Mar 9 (EDT)
              datetime(2026, 3, 8, 5, 10, tzinfo=UTC), datetime(2026, 3, 9, 4, 10, tzinfo=UTC)]
    assert streak(sqlite_store, uid, starts[:2], datetime(2025, 11, 3, 5, 0, tzinfo=UTC), ny) == 2
    h = progress.headline(progress.load_history(sqlite_store, uid, ny),
                          datetime(2026, 3, 9, 12, 0, tzinfo=UTC))
    assert h.streak_days == 0
    coding_session(sqlite_store, uid, starts[2], score=50)
    coding_session(sqlite_store, uid, starts[3], score=50)
    history = progress.load_history(sqlite_store, uid, ny)
    assert [d.date() for d in history.sessions["day"]][-2:] == [date(2026, 3, 8), date(2026, 3, 9)]
    assert progress.headline(history, datetime(2026, 3, 10, 3, 0, tzinfo=UTC)).streak_days == 2


def test_an_unknown_time_zone_falls_back_to_utc(history):
    assert progress.time_zone("Mars/Olympus") == "UTC" and progress.time_zone(None) == "UTC"
    assert progress.time_zone("../etc/passwd") == "UTC"
    assert progress.time_zone("Europe/Paris") == "Europe/Paris"


# --- scores over time ---------------------------------------------------------------------------


def test_score_trend_has_a_rolling_average_per_mode(history, ada):
    _, _, s = ada
    trend = progress.score_trend(history)
    assert ids(trend) == [str(s[k].id) for k in ("s1", "s2", "s3")]
    assert trend["mode"].tolist() == ["Coding (UMPIRE)", "Behavioral", "Coding (UMPIRE)"]
    assert trend["title"].tolist() == ["Invert a tree", "Resume: Acme", "Course schedule"]
    assert trend["when"].tolist() == ["2025-01-28 15:00", "2025-01-30 16:00", "2025-02-01 10:00"]
    assert trend["score"].tolist() == [60, 70, 40]
    assert trend["rolling"].tolist() == [60, 70, 50]


def test_the_rolling_average_covers_the_last_five_sessions(sqlite_store):
    uid = user(sqlite_store)
    for i, score in enumerate([10, 20, 30, 40, 50, 60, 70]):
        coding_session(sqlite_store, uid, T0 + timedelta(hours=i), score=score)
    trend = progress.score_trend(progress.load_history(sqlite_store, uid))
    assert trend["rolling"].tolist() == [10, 15, 20, 25, 30, 40, 50]


# --- coding -------------------------------------------------------------------------------------


def test_step_heatmap(history):
    heat = progress.step_heatmap(history)
    assert heat["topic"].tolist() == ["trees"] * 6 + ["graphs"] * 6  # the topics' own order
    assert heat["step"].tolist() == list(vocabulary.STEPS) * 2
    assert heat["topic_name"].tolist()[::6] == ["Trees", "Graphs"]
    assert heat["step_name"].tolist()[:6] == ["Understand", "Match", "Plan", "Implement",
                                              "Review", "Evaluate"]
    assert heat["avg_score"].tolist() == [4, 3, 2, 3, 4, 5, 2, 2, 3, 2, 3, 2]  # plan redone: 3
    assert heat["sessions"].tolist() == [1] * 12


def test_step_heatmap_averages_sessions_of_a_topic(sqlite_store):
    uid = user(sqlite_store)
    coding_session(sqlite_store, uid, T0, topic="heap", steps={"plan": 2, "review": 5})
    coding_session(sqlite_store, uid, T0 + timedelta(days=1), topic="heap", steps={"plan": 5})
    heat = progress.step_heatmap(progress.load_history(sqlite_store, uid))
    assert heat[["step", "avg_score", "sessions"]].values.tolist() == [["plan", 3.5, 2],
                                                                       ["review", 5.0, 1]]


def test_test_pass_rate_and_complexity_agreement(history, ada):
    _, _, s = ada
    rates = progress.pass_rates(history)
    assert ids(rates) == [str(s["s1"].id), str(s["s3"].id)]
    assert rates[["passed", "total"]].values.tolist() == [[6, 10], [3, 12]]
    assert rates["pass_rate"].tolist() == [0.6, 0.25]
    assert rates["rolling"].tolist() == [0.6, 0.425]
    assert progress.tests_text(rates) == "Hidden tests passed: 9 of 22 (41%)."
    agreement = progress.complexity_agreement(history)
    assert agreement["agrees"].tolist() == [True, False]
    assert agreement["result"].tolist() == ["Matched", "Differed"]
    assert agreement["rolling"].tolist() == [1.0, 0.5]
    assert progress.complexity_text(agreement) == (
        "Your claimed time complexity matched the measured one in 1 of 2 sessions (50%).")


def test_bank_topics_not_practised_yet(history, sqlite_store):
    untried = progress.untried_topics(history, BANK)
    assert untried.values.tolist() == [["arrays-and-hashing", "Arrays & Hashing", 2]]
    # a session still in progress has not practised its topic
    assert progress.untried_topics(history, {"trees": 1})["topic"].tolist() == []
    uid = user(sqlite_store, "cy@example.com")
    coding_session(sqlite_store, uid, T0, topic="heap", status="active")
    fresh = progress.load_history(sqlite_store, uid)
    assert progress.untried_topics(fresh, {"heap": 3})["topic"].tolist() == ["heap"]


def test_bank_topics_counts_the_questions_of_each_topic():
    class Q:
        def __init__(self, *topics):
            self.topics = list(topics)

    class Bank:
        coding = [Q("graphs", "trees"), Q("trees"), Q("arrays-and-hashing")]

    assert list(progress.bank_topics(Bank()).items()) == [("arrays-and-hashing", 1), ("trees", 2),
                                                           ("graphs", 1)]


# --- behavioral ---------------------------------------------------------------------------------


def test_star_coverage_and_behavioral_trends(history, ada):
    _, _, s = ada
    star = progress.star_coverage(history)
    assert ids(star) == [str(s["s2"].id)] * 4
    assert star["part"].tolist() == ["situation", "task", "action", "result"]
    assert star["coverage"].tolist() == [1.0, 0.5, 1.0, 0.5]
    trends = progress.behavioral_trends(history)
    assert trends["criterion"].tolist() == ["Specificity", "Ownership", "Relevance"]
    assert trends["score"].tolist() == [3.0, 4.0, 4.0]


def test_star_coverage_rolls_per_part(sqlite_store):
    uid = user(sqlite_store)
    for i, parts in enumerate(["SR", "S", "", "STAR"]):
        behavioral_session(sqlite_store, uid, T0 + timedelta(days=i), answers=[Answer(parts)],
                           score=50)
    star = progress.star_coverage(progress.load_history(sqlite_store, uid))
    situation = star[star["part"] == "situation"]
    result = star[star["part"] == "result"]
    assert situation["coverage"].tolist() == [1, 1, 0, 1]
    assert situation["rolling"].tolist() == pytest.approx([1, 1, 2 / 3, 0.75])
    assert result["rolling"].tolist() == pytest.approx([1, 0.5, 1 / 3, 0.5])


# --- delivery -----------------------------------------------------------------------------------


def test_delivery_against_the_users_baseline(history):
    frame = progress.delivery(history)
    assert frame["metric"].tolist() == ["words_per_minute"] * 3 + ["fillers_per_100_words"] * 3 + [
        "long_pauses"] * 3
    assert frame["value"].tolist() == [130, 140, 160, 2, 3, 0, 1, 2, 0]
    assert frame["baseline"].tolist() == [140] * 3 + [2] * 3 + [1] * 3
    summary = progress.delivery_summary(frame)
    assert summary["recent"].tolist() == pytest.approx([430 / 3, 5 / 3, 1])
    assert summary["change"].tolist() == pytest.approx([10 / 3, -1 / 3, 0])
    metrics = progress.delivery_metrics(summary)
    assert [(m.label, m.value, m.delta, m.delta_color, m.delta_arrow) for m in metrics] == [
        ("Words per minute", "143.3", "+3.3 vs baseline", "off", "auto"),
        ("Fillers per 100 words", "1.7", "-0.3 vs baseline", "inverse", "auto"),
        ("Long pauses per answer", "1.0", "no change vs baseline", "off", "off"),  # not a red +0.0
    ]
    assert "Target: 120-160." in metrics[0].help


def test_the_baseline_is_the_median_of_the_first_five_sessions(sqlite_store):
    uid = user(sqlite_store)
    for i, wpm in enumerate([100, 180, 120, 110, 170, 90, 200]):
        coding_session(sqlite_store, uid, T0 + timedelta(hours=i), steps={"plan": 3},
                       delivery=[(wpm, 1.0, 0)])
    coding_session(sqlite_store, uid, T0 + timedelta(hours=9), steps={"plan": 3})  # typed
    frame = progress.delivery(progress.load_history(sqlite_store, uid))
    wpm = frame[frame["metric"] == "words_per_minute"]
    assert len(wpm) == 7 and set(wpm["baseline"]) == {120}
    summary = progress.delivery_summary(frame)
    assert summary.loc[0, "recent"] == (120 + 110 + 170 + 90 + 200) / 5


# --- what to practise next ----------------------------------------------------------------------


def test_recommendation_is_the_weakest_topic(history):
    rec = progress.recommend(history, BANK)
    assert (rec.kind, rec.topic, rec.step) == ("topic", "graphs", "understand")
    assert rec.strength == pytest.approx(14 / 30 * 5)
    # graphs was last practised hard; under 3 of 5 it is suggested one level easier
    assert rec.practice_request == {"topic": "graphs", "difficulty": "medium"}
    assert rec.button_label == "Practise Graphs (medium)"
    assert rec.message == ("Graphs is your weakest topic (2.3 of 5, recent sessions counting "
                           "most); its weakest step is Understand.")
    weights = progress.practice_weights(history)
    assert weights.groupby("topic")["rank"].first().to_dict() == {"graphs": 0, "trees": 1}
    assert weights.groupby("topic")["weight"].first().to_dict() == pytest.approx(
        {"graphs": 1.0, "trees": W1})


def test_recent_sessions_weigh_more(sqlite_store):
    uid = user(sqlite_store)
    every = dict.fromkeys(vocabulary.STEPS)
    coding_session(sqlite_store, uid, T0, topic="trees", steps=dict.fromkeys(every, 1))
    coding_session(sqlite_store, uid, T0 + timedelta(days=1), topic="graphs",
                   steps=dict.fromkeys(every, 3), difficulty="easy")
    coding_session(sqlite_store, uid, T0 + timedelta(days=2), topic="trees",
                   steps=dict.fromkeys(every, 5))
    history = progress.load_history(sqlite_store, uid)
    # unweighted, trees (1 then 5) and graphs (3) both average 3 of 5; trees improved lately
    rec = progress.recommend(history, BANK)
    w2 = 0.5 ** (2 / progress.HALF_LIFE)
    assert (rec.kind, rec.topic, rec.step, rec.difficulty) == ("topic", "graphs", "understand",
                                                               "easy")
    assert rec.strength == pytest.approx(3.0)
    weights = progress.practice_weights(history)
    assert weights.drop_duplicates("number")["weight"].tolist() == pytest.approx([w2, W1, 1])


def test_recommendation_is_the_weakest_step_on_the_topic_where_it_is_weakest(sqlite_store):
    uid = user(sqlite_store)
    strong = dict.fromkeys(vocabulary.STEPS, 5)
    coding_session(sqlite_store, uid, T0, topic="trees", difficulty="hard",
                   steps={**strong, "plan": 1})
    coding_session(sqlite_store, uid, T0 + timedelta(days=1), topic="graphs",
                   steps={**strong, "plan": 2})
    rec = progress.recommend(progress.load_history(sqlite_store, uid), BANK)
    plan = (0.2 * W1 + 0.4) / (W1 + 1) * 5
    assert (rec.kind, rec.step, rec.topic, rec.difficulty) == ("step", "plan", "trees", "hard")
    assert rec.strength == pytest.approx(plan)
    assert rec.message == ("Plan is your weakest step (1.5 of 5, recent sessions counting most); "
                           "practise it on Trees, where it scores lowest.")


def test_when_everything_is_strong_try_new_ground(sqlite_store):
    uid = user(sqlite_store)
    coding_session(sqlite_store, uid, T0, topic="trees",
                   steps=dict.fromkeys(vocabulary.STEPS, 5))
    history = progress.load_history(sqlite_store, uid)
    rec = progress.recommend(history, BANK)
    assert (rec.kind, rec.topic, rec.difficulty) == ("new", "arrays-and-hashing", None)
    # with nothing new left, the weakest topic even so
    assert progress.recommend(history, {"trees": 1}).kind == "topic"


def test_recommendation_without_step_scores(sqlite_store):
    uid = user(sqlite_store)
    empty = progress.load_history(sqlite_store, uid)
    rec = progress.recommend(empty, BANK)
    assert (rec.kind, rec.topic, rec.button_label) == ("new", "arrays-and-hashing",
                                                       "Practise Arrays & Hashing")
    rec = progress.recommend(empty, {})
    assert rec.kind == "none" and rec.practice_request is None
    assert rec.button_label == "Start a coding interview"


# --- filters ------------------------------------------------------------------------------------


def test_filters_apply_to_every_frame(history, ada):
    _, _, s = ada
    coding = progress.build(history, progress.Filters(modes=("coding",)), BANK, NOW)
    assert coding.headline.sessions_done == 2 and coding.star.empty and coding.behavioral.empty
    assert set(ids(coding.view.sessions)) == {str(s[k].id) for k in ("s1", "s3", "s4")}
    assert coding.delivery["value"].tolist() == [130, 160, 2, 0, 1, 0]
    days = progress.Filters(start=date(2025, 1, 29), end=date(2025, 2, 1))
    ranged = progress.build(history, days, BANK, NOW)
    assert ranged.scores["score"].tolist() == [70, 40]
    both = progress.build(history, progress.Filters(date(2025, 1, 29), date(2025, 2, 1),
                                                    ("coding",)), BANK, NOW)
    assert both.heatmap["topic"].unique().tolist() == ["graphs"]
    assert both.pass_rate["passed"].tolist() == [3] and both.complexity["agrees"].tolist() == [False]
    assert both.delivery_summary["baseline"].tolist() == [160, 0, 0]
    assert both.untried["topic"].tolist() == ["arrays-and-hashing", "trees"]
    assert len(both.view.scores) == 6 + 1 + 2 and len(both.view.answers) == 7
    assert both.recommendation.topic == "graphs" and both.state == "ready"
    nothing = progress.build(history, progress.Filters(modes=()), BANK, NOW)
    assert nothing.state == "empty" and nothing.headline.sessions_done == 0


def test_filter_days_are_local_days(sqlite_store):
    uid = user(sqlite_store)
    coding_session(sqlite_store, uid, datetime(2025, 1, 30, 4, 30, tzinfo=UTC), score=50)
    jan_29 = progress.Filters(start=date(2025, 1, 29), end=date(2025, 1, 29))
    ny = progress.load_history(sqlite_store, uid, "America/New_York")
    assert len(progress.filter_history(ny, jan_29).sessions) == 1
    assert progress.filter_history(ny, jan_29).sessions["when"].tolist() == ["2025-01-29 23:30"]
    utc = progress.load_history(sqlite_store, uid, "UTC")
    assert progress.filter_history(utc, jan_29).sessions.empty


def test_filters_from_the_page_inputs():
    bounds = (date(2025, 1, 1), date(2025, 2, 1))
    assert progress.Filters.from_inputs(bounds, ["behavioral", "coding"], bounds) == progress.Filters()
    assert progress.Filters.from_inputs((date(2025, 1, 5),), ["coding"], bounds) == progress.Filters(
        date(2025, 1, 5), None, ("coding",))
    assert progress.Filters.from_inputs((), [], bounds) == progress.Filters(None, None, ())
    assert progress.Filters(date(2025, 1, 5)).describe() == (
        "Coding (UMPIRE) and Behavioral, from 2025-01-05")


def test_bad_filters_are_refused(history):
    with pytest.raises(InvalidInput, match="start date is after the end date"):
        progress.filter_history(history, progress.Filters(date(2025, 2, 2), date(2025, 2, 1)))
    with pytest.raises(ValueError):
        progress.filter_history(history, progress.Filters(modes=("chess",)))


def test_the_garbage_collector_runs_again_after_loading_and_building(ada):
    store, uid, _ = ada
    assert gc.isenabled()
    history = progress.load_history(store, uid)
    assert gc.isenabled()
    with pytest.raises(InvalidInput):
        progress.build(history, progress.Filters(date(2025, 2, 2), date(2025, 2, 1)), BANK, NOW)
    assert gc.isenabled()
    gc.disable()  # a caller that turned it off keeps it off
    try:
        progress.build(history, progress.Filters(), BANK, NOW)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_date_bounds(history):
    assert progress.date_bounds(history, date(2025, 3, 1)) == (date(2025, 1, 28), date(2025, 3, 1))
    assert progress.date_bounds(history, date(2025, 1, 1)) == (date(2025, 1, 1), date(2025, 2, 2))


# --- the session history ------------------------------------------------------------------------


def test_session_table_lists_every_session_newest_first(history, ada):
    _, _, s = ada
    table = progress.session_table(history)
    assert ids(table) == [str(s[k].id) for k in ("s4", "s5", "s3", "s2", "s1")]
    assert table["Session"].tolist() == ["Unfinished", "Gave up", "Course schedule",
                                         "Resume: Acme", "Invert a tree"]
    assert table["Status"].tolist() == ["In progress", "Abandoned", "Finished", "Finished",
                                        "Finished"]
    assert table["Topic"].tolist() == ["Trees", "", "Graphs", "", "Trees"]
    assert table["Score"].tolist() == [pd.NA, pd.NA, 40, 70, 60]
    assert table["Signal"].tolist() == ["", "", "no hire", "hire", "lean hire"]
    assert table["Minutes"].tolist() == [0, 30, 50, 30, 40]
    assert progress.table_topics(history) == ["trees", "graphs"]
    assert progress.session_table(history, "trees")["Session"].tolist() == ["Unfinished",
                                                                           "Invert a tree"]
    assert progress.session_table(history, scores=(50, 100))["Session"].tolist() == [
        "Resume: Acme", "Invert a tree"]
    assert progress.selected_session(table, [2]) == str(s["s3"].id)
    assert progress.selected_session(table, [5]) is None
    assert progress.selected_session(table, []) is None


def test_an_opened_session_shows_transcript_code_tests_and_feedback(ada):
    store, uid, s = ada
    view = progress.session_view(store.sessions.load_session(uid, s["s1"].id), "America/New_York")
    assert view.title == "Invert a tree"
    assert view.caption == ("Coding (UMPIRE) · 2025-01-28 10:00 · Finished · Trees · "
                            "score 60 / 100 · lean hire")
    labels = [t.label for t in view.turns]
    assert labels[:4] == ["Interviewer · Question · Understand", "You · Answer · Understand",
                          "Interviewer · Question · Match", "You · Answer · Match"]
    assert labels[7:9] == ["You · Answer · Implement", "You · Code submission · Implement"]
    submission = view.turns[8]
    assert (submission.code, submission.tests) == ("def solve(): pass", "6 of 10 hidden tests passed")
    assert [t.text for t in view.turns if t.role == "user" and t.code is None][:2] == [
        "My understand answer.", "My match answer."]
    assert [f.label for f in view.feedback] == [*(progress.STEP_TITLES[x] for x in STEPS_1),
                                                "Session report"]
    implement = view.feedback[3]
    assert implement.score == "3 / 5" and implement.summary == "implement feedback"
    assert implement.criteria == [("Implement", "3 / 5"), ("Tests passed", "6 / 10")]
    assert view.feedback[-1].score == "60 / 100"
    behavioral = progress.session_view(store.sessions.load_session(uid, s["s2"].id))
    assert [t.label for t in behavioral.turns][:2] == ["Interviewer · Question · Question 1",
                                                      "You · Answer · Question 1"]
    assert behavioral.feedback[0].criteria[:2] == [("STAR: Situation", "1 / 1"),
                                                   ("STAR: Task", "1 / 1")]


def test_run_text():
    assert progress.run_text(vocabulary.test_summary(2, 3, hidden=False, errors=1, timed_out=2)) == (
        "2 of 5 example tests passed (1 raised an error, 2 ran out of time)")
    assert progress.run_text({}) is None


# --- empty and nearly empty histories -----------------------------------------------------------


def frames(dash: progress.Dashboard) -> dict[str, pd.DataFrame]:
    return {name: getattr(dash, name) for name in (
        "scores", "heatmap", "pass_rate", "complexity", "untried", "star", "behavioral",
        "delivery", "delivery_summary")}


def test_a_new_user_gets_empty_frames_and_a_first_step(sqlite_store):
    uid = user(sqlite_store)
    dash = progress.build(progress.load_history(sqlite_store, uid), progress.Filters(), BANK, NOW)
    assert dash.state == "new" and "No sessions yet" in progress.empty_message(dash.state)
    for name, frame in frames(dash).items():
        assert frame.empty == (name != "untried"), name
    assert [m.value for m in progress.headline_metrics(dash.headline)] == ["0", "0 min", "0 days",
                                                                          "—"]
    assert dash.recommendation.kind == "new"
    assert progress.session_table(dash.view).empty
    report = progress.report_markdown(dash, "Ada", NOW)
    assert "- Sessions done: 0" in report and "## Sessions" not in report
    with zipfile.ZipFile(io.BytesIO(progress.export_zip(dash.view))) as z:
        sessions = pd.read_csv(z.open("sessions.csv"))
    assert sessions.empty and list(sessions.columns) == [
        c for c in progress.SESSION_COLUMNS if c != "day"]


@pytest.mark.parametrize("count", [1, 2])
def test_one_or_two_sessions_give_sensible_frames(sqlite_store, count):
    uid = user(sqlite_store)
    coding_session(sqlite_store, uid, T0, topic="trees", steps=STEPS_1, tests=(0, 0),
                   complexity=True, score=60, delivery=[(120, 1.0, 0)])
    if count == 2:
        behavioral_session(sqlite_store, uid, T0 + timedelta(days=1),
                           answers=[Answer("ST", delivery=(150, 2.0, 1))], score=80)
    dash = progress.build(progress.load_history(sqlite_store, uid), progress.Filters(), BANK,
                          T0 + timedelta(days=count))
    for name, frame in frames(dash).items():
        assert no_nan(frame), name
    h = dash.headline
    assert (h.sessions_done, h.streak_days, h.delta) == (count, count, None)
    assert dash.scores["rolling"].tolist() == dash.scores["score"].tolist()
    assert dash.pass_rate.empty  # no test was run: nothing to divide by
    assert progress.tests_text(dash.pass_rate) == "No code has been judged against the hidden tests yet."
    if count == 1:
        assert dash.delivery_summary["change"].tolist() == [0, 0, 0]
    assert len(dash.heatmap) == 6 and dash.recommendation.topic is not None


# --- exports ------------------------------------------------------------------------------------


def test_csv_export_parses_back(history, ada):
    store, uid, s = ada
    with zipfile.ZipFile(io.BytesIO(progress.export_zip(history))) as z:
        assert sorted(z.namelist()) == ["answers.csv", "scores.csv", "sessions.csv"]
        sessions = pd.read_csv(z.open("sessions.csv"))
        scores = pd.read_csv(z.open("scores.csv"))
        answers = pd.read_csv(z.open("answers.csv"))
    assert sessions["session_id"].tolist() == ids(history.sessions)
    assert sessions["title"].tolist() == ["Invert a tree", "Resume: Acme", "Course schedule",
                                          "Gave up", "Unfinished"]
    assert sessions["score"].tolist()[:3] == [60, 70, 40] and sessions["score"].isna().sum() == 2
    assert pd.to_datetime(sessions["started_at"]).iloc[0] == pd.Timestamp(T0)
    counts = store.accounts.count_rows(uid)
    assert len(scores) == counts["step_scores"]
    assert len(answers) == len(history.answers)
    assert set(scores["session_id"]) <= set(sessions["session_id"])
    assert answers["words_per_minute"].dropna().tolist() == [120, 140, 130, 150, 160, 90]


def test_markdown_report_has_the_figures(history):
    dash = progress.build(history, progress.Filters(), BANK, NOW)
    report = progress.report_markdown(dash, "Ada | Lovelace", NOW)
    assert report.startswith("# Ava progress report: Ada \\| Lovelace\n")
    for line in [
        "2025-02-02 12:00 (UTC) · Coding (UMPIRE) and Behavioral, all dates",
        "- Sessions done: 3",
        "- Practice time: 2 h 00 min",
        "- Current streak: 1 day",
        "- Average score: 56.7 over the last 3 scored sessions",
        dash.recommendation.message,
        "| Coding (UMPIRE) | 2 | 50.0 | 60 | 40 |",
        "| Behavioral | 1 | 70.0 | 70 | 70 |",
        "| Trees | 4.0 | 3.0 | 2.0 | 3.0 | 4.0 | 5.0 |",
        "| Graphs | 2.0 | 2.0 | 3.0 | 2.0 | 3.0 | 2.0 |",
        "- Hidden tests passed: 9 of 22 (41%).",
        "- Your claimed time complexity matched the measured one in 1 of 2 sessions (50%).",
        "- Topics not practised yet: Arrays & Hashing",
        "| Task | 50% |",
        "| Specificity | 3.0 | 3.0 |",
        "| Words per minute | 140.0 | 143.3 | +3.3 |",
        "## Sessions (5 most recent of 5)",
        "| 2025-02-01 10:00 | Coding (UMPIRE) | Graphs | Course schedule | Finished | 40 |",
    ]:
        assert line in report.splitlines(), line


def test_report_compares_with_the_sessions_before(sqlite_store):
    uid = user(sqlite_store)
    for i, score in enumerate([80] * 10 + [60] * 10):
        coding_session(sqlite_store, uid, T0 + timedelta(hours=i), score=score,
                       title="A | B" if i == 0 else "Q")
    dash = progress.build(progress.load_history(sqlite_store, uid), progress.Filters(), {}, NOW)
    report = progress.report_markdown(dash, "Ada", NOW)
    assert ("- Average score: 60.0 over the last 10 scored sessions (down 20.0 on the 10 before: "
            "80.0)") in report
    assert "## Sessions (20 most recent of 20)" in report and "A \\| B" in report
