"""Piccolo configuration for the running installation.

``DB`` and ``APP_REGISTRY`` are looked up when Piccolo asks for them (PEP 562), so the piccolo
CLI and ``frontdesk migrate`` see the database and the enabled plugins of the current settings.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    from . import bootstrap

    if name == "DB":
        return bootstrap.ensure_started().engine
    if name == "APP_REGISTRY":
        from piccolo.conf.apps import AppRegistry

        return AppRegistry(apps=bootstrap.piccolo_app_paths(bootstrap.ensure_started()))
    raise AttributeError(name)
