"""The accounting_bridge plugin's Piccolo app: its tables and migrations, depending on core's
(its messages wait in core's shared outbox)."""

from __future__ import annotations

import os

from piccolo.conf.apps import AppConfig

from .tables import TABLES

APP_CONFIG = AppConfig(
    app_name="accounting_bridge",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=list(TABLES),
    migration_dependencies=[
        "frontdesk.core.piccolo_app",
        "frontdesk.core.folios.piccolo_app",
        "frontdesk.core.outbox.piccolo_app",
    ],
    commands=[],
)
