"""The plugin manager: discovery through the ``frontdesk.plugins`` entry points, with every
installed plugin that the settings don't enable blocked (Datasette's DATASETTE_LOAD_PLUGINS
is the precedent)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

import pluggy

from . import hookspecs
from .errors import InvalidInput

ENTRY_POINT_GROUP = "frontdesk.plugins"
hookimpl = pluggy.HookimplMarker("frontdesk")


@dataclass(frozen=True)
class InstalledPlugin:
    name: str
    module: str
    enabled: bool


def installed_plugins() -> dict[str, str]:
    """Installed plugin name -> module path, from the entry-point group."""
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def check_enabled(enabled: list[str] | None, installed: dict[str, str]) -> None:
    """Refuse a setting that names a plugin which is not installed."""
    if enabled is None:
        return
    unknown = sorted(set(enabled) - set(installed))
    if unknown:
        raise InvalidInput(
            f"Unknown plugin(s) in FRONTDESK_PLUGINS: {', '.join(unknown)}. "
            f"Installed: {', '.join(sorted(installed)) or 'none'}."
        )


def create_plugin_manager(enabled: list[str] | None) -> pluggy.PluginManager:
    """A plugin manager with exactly the enabled plugins registered (None: all installed)."""
    installed = installed_plugins()
    check_enabled(enabled, installed)
    pm = pluggy.PluginManager("frontdesk")
    pm.add_hookspecs(hookspecs)
    for name in installed:
        if enabled is not None and name not in enabled:
            pm.set_blocked(name)
    try:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        pm.hook.frontdesk_addhooks(pluginmanager=pm)
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise InvalidInput(f"Plugin {_plugin_name(pm, exc.plugin)} is broken: {exc}") from None
    return pm


def _plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    """The entry-point name of a plugin object, for messages (its module name otherwise)."""
    return pm.get_name(plugin) or getattr(plugin, "__name__", repr(plugin))


def plugin_listing(enabled: list[str] | None) -> list[InstalledPlugin]:
    check_enabled(enabled, installed_plugins())
    return [
        InstalledPlugin(name, module, enabled is None or name in enabled)
        for name, module in sorted(installed_plugins().items())
    ]


def enabled_names(pm: pluggy.PluginManager) -> list[str]:
    names = []
    for name, plugin in pm.list_name_plugin():
        if plugin is not None and name in installed_plugins():
            names.append(name)
    return sorted(names)


def flatten(results: list[Any]) -> list[Any]:
    """Flatten the per-plugin lists a registration hook returns, dropping Nones."""
    out: list[Any] = []
    for result in results:
        if result is None:
            continue
        if isinstance(result, list | tuple):
            out.extend(result)
        else:
            out.append(result)
    return out


def call_isolated(hook: Any, kwargs: dict[str, Any]) -> list[tuple[str, Any]]:
    """Call each implementation of ``hook`` on its own, with the arguments it accepts.

    Returns (plugin name, result or exception) pairs; the caller decides what a failure means.
    """
    outcomes: list[tuple[str, Any]] = []
    for impl in reversed(hook.get_hookimpls()):
        args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
        try:
            outcomes.append((impl.plugin_name, impl.function(**args)))
        except Exception as exc:  # noqa: BLE001 - isolation is the point
            outcomes.append((impl.plugin_name, exc))
    return outcomes


def is_awaitable(value: Any) -> bool:
    return inspect.isawaitable(value)
