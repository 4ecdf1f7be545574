"""The queue in front of the sandbox: never more runs at once than its slots, first come first
served, and a waiting run hears how many are ahead of it."""

from __future__ import annotations

import threading
import time

import pytest

from ava_core import judge
from ava_core.interview.coding import queue_text
from ava_core.judge import executors
from ava_core.judge.queue import RunQueue, default_slots


class SlowExecutor:
    """Counts how many runs are inside at once."""

    name = "slow"

    def __init__(self):
        self.inside = self.most = 0
        self.order: list[str] = []
        self.lock = threading.Lock()

    def execute(self, job, limits, wall_seconds):
        with self.lock:
            self.inside += 1
            self.most = max(self.most, self.inside)
            self.order.append(job["who"])
        time.sleep(0.15)
        with self.lock:
            self.inside -= 1
        return executors.Execution(events=[])

    def confinement(self):
        return True, "a test executor"


def test_at_most_the_slots_run_at_once_in_the_order_they_came(monkeypatch):
    monkeypatch.setattr(executors, "_queue", RunQueue(2))
    ex = SlowExecutor()
    heard: dict[str, list[int]] = {}
    threads = []
    for who in "abcdef":
        heard[who] = []
        thread = threading.Thread(target=executors.execute, args=(ex, {"who": who}, judge.Limits(), 1.0),
                                  kwargs={"on_wait": heard[who].append})
        thread.start()
        threads.append(thread)
        time.sleep(0.02)  # so they arrive in this order
    for thread in threads:
        thread.join()
    assert ex.most == 2 and ex.order == list("abcdef")
    assert heard["a"] == heard["b"] == []  # a free slot: no wait
    assert heard["f"][0] == 4 and heard["f"] == sorted(heard["f"], reverse=True)
    assert all(heard[w][-1] == 1 for w in "cdef")


def test_a_failing_run_frees_its_slot(monkeypatch):
    monkeypatch.setattr(executors, "_queue", RunQueue(1))

    class Broken:
        name = "broken"

        def execute(self, job, limits, wall_seconds):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        executors.execute(Broken(), {}, judge.Limits(), 1.0)
    assert executors.execute(SlowExecutor(), {"who": "next"}, judge.Limits(), 1.0).events == []


def test_the_default_size_follows_cores_and_memory():
    assert default_slots(512, cores=2, memory_mb=24_000) == 2
    assert default_slots(512, cores=8, memory_mb=1024) == 1  # Community Cloud: one run at a time
    assert default_slots(512, cores=2, memory_mb=690) == 1  # never fewer than one
    assert default_slots(512, cores=16, memory_mb=3_000) == 4
    with pytest.raises(ValueError):
        RunQueue(0)


def test_the_wait_reads_plainly():
    assert queue_text(1) == ("Other users' code is running: 1 run ahead of yours. It starts as soon "
                             "as a sandbox is free.")
    assert "3 runs ahead" in queue_text(3)
