"""The webhooks plugin's Piccolo app: its endpoints table, depending on core's outbox."""

from __future__ import annotations

import os

from piccolo.conf.apps import AppConfig

from .tables import TABLES

APP_CONFIG = AppConfig(
    app_name="webhooks",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=list(TABLES),
    migration_dependencies=[
        "frontdesk.core.piccolo_app",
        "frontdesk.core.outbox.piccolo_app",
    ],
    commands=[],
)
