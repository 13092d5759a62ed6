"""The audit record of one root field (mutations, and queries that hand out personal data):
what was asked, the objects named, the outcome (ok, denied, refused with its code, error)."""

from __future__ import annotations

from typing import Any

from piccolo.table import Table

from frontdesk.core.auth import audit


def _property_of(row: Any) -> int | None:
    from .guard import property_of

    return property_of(row)


class Trail:
    """The audit record of one root field."""

    def __init__(
        self,
        extension: Any,
        context: Any,
        key: str,
        scoped: list[tuple[str, str, int, int | None]],
    ) -> None:
        self.context = context
        self.operation = key.partition(".")[2]
        self.objects = [f"{label}:{object_id}" for _a, label, object_id, _p in scoped]
        self.property_id = next((p for *_rest, p in scoped if p is not None), None)

    async def write(self, outcome: str, detail: str = "") -> None:
        principal = self.context.principal
        await audit.record(
            actor=principal.actor if principal else "anonymous",
            operation=self.operation,
            objects=sorted(set(self.objects)),
            outcome=outcome,
            request_id=self.context.request_id,
            property_id=self.property_id,
            detail=detail,
        )

    async def finish(self, result: Any) -> None:
        errors = getattr(result, "errors", None)
        definition = getattr(type(result), "__strawberry_definition__", None)
        for item in getattr(definition, "fields", []):
            value = getattr(result, item.python_name, None)
            if isinstance(value, Table) and getattr(value, "id", None) is not None:
                label = item.graphql_name or _camel(item.python_name)
                self.objects.append(f"{label}:{value.id}")
                if self.property_id is None:
                    self.property_id = _property_of(value)
        if errors:
            await self.write(f"refused:{errors[0].code}", detail=errors[0].message[:200])
        else:
            await self.write("ok")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)
