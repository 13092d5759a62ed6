"""The outbox area's Piccolo app: the shared outgoing-message tables, depending on core's."""

from __future__ import annotations

import os

from piccolo.conf.apps import AppConfig

from .tables import OUTBOX_TABLES

APP_CONFIG = AppConfig(
    app_name="outbox",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=list(OUTBOX_TABLES),
    migration_dependencies=["frontdesk.core.piccolo_app"],
    commands=[],
)
