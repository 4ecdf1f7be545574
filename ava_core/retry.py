"""One way to retry a call to a service: an answer worth retrying (429, 5xx, an overloaded 529)
is tried again after a delay that doubles each time, or after the server's ``Retry-After``
(capped). ``with_retries`` is the loop; each caller says which of its errors are worth another
try (``send_with_retries`` for plain HTTP calls, the Claude provider for the anthropic SDK's)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import httpx

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 529})
MAX_DELAY_SECONDS = 20.0
T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    retries: int  # tries after the first
    base_seconds: float = 1.0  # the first delay; doubled for each later one

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait before try ``attempt + 1``: the server's word when it gives one."""
        if retry_after:
            try:
                return min(float(retry_after), MAX_DELAY_SECONDS)
            except ValueError:
                pass
        return min(self.base_seconds * 2**attempt, MAX_DELAY_SECONDS)


@dataclass(frozen=True)
class Again:
    """Worth another try, after the server's ``Retry-After`` when it sent one."""

    retry_after: str | None = None


def with_retries(
    call: Callable[[], T],
    backoff: Backoff,
    again: Callable[[Exception], Again | None],
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """What ``call()`` returns. An error it raises is raised again at once unless ``again(error)``
    says it is worth another try; the last try's error is raised as it is."""
    attempt = 0
    while True:
        try:
            return call()
        except Exception as error:
            retry = again(error)
            if retry is None or attempt >= backoff.retries:
                raise
            sleep(backoff.delay(attempt, retry.retry_after))
        attempt += 1


class _Busy(Exception):
    def __init__(self, response: httpx.Response):
        self.response = response


def send_with_retries(
    send: Callable[[], httpx.Response],
    backoff: Backoff,
    *,
    timed_out: Callable[[], Exception],
    unreachable: Callable[[httpx.HTTPError], Exception],
    sleep: Callable[[float], None] = time.sleep,
) -> httpx.Response:
    """The first answer of ``send()`` that is not worth retrying, or the last one. Time-outs are
    retried; raises ``timed_out()`` when the last try timed out and ``unreachable(error)`` when
    the service could not be reached (that is not retried)."""
    import httpx

    def answer() -> httpx.Response:
        response = send()
        if response.status_code in RETRY_STATUSES:
            raise _Busy(response)
        return response

    def busy_or_slow(error: Exception) -> Again | None:
        if isinstance(error, _Busy):
            return Again(error.response.headers.get("retry-after"))
        return Again() if isinstance(error, httpx.TimeoutException) else None

    try:
        return with_retries(answer, backoff, busy_or_slow, sleep=sleep)
    except _Busy as busy:
        return busy.response
    except httpx.TimeoutException:
        raise timed_out() from None
    except httpx.HTTPError as error:
        raise unreachable(error) from None
