"""The queue in front of the sandbox: at most a few runs at once, the others wait their turn in
the order they came, and each waiting run hears how many are ahead of it."""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

APP_RESERVE_MB = 512  # what the app itself may hold (the speech model loaded, a few users)


class RunQueue:
    def __init__(self, slots: int):
        if slots < 1:
            raise ValueError("a queue needs at least one slot")
        self.slots = slots
        self._running = 0
        self._waiting: list[int] = []  # tickets, first come first
        self._tickets = itertools.count()
        self._changed = threading.Condition()

    def ahead_of(self, ticket: int) -> int:
        """Runs that start before ``ticket``: the waiting ones before it, and every running one
        beyond the free slots."""
        return self._waiting.index(ticket) + max(self._running - self.slots + 1, 0)

    @contextmanager
    def turn(self, on_wait: Callable[[int], None] | None = None) -> Iterator[None]:
        """Wait for a slot, first come first served; ``on_wait(ahead)`` hears each change of
        how many runs are ahead while it waits."""
        with self._changed:
            ticket = next(self._tickets)
            self._waiting.append(ticket)
            told = None
            while self._waiting[0] != ticket or self._running >= self.slots:
                ahead = self.ahead_of(ticket)
                if on_wait is not None and ahead != told:
                    told = ahead
                    on_wait(ahead)
                self._changed.wait()
            self._waiting.pop(0)
            self._running += 1
            self._changed.notify_all()
        try:
            yield
        finally:
            with self._changed:
                self._running -= 1
                self._changed.notify_all()


def default_slots(run_memory_mb: int, cores: int | None = None, memory_mb: int | None = None) -> int:
    """As many runs as there are cores, and as fit in the memory the app leaves (at least one)."""
    cores = cores or os.cpu_count() or 1
    memory_mb = memory_mb or _memory_mb()
    fit = (memory_mb - APP_RESERVE_MB) // run_memory_mb if memory_mb else cores
    return max(1, min(cores, fit))


def _memory_mb() -> int | None:
    """The memory this process may use: its cgroup's limit (a container's), else the machine's."""
    try:
        raw = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if raw.isdigit():
            return int(raw) // 2**20
    except OSError:
        pass
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20
    except (ValueError, OSError, AttributeError):
        return None
