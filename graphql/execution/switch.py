"""The one switch over the execution shortcuts: ``FRONTDESK_EXECUTION_SHORTCUTS``.

The shortcuts (the fast field path and its executor, direct resolver calls, the list
look-ahead and the SQLite read snapshot) answer exactly what plain strawberry answers, faster,
and several of them lean on strawberry's and graphql-core's private internals
(docs/architecture.md lists which). With the setting off none of them is installed: the schema
runs on strawberry's own execution context and resolvers, and the look-ahead does nothing. An
operator can so tell a shortcut's bug from the library's, and an upgrade of either library can
be tried before the shortcuts are brought up to date (tests/graphql run both ways).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.types import Info

from frontdesk.core.settings import Settings

from .fast_path import ShortcutExecutor, install_direct_resolvers, install_shortcuts
from .plan import compile_document
from .read_snapshot import SQLiteReadSnapshot
from .trusted import TrustedDocuments

# Set on the strawberry Schema at build, read back by the look-ahead through ``info.schema``.
SCHEMA_ATTRIBUTE = "execution_shortcuts"


@dataclass(frozen=True)
class ExecutionShortcuts:
    """What ``build_schema`` installs for the shortcuts, in the order it must: schema options
    and extensions first, resolvers before the guards wrap them, field marks after."""

    enabled: bool

    @classmethod
    def of(cls, settings: Settings) -> ExecutionShortcuts:
        return cls(enabled=settings.execution_shortcuts)

    def schema_options(self) -> dict[str, Any]:
        """Keyword arguments for ``strawberry.Schema``."""
        return {"execution_context_class": ShortcutExecutor} if self.enabled else {}

    def extensions(self) -> list[type]:
        """Schema extensions, after the server's own."""
        return [SQLiteReadSnapshot] if self.enabled else []

    def install_resolvers(self, schema: strawberry.Schema) -> None:
        """Direct resolver calls; run before anything wraps the resolvers (the guards)."""
        setattr(schema, SCHEMA_ATTRIBUTE, self.enabled)
        if self.enabled:
            install_direct_resolvers(schema._schema, schema.config.info_class)

    def install_marks(
        self, schema: strawberry.Schema, trusted: TrustedDocuments | None = None
    ) -> None:
        """The fast path's field marks; run after the guards, so a guarded field keeps the
        full path. Then each trusted document registered from now on (at the end of the
        build, when every resolver is in place) gets its compiled plans
        (graphql/execution/plan.py), which read the marks and the guards."""
        if self.enabled:
            install_shortcuts(schema._schema)
        if self.enabled and trusted is not None:
            trusted.on_register = functools.partial(compile_document, schema._schema)


def active(info: Info) -> bool:
    """Whether the schema answering ``info`` was built with the shortcuts on; a schema not
    built by ``build_schema`` (a test's own) runs without them."""
    return getattr(info.schema, SCHEMA_ATTRIBUTE, False)
