"""What a plugin's HTTP route (``frontdesk_http_routes``, mounted under ``/plugins/<name>/``
by the server) reads of the security layer: the caller the security middleware
authenticated, and a guard for staff-only routes. The mounting itself is the server's
(``server/plugin_routes.py``)."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

from frontdesk.core.auth.principal import Principal

from .security.middleware import PRINCIPAL_KEY


def principal_of(request: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """The authenticated caller of a plugin route, or None for an anonymous request."""
    return request.scope.get(PRINCIPAL_KEY)  # type: ignore[return-value]


def require_principal(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Litestar guard: the route is for signed-in staff (or API keys) only."""
    if principal_of(connection) is None:
        raise NotAuthorizedException("Authentication required.")
