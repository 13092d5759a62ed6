"""When the database is away: 503 with ``Retry-After`` and the code ``UNAVAILABLE`` instead of
a 500, a readiness endpoint that says so, and nothing to do when it returns (the pool
reconnects by itself).

A load balancer takes a process out of rotation while ``/ready`` fails; ``/health`` stays a
liveness check (the process is up), so the orchestrator does not restart a healthy process
because PostgreSQL restarted."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from litestar import Request, Response, get
from strawberry.extensions import SchemaExtension

from frontdesk.core import db, runtime
from graphql import GraphQLError

log = logging.getLogger("frontdesk.server")
RETRY_AFTER_SECONDS = 5
MESSAGE = "The database is unavailable; try again in a few seconds."
CODE = "UNAVAILABLE"


def unavailable_body() -> dict[str, Any]:
    return {"data": None, "errors": [{"message": MESSAGE, "extensions": {"code": CODE}}]}


def unavailable_response() -> Response:
    return Response(
        unavailable_body(),
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        media_type="application/json",
    )


class DatabaseUnavailable(SchemaExtension):
    """A resolver that could not reach the database makes the whole answer ``UNAVAILABLE``
    (the server turns it into HTTP 503): a partial answer would look like missing data."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None) or []
        if any(db.is_unavailable(error.original_error) for error in errors):
            log.warning("database unavailable while answering a request")
            result.data = None
            result.errors = [GraphQLError(MESSAGE, extensions={"code": CODE})]


def is_unavailable_answer(response_data: Any) -> bool:
    """True for a GraphQL answer that DatabaseUnavailable produced."""
    if not isinstance(response_data, dict):
        return False
    errors = response_data.get("errors") or []
    return bool(errors) and all(
        (error.get("extensions") or {}).get("code") == CODE for error in errors
    )


def unavailable_exception_types() -> list[type[Exception]]:
    """The exception types that may mean "the database is away" (each checked again by
    ``db.is_unavailable`` before the answer is a 503)."""
    import sqlite3

    import asyncpg

    return [OSError, asyncpg.PostgresError, asyncpg.InterfaceError, sqlite3.OperationalError]


def handle_unavailable(request: Request, exc: Exception) -> Response:
    """Litestar exception handler: a database error outside GraphQL execution (the
    credential lookup, an idempotency record, a plugin route) is a 503 too; anything else
    stays the server error it is."""
    if db.is_unavailable(exc):
        log.warning("database unavailable: %s", type(exc).__name__)
        return unavailable_response()
    log.error("unexpected error", exc_info=exc)
    return Response(
        {
            "data": None,
            "errors": [{"message": "Internal Server Error", "extensions": {"code": "INTERNAL"}}],
        },
        status_code=500,
        media_type="application/json",
    )


@get("/ready", include_in_schema=False)
async def ready() -> Response:
    """Readiness: 200 when a database round trip succeeds, 503 otherwise."""
    try:
        await db.ping(runtime.current().engine)
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        log.warning("not ready: %s", type(exc).__name__)
        return Response(
            {"status": "unavailable", "reason": MESSAGE},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return Response({"status": "ready"})
