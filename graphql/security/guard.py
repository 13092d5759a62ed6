"""The one enforcement point, installed by ``install_guards`` on every field that can need
it (root fields, fields with a permission, fields returning objects) when the schema is built.

* Root fields (Query/Mutation): authentication, the field's permission, and property scope of
  every argument naming an object (``stayId``, ``input.guestId``…) before the resolver runs; a
  mutation is refused as data (``PERMISSION_DENIED`` / ``NOT_FOUND`` in its payload), a query
  with a GraphQL error (``FORBIDDEN``) or, for objects of other properties, as if they did not
  exist (null, an empty page). Mutations and audited queries leave an audit record.
* Nested fields named in the map (e.g. ``Guest.dateOfBirth``): null without the permission.
* Every object-returning field's result: rows of properties the caller may not access are
  dropped (null for one object, filtered out of lists), so nothing of another hotel leaks
  through any path.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from piccolo.querystring import QueryString
from piccolo.table import Table

from frontdesk.core.auth import audit
from frontdesk.core.auth.principal import Principal
from frontdesk.core.auth.registry import AUTHENTICATED, PUBLIC
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.transactions import run_as_one
from frontdesk.graphql.common.errors import UserError, maybe_id
from frontdesk.graphql.execution.fast_path import object_fields
from graphql import (
    GraphQLError,
    GraphQLResolveInfo,
    GraphQLSchema,
    default_field_resolver,
    get_named_type,
    is_leaf_type,
)

from .policy import ROOT_TYPES, SecurityPolicy, redacted_value, refusal

UNAUTHENTICATED = "UNAUTHENTICATED"


def allowed(principal: Principal | None, permission: str | None) -> bool:
    if permission == PUBLIC:
        return True
    if principal is None or permission is None:
        return False
    return permission == AUTHENTICATED or principal.has(permission)


def property_of(row: Any) -> int | None:
    if isinstance(row, PropertyRow):
        return row.id
    value = getattr(row, "property", None)
    if isinstance(value, Table):
        value = getattr(value, "id", None)
    return value if isinstance(value, int) else None


def visible(principal: Principal | None, value: Any) -> Any:
    """``value`` without rows of properties ``principal`` may not access."""
    if principal is None or principal.property_ids is None:
        return value
    if isinstance(value, list):
        return [item for item in value if visible(principal, item) is not None]
    if isinstance(value, Table) and not principal.can_access(property_of(value)):
        return None
    return value


def _walk(name: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _walk(key, inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(name, inner)
    else:
        yield name, value


def _unencodable_text(kwargs: dict[str, Any]) -> str | None:
    """The name of the first argument holding a string that is not valid Unicode text."""
    for name, value in _walk("", kwargs):
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return name or "input"
    return None


def install_guards(schema: GraphQLSchema, policy: SecurityPolicy) -> int:
    """Put the check on exactly the fields that need one; returns how many.

    As a strawberry extension ``resolve`` would be graphql-core middleware around every
    field of every row, though most fields (a stay's arrival, a guest's name) are scalars
    with no permission of their own: nothing to check and no row to filter. So the check is
    installed at build time on root fields, fields with a permission and fields returning
    objects, and the other fields resolve without it (on the board, most of the 3,900).
    """
    guard = SecurityGuard(policy=policy)
    guarded = 0
    for type_, name, field in object_fields(schema):
        if (
            type_.name not in ROOT_TYPES
            and f"{type_.name}.{name}" not in policy.field_permissions
            and is_leaf_type(get_named_type(field.type))
        ):
            continue
        resolver = field.resolve or default_field_resolver
        if type_.name in ROOT_TYPES:
            field.resolve = _guarded(guard, resolver)
        else:
            field.resolve = _guarded_nested(
                policy.field_permissions.get(f"{type_.name}.{name}"), resolver
            )
        guarded += 1
    return guarded


def _guarded(guard: SecurityGuard, resolver: Callable) -> Callable:
    def resolve(source: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        return guard.resolve(resolver, source, info, **kwargs)

    return resolve


def _guarded_nested(permission: str | None, resolver: Callable) -> Callable:
    """The check of a field below the root, with its permission looked up once at build
    time: on a board this runs for every guest, room and balance of every row."""

    def resolve(source: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        principal = info.context.principal
        if permission is not None and not allowed(principal, permission):
            return redacted_value(info.return_type)
        result = resolver(source, info, **kwargs)
        if inspect.isawaitable(result):
            return _visible_later(principal, result)
        return visible(principal, result)

    return resolve


class SecurityGuard:
    """The checks of one schema's policy on root fields; ``install_guards`` wraps their
    resolvers with ``resolve`` (fields below the root get ``_guarded_nested``). Holds no
    request state (the principal comes from ``info.context``)."""

    def __init__(self, *, policy: SecurityPolicy) -> None:
        self.policy = policy

    async def resolve(
        self, _next: Callable, root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any
    ) -> Any:
        """A root field (Query/Mutation): authentication, permission, scope, audit."""
        parent = info.parent_type.name
        key = f"{parent}.{info.field_name}"
        context = info.context
        principal: Principal | None = context.principal
        permission = self.policy.field_permissions.get(key)
        audited = parent == "Mutation" or key in self.policy.audited_queries
        if principal is None and permission != PUBLIC:
            raise GraphQLError("Authentication required.", extensions={"code": UNAUTHENTICATED})
        unreadable = _unencodable_text(kwargs)
        if unreadable is not None:
            return await self._refuse_text(key, parent, unreadable, audited, context)
        # Looking objects up costs a query each: only for the audit trail or a limited caller.
        limited = principal is not None and principal.property_ids is not None
        scoped = await self._scoped(key, kwargs) if audited or limited else []
        trail = _Trail(self, context, key, scoped) if audited else None
        if not allowed(principal, permission):
            if trail:
                await trail.write("denied", detail=f"lacks {permission}")
            error = UserError(
                code="PERMISSION_DENIED", message=f"This needs the permission {permission}."
            )
            can, value = refusal(self.policy.root_types.get(key), error)
            if parent == "Mutation" and can:
                return value
            raise GraphQLError(
                f"Permission denied: {key} needs {permission}.",
                extensions={"code": "FORBIDDEN", "permission": permission},
            )
        for argument, _label, _id, property_id in scoped:
            if principal is not None and not principal.can_access(property_id):
                if trail:
                    await trail.write("refused:NOT_FOUND", detail=f"{argument} out of scope")
                error = UserError(
                    code="NOT_FOUND", message=f"{argument} does not exist.", field=argument
                )
                can, value = refusal(self.policy.root_types.get(key), error)
                if can:
                    return value
                raise GraphQLError(
                    f"{argument} does not exist.",
                    extensions={"code": "NOT_FOUND", "field": argument},
                )
        try:
            if parent != "Mutation":
                return await _run(_next, root, info, principal, trail, *args, **kwargs)
            # The mutation's writes and its audit record commit together (or not at all).
            return await run_as_one(
                lambda: _run(_next, root, info, principal, trail, *args, **kwargs)
            )
        except Exception as exc:
            if trail:
                await trail.write("error", detail=type(exc).__name__)
            raise

    async def _refuse_text(
        self, key: str, parent: str, argument: str, audited: bool, context: Any
    ) -> Any:
        """A string no database can store (a lone UTF-16 surrogate such as ``"\\ud800"``,
        which JSON lets through) is the client's mistake: INVALID_INPUT on its field."""
        message = f"{argument} is not valid text (it holds a lone UTF-16 surrogate)."
        if audited:
            await _Trail(self, context, key, []).write("refused:INVALID_INPUT", detail=message)
        can, value = refusal(
            self.policy.root_types.get(key),
            UserError(code="INVALID_INPUT", message=message, field=argument),
        )
        if parent == "Mutation" and can:
            return value
        raise GraphQLError(message, extensions={"code": "INVALID_INPUT", "field": argument})

    async def _scoped(
        self, key: str, kwargs: dict[str, Any]
    ) -> list[tuple[str, str, int, int | None]]:
        """(argument, label, id, property id) of every argument of root field ``key`` that
        names an existing scoped object (an unknown id is left to the resolver).

        The owners are looked up in one statement however many objects the arguments name
        (a booking names a room type and a guest): this runs before every mutation."""
        found: list[tuple[str, str, int, int | None]] = []
        lookups: list[tuple[str, Any, int]] = []
        for name, value in _walk("", kwargs):
            scope = self.policy.scope_of(key, name)
            if scope is None or value is None:
                continue
            object_id = maybe_id(value)
            if object_id is None:
                continue
            if scope.table is PropertyRow:
                found.append((name, scope.label, object_id, object_id))
            else:
                lookups.append((name, scope, object_id))
        if lookups:
            owners = await _owners([(scope, object_id) for _name, scope, object_id in lookups])
            for index, (name, scope, object_id) in enumerate(lookups):
                if index in owners:
                    found.append((name, scope.label, object_id, owners[index]))
        return found


