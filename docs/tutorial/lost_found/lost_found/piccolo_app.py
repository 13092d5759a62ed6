"""The plugin's Piccolo app: its tables and migrations, applied after core's."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig

from .tables import LostItem

APP_CONFIG = AppConfig(
    app_name="lost_found",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[LostItem],
    migration_dependencies=["frontdesk.core.piccolo_app"],
    commands=[],
)
