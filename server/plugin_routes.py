"""Where plugins' HTTP routes are mounted (``frontdesk_http_routes``), and ``GET /``.

Each plugin's handlers are mounted under ``/plugins/<name>/``, so two plugins can never claim
the same path and a reader of a URL knows which room of the house answers it. The security
middleware authenticates and rate-limits those paths like ``/graphql`` (the app hands it
:data:`PLUGIN_PREFIX`); a handler reads the caller with
``frontdesk.graphql.http_routes.principal_of`` or refuses anonymous callers with its
``require_principal`` guard. While a plugin is turned off for the whole installation its
routes answer 404 (core/plugin_state)."""

from __future__ import annotations

import pluggy
from litestar import Request, Router, get
from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException
from litestar.handlers import BaseRouteHandler, HTTPRouteHandler
from litestar.response import Redirect

from frontdesk.core.plugin_state import state
from frontdesk.core.settings import Settings

PLUGIN_PREFIX = "/plugins"


def plugin_routers(pm: pluggy.PluginManager, settings: Settings) -> list[Router]:
    """One router per plugin that serves routes, at ``/plugins/<plugin name>``."""
    routers = []
    for impl in pm.hook.frontdesk_http_routes.get_hookimpls():
        args = {"settings": settings} if "settings" in impl.argnames else {}
        handlers = impl.function(**args) or []
        if handlers:
            path = f"{PLUGIN_PREFIX}/{impl.plugin_name}"
            routers.append(
                Router(path=path, route_handlers=list(handlers), guards=[_on(impl.plugin_name)])
            )
    return routers


def _on(plugin: str):
    """A guard answering 404 while ``plugin`` is off for the whole installation (a plugin on
    for some property keeps its routes; each handler scopes itself to the caller's)."""

    async def guard(connection: ASGIConnection, _handler: BaseRouteHandler) -> None:
        if not (await state.fresh()).enabled_anywhere(plugin):
            raise NotFoundException(f"The {plugin} plugin is turned off for this installation.")

    return guard


def home_handler(pm: pluggy.PluginManager) -> HTTPRouteHandler:
    """``GET /``: to the home page a plugin names (the web desk), else to the API."""
    target = pm.hook.frontdesk_home_page() or "/graphql"

    @get("/", sync_to_thread=False, include_in_schema=False)
    def home(request: Request) -> Redirect:
        return Redirect(path=target, status_code=302)

    return home
