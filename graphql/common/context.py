"""The per-request context: settings, loaders and who is asking."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from strawberry.litestar import BaseContext

from frontdesk.core.settings import Settings

from .loaders import Loaders


class Context(BaseContext, kw_only=True):
    settings: Settings
    loaders: Loaders = msgspec.field(default_factory=Loaders)
    actor: str | None = None
    request_id: str = msgspec.field(default_factory=lambda: uuid.uuid4().hex)
    principal: Any = None
    # The graphql-transport-ws ``connection_init`` payload (subscriptions; graphql/live/).
    connection_params: Any = None


def info_context(info: Any) -> Context:
    return info.context
