"""One way to retry an HTTP call: 429 and 5xx answers and time-outs are tried again after a
delay that doubles each time (or the server's ``Retry-After``, capped); any other answer is
returned as it is, and a failure to connect is not retried."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_DELAY_SECONDS = 20.0


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
        return self.base_seconds * 2**attempt


def send_with_retries(
    send: Callable[[], httpx.Response],
    backoff: Backoff,
    *,
    timed_out: Callable[[], Exception],
    unreachable: Callable[[httpx.HTTPError], Exception],
    sleep: Callable[[float], None] = time.sleep,
) -> httpx.Response:
    """The first answer of ``send()`` that is not worth retrying, or the last one. Raises
    ``timed_out()`` when the last try timed out and ``unreachable(error)`` when the service
    could not be reached."""
    import httpx

    attempt = 0
    while True:
        last = attempt >= backoff.retries
        try:
            response = send()
        except httpx.TimeoutException:
            if last:
                raise timed_out() from None
            sleep(backoff.delay(attempt))
        except httpx.HTTPError as error:
            raise unreachable(error) from None
        else:
            if response.status_code not in RETRY_STATUSES or last:
                return response
            sleep(backoff.delay(attempt, response.headers.get("retry-after")))
        attempt += 1
