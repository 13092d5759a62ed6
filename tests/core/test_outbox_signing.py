"""Specifications for Standard Webhooks signing and verification."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from frontdesk.core.outbox.signing import (
    WebhookVerificationError,
    build_headers,
    generate_secret,
    sign,
    verify,
)

# The example from the Standard Webhooks specification.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def _spec_headers() -> dict[str, str]:
    return build_headers(SPEC_SECRET, SPEC_MSG_ID, SPEC_BODY, timestamp=SPEC_TIMESTAMP)


def test_sign_matches_the_specification_example():
    assert sign(SPEC_SECRET, SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY) == SPEC_SIGNATURE


def test_build_headers_carries_id_timestamp_signature_and_content_type():
    assert _spec_headers() == {
        "webhook-id": SPEC_MSG_ID,
        "webhook-timestamp": str(SPEC_TIMESTAMP),
        "webhook-signature": SPEC_SIGNATURE,
        "content-type": "application/json",
    }


def test_verify_accepts_a_genuine_delivery():
    verify(SPEC_SECRET, _spec_headers(), SPEC_BODY, now=SPEC_TIMESTAMP + 10)


def test_verify_rejects_a_tampered_body():
    with pytest.raises(WebhookVerificationError, match="signature"):
        verify(SPEC_SECRET, _spec_headers(), b'{"test": 2432232315}', now=SPEC_TIMESTAMP)


def test_verify_rejects_a_different_secret():
    with pytest.raises(WebhookVerificationError):
        verify(generate_secret(), _spec_headers(), SPEC_BODY, now=SPEC_TIMESTAMP)


def test_verify_rejects_a_replayed_old_delivery():
    with pytest.raises(WebhookVerificationError, match="tolerance"):
        verify(SPEC_SECRET, _spec_headers(), SPEC_BODY, now=SPEC_TIMESTAMP + 301)


def test_verify_rejects_missing_signature_header():
    headers = _spec_headers()
    del headers["webhook-signature"]
    with pytest.raises(WebhookVerificationError, match="webhook-signature"):
        verify(SPEC_SECRET, headers, SPEC_BODY, now=SPEC_TIMESTAMP)


def test_verify_accepts_any_of_several_signatures_during_secret_rotation():
    headers = {key.upper(): value for key, value in _spec_headers().items()}
    old_signature = sign(generate_secret(), SPEC_MSG_ID, SPEC_TIMESTAMP, SPEC_BODY)
    headers["WEBHOOK-SIGNATURE"] = f"{old_signature} {SPEC_SIGNATURE}"
    verify(SPEC_SECRET, headers, SPEC_BODY, now=SPEC_TIMESTAMP)


def test_generate_secret_is_whsec_prefixed_base64_of_24_random_bytes():
    first, second = generate_secret(), generate_secret()
    assert first.startswith("whsec_")
    assert len(base64.b64decode(first.removeprefix("whsec_"), validate=True)) == 24
    assert first != second


def test_a_secret_without_prefix_is_used_as_raw_utf8_key():
    expected = hmac.new(b"plain-secret", b"id.1.body", hashlib.sha256).digest()
    assert sign("plain-secret", "id", 1, b"body") == "v1," + base64.b64encode(expected).decode()


def test_a_whsec_secret_with_broken_base64_is_refused():
    with pytest.raises(ValueError, match="base64"):
        sign("whsec_not*base64", "id", 1, b"body")
