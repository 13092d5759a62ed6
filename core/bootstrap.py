"""Start an installation: plugin manager, database engine, tables bound, runtime installed."""

from __future__ import annotations

import importlib
import importlib.util
import os
from typing import Any

from piccolo.apps.migrations.commands.base import BaseMigrationManager
from piccolo.apps.migrations.tables import Migration
from piccolo.conf.apps import AppConfig

from . import db, runtime
from .plugins import create_plugin_manager, enabled_names, flatten
from .settings import Settings

PICCOLO_CONF = "frontdesk.core.piccolo_conf"
CORE_APP = "frontdesk.core.piccolo_app"
# Core areas with tables of their own keep their own Piccolo app (and migrations folder),
# each depending on CORE_APP. Listed in dependency order; a missing module is skipped so an
# area can land on its own.
CORE_AREA_APPS = [
    "frontdesk.core.folios.piccolo_app",
    "frontdesk.core.auth.piccolo_app",
    "frontdesk.core.outbox.piccolo_app",
    "frontdesk.core.plugin_state.piccolo_app",
]


def start(settings: Settings) -> runtime.Runtime:
    """Build and install the runtime for ``settings``. Cheap: no database round trip."""
    os.environ["PICCOLO_CONF"] = PICCOLO_CONF
    pm = create_plugin_manager(settings.plugins)
    engine = db.make_engine(settings.database_url)
    rt = runtime.Runtime(
        settings=settings, plugin_manager=pm, engine=engine, enabled_plugins=enabled_names(pm)
    )
    db.bind_tables(engine, [Migration, *all_tables(rt)])
    from . import areas  # the services behind the tables: loaded once there is a runtime

    areas.connect()
    return runtime.install(rt)


def ensure_started() -> runtime.Runtime:
    if runtime.is_started():
        return runtime.current()
    return start(Settings.from_env())


def piccolo_app_paths(rt: runtime.Runtime) -> list[str]:
    areas = [path for path in CORE_AREA_APPS if importlib.util.find_spec(path.rsplit(".", 1)[0])]
    return [CORE_APP, *areas, *flatten(rt.plugin_manager.hook.frontdesk_piccolo_apps())]


def app_configs(rt: runtime.Runtime) -> list[AppConfig]:
    return [importlib.import_module(path).APP_CONFIG for path in piccolo_app_paths(rt)]


def all_tables(rt: runtime.Runtime) -> list[Any]:
    return [table for config in app_configs(rt) for table in config.table_classes]


async def pending_migrations(rt: runtime.Runtime) -> dict[str, list[str]]:
    """App name -> migration ids not yet applied to the database."""
    manager = BaseMigrationManager()
    await manager.create_migration_table()
    pending: dict[str, list[str]] = {}
    for config in app_configs(rt):
        modules = manager.get_migration_modules(config.resolved_migrations_folder_path)
        available = manager.get_migration_ids(modules)
        ran = set(await Migration.get_migrations_which_ran(app_name=config.app_name))
        missing = [m for m in available if m not in ran]
        if missing:
            pending[config.app_name] = missing
    return pending


async def migrate(rt: runtime.Runtime) -> list[str]:
    """Apply every pending migration of core and the enabled plugins; return the app names."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    applied = []
    for config in app_configs(rt):
        result = await run_forwards(app_name=config.app_name)
        if not result.success:
            raise RuntimeError(f"Migration of {config.app_name} failed: {result.message}")
        applied.append(config.app_name)
    return applied
