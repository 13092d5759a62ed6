"""The channels plugin's Piccolo app: its tables and migrations, depending on core's."""

from __future__ import annotations

import os

from piccolo.conf.apps import AppConfig

from .tables import TABLES

APP_CONFIG = AppConfig(
    app_name="channels",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=list(TABLES),
    migration_dependencies=["frontdesk.core.piccolo_app"],
    commands=[],
)
