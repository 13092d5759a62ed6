"""The web front desk: a browser application served at /plugins/web/, and the hook through
which other plugins add panels to it. Its hook implementations, nothing else."""

from __future__ import annotations

from frontdesk.api import hookimpl


@hookimpl
def frontdesk_addhooks(pluginmanager):
    from . import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


@hookimpl
def frontdesk_http_routes(settings):
    from .routes import route_handlers

    return route_handlers()


@hookimpl
def frontdesk_home_page():
    return "/plugins/web/"
