"""Create ``lost_found_item``. A migration describes the table as it was when written (the
``Property`` and ``Stay`` stand-ins name core's tables), never by importing today's classes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

ID = "2026-12-03T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "lost and found items"


class Property(Table, tablename="core_property"):
    id = Serial(primary_key=True)


class Stay(Table, tablename="core_stay"):
    id = Serial(primary_key=True)


COLUMNS = {
    "property": (
        ForeignKey,
        {"references": Property, "index": True, "on_delete": OnDelete.restrict},
    ),
    "stay": (
        ForeignKey,
        {"references": Stay, "null": True, "index": True, "on_delete": OnDelete.restrict},
    ),
    "description": (Varchar, {"length": 200}),
    "where_found": (Varchar, {"length": 100, "default": ""}),
    "status": (Varchar, {"length": 20, "default": "held"}),
    "found_at": (Timestamptz, {"default": TimestamptzNow()}),
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lost_found", description=DESCRIPTION)
    manager.add_table(class_name="LostItem", tablename="lost_found_item")
    for name, (column_class, params) in COLUMNS.items():
        manager.add_column(
            table_class_name="LostItem",
            tablename="lost_found_item",
            column_name=name,
            column_class=column_class,
            params=params,
        )
    return manager
