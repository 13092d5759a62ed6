"""``pluginEnable`` / ``pluginDisable``: what ``frontdesk plugins enable|disable`` does, for
an admin through the API. Enabling answers at once with the catch-up ``pending``; the
catch-up runs after the mutation has committed, outside its transaction (the hook runs its
own transactions), and ``pluginStates`` shows when it is done or why it failed."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from frontdesk.core.plugin_state import lifecycle
from frontdesk.core.plugin_state.report import property_states
from frontdesk.core.properties.service import get_property
from frontdesk.core.properties.tables import Property as PropertyRow

from ..common.contributions import secure_mutation
from ..common.errors import UserError, decode_optional_id, run_mutation
from .types import PluginState


@strawberry.input
class PluginEnableInput:
    plugin: str
    property_id: strawberry.ID | None = strawberry.field(
        default=None, description="One property; every property when null."
    )
    history_from: date | None = strawberry.field(
        default=None, description="Rebuild the plugin's records from this date."
    )


@strawberry.input
class PluginDisableInput:
    plugin: str
    property_id: strawberry.ID | None = strawberry.field(
        default=None, description="One property; every property when null."
    )


@strawberry.type
class PluginStatesPayload:
    states: list[PluginState] | None
    errors: list[UserError]


async def _code(property_id: strawberry.ID | None) -> str | None:
    pid = decode_optional_id(property_id, "propertyId")
    return None if pid is None else (await get_property(pid)).code


async def _states(plugin: str, code: str | None) -> list[PluginState]:
    states = await property_states([plugin])
    return [PluginState.of(s) for s in states if code is None or s.property_code == code]


@strawberry.type
class PluginStateMutation:
    @secure_mutation(
        permission="plugins.manage",
        scopes={"propertyId": PropertyRow},
        description="Turn a plugin on (one property or all) and start its catch-up.",
    )
    async def plugin_enable(self, info: Info, input: PluginEnableInput) -> PluginStatesPayload:
        async def action() -> list[PluginState]:
            code = await _code(input.property_id)
            rows = await lifecycle.enable(
                input.plugin, code, info.context.actor, input.history_from
            )
            lifecycle.catch_up_after_commit(rows, info.context.actor)
            return await _states(input.plugin, code)

        return await run_mutation(PluginStatesPayload, "states", action)

    @secure_mutation(
        permission="plugins.manage",
        scopes={"propertyId": PropertyRow},
        description="Turn a plugin off (one property or all); its data stays untouched.",
    )
    async def plugin_disable(self, info: Info, input: PluginDisableInput) -> PluginStatesPayload:
        async def action() -> list[PluginState]:
            code = await _code(input.property_id)
            await lifecycle.disable(input.plugin, code, info.context.actor)
            return await _states(input.plugin, code)

        return await run_mutation(PluginStatesPayload, "states", action)
