"""CORS: which browser origins may call the API (``FRONTDESK_CORS_ORIGINS``).

A frontend served from another origin (its own dev server, the hotel's website) needs the
API to answer its preflight and to name its origin in ``Access-Control-Allow-Origin``.
Production is closed unless origins are listed; dev mode also opens every localhost origin
so a frontend's dev server works out of the box. Credentials travel as bearer tokens in the
``Authorization`` header, never as cookies, so credentialed CORS stays off."""

from __future__ import annotations

from litestar.config.cors import CORSConfig

from frontdesk.core.settings import Settings

# http(s)://localhost, 127.0.0.1 or [::1], any port.
LOCALHOST_ORIGINS = r"https?://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?"
ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key"]
EXPOSED_HEADERS = [
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
    "Idempotent-Replayed",
]


def cors_config(settings: Settings) -> CORSConfig | None:
    """The CORS configuration for ``settings``, or None when no origin may call the API."""
    origins = [origin.rstrip("/") for origin in settings.cors_origins]
    regex = LOCALHOST_ORIGINS if settings.dev_mode else None
    if not origins and regex is None:
        return None
    return CORSConfig(
        allow_origins=origins,
        allow_origin_regex=regex,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        allow_credentials=False,
    )
