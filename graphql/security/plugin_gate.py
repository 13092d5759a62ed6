"""What a plugin turned off for a property looks like through the API (issue #23).

Every installed plugin's fields are in the schema of every process; whether they act is
deployment state (``core_plugin_state``, read through ``frontdesk.core.plugin_state.state``).
The guard consults this module at the points it already owns:

* a root field a plugin contributed, for a property (an argument naming the property or
  one of its objects) where the plugin is off, or anywhere when it is off for the whole
  installation: refused with ``PLUGIN_DISABLED`` (in the payload of a mutation or query
  that has ``errors``, else as a GraphQL error with that code), ``field`` naming the argument;
* a field a plugin added to a core type (``Stay.conciergeRequests``): empty (an empty list
  or null) for an object of such a property;
* any row of one of the plugin's tables, wherever it appears (lists across properties, a
  payload): left out, exactly as rows of a property the caller may not access are.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pluggy
from piccolo.table import Table

from frontdesk.core.plugin_state import state
from frontdesk.core.plugin_state.state import Snapshot
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.graphql.common.contributions import GraphQLContribution
from frontdesk.graphql.common.errors import UserError

PLUGIN_DISABLED = "PLUGIN_DISABLED"


@dataclass
class PluginOwnership:
    """Which plugin owns which root field, core-type field and table."""

    fields: dict[str, str] = field(default_factory=dict)  # "Query.x" / "Stay.y" -> plugin
    tables: dict[type, str] = field(default_factory=dict)

    def owner(self, key: str) -> str | None:
        return self.fields.get(key)


def owned_contributions(pm: pluggy.PluginManager) -> list[tuple[str, GraphQLContribution]]:
    """Each plugin's schema contribution with the plugin's name (``flatten`` loses it)."""
    owned = []
    for impl in pm.hook.frontdesk_graphql_contribute.get_hookimpls():
        result = impl.function()
        for part in result if isinstance(result, list | tuple) else [result]:
            if isinstance(part, GraphQLContribution):
                owned.append((impl.plugin_name, part))
    return owned


def ownership(
    pm: pluggy.PluginManager, owned: Iterable[tuple[str, GraphQLContribution]]
) -> PluginOwnership:
    """The owners of the fields the plugins contributed and of their tables."""
    from frontdesk.graphql.schema import field_names  # the schema module names fields

    found = PluginOwnership()
    for plugin, part in owned:
        for root, classes in (("Query", part.queries), ("Mutation", part.mutations)):
            for cls in classes:
                found.fields.update({f"{root}.{name}": plugin for name in field_names(cls)})
        for type_name, classes in part.type_extensions.items():
            for cls in classes:
                found.fields.update({f"{type_name}.{n}": plugin for n in field_names(cls)})
    for impl in pm.hook.frontdesk_piccolo_apps.get_hookimpls():
        for path in impl.function() or []:
            for table in importlib.import_module(path).APP_CONFIG.table_classes:
                found.tables[table] = impl.plugin_name
    return found


def _property_of(row: Any) -> int | None:
    if isinstance(row, PropertyRow):
        return row.id
    value = getattr(row, "property", None)
    if isinstance(value, Table):
        value = getattr(value, "id", None)
    return value if isinstance(value, int) else None


def keep(tables: dict[type, str], value: Any) -> Any:
    """``value`` without rows of plugin tables whose plugin is off for the row's property
    (or everywhere). Costs a dictionary look-up per row only while some plugin is off."""
    snapshot = state.current()
    if not snapshot.choices or not snapshot.any_disabled():
        return value
    return _keep(tables, snapshot, value)


def _keep(tables: dict[type, str], snapshot: Snapshot, value: Any) -> Any:
    if isinstance(value, list):
        return [item for item in value if _keep(tables, snapshot, item) is not None]
    if isinstance(value, Table):
        plugin = tables.get(type(value))
        if plugin is not None and not snapshot.enabled(plugin, _property_of(value)):
            return None
    return value


def off_for_object(plugin: str, source: Any) -> bool:
    """Whether a field ``plugin`` added to a core type must show nothing for ``source``."""
    snapshot = state.current()
    return bool(snapshot.choices) and not snapshot.enabled(plugin, _property_of(source))


async def refusal_of(
    plugin: str, scoped: list[tuple[str, str, int, int | None]]
) -> UserError | None:
    """Why a root field of ``plugin`` may not run with these scoped arguments ((argument,
    label, id, property id) as the guard found them), or None when it may."""
    snapshot = await state.fresh()
    if not snapshot.choices:
        return None
    if not snapshot.enabled_anywhere(plugin):
        return UserError(
            code=PLUGIN_DISABLED,
            message=f"The {plugin} plugin is turned off for this installation.",
        )
    for argument, _label, _id, property_id in scoped:
        if property_id is not None and not snapshot.enabled(plugin, property_id):
            row = await PropertyRow.objects().where(PropertyRow.id == property_id).first()
            code = row.code if row is not None else str(property_id)
            return UserError(
                code=PLUGIN_DISABLED,
                message=f"The {plugin} plugin is turned off for property {code}.",
                field=argument,
            )
    return None


async def refresh() -> None:
    """Read the state again if it is older than its delay (once per root field: the fields
    below read it without a round trip)."""
    await state.fresh()


async def might_refuse(plugin: str) -> bool:
    """Whether any choice about ``plugin`` turns it off somewhere (else nothing to check, and
    the guard need not look the arguments' owners up)."""
    snapshot = await state.fresh()
    return any(not on for (name, _p), on in snapshot.choices.items() if name == plugin)
