"""The plugin-state area's Piccolo app: ``core_plugin_state``, depending on core's."""

from __future__ import annotations

import os

from piccolo.conf.apps import AppConfig

from .tables import PLUGIN_STATE_TABLES

APP_CONFIG = AppConfig(
    app_name="plugin_state",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=list(PLUGIN_STATE_TABLES),
    migration_dependencies=["frontdesk.core.piccolo_app"],
    commands=[],
)
