"""When to retry an outgoing message: pure decisions shared by every outbox.

The decisions are pure functions so the outbox worker (which owns the database
side: attempt counters, next_attempt_at, disabling endpoints) stays thin and the
policy can be tested without a network.

Policy:

* 2xx: delivered.
* 410 Gone: the receiver says the endpoint no longer exists, so the endpoint is
  disabled (this is what the Standard Webhooks spec recommends).
* 429, 5xx, timeouts and connection errors: retry.
* Any other status (other 4xx, 3xx, 1xx): also retry, with an error that says
  the status was unexpected. A 400/401/404 usually means a receiver that is
  misconfigured or mid-deploy; retrying with backoff keeps the message until an
  operator fixes it, and the worker's attempt limit still bounds the effort.
  Redirects are not followed: the signed URL is the one the operator configured.
* A ``Retry-After`` header (delay seconds or an HTTP date) on a retry outcome is
  reported as ``retry_after_seconds``; the worker should wait at least that long.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal

OutcomeKind = Literal["delivered", "retry", "disable"]


@dataclass(frozen=True)
class Outcome:
    """What the worker should do after one delivery attempt."""

    kind: OutcomeKind
    retry_after_seconds: float | None = None
    error: str | None = None


def next_attempt_delay(
    attempt: int,
    base: float = 2.0,
    cap: float = 3600,
    rng: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before the next attempt, after `attempt` failed attempts.

    Exponential backoff with "full jitter": a uniform draw from
    ``[0, min(cap, base ** attempt))``. Jitter spreads retries from many
    deliveries that failed together (a receiver outage) so they do not all hit
    the receiver again in the same second when it comes back.
    """
    if attempt < 0:
        raise ValueError(f"attempt must be >= 0, got {attempt}")
    if base <= 1 or cap <= 0:
        raise ValueError("base must be > 1 and cap > 0")
    # Compare exponents instead of computing base ** attempt, which overflows.
    if attempt * math.log(base) >= math.log(cap):
        ceiling = float(cap)
    else:
        ceiling = base**attempt
    return rng() * ceiling


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After value (delay seconds or HTTP date); None if invalid."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" dates parse as naive; HTTP dates are always UTC
        when = when.replace(tzinfo=UTC)
    current = datetime.now(UTC) if now is None else now
    return max(0.0, (when - current).total_seconds())


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def classify_response(
    status_code: int | None,
    headers: Mapping[str, str],
    error: str | None,
    *,
    now: datetime | None = None,
) -> Outcome:
    """Turn one attempt's result into an Outcome (policy in the module docstring).

    `status_code` is None when no response arrived; `error` then says why
    (timeout, connection refused, ...).
    """
    if status_code is None:
        return Outcome("retry", None, error or "no response")
    if 200 <= status_code < 300:
        return Outcome("delivered")
    if status_code == 410:
        return Outcome("disable", None, "HTTP 410 Gone: receiver removed the endpoint")
    retry_after = parse_retry_after(_header(headers, "retry-after"), now)
    if status_code == 429 or status_code >= 500:
        message = f"HTTP {status_code}"
    else:
        message = f"HTTP {status_code}: unexpected status, retrying in case it is temporary"
    if error:
        message = f"{message}: {error}"
    return Outcome("retry", retry_after, message)
