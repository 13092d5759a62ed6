"""Standard Webhooks (https://www.standardwebhooks.com) signing and verification.

Following the published standard instead of inventing a scheme means receivers
can verify our deliveries with any off-the-shelf Standard Webhooks library.

The signed content is ``f"{msg_id}.{timestamp}.".encode() + body`` and the
signature header is ``v1,<base64 HMAC-SHA256>``; several space separated
signatures may be sent during secret rotation, and any one matching is enough.

Secret formats accepted by every function here:

* ``"whsec_<base64>"`` (what :func:`generate_secret` returns and what the
  standard specifies): the base64 part is decoded to get the HMAC key;
* ``bytes``: used as the raw HMAC key;
* any other ``str``: its UTF-8 bytes are the raw key. Note that the reference
  Standard Webhooks libraries base64-decode unprefixed secrets instead, so hand
  receivers the ``whsec_`` form to stay interoperable.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE_SECONDS = 5 * 60

HEADER_ID = "webhook-id"
HEADER_TIMESTAMP = "webhook-timestamp"
HEADER_SIGNATURE = "webhook-signature"


class WebhookVerificationError(ValueError):
    """Raised when a delivery's headers or signature do not check out."""


def generate_secret() -> str:
    """A new endpoint secret: ``whsec_`` plus base64 of 24 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode("ascii")


def secret_key(secret: str | bytes) -> bytes:
    """The HMAC key bytes for a secret in any of the accepted formats."""
    if isinstance(secret, bytes):
        key = secret
    elif secret.startswith(SECRET_PREFIX):
        try:
            key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
        except binascii.Error as exc:
            raise ValueError("webhook secret after 'whsec_' is not valid base64") from exc
    else:
        key = secret.encode("utf-8")
    if not key:
        raise ValueError("webhook secret must not be empty")
    return key


def sign(secret: str | bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``v1,<base64>`` signature of one delivery."""
    signed_content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed_content, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def build_headers(
    secret: str | bytes,
    msg_id: str,
    body: bytes,
    timestamp: int | None = None,
    content_type: str = "application/json",
) -> dict[str, str]:
    """HTTP headers for one delivery; `timestamp` defaults to now (Unix seconds).

    Retries of the same message reuse `msg_id` (receivers deduplicate on it) but
    get a fresh timestamp and therefore a fresh signature.
    """
    if timestamp is None:
        timestamp = int(time.time())
    return {
        HEADER_ID: msg_id,
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_SIGNATURE: sign(secret, msg_id, timestamp, body),
        "content-type": content_type,
    }


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    raise WebhookVerificationError(f"missing {name} header")


def verify(
    secret: str | bytes,
    headers: Mapping[str, str],
    body: bytes,
    *,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: int | None = None,
) -> None:
    """Raise WebhookVerificationError unless `body` and `headers` carry a valid signature.

    The timestamp must be within `tolerance_seconds` of `now` (default: the
    current time) in either direction; that bounds how long a captured request
    can be replayed. Header names are matched case-insensitively.
    """
    msg_id = _header(headers, HEADER_ID)
    timestamp_text = _header(headers, HEADER_TIMESTAMP)
    signature_header = _header(headers, HEADER_SIGNATURE)
    try:
        timestamp = int(timestamp_text)
    except ValueError:
        raise WebhookVerificationError(f"invalid {HEADER_TIMESTAMP} header") from None
    current = int(time.time()) if now is None else now
    if abs(current - timestamp) > tolerance_seconds:
        raise WebhookVerificationError("webhook timestamp is outside the allowed tolerance")
    expected = sign(secret, msg_id, timestamp, body).encode("ascii")
    for candidate in signature_header.split():
        version, _, _signature = candidate.partition(",")
        if version == SIGNATURE_VERSION and hmac.compare_digest(
            candidate.encode("utf-8", errors="replace"), expected
        ):
            return
    raise WebhookVerificationError("no matching webhook signature")
