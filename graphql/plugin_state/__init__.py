"""The schema of the plugins' state per property (core/plugin_state): which modules are on
for which property, and turning them on and off (issue #23)."""
