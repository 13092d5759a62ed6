"""The running installation: settings, plugin manager and database engine, set once at start-up.

Services reach the plugin manager and the engine through here instead of taking them as
arguments everywhere; a process serves one installation at a time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pluggy
    from piccolo.engine.base import Engine

    from .settings import Settings


@dataclass
class Runtime:
    settings: Settings
    plugin_manager: pluggy.PluginManager
    engine: Engine
    enabled_plugins: list[str]
    plugin_failures: Counter[str] = field(default_factory=Counter)
    # The enabled plugins per property as this process last read them (core/plugin_state/).
    plugin_state: Any = None


_current: Runtime | None = None


def install(runtime: Runtime) -> Runtime:
    global _current
    _current = runtime
    return runtime


def current() -> Runtime:
    if _current is None:
        raise RuntimeError("Frontdesk is not started: call frontdesk.core.bootstrap.start().")
    return _current


def is_started() -> bool:
    return _current is not None
