"""The hook the web plugin offers to other plugins (added by ``frontdesk_addhooks``)."""

from __future__ import annotations

from typing import Any

from frontdesk.api import hookspec


@hookspec
def frontdesk_web_panels() -> list[dict[str, Any]]:
    """Called when a browser asks the web front desk which panels exist (``panels.json``),
    outside any transaction. Return a list of dicts: ``id`` (unique), ``module`` (URL of an ES
    module the plugin serves through its own ``frontdesk_http_routes``), ``permission`` (the
    panel is listed only for callers holding it) and ``titles`` (language code -> menu
    title). Only called while the
    ``web`` plugin is enabled: mark implementations ``@hookimpl(optionalhook=True)``."""
