"""The hr_shifts plugin: its hook implementations, nothing else."""

from __future__ import annotations

from frontdesk.api import hookimpl


@hookimpl
def frontdesk_addhooks(pluginmanager):
    """Offer the shifts events other plugins (the accounting bridge) react to (hookspecs.py)."""
    from . import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


@hookimpl
def frontdesk_piccolo_apps():
    return ["frontdesk.plugins.hr_shifts.piccolo_app"]


@hookimpl
def frontdesk_graphql_contribute():
    from .schema import contribution

    return contribution()


@hookimpl
def frontdesk_error_codes_register():
    from .edits import RuleViolations
    from .rules import RULE_CODES

    return {RuleViolations.code: "A roster edit breaks labour rules.", **RULE_CODES}


@hookimpl
def frontdesk_permissions_register():
    from .permissions import PERMISSIONS

    return list(PERMISSIONS)


@hookimpl
def frontdesk_settings_contribute():
    from .common import SETTINGS

    return list(SETTINGS)


@hookimpl
def frontdesk_demo_load(properties, today):
    from .demo import load_demo

    return load_demo(properties, today)


@hookimpl
def frontdesk_http_routes(settings):
    """The staff calendar at a secret URL (calendar_feed.py) and the roster panel's files."""
    from .calendar_feed import handlers
    from .web_panel import routes

    return [*handlers(), *routes()]


@hookimpl(optionalhook=True)
def frontdesk_web_panels():
    from .web_panel import PANEL

    return [PANEL]


@hookimpl
def frontdesk_plugin_enabled(property):
    """States that nothing needs catching up (catch_up.py says why)."""
    from .catch_up import catch_up

    return catch_up(property)
