"""The Litestar application: POST /graphql (GraphiQL in dev mode), the WebSocket for
subscriptions, GET /health, /ready and /metrics, and the plugins' routes under /plugins/.

The assembly lives in the composition root, above graphql: graphql owns the schema and the
HTTP pieces of the API (controller behaviour, security middleware, metrics); this module
wires them to the runtime and the plugins. A broken plugin makes :func:`create_app` raise
``frontdesk.core.plugins.BrokenPlugin`` naming it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

import msgspec
from litestar import Litestar, Request, get
from litestar.datastructures import State
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import DefineMiddleware
from litestar.types import Scope
from strawberry.litestar import make_graphql_controller

from frontdesk.core import bootstrap, db, runtime
from frontdesk.core.auth.roles import sync_builtin_roles
from frontdesk.core.night_audit.schedule import scheduler_loop
from frontdesk.core.plugin_state import state as plugin_state
from frontdesk.core.plugins import flatten
from frontdesk.core.runtime import Runtime
from frontdesk.core.settings import Settings
from frontdesk.graphql.common.context import Context
from frontdesk.graphql.http.availability_of_database import (
    RETRY_AFTER_SECONDS,
    handle_unavailable,
    is_unavailable_answer,
    ready,
    unavailable_exception_types,
)
from frontdesk.graphql.http.graphiql import DEV_LOGIN_HINT, graphiql_assets_router, graphiql_html
from frontdesk.graphql.http.known_post import KnownDocumentPost
from frontdesk.graphql.http.metrics import (
    Metrics,
    MetricsMiddleware,
    metrics_handler,
    operation_metrics,
)
from frontdesk.graphql.http.request_log import (
    REQUEST_ID_KEY,
    RequestIdMiddleware,
    configure_json_logging,
)
from frontdesk.graphql.http.trusted_view import (
    TrustedDocumentsView,
    fresh_response,
    without_thread_hop,
)
from frontdesk.graphql.live.server import (
    CONNECTION_INIT_TIMEOUT,
    SUBSCRIPTION_PROTOCOLS,
    Live,
    LiveConnection,
)
from frontdesk.graphql.schema import build_schema
from frontdesk.graphql.security.cors import cors_config
from frontdesk.graphql.security.middleware import PRINCIPAL_KEY, SecurityMiddleware
from frontdesk.graphql.security.rate_limit_stores import BUCKET_TABLE, make_rate_limiter

from .known_documents import register_known_documents
from .plugin_routes import PLUGIN_PREFIX, home_handler, plugin_routers

log = logging.getLogger("frontdesk.server")


class UnmigratedDatabase(RuntimeError):
    pass


#: The name every background task of the server starts with (its lifespan's loops).
BACKGROUND_TASK_PREFIX = "frontdesk background: "


def sent_for_a_request(statement: str) -> bool:
    """Whether ``statement``, being sent now, counts as the current request's: not one of
    the server's background tasks (the plugins' state read once a second, the accounting
    worker, the scheduler), nor the rate limit's shared bucket on PostgreSQL, whose tokens a
    busy caller takes a lease at a time, so that whether a request sends it depends on the
    ones before it (tests/security/test_rate_limit_leases.py pins it). The statement counts
    of the tests and of the bench's scenario both use it."""
    task = asyncio.current_task()
    if task is not None and task.get_name().startswith(BACKGROUND_TASK_PREFIX):
        return False
    return BUCKET_TABLE not in statement


def _name_of(task: Callable[..., Any]) -> str:
    return f"{getattr(task, '__module__', '')}.{getattr(task, '__qualname__', task)}"


def create_app(settings: Settings | None = None, *, check_migrations: bool = True) -> Litestar:
    """Build the server for ``settings``: runtime, schema from core and enabled plugins, app."""
    settings = settings or Settings.from_env()
    if settings.log_format == "json":
        configure_json_logging()
    rt = bootstrap.start(settings)
    metrics = Metrics()
    schema = build_schema(
        rt.plugin_manager,
        dev_mode=settings.dev_mode,
        settings=settings,
        extra_extensions=[operation_metrics(metrics)],
    )
    register_known_documents(schema, settings)
    live = Live(rt)  # subscriptions over WebSocket (graphql/live/server.py)
    return Litestar(
        route_handlers=[
            _graphql_controller(schema, settings),
            _health(rt),
            ready,
            metrics_handler(metrics, rt),
            home_handler(rt.plugin_manager),
            *plugin_routers(rt.plugin_manager, settings),
            *([graphiql_assets_router()] if settings.dev_mode else []),
        ],
        cors_config=cors_config(settings),
        lifespan=[_lifespan(rt, live, check_migrations=check_migrations)],
        state=State({"runtime": rt, "schema": schema, "live_broker": live.broker}),
        middleware=_middleware(rt, metrics, schema),
        request_max_body_size=settings.max_body_bytes,
        # Litestar's default logging config replaces the root handler: keep the JSON one
        **({"logging_config": None} if settings.log_format == "json" else {}),
        exception_handlers=dict.fromkeys(unavailable_exception_types(), handle_unavailable),
        debug=False,
    )


