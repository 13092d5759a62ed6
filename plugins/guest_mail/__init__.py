"""The guest_mail plugin: its hook implementations, nothing else.

Booking confirmation, modification, cancellation, pre-arrival and the invoice after
check-out go to the guest in their language, through the shared outbox over SMTP.
"""

from __future__ import annotations

from frontdesk.api import hookimpl


@hookimpl
def frontdesk_piccolo_apps():
    return ["frontdesk.plugins.guest_mail.piccolo_app"]


@hookimpl
def frontdesk_settings_contribute():
    from .settings import SETTINGS

    return list(SETTINGS)


@hookimpl
def frontdesk_background_tasks(settings):
    from .smtp import sending_loop

    return [sending_loop]


@hookimpl
def frontdesk_event_recorded(event, objects):
    from .compose import record

    return record(event, objects)
