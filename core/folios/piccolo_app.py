"""The money area's Piccolo app: rates, folios, city ledger, invoices and night audit runs.

All of them live in one app (``folios``) so their migrations form one chain depending on
core's."""

from __future__ import annotations

import os

from piccolo.conf.apps import AppConfig

from ..rates.tables import RATE_TABLES
from .credit_note_tables import CREDIT_NOTE_TABLES
from .tables import FOLIO_TABLES

APP_CONFIG = AppConfig(
    app_name="folios",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[*RATE_TABLES, *FOLIO_TABLES, *CREDIT_NOTE_TABLES],
    migration_dependencies=["frontdesk.core.piccolo_app"],
    commands=[],
)
