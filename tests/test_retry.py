"""One retry rule for every HTTP service Ava calls (ava_core.retry)."""

from __future__ import annotations

import httpx
import pytest

from ava_core.retry import MAX_DELAY_SECONDS, Backoff, send_with_retries


def client(*answers):
    """A client whose successive requests get ``answers``: a status, (status, headers) or an exception."""
    queue = list(answers)

    def handle(request):
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, headers = answer if isinstance(answer, tuple) else (answer, {})
        return httpx.Response(status, headers=headers, text="x")

    return httpx.Client(transport=httpx.MockTransport(handle)), queue


def send(http, backoff, slept):
    return send_with_retries(
        lambda: http.get("https://service.example/x"), backoff,
        timed_out=lambda: RuntimeError("timed out"),
        unreachable=lambda error: RuntimeError(f"unreachable: {error}"),
        sleep=slept.append,
    )


def test_busy_answers_are_retried_with_doubling_delays_then_the_answer_is_returned():
    http, queue = client(503, 429, 200)
    slept = []
    assert send(http, Backoff(2, 1.0), slept).status_code == 200
    assert slept == [1.0, 2.0] and queue == []


def test_the_servers_retry_after_is_honoured_up_to_a_cap():
    http, _ = client((429, {"retry-after": "3"}), (503, {"retry-after": "600"}), 200)
    slept = []
    send(http, Backoff(2, 1.0), slept)
    assert slept == [3.0, MAX_DELAY_SECONDS]


def test_the_last_busy_answer_is_returned_and_other_answers_are_not_retried():
    http, _ = client(503, 503)
    slept = []
    assert send(http, Backoff(1, 0.5), slept).status_code == 503 and slept == [0.5]
    http, queue = client(400, 200)
    assert send(http, Backoff(3), []).status_code == 400 and queue == [200]


def test_time_outs_are_retried_then_reported_and_a_failure_to_connect_is_not_retried():
    http, _ = client(httpx.ReadTimeout("slow"), 200)
    assert send(http, Backoff(1, 0.1), []).status_code == 200
    http, _ = client(httpx.ReadTimeout("slow"), httpx.ReadTimeout("slow"))
    with pytest.raises(RuntimeError, match="timed out"):
        send(http, Backoff(1, 0.1), [])
    http, queue = client(httpx.ConnectError("refused"), 200)
    with pytest.raises(RuntimeError, match="unreachable: refused"):
        send(http, Backoff(3), [])
    assert queue == [200]


def test_with_retries_raises_what_is_not_worth_another_try_at_once_and_the_last_error_after_the_tries():
    from ava_core.retry import Again, with_retries

    calls, slept = [], []

    def failing(error):
        def call():
            calls.append(1)
            raise error
        return call

    busy = lambda exc: Again("4") if isinstance(exc, ConnectionError) else None  # noqa: E731
    with pytest.raises(ValueError):
        with_retries(failing(ValueError("bad")), Backoff(3), busy, sleep=slept.append)
    assert len(calls) == 1 and slept == []
    with pytest.raises(ConnectionError):
        with_retries(failing(ConnectionError("lost")), Backoff(2), busy, sleep=slept.append)
    assert len(calls) == 4 and slept == [4.0, 4.0]
    assert with_retries(lambda: "ok", Backoff(2), busy, sleep=slept.append) == "ok"
