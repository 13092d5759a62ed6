"""Core's Piccolo app: its tables and migrations. Every plugin app depends on it."""

from __future__ import annotations

import os

from piccolo.conf.apps import AppConfig

from .guests.tables import Guest
from .properties.tables import Property, Room, RoomType
from .stays.tables import InventoryHold, Stay, StayGuest, StayNight

CORE_TABLES = [Property, RoomType, Room, Guest, Stay, StayGuest, InventoryHold, StayNight]

APP_CONFIG = AppConfig(
    app_name="core",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=list(CORE_TABLES),
    migration_dependencies=[],
    commands=[],
)
