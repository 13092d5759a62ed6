"""The hr_shifts plugin: its hook implementations, nothing else."""

from __future__ import annotations

from frontdesk.core.plugins import hookimpl


@hookimpl
def frontdesk_piccolo_apps():
    return ["frontdesk.plugins.hr_shifts.piccolo_app"]


@hookimpl
def frontdesk_graphql_contribute():
    from .schema import contribution

    return contribution()


@hookimpl
def frontdesk_permissions_register():
    from .schema import PERMISSIONS

    return list(PERMISSIONS)


@hookimpl
def frontdesk_settings_contribute():
    from .common import SETTINGS

    return list(SETTINGS)


@hookimpl
def frontdesk_http_routes(settings):
    from .web_panel import routes

    return routes()


@hookimpl(optionalhook=True)
def frontdesk_web_panels():
    from .web_panel import PANEL

    return [PANEL]
