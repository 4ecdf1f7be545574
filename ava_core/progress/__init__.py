"""The progress dashboard's numbers: a user's history as tidy pandas frames, and one pure function
per chart or figure. Works on its own in a notebook:

    from ava_core import progress
    history = progress.load_history(store, user_id, tz="Europe/Paris")
    view = progress.filter_history(history, progress.Filters(modes=("coding",)))
    progress.step_heatmap(view)           # or build(history, filters, bank, now) for everything

The rules every frame follows:

- Figures and charts count finished sessions only; the history table lists every session.
- A session belongs to the calendar day, in the user's time zone, on which it started.
- A session's value for a criterion comes from its finest feedback: step and answer feedback
  before the session report. A redone step replaces the earlier one (the latest feedback of a step
  counts); each answer of a behavioral interview counts.
- Scores are 1-5 unless said otherwise; ``fraction`` is score over ``out_of`` (0-1).
- Empty input gives empty frames with the same columns, never NaN figures or a division by zero.

The current streak counts consecutive local calendar days with a finished session, ending today
or, while today is still open, yesterday (``current_streak``). What to practise next is the
weakest coding topic or UMPIRE step by step scores weighted toward recent sessions: the latest
coding session weighs 1 and a session's weight halves every HALF_LIFE (5) coding sessions further
back (``practice_weights``, ``recommend``).

    names.py      what the dashboard calls things: criteria, delivery measures, topics
    history.py    a user's history loaded from the store (History), in the user's time zone
    filters.py    which sessions the frames cover (Filters), the days a date picker offers
    figures.py    the headline's figures: sessions done, practice time, the streak, the average
    frames.py     the tables behind the charts: scores over time, coding, behavioral, delivery
    practice.py   what to practise next (Recommendation)
    table.py      the history table: every session, newest first
    detail.py     one session in full, as the history shows it opened
    dashboard.py  every frame and figure for one filter (build, Dashboard)
    export.py     the CSV files in a zip, and the progress report in Markdown
"""

from ava_core.progress.dashboard import Dashboard, build, empty_message
from ava_core.progress.detail import (
    FeedbackItem, SessionView, Turn, open_session, run_text, session_view,
)
from ava_core.progress.export import REPORT_SESSIONS, export_frames, export_zip, report_markdown
from ava_core.progress.figures import (
    RECENT,
    Headline,
    Metric,
    current_streak,
    days_text,
    duration_text,
    headline,
    headline_metrics,
)
from ava_core.progress.filters import Filters, date_bounds, filter_history
from ava_core.progress.frames import (
    BASELINE_SESSIONS,
    BEHAVIORAL_CRITERIA,
    ROLLING_WINDOW,
    WPM_TARGET,
    bank_topics,
    behavioral_trends,
    complexity_agreement,
    complexity_text,
    criterion_values,
    delivery,
    delivery_metrics,
    delivery_summary,
    pass_rates,
    score_trend,
    star_coverage,
    step_heatmap,
    tests_text,
    untried_topics,
)
from ava_core.progress.history import (
    ANSWER_COLUMNS,
    CRITERIA_COLUMNS,
    MAX_SESSION_MINUTES,
    SCORE_COLUMNS,
    SESSION_COLUMNS,
    History,
    history_from_data,
    load_history,
    local_today,
    time_zone,
)
from ava_core.progress.names import CRITERION_NAMES, DELIVERY, STAR_CRITERIA, topic_name
from ava_core.progress.practice import (
    EASIER_BELOW,
    HALF_LIFE,
    STRONG,
    Recommendation,
    practice_weights,
    recommend,
)
from ava_core.progress.table import selected_session, session_table, table_topics
from ava_core.vocabulary import STEP_TITLES

__all__ = [
    "ANSWER_COLUMNS", "BASELINE_SESSIONS", "BEHAVIORAL_CRITERIA", "CRITERIA_COLUMNS",
    "CRITERION_NAMES", "DELIVERY", "EASIER_BELOW", "HALF_LIFE", "MAX_SESSION_MINUTES", "RECENT",
    "REPORT_SESSIONS", "ROLLING_WINDOW", "SCORE_COLUMNS", "SESSION_COLUMNS", "STAR_CRITERIA",
    "STEP_TITLES", "STRONG", "WPM_TARGET", "Dashboard", "FeedbackItem", "Filters", "Headline",
    "History", "Metric", "Recommendation", "SessionView", "Turn", "bank_topics",
    "behavioral_trends", "build", "complexity_agreement", "complexity_text", "criterion_values",
    "current_streak", "date_bounds", "days_text", "delivery", "delivery_metrics",
    "delivery_summary", "duration_text", "empty_message", "export_frames", "export_zip",
    "filter_history", "headline", "headline_metrics", "history_from_data", "load_history",
    "local_today", "open_session", "pass_rates", "practice_weights", "recommend", "report_markdown",
    "run_text", "score_trend", "selected_session", "session_table", "session_view",
    "star_coverage", "step_heatmap", "table_topics", "tests_text", "time_zone", "topic_name",
    "untried_topics",
]
