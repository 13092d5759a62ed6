"""The concierge plugin: its hook implementations, nothing else."""

from __future__ import annotations

from frontdesk.api import hookimpl


@hookimpl
def frontdesk_piccolo_apps():
    return ["frontdesk.plugins.concierge.piccolo_app"]


@hookimpl
def frontdesk_settings_contribute():
    from .settings import ALL_SETTINGS

    return list(ALL_SETTINGS)


@hookimpl
def frontdesk_permissions_register():
    from .permissions import PERMISSIONS

    return list(PERMISSIONS)


@hookimpl
def frontdesk_error_codes_register():
    from .billing import ERROR_CODES

    return ERROR_CODES


@hookimpl
def frontdesk_graphql_contribute():
    from .schema import contribution

    return contribution()


@hookimpl
def frontdesk_stay_checked_in(stay, room, actor):
    from .lifecycle import on_checked_in

    return on_checked_in(stay, room, actor)


@hookimpl
def frontdesk_stay_checked_out(stay, actor):
    from .lifecycle import on_checked_out

    return on_checked_out(stay, actor)


@hookimpl
def frontdesk_stay_room_moved(stay, from_room, to_room, actor):
    from .lifecycle import on_room_moved

    return on_room_moved(stay, from_room, to_room, actor)


@hookimpl
def frontdesk_stay_cancelled(stay, actor):
    from .lifecycle import on_stay_ended_before_arrival

    return on_stay_ended_before_arrival(stay, actor, "cancelled")


@hookimpl
def frontdesk_stay_no_show(stay, actor):
    from .lifecycle import on_stay_ended_before_arrival

    return on_stay_ended_before_arrival(stay, actor, "marked as no-show")


@hookimpl
def frontdesk_guest_data_export(guest):
    from .privacy import export_guest

    return export_guest(guest)


@hookimpl
def frontdesk_guest_anonymize(guest, actor):
    from .privacy import anonymize_guest

    return anonymize_guest(guest, actor)


@hookimpl
def frontdesk_demo_load(properties, today, seed):
    from .demo import load_demo

    return load_demo(properties, today, seed)


@hookimpl
def frontdesk_http_routes(settings):
    from .web_panel import routes

    return routes()


@hookimpl(optionalhook=True)
def frontdesk_web_panels():
    from .web_panel import PANEL

    return [PANEL]


@hookimpl
def frontdesk_plugin_enabled(property, disabled_since, history_from, actor):
    """Close what stays that ended while off still hold (catch_up.py): returns the coroutine."""
    from .catch_up import catch_up

    return catch_up(property, disabled_since, history_from, actor)
