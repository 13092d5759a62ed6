"""The channels plugin: its hook implementations, nothing else."""

from __future__ import annotations

from frontdesk.api import hookimpl


@hookimpl
def frontdesk_addhooks(pluginmanager):
    """The channel connector hooks, offered to other plugins (see hookspecs.py)."""
    from . import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


@hookimpl
def frontdesk_piccolo_apps():
    return ["frontdesk.plugins.channels.piccolo_app"]


@hookimpl
def frontdesk_settings_contribute():
    from .settings import ALL_SETTINGS

    return list(ALL_SETTINGS)


@hookimpl
def frontdesk_permissions_register():
    from .permissions import PERMISSIONS

    return list(PERMISSIONS)


@hookimpl
def frontdesk_graphql_contribute():
    from .schema import contribution

    return contribution()


@hookimpl
def frontdesk_channel_connectors():
    """iCal sync is the first connector; others come from other plugins."""
    from .ical_sync import ICalConnector

    return [ICalConnector()]


@hookimpl
def frontdesk_background_tasks(settings):
    from .sync import worker

    return [lambda: worker(settings)]


@hookimpl
def frontdesk_http_routes(settings):
    from .routes import handlers

    return handlers(settings)


@hookimpl
def frontdesk_cli_commands(parser):
    from .commands import add_commands

    add_commands(parser)
