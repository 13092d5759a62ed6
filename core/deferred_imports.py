"""Modules that a dependency imports at start-up but only rare commands use, loaded on
first use.

piccolo imports black in ``piccolo.conf.apps`` (which every ``piccolo_app`` module needs) to
format the files its commands write: new apps, new migrations, a registered app. The server
never writes one, yet importing black costs 0.11-0.15 s, about a fifteenth of its start-up
(measured on a 2-vCPU EPYC). ``importlib.util.LazyLoader`` cannot defer it: black is compiled
with mypyc, and an extension module runs its whole body when it is created. So the module
name is held by a stand-in that imports the real module at its first attribute access
(``black.format_str``), puts it in ``sys.modules`` and answers from then on with its names.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any


class ModuleImportedOnFirstUse(ModuleType):
    """Stands in ``sys.modules`` for a module until one of its names is read."""

    def __getattr__(self, name: str) -> Any:
        module = sys.modules.get(self.__name__)
        if module is self:
            del sys.modules[self.__name__]
            module = importlib.import_module(self.__name__)
        self.__dict__.update(module.__dict__)
        return getattr(module, name)


def defer_until_used(name: str) -> None:
    """Let ``import name`` succeed at once and run the module's code when it is first used.

    Does nothing when the module is already imported or not installed (so a missing module
    still fails where it is imported, as without this)."""
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    sys.modules[name] = ModuleImportedOnFirstUse(name)
