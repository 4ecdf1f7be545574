"""What the two interview flows share: refused transitions, the interview clock, picking a
question the user has not seen recently.

The flows themselves (``coding_flow``, ``behavioral_flow``) are pure state machines: a state
object, actions that change it or raise ``NotAllowed``, and ``allowed(now)`` so a page can disable
what may not happen yet. Time is always passed in (``now``, epoch seconds), never read.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol, TypeVar

from ava_core.errors import AvaError
from ava_core.vocabulary import SUGGESTED_ANSWER_S, WARN_BEFORE_END_S


class NotAllowed(AvaError):
    """An action the interview's current state does not allow; the message says what to do."""


@dataclass
class Clock:
    """An interview clock: started once, counts against a limit, never paused."""

    limit_s: int
    started_at: float | None = None

    def elapsed(self, now: float) -> float:
        return 0.0 if self.started_at is None else max(0.0, now - self.started_at)

    def remaining(self, now: float) -> float:
        return max(0.0, self.limit_s - self.elapsed(now))

    def expired(self, now: float) -> bool:
        return self.started_at is not None and self.elapsed(now) >= self.limit_s

    def warning(self, now: float) -> bool:
        return self.started_at is not None and 0 < self.remaining(now) <= min(
            WARN_BEFORE_END_S, self.limit_s / 5
        )

    def to_dict(self) -> dict[str, Any]:
        return {"limit_s": self.limit_s, "started_at": self.started_at}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clock:
        return cls(int(data["limit_s"]), data.get("started_at"))


@dataclass(frozen=True)
class ClockReading:
    """What a clock on the page shows: how full its bar is, its caption, a warning when one is
    due, and whether the time is up."""

    fill: float  # 0 to 1
    caption: str
    warning: str | None = None
    ended: bool = False


def interview_clock(clock: Clock, now: float) -> ClockReading:
    """The interview's clock, warning in its last minutes (``Clock.warning``)."""
    elapsed, remaining = clock.elapsed(now), clock.remaining(now)
    warning = f"{clock_text(remaining)} left: wrap up the step you are on." if clock.warning(now) else None
    return ClockReading(min(1.0, elapsed / clock.limit_s),
                        f"{clock_text(elapsed)} elapsed · {clock_text(remaining)} left",
                        warning, clock.expired(now))


def answer_clock(asked_at: float, now: float) -> ClockReading:
    """How long a behavioral answer has run, against a good length for one."""
    elapsed = max(0.0, now - asked_at)
    caption = f"{clock_text(elapsed)} · about {SUGGESTED_ANSWER_S // 60} minutes is a good length"
    if elapsed > SUGGESTED_ANSWER_S:
        caption += " (time to land the result)"
    return ClockReading(min(1.0, elapsed / SUGGESTED_ANSWER_S), caption)


def clock_text(seconds: float) -> str:
    """Seconds as m:ss (or h:mm:ss), for a running clock."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class HasId(Protocol):
    @property
    def id(self) -> str: ...


Q = TypeVar("Q", bound=HasId)



def pick_question(
    candidates: Sequence[Q],
    recent_ids: Iterable[str],
    *,
    rng: random.Random | None = None,
    exclude: Iterable[str] = (),
) -> Q | None:
    """A random candidate, preferring ones the user has not seen recently.

    ``recent_ids`` is most recent first. Candidates never seen come first; when every candidate
    was seen, the one seen longest ago is picked. ``exclude`` (the question on screen when the
    user asks for another) is skipped unless it is the only candidate.
    """
    rng = rng or random.Random()
    excluded = set(exclude)
    pool = [q for q in candidates if q.id not in excluded] or list(candidates)
    if not pool:
        return None
    order = {qid: i for i, qid in reversed(list(enumerate(recent_ids)))}
    unseen = [q for q in pool if q.id not in order]
    if unseen:
        return rng.choice(unseen)
    return max(pool, key=lambda q: order[q.id])


def utc(epoch: float | None) -> datetime | None:
    """An epoch time (how the flows keep time) as a UTC datetime (how the store keeps it)."""
    return None if epoch is None else datetime.fromtimestamp(epoch, timezone.utc)
