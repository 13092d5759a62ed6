"""The concierge plugin: its hook implementations, nothing else."""

from __future__ import annotations

from frontdesk.core.plugins import hookimpl


@hookimpl
def frontdesk_piccolo_apps():
    return ["frontdesk.plugins.concierge.piccolo_app"]
