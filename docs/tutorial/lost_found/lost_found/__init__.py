"""Lost and found: the plugin object, its hook implementations and nothing else.

Each hook imports what it needs when it is called, so that merely installing the plugin
costs the host nothing at start-up.
"""

from __future__ import annotations

from frontdesk.api import hookimpl


@hookimpl
def frontdesk_piccolo_apps():
    return ["lost_found.piccolo_app"]


@hookimpl
def frontdesk_permissions_register():
    from .permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def frontdesk_graphql_contribute():
    from .schema import contribution

    return contribution()


@hookimpl
def frontdesk_stay_checked_out(stay, actor):
    from .service import on_checked_out

    return on_checked_out(stay)


@hookimpl
def frontdesk_cli_commands(parser):
    from .commands import register

    register(parser)
