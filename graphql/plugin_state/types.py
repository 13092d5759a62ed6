"""A plugin's state on one property, as ``pluginStates`` and the admin mutations show it."""

from __future__ import annotations

import strawberry

from frontdesk.core.plugin_state.report import PropertyState


@strawberry.type(description="Whether a plugin is on for one property, and its catch-up.")
class PluginState:
    plugin: str
    property_id: strawberry.ID
    property_code: str
    enabled: bool
    catch_up_status: str = strawberry.field(
        description="Empty (nothing to do), pending, running, done or failed."
    )
    catch_up_summary: str | None = strawberry.field(
        description="The plugin's one-line account of what it caught up."
    )
    catch_up_error: str | None = strawberry.field(description="Why the last catch-up failed.")

    @classmethod
    def of(cls, state: PropertyState) -> PluginState:
        return cls(
            plugin=state.plugin,
            property_id=strawberry.ID(str(state.property_id)),
            property_code=state.property_code,
            enabled=state.enabled,
            catch_up_status=state.catch_up_status,
            catch_up_summary=state.catch_up_summary,
            catch_up_error=state.catch_up_error,
        )
