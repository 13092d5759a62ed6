"""HTTP routes that plugins serve beside the API (``frontdesk_http_routes``), and ``GET /``.

Each plugin's handlers are mounted under ``/plugins/<name>/``, so two plugins can never claim
the same path and a reader of a URL knows which room of the house answers it. The security
middleware authenticates those paths like ``/graphql`` (see ``SecurityMiddleware``); a
handler reads the caller with :func:`principal_of` or refuses anonymous callers with the
:func:`require_principal` guard."""

from __future__ import annotations

from typing import Any

import pluggy
from litestar import Request, Router, get
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler
from litestar.response import Redirect

from frontdesk.core.auth.principal import Principal
from frontdesk.core.settings import Settings

from .security.middleware import PRINCIPAL_KEY

PLUGIN_PREFIX = "/plugins"


def principal_of(request: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """The authenticated caller of a plugin route, or None for an anonymous request."""
    return request.scope.get(PRINCIPAL_KEY)  # type: ignore[return-value]


def require_principal(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Litestar guard: the route is for signed-in staff (or API keys) only."""
    if principal_of(connection) is None:
        raise NotAuthorizedException("Authentication required.")


def plugin_routers(pm: pluggy.PluginManager, settings: Settings) -> list[Router]:
    """One router per plugin that serves routes, at ``/plugins/<plugin name>``."""
    routers = []
    for impl in pm.hook.frontdesk_http_routes.get_hookimpls():
        args = {"settings": settings} if "settings" in impl.argnames else {}
        handlers = impl.function(**args) or []
        if handlers:
            path = f"{PLUGIN_PREFIX}/{impl.plugin_name}"
            routers.append(Router(path=path, route_handlers=list(handlers)))
    return routers


def home_handler(pm: pluggy.PluginManager):
    """``GET /``: to the home page a plugin names (the web desk), else to the API."""
    target = pm.hook.frontdesk_home_page() or "/graphql"

    @get("/", sync_to_thread=False, include_in_schema=False)
    def home(request: Request) -> Redirect:
        return Redirect(path=target, status_code=302)

    return home
