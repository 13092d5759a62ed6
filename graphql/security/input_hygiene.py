"""NUL characters never reach the database.

PostgreSQL refuses a text value containing U+0000 ("invalid byte sequence"), SQLite stores it;
either way no hotel data legitimately holds one. Rather than checking every string argument
of every field, this extension removes NUL from the variables and from ``\\u0000`` escapes in
the document before the operation is parsed, for core and plugin fields alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from strawberry.extensions import SchemaExtension

# An unescaped \u0000 inside a GraphQL string: preceded by an even number of backslashes.
_ESCAPED_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000", re.IGNORECASE)


def without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: without_nul(v) for k, v in value.items()}
    return value


class StripNulCharacters(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        if context.query:
            context.query = _ESCAPED_NUL.sub(r"\1", context.query.replace("\x00", ""))
        if context.variables:
            context.variables = without_nul(context.variables)
        yield
