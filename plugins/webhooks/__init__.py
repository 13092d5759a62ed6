"""The webhooks plugin: its hook implementations, nothing else.

Every domain event is offered to the property's endpoints inside the change's transaction
(``frontdesk_event_recorded``); the server's background task delivers the messages.
"""

from __future__ import annotations

from frontdesk.api import hookimpl


@hookimpl
def frontdesk_piccolo_apps():
    return ["frontdesk.plugins.webhooks.piccolo_app"]


@hookimpl
def frontdesk_graphql_contribute():
    from .schema import contribution

    return contribution()


@hookimpl
def frontdesk_permissions_register():
    from .permissions import PERMISSIONS

    return list(PERMISSIONS)


@hookimpl
def frontdesk_settings_contribute():
    from .settings import SETTINGS

    return list(SETTINGS)


@hookimpl
def frontdesk_background_tasks(settings):
    from .delivery import delivery_loop

    return [delivery_loop]


@hookimpl
def frontdesk_event_recorded(event, objects):
    from .events import record

    return record(event, objects)
