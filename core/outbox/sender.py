"""One signed webhook POST (Standard Webhooks), classified by the shared retry policy.

The one place Frontdesk speaks HTTP as a client for outgoing messages: the accounting
bridge's webhook connector and the event webhooks both send through it. httpx is imported
on the first delivery only (a tenth of a second of every server start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .policy import Outcome, classify_response
from .signing import build_headers

if TYPE_CHECKING:
    import httpx


async def send_webhook(
    client: httpx.AsyncClient,
    url: str,
    secret: str | bytes,
    msg_id: str,
    payload: bytes,
    timeout: float = 15.0,
    *,
    timestamp: int | None = None,
) -> Outcome:
    """Sign and POST one delivery, then classify it; never raises on network errors.

    The response body is not read: receivers only need to answer with a status,
    and not reading it keeps a misbehaving receiver from making us buffer a
    large body. An invalid URL disables the endpoint, as no retry can fix it.
    """
    import httpx  # imported on first delivery: a tenth of a second of every server start

    headers = build_headers(secret, msg_id, payload, timestamp)
    try:
        async with client.stream(
            "POST",
            url,
            content=payload,
            headers=headers,
            timeout=timeout,
            follow_redirects=False,
        ) as response:
            return classify_response(response.status_code, response.headers, None)
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        return Outcome("disable", None, f"invalid webhook URL: {exc}")
    except httpx.TimeoutException as exc:
        return classify_response(None, {}, f"timeout: {type(exc).__name__}: {exc}")
    except (httpx.HTTPError, OSError) as exc:
        return classify_response(None, {}, f"{type(exc).__name__}: {exc}")
