"""What a plugin's HTTP routes (``frontdesk_http_routes``, mounted under ``/plugins/<name>/``)
need: who is calling (``principal_of``), a guard that refuses anonymous callers
(``require_principal``), and a rate limiter in the server's shared store."""

from __future__ import annotations

from frontdesk.graphql.http_routes import principal_of, require_principal
from frontdesk.graphql.security.rate_limit_stores import make_rate_limiter

__all__ = ["make_rate_limiter", "principal_of", "require_principal"]
