"""When to retry a request and how long to wait first.

The rules, in order:

* 429 and 503 mean the server refused the request before doing anything (rate limit, full
  job queue, database not ready), so every call may be retried, after ``Retry-After``. A 429
  is retried a bounded number of times within a bounded total wait, then raised: a tenant
  over its rate should slow down, not queue up sleeping clients.
* 502 and 504 come from something in between; the service may have acted, so only
  idempotent calls are retried.
* A connection that failed before the request was sent (refused, DNS, connect timeout) is
  retried for every call; one that failed after (reset, timeout while waiting, body cut
  off) only for idempotent calls: GET, HEAD, PUT, DELETE, and the POSTs the client made
  safe (an export with an ``Idempotency-Key``, a score batch with the caller's ``job_id``).
"""
from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

__all__ = ["RetryPolicy", "parse_retry_after", "IDEMPOTENT_METHODS"]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_REFUSED_STATUSES = frozenset({429, 503})
_GATEWAY_STATUSES = frozenset({502, 504})


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None.

    A date in the past gives 0; anything unparsable gives None (the caller then backs off on
    its own schedule rather than trusting garbage).
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        seconds = None
    if seconds is not None:
        return seconds if seconds >= 0 and seconds == seconds and seconds != float("inf") else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


@dataclass
class RetryPolicy:
    """How often and how patiently to retry.

    ``max_attempts`` counts the first try. The backoff for attempt n is
    ``min(backoff_max, backoff_base * 2**(n-1))`` scaled by a random factor in [0.5, 1]
    (so that many clients do not come back in step). A ``Retry-After`` longer than
    ``max_retry_after`` is not waited for: the error is raised and the caller decides.
    Within one call, a 429 is retried at most ``max_rate_limited`` times and for at most
    ``max_rate_limited_wait`` seconds of sleep in all; past either, :class:`RateLimited` is raised.
    """

    max_attempts: int = 5
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 300.0
    max_rate_limited: int = 3
    max_rate_limited_wait: float = 60.0
    rand: Callable[[], float] = field(default=random.random, repr=False)

    def backoff(self, attempt: int) -> float:
        """The wait after failed attempt number ``attempt`` (1-based) when the server gave none."""
        raw = min(self.backoff_max, self.backoff_base * (2 ** max(0, attempt - 1)))
        return raw * (0.5 + 0.5 * self.rand())

    def delay_after_status(self, attempt: int, status: int, idempotent: bool, retry_after: Optional[float], *,
                           rate_limited: int = 0, rate_limited_wait: float = 0.0) -> Optional[float]:
        """Seconds to wait before retrying an answer with this status, or None to give up.

        ``rate_limited`` and ``rate_limited_wait``: the 429 retries this call has made so far and
        the seconds it slept for them.
        """
        if attempt >= self.max_attempts:
            return None
        if not (status in _REFUSED_STATUSES or (status in _GATEWAY_STATUSES and idempotent)):
            return None
        if retry_after is not None and retry_after > self.max_retry_after:
            return None
        delay = retry_after if retry_after is not None else self.backoff(attempt)
        if status == 429 and (rate_limited >= self.max_rate_limited
                              or rate_limited_wait + delay > self.max_rate_limited_wait):
            return None
        return delay

    def delay_after_error(self, attempt: int, idempotent: bool, sent: bool) -> Optional[float]:
        """Seconds to wait before retrying after a connection error, or None to give up.

        ``sent`` is False only when the failure happened before any byte of the request could
        have reached the server.
        """
        if attempt >= self.max_attempts:
            return None
        if sent and not idempotent:
            return None
        return self.backoff(attempt)


NO_RETRY = RetryPolicy(max_attempts=1)
