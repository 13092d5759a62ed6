"""``pluginStates``: which plugins are on for which property (the web desk shows a plugin's
panels only where it is on; an integrator can check before calling a plugin's operations)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from frontdesk.core import runtime
from frontdesk.core.plugin_state.report import property_states
from frontdesk.core.properties.tables import Property as PropertyRow

from ..common.contributions import secure_field
from ..common.errors import maybe_id
from .types import PluginState


@strawberry.type
class PluginStateQuery:
    @secure_field(
        permission="authenticated",
        scopes={"propertyId": PropertyRow},
        description=(
            "Each plugin this server runs, on each property the caller may access (one "
            "property with propertyId): whether it is on there (frontdesk plugins)."
        ),
    )
    async def plugin_states(
        self, info: Info, property_id: strawberry.ID | None = None
    ) -> list[PluginState]:
        wanted = maybe_id(property_id) if property_id is not None else None
        if property_id is not None and wanted is None:
            return []  # an unreadable id names no property
        principal = info.context.principal
        states = await property_states(runtime.current().enabled_plugins)
        return [
            PluginState.of(state)
            for state in states
            if (wanted is None or state.property_id == wanted)
            and (principal is None or principal.can_access(state.property_id))
        ]
