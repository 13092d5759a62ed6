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

from piccolo.table import Table

from frontdesk.core.auth.principal import Principal
from frontdesk.core.auth.registry import AUTHENTICATED, PUBLIC
from frontdesk.core.properties.tables import Property as PropertyRow
from frontdesk.core.request_rows import remembering
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

from . import plugin_gate
from .audit_trail import Trail
from .owners import owners as _owners
from .policy import (
    CANNOT_REDACT,
    ROOT_TYPES,
    SecurityPolicy,
    payload_refusal,
    redacted_value,
    refusal,
)

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
    tables = policy.plugins.tables
    for type_, name, field in object_fields(schema):
        key = f"{type_.name}.{name}"
        owner = policy.plugins.owner(key) if type_.name not in ROOT_TYPES else None
        if (
            type_.name not in ROOT_TYPES
            and key not in policy.field_permissions
            and owner is None
            and is_leaf_type(get_named_type(field.type))
        ):
            continue
        resolver = field.resolve or default_field_resolver
        if type_.name in ROOT_TYPES:
            field.resolve = _guarded(guard, resolver)
        else:
            field.resolve = _guarded_nested(
                policy.field_permissions.get(key), resolver, tables, owner, field.type
            )
        guarded += 1
    return guarded


def _guarded(guard: SecurityGuard, resolver: Callable) -> Callable:
    def resolve(source: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        return guard.resolve(resolver, source, info, **kwargs)

    return resolve


def _guarded_nested(
    permission: str | None,
    resolver: Callable,
    tables: dict[type, str],
    owner: str | None,
    graphql_type: Any,
) -> Callable:
    """The check of a field below the root, with its permission looked up once at build
    time: on a board this runs for every guest, room and balance of every row. A field a
    plugin added (``owner``) shows nothing for an object of a property the plugin is off
    for; rows of a plugin's tables are left out where the plugin is off (plugin_gate.py)."""

    def resolve(source: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        principal = info.context.principal
        if permission is not None and not allowed(principal, permission):
            return redacted_value(info.return_type)
        if owner is not None and plugin_gate.off_for_object(owner, source):
            return _nothing(graphql_type, owner)
        result = resolver(source, info, **kwargs)
        if inspect.isawaitable(result):
            return _visible_later(principal, result, tables)
        return plugin_gate.keep(tables, visible(principal, result))

    # Read by the compiled plans (graphql/execution/plan.py), which decide the permission once
    # per request and call the resolver inside straight.
    resolve.guard_permission = permission  # type: ignore[attr-defined]
    resolve.guarded_resolver = resolver  # type: ignore[attr-defined]
    return resolve


def _nothing(graphql_type: Any, owner: str) -> Any:
    value = redacted_value(graphql_type)
    if value is CANNOT_REDACT:
        raise GraphQLError(
            f"The {owner} plugin is turned off for this object's property.",
            extensions={"code": plugin_gate.PLUGIN_DISABLED},
        )
    return value


class SecurityGuard:
    """The checks of one schema's policy on root fields; ``install_guards`` wraps their
    resolvers with ``resolve`` (fields below the root get ``_guarded_nested``). Holds no
    request state (the principal comes from ``info.context``)."""

    def __init__(self, *, policy: SecurityPolicy) -> None:
        self.policy = policy

    async def resolve(
        self, _next: Callable, root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any
    ) -> Any:
        """A root field (Query/Mutation): authentication, permission, scope, audit.

        A mutation runs with a memo of the rows its scope check read (``core.request_rows``):
        mutations run one at a time in the request's task, so the memo is this field's
        alone; a query's root fields run concurrently and get none."""
        if info.parent_type.name != "Mutation":
            return await self._resolve(_next, root, info, *args, **kwargs)
        with remembering():
            return await self._resolve(_next, root, info, *args, **kwargs)

    async def _resolve(
        self, _next: Callable, root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any
    ) -> Any:
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
        trail = Trail(self, context, key, scoped) if audited else None
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
        error = await self._plugin_off(key, kwargs, scoped if audited or limited else None)
        if error is not None:
            return await self._refuse_plugin(key, parent, error, trail)
        return await self._execute(_next, root, info, principal, trail, *args, **kwargs)

    async def _plugin_off(
        self, key: str, kwargs: dict[str, Any], scoped: list | None
    ) -> UserError | None:
        """PLUGIN_DISABLED when root field ``key`` belongs to a plugin that is off for the
        property its arguments name (or everywhere); the state is read again first when it is
        older than its delay, and the nested fields below read it as of now."""
        await plugin_gate.refresh()
        plugin = self.policy.plugins.owner(key)
        if plugin is None or not await plugin_gate.might_refuse(plugin):
            return None
        if scoped is None:
            scoped = await self._scoped(key, kwargs)
        return await plugin_gate.refusal_of(plugin, scoped)

    async def _execute(
        self,
        _next: Callable,
        root: Any,
        info: GraphQLResolveInfo,
        principal: Principal | None,
        trail: Trail | None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        tables = self.policy.plugins.tables
        try:
            if info.parent_type.name != "Mutation":
                return await _run(_next, root, info, principal, trail, tables, *args, **kwargs)
            # The mutation's writes and its audit record commit together (or not at all).
            return await run_as_one(
                lambda: _run(_next, root, info, principal, trail, tables, *args, **kwargs)
            )
        except Exception as exc:
            if trail:
                await trail.write("error", detail=type(exc).__name__)
            raise

    async def _refuse_plugin(
        self, key: str, parent: str, error: UserError, trail: Trail | None
    ) -> Any:
        """PLUGIN_DISABLED: in the payload when the field has ``errors``, else as an error."""
        if trail:
            await trail.write(f"refused:{error.code}", detail=error.message)
        can, value = payload_refusal(self.policy.root_types.get(key), error)
        if can:
            return value
        extensions = {"code": error.code, **({"field": error.field} if error.field else {})}
        raise GraphQLError(error.message, extensions=extensions)

    async def _refuse_text(
        self, key: str, parent: str, argument: str, audited: bool, context: Any
    ) -> Any:
        """A string no database can store (a lone UTF-16 surrogate such as ``"\\ud800"``,
        which JSON lets through) is the client's mistake: INVALID_INPUT on its field."""
        message = f"{argument} is not valid text (it holds a lone UTF-16 surrogate)."
        if audited:
            await Trail(self, context, key, []).write("refused:INVALID_INPUT", detail=message)
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
        (a booking names a room type and a guest): this runs before every mutation. Where it
        reads the objects' whole rows (``owners``), a mutation's service takes them instead of
        reading them again (``resolve`` opens the memo, ``core.request_rows``)."""
        found: list[tuple[str, str, int, int | None]] = []
        lookups: list[tuple[str, Any, int]] = []
        property_ids: list[int] = []
        for name, value in _walk("", kwargs):
            scope = self.policy.scope_of(key, name)
            if scope is None or value is None:
                continue
            object_id = maybe_id(value)
            if object_id is None:
                continue
            if scope.table is PropertyRow:
                found.append((name, scope.label, object_id, object_id))
                property_ids.append(object_id)
            else:
                lookups.append((name, scope, object_id))
        if lookups:
            owners = await _owners(
                [(scope, object_id) for _name, scope, object_id in lookups], property_ids
            )
            for index, (name, scope, object_id) in enumerate(lookups):
                if index in owners:
                    found.append((name, scope.label, object_id, owners[index]))
        return found


async def _run(
    _next: Callable,
    root: Any,
    info: GraphQLResolveInfo,
    principal: Principal | None,
    trail: Trail | None,
    tables: dict[type, str],
    *args: Any,
    **kwargs: Any,
) -> Any:
    result = _next(root, info, *args, **kwargs)
    if inspect.isawaitable(result):
        result = await result
    result = visible(principal, result)
    if tables:
        result = plugin_gate.keep(tables, result)
    if trail:
        await trail.finish(result)
    return result


async def _visible_later(
    principal: Principal | None, pending: Any, tables: dict[type, str] | None = None
) -> Any:
    value = visible(principal, await pending)
    return plugin_gate.keep(tables, value) if tables else value
