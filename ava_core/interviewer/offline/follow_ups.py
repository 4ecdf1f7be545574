"""The follow-up a behavioral answer calls for: a question on its weakest gap not asked yet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ava_core.interviewer.offline.star import score_answer
from ava_core.interviewer.text import normalize
from ava_core.interviewer.wording import FOLLOW_UPS
from ava_core.questions import COMPETENCIES
from ava_core.sentences import join_words as _join

if TYPE_CHECKING:
    from ava_core.questions import BehavioralQuestion


def next_follow_up(bq: BehavioralQuestion | str, answer_text: str, asked: Sequence[str]) -> str | None:
    """The question for the first gap (weakest first) whose follow-up was not asked; None when
    the answer lacks nothing new."""
    already = {normalize(a) for a in asked}
    details = score_answer(bq, answer_text, None).details
    for gap in details["gaps"]:
        topic = _join([COMPETENCIES.get(c, c) for c in details["competencies"]]) or "the question"
        text = FOLLOW_UPS[gap].format(subject=details["subject"], topic=topic.lower())
        if normalize(text) not in already:
            return text
    return None