#: ``SELECT <owner> AS owner FROM <table> <joins>`` per (table, owner column path, engine).
_OWNER_SELECTS: dict[tuple[type[Table], str, str], str] = {}


def _owner_select(scope: Any, engine_type: str) -> str:
    """The statement that reads the owning property of ``scope``'s table (joins included),
    rendered by piccolo once; the id is added as a parameter per lookup. Building the piccolo
    select for every mutation was a tenth of a booking's CPU."""
    key = (scope.table, scope.column._meta.get_full_name(with_alias=False), engine_type)
    sql = _OWNER_SELECTS.get(key)
    if sql is None:
        rendered = scope.table.select(scope.column.as_alias("owner")).querystrings[0]
        sql, values = rendered.compile_string(engine_type=engine_type)
        if values or "{" in sql or "}" in sql:
            raise ValueError(f"cannot render the owner of {scope.table._meta.tablename}")
        _OWNER_SELECTS[key] = sql
    return sql


async def _owners(lookups: list[tuple[Any, int]]) -> dict[int, int | None]:
    """The owning property of each (scope, id) that exists, by its index in ``lookups``."""
    engine = PropertyRow._meta.db
    parts = []
    for index, (scope, _object_id) in enumerate(lookups):
        table = scope.table._meta
        id_column = f'{table.get_formatted_tablename()}."{table.primary_key._meta.db_column_name}"'
        select = _owner_select(scope, engine.engine_type)
        parts.append(
            f"SELECT {index} AS lookup, owner FROM ({select} WHERE {id_column} = {{}}) AS q{index}"
        )
    records = await engine.run_querystring(
        QueryString(" UNION ALL ".join(parts), *(int(object_id) for _scope, object_id in lookups))
    )
    return {
        row["lookup"]: row["owner"] for row in engine.transform_response_to_dicts(records or [])
    }


async def _run(
    _next: Callable,
    root: Any,
    info: GraphQLResolveInfo,
    principal: Principal | None,
    trail: _Trail | None,
    *args: Any,
    **kwargs: Any,
) -> Any:
    result = _next(root, info, *args, **kwargs)
    if inspect.isawaitable(result):
        result = await result
    result = visible(principal, result)
    if trail:
        await trail.finish(result)
    return result


async def _visible_later(principal: Principal | None, pending: Any) -> Any:
    return visible(principal, await pending)


class _Trail:
    """The audit record of one root field."""

    def __init__(
        self,
        extension: SecurityGuard,
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
                    self.property_id = property_of(value)
        if errors:
            await self.write(f"refused:{errors[0].code}", detail=errors[0].message[:200])
        else:
            await self.write("ok")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)
