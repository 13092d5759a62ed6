"""Structured logs: one JSON object per line with the request id, so a log line, a client's
error (``requestId``) and an access line can be joined (``FRONTDESK_LOG_FORMAT=json``).

The request id comes from the client's ``X-Request-Id`` (when it is a short token) or is made
here; it is echoed in the response header and carried by the GraphQL context."""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime
from typing import Any

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar(
    "frontdesk_request_id", default="-"
)
REQUEST_ID_KEY = "frontdesk_request_id"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_for(scope: dict[str, Any]) -> str:
    """The id of this request: the client's X-Request-Id if it is a sane token, else new."""
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _SAFE_ID.match(candidate):
                return candidate
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets the request id for logs and the GraphQL context, and echoes it to the client."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_for(scope)
        scope[REQUEST_ID_KEY] = request_id
        token = REQUEST_ID.set(request_id)

        async def with_header(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, with_header)
        finally:
            REQUEST_ID.reset(token)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "requestId": REQUEST_ID.get(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_json_logging(level: int = logging.INFO) -> None:
    """Every logger (Frontdesk's, uvicorn's access and error logs) writes JSON lines."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