def _graphql_controller(schema: Any, settings: Settings) -> type:
    """POST /graphql and the subscriptions' WebSocket, answering with msgspec and GraphiQL
    from this package's assets."""

    context_getter = _context_getter(settings)

    base_controller = make_graphql_controller(
        schema,
        path="/graphql",
        graphql_ide="graphiql" if settings.dev_mode else None,
        allow_queries_via_get=False,
        context_getter=context_getter,
        subscription_protocols=SUBSCRIPTION_PROTOCOLS,
        connection_init_wait_timeout=CONNECTION_INIT_TIMEOUT,
    )

    class GraphQLController(  # type: ignore[valid-type,misc]
        TrustedDocumentsView, LiveConnection, base_controller
    ):
        trusted_documents = schema.trusted_documents
        dependencies = without_thread_hop(base_controller.dependencies)

        def encode_json(self, data: object) -> bytes:
            """msgspec (Litestar's own encoder) instead of strawberry's ``json.dumps``:
            a 150-row board is 60 kB of JSON, and the standard library spent 3 % of the
            request's CPU on it (docs/performance.md)."""
            return msgspec.json.encode(data)

        @property
        def graphql_ide_html(self) -> str:
            """GraphiQL from this package's vendored assets (strawberry's page uses a CDN)."""
            return graphiql_html()

        def create_response(self, response_data, sub_response):  # type: ignore[no-untyped-def]
            """An answer that could not reach the database is a 503 with Retry-After."""
            response = super().create_response(response_data, sub_response)
            if is_unavailable_answer(response_data):
                response.status_code = 503
                response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response

    return GraphQLController


def _context_getter(settings: Settings) -> Callable[[Scope], Any]:
    """The GraphQL context of a request: settings, the caller, the request id."""

    async def context_getter(scope: Scope) -> Context:
        principal = scope.get(PRINCIPAL_KEY)  # set by SecurityMiddleware (HTTP only)
        actor = principal.actor if principal is not None else None
        request_id = scope.get(REQUEST_ID_KEY)  # set by RequestIdMiddleware
        extra = {"request_id": request_id} if request_id else {}
        return Context(settings=settings, principal=principal, actor=actor, **extra)

    return context_getter


def _lean_post(schema: Any, settings: Settings) -> list[Any]:
    """The lean POST of trusted documents (graphql/http/known_post.py), with the shortcuts."""
    if not settings.execution_shortcuts:
        return []
    context_getter = _context_getter(settings)

    async def context_for(scope: Scope, request: Request) -> Context:
        # What strawberry's controller adds to the context (login reads the client address).
        context = await context_getter(scope)
        context.request, context.response = request, fresh_response()
        return context

    return [DefineMiddleware(KnownDocumentPost, schema=schema, context_for=context_for)]


def _health(rt: Runtime) -> HTTPRouteHandler:
    @get("/health", sync_to_thread=False)
    def health() -> dict[str, object]:
        return {
            "status": "ok",
            "process": os.getpid(),
            "plugins": rt.enabled_plugins,
            "pluginFailures": dict(rt.plugin_failures),
        }

    return health


def _lifespan(
    rt: Runtime, live: Live, *, check_migrations: bool
) -> Callable[[Litestar], contextlib.AbstractAsyncContextManager[None]]:
    """Open the database (refusing one with unapplied migrations), start live events, the
    plugins' background tasks and the night-audit scheduler; undo it all on shutdown."""
    settings = rt.settings

    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        runtime.install(rt)
        await db.start_pool(rt.engine, enabled=settings.connection_pool)
        if check_migrations:
            pending = await bootstrap.pending_migrations(rt)
            if pending:
                await db.close_pool(rt.engine)
                apps = ", ".join(sorted(pending))
                raise UnmigratedDatabase(
                    f"The database has unapplied migrations ({apps}). Run: frontdesk migrate"
                )
        await sync_builtin_roles(rt.plugin_manager)
        await _report_uninstalled_plugins()
        await live.start()
        await plugin_state.reload(rt)
        # named, so that what a request costs can be told from what runs beside it
        # (tests/support/statements.py)
        tasks = [
            asyncio.create_task(
                plugin_state.refresh_loop(rt, log),
                name=f"{BACKGROUND_TASK_PREFIX}{plugin_state.REFRESH_TASK_NAME}",
            )
        ]
        tasks += [
            asyncio.create_task(task(), name=BACKGROUND_TASK_PREFIX + _name_of(task))
            for task in flatten(
                rt.plugin_manager.hook.frontdesk_background_tasks(settings=settings)
            )
        ]
        if settings.scheduler_seconds > 0:
            scheduler = scheduler_loop(settings.scheduler_seconds)
            tasks.append(
                asyncio.create_task(scheduler, name=f"{BACKGROUND_TASK_PREFIX}night audit")
            )
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            await live.stop()
            await db.close_pool(rt.engine)

    return lifespan


async def _report_uninstalled_plugins() -> None:
    """A plugin package removed while its tables hold data: a plain warning at start-up
    (the data stays; reinstalling the package brings it back), never a traceback."""
    from frontdesk.core.plugin_state.report import orphan_message, orphaned_apps

    for app, rows in (await orphaned_apps()).items():
        log.warning(orphan_message(app, rows))


def _middleware(rt: Runtime, metrics: Metrics, schema: Any) -> list[Any]:
    """Request ids, metrics, then security: body size, authentication (for /graphql and the
    plugins' routes alike), rate limits, the request budget and idempotency."""
    settings = rt.settings
    policy = schema.security_policy
    return [
        RequestIdMiddleware,
        DefineMiddleware(MetricsMiddleware, metrics=metrics),
        DefineMiddleware(
            SecurityMiddleware,
            max_body_bytes=settings.max_body_bytes,
            limiter=make_rate_limiter(
                settings.rate_limit_store, settings.rate_limit_per_minute, rt.engine
            ),
            budget_seconds=settings.request_budget_ms / 1000,
            lease=timedelta(seconds=settings.idempotency_lease_seconds),
            public_fields=frozenset(
                key for key, value in policy.field_permissions.items() if value == "public"
            ),
            plugin_prefix=PLUGIN_PREFIX + "/",
            unauthenticated_hint=DEV_LOGIN_HINT if settings.dev_mode else "",
            document_text=schema.trusted_documents.text_for,
        ),
        *_lean_post(schema, settings),
    ]
