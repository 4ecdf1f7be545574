"""What the dashboard calls things: criteria, delivery measures, topics, untitled sessions."""

from __future__ import annotations


import pandas as pd

from ava_core import vocabulary
from ava_core.questions import COMPETENCIES, TOPICS
from ava_core.vocabulary import STEP_TITLES

STAR_CRITERIA = {vocabulary.star_criterion(p): p for p in vocabulary.STAR_PARTS}
DELIVERY = {
    "words_per_minute": "Words per minute",
    "fillers_per_100_words": "Fillers per 100 words",
    "long_pauses": "Long pauses per answer",
}
CRITERION_NAMES = {
    **STEP_TITLES,
    vocabulary.COMMUNICATION: "Communication",
    vocabulary.TESTS_PASSED: "Tests passed",
    vocabulary.COMPLEXITY_AGREES: "Complexity claim matches",
    **{c: f"STAR: {p.capitalize()}" for c, p in STAR_CRITERIA.items()},
    vocabulary.SPECIFICITY: "Specificity",
    vocabulary.OWNERSHIP: "Ownership",
    vocabulary.RELEVANCE: "Relevance",
}


def titles(sessions: pd.DataFrame) -> pd.Series:
    return sessions["title"].where(sessions["title"].astype(bool), "Untitled session")


def topic_name(topic: object) -> str:
    if not isinstance(topic, str) or not topic:
        return "Any topic"
    return TOPICS.get(topic) or COMPETENCIES.get(topic) or topic.replace("-", " ").capitalize()


def topic_names(topics: pd.Series) -> pd.Series:
    names = {t: topic_name(t) for t in topics.dropna().unique()}
    return pd.Series([names.get(t, "Any topic") for t in topics], index=topics.index, dtype=object)
