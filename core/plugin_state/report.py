"""What ``frontdesk plugins`` shows of the database: each plugin's state per property,
whether its tables hold rows, its catch-up; and the tables of plugins no longer installed
(a plain message at start-up rather than a traceback: their data stays untouched)."""

from __future__ import annotations

from dataclasses import dataclass

from piccolo.apps.migrations.tables import Migration
from piccolo.querystring import QueryString

from .. import bootstrap, db, runtime
from ..plugins import installed_plugins
from ..properties.tables import Property
from .state import load
from .tables import PluginState


@dataclass(frozen=True)
class PropertyState:
    """One plugin on one property, as ``frontdesk plugins`` and ``pluginStates`` show it."""

    plugin: str
    property_id: int
    property_code: str
    enabled: bool
    catch_up_status: str = ""
    catch_up_summary: str | None = None
    catch_up_error: str | None = None


async def property_states(plugins: list[str]) -> list[PropertyState]:
    """The effective state of each of ``plugins`` on every property."""
    snapshot = await load()
    rows = {
        (row.plugin, row.property): row
        for row in await PluginState.objects().where(PluginState.property.is_not_null())
    }
    found = []
    for prop in await Property.objects().order_by(Property.code):
        for plugin in plugins:
            row = rows.get((plugin, prop.id))
            found.append(
                PropertyState(
                    plugin,
                    prop.id,
                    prop.code,
                    snapshot.enabled(plugin, prop.id),
                    row.catch_up_status if row else "",
                    row.catch_up_summary if row else None,
                    row.catch_up_error if row else None,
                )
            )
    return found


async def plugin_rows(plugin: str) -> int:
    """How many rows the plugin's tables hold (0: disabling or removing it loses nothing)."""
    rt = runtime.current()
    total = 0
    for impl in rt.plugin_manager.hook.frontdesk_piccolo_apps.get_hookimpls():
        if impl.plugin_name != plugin:
            continue
        for path in impl.function() or []:
            for table in _app_config(path).table_classes:
                total += await table.count()
    return total


def _app_config(path: str):
    import importlib

    return importlib.import_module(path).APP_CONFIG


async def orphaned_apps() -> dict[str, int]:
    """Apps whose migrations ran here but that no installed plugin (nor core) provides: app
    name -> rows in the tables named after it (``<app>_…``, the plugin table convention)."""
    rt = runtime.current()
    configs = [_app_config(path) for path in bootstrap.piccolo_app_paths(rt)]
    known = {config.app_name for config in configs} | set(installed_plugins())
    tables = {t._meta.tablename for config in configs for t in config.table_classes}
    ran = await Migration.select(Migration.app_name).distinct()
    orphans = sorted({row["app_name"] for row in ran} - known)
    return {app: await _rows_of_prefix(app, tables) for app in orphans}


async def _rows_of_prefix(app: str, known: set[str]) -> int:
    """Rows in the tables whose names start with ``<app>_`` (and that no loaded app owns),
    read from the catalogue."""
    engine = runtime.current().engine
    if db.is_sqlite(engine):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    else:
        sql = (
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        )
    total = 0
    for row in await _rows(engine, sql):
        name = str(row["name"])
        if name in known or not name.startswith(f"{app}_"):
            continue
        if name.replace("_", "").isalnum():
            counted = await _rows(engine, f'SELECT COUNT(*) AS n FROM "{name}"')
            total += int(counted[0]["n"]) if counted else 0
    return total


async def _rows(engine, sql: str) -> list[dict]:
    records = await engine.run_querystring(QueryString(sql))
    return engine.transform_response_to_dicts(records or [])


def orphan_message(app: str, rows: int) -> str:
    held = (
        f"its tables hold {rows} row{'s' if rows != 1 else ''}" if rows else "its tables are empty"
    )
    return (
        f"The plugin {app!r} is no longer installed but its migrations ran on this database; "
        f"{held}, kept untouched. Reinstall the package to use them again (docs/operations.md)."
    )
