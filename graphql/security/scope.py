"""Property scope for list resolvers: the condition that keeps a page to the properties the
caller may access, so pages are full and ``hasNextPage`` is honest. (The security extension
also drops foreign rows from every result; this makes lists right, that makes them safe.)"""

from __future__ import annotations

from typing import Any

from strawberry.types import Info


def property_scope(info: Info, column: Any) -> Any:
    """``column`` (a property id column) limited to the caller's properties; None for all."""
    principal = info.context.principal
    allowed = principal.allowed_property_ids() if principal is not None else frozenset()
    if allowed is None:
        return None
    return column.is_in(sorted(allowed) or [-1])
