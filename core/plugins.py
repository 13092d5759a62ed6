"""The plugin manager: discovery through the ``frontdesk.plugins`` entry points, with every
installed plugin that the settings don't enable blocked (Datasette's DATASETTE_LOAD_PLUGINS
is the precedent)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from importlib.metadata import distributions, entry_points
from typing import Any

import pluggy

from . import hookspecs, hookspecs_lifecycle
from .errors import InvalidInput

ENTRY_POINT_GROUP = "frontdesk.plugins"
hookimpl = pluggy.HookimplMarker("frontdesk")


class BrokenPlugin(InvalidInput):
    """Enabled plugins that cannot start: one that fails to import, implements a hook that no
    specification names (a misspelling), or takes an argument its hook does not pass. Start-up
    stops with every problem named, rather than the hook being silently never called.
    ``problems``: plugin name -> reason."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__(
            "\n".join(f"Plugin {name} is broken: {why}" for name, why in sorted(problems.items()))
        )


@dataclass(frozen=True)
class InstalledPlugin:
    name: str
    module: str
    enabled: bool
    problem: str | None = None  # why an enabled plugin cannot start

    @property
    def state(self) -> str:
        if self.problem is not None:
            return "broken"
        return "enabled" if self.enabled else "disabled"


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
    """A plugin manager with exactly the enabled plugins registered (None: all installed).

    Raises :class:`BrokenPlugin` naming every enabled plugin that cannot start."""
    installed = installed_plugins()
    check_enabled(enabled, installed)
    pm = pluggy.PluginManager("frontdesk")
    pm.add_hookspecs(hookspecs)
    pm.add_hookspecs(hookspecs_lifecycle)
    for name in installed:
        if enabled is not None and name not in enabled:
            pm.set_blocked(name)
    modules, problems = _load_enabled(pm)
    _add_plugin_hookspecs(pm, modules, problems)
    for name, module in modules.items():
        if name in problems:
            continue
        mismatches = hook_mismatches(pm, module)
        if mismatches:
            problems[name] = "; ".join(mismatches)
            continue
        try:
            pm.register(module, name=name)
        except pluggy.PluginValidationError as exc:  # what pluggy checks beyond the above
            problems[name] = str(exc)
    try:
        pm.check_pending()  # cannot fail after hook_mismatches: pluggy's own word on it
    except pluggy.PluginValidationError as exc:
        problems[pm.get_name(exc.plugin) or repr(exc.plugin)] = str(exc)
    if problems:
        raise BrokenPlugin(problems)
    return pm


def _load_enabled(pm: pluggy.PluginManager) -> tuple[dict[str, Any], dict[str, str]]:
    """Import every enabled plugin, in pluggy's entry-point order (which fixes the order of
    hook calls, hence of the schema's fields): name -> module, and name -> import failure."""
    modules: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for dist in distributions():
        for ep in dist.entry_points:
            if ep.group != ENTRY_POINT_GROUP or pm.is_blocked(ep.name):
                continue
            if ep.name in modules or ep.name in problems:  # a second copy on sys.path
                continue
            try:
                modules[ep.name] = ep.load()
            except Exception as exc:  # noqa: BLE001 - reported as the plugin's problem
                problems[ep.name] = f"cannot be imported ({type(exc).__name__}: {exc})"
    return modules, problems


def _add_plugin_hookspecs(
    pm: pluggy.PluginManager, modules: dict[str, Any], problems: dict[str, str]
) -> None:
    """Call each plugin's ``frontdesk_addhooks`` before any plugin is registered, so every
    implementation is checked against every specification, whichever plugin offers it."""
    for name, module in modules.items():
        opts = pm.parse_hookimpl_opts(module, "frontdesk_addhooks")
        if opts is None or name in problems:
            continue
        impl = pluggy.HookImpl(module, name, module.frontdesk_addhooks, opts)
        try:
            impl.function(**{arg: pm for arg in impl.argnames if arg == "pluginmanager"})
        except Exception as exc:  # noqa: BLE001 - reported as the plugin's problem
            problems[name] = f"frontdesk_addhooks failed ({type(exc).__name__}: {exc})"


def hook_mismatches(pm: pluggy.PluginManager, plugin: object) -> list[str]:
    """What in ``plugin`` no specification of ``pm`` accepts, in plain words: an
    implementation whose name matches no hook (unless marked ``optionalhook``), or that takes
    an argument its hook does not pass (an implementation may take fewer, never others)."""
    found = []
    for attr in dir(plugin):
        opts = pm.parse_hookimpl_opts(plugin, attr)
        if opts is None:
            continue
        hook_name = opts.get("specname") or attr
        impl = pluggy.HookImpl(plugin, pm.get_name(plugin) or "", getattr(plugin, attr), opts)
        hook = getattr(pm.hook, hook_name, None)
        if hook is None or not hook.has_spec():
            if not impl.optionalhook:
                found.append(
                    f"it implements {hook_name}, which no hook specification names (misspelled? "
                    "a hook offered by another plugin needs @hookimpl(optionalhook=True))"
                )
            continue
        accepted = hook.spec.argnames
        extra = [arg for arg in impl.argnames if arg not in accepted]
        if extra:
            found.append(
                f"its {hook_name} takes {', '.join(extra)}, which the hook does not pass "
                f"(it passes {', '.join(accepted) or 'nothing'})"
            )
    return found


def plugin_listing(enabled: list[str] | None) -> list[InstalledPlugin]:
    """Every installed plugin, whether the settings enable it, and why an enabled one is
    broken (``frontdesk plugins``: a broken plugin is listed, not a crash)."""
    installed = installed_plugins()
    check_enabled(enabled, installed)
    try:
        create_plugin_manager(enabled)
        problems: dict[str, str] = {}
    except BrokenPlugin as exc:
        problems = exc.problems
    return [
        InstalledPlugin(name, module, enabled is None or name in enabled, problems.get(name))
        for name, module in sorted(installed.items())
    ]


def enabled_names(pm: pluggy.PluginManager) -> list[str]:
    installed = installed_plugins()  # an entry-point scan: once, not once per plugin
    return sorted(name for name, plugin in pm.list_name_plugin() if plugin and name in installed)


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
