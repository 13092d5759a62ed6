"""The server side of live subscriptions: WebSocket authentication, trusted documents on the
socket, and the broker's life.

Kept out of app.py so the application assembly gains a few lines only (docs/live.md).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)

from frontdesk.core.auth.authenticate import principal_for_bearer
from frontdesk.core.runtime import Runtime
from frontdesk.graphql.execution.trusted import DocumentRefused

from .broker import Broker, LiveRelay, make_broker
from .schema import bearer_of

#: graphql-transport-ws only: the legacy graphql-ws protocol has no place for our checks.
SUBSCRIPTION_PROTOCOLS = (GRAPHQL_TRANSPORT_WS_PROTOCOL,)
#: An unauthenticated socket waits this long for ``connection_init`` before it is closed (4408).
CONNECTION_INIT_TIMEOUT = timedelta(seconds=10)
RELAY_NAME = "frontdesk.live"


class TrustedSubscribe(BaseGraphQLTransportWSHandler):
    """graphql-transport-ws with the trusted documents of POST /graphql: a ``subscribe`` may
    name a known document by hash (``documentId`` or Apollo's ``persistedQuery``), and with
    FRONTDESK_TRUSTED_DOCUMENTS_ONLY an unknown text is refused like over HTTP (an ``error``
    message whose code is ``DOCUMENT_NOT_TRUSTED``): a stolen credential gets no arbitrary
    subscription either."""

    async def handle_subscribe(self, message: Any) -> None:
        payload = message.get("payload")
        if self.connection_acknowledged and isinstance(payload, dict):
            try:
                message = {**message, "payload": self.view.trusted_documents.resolve(payload)}
            except DocumentRefused as refused:
                errors = [{"message": str(refused), "extensions": {"code": refused.code}}]
                await self.send_message({"id": message["id"], "type": "error", "payload": errors})
                return
        await super().handle_subscribe(message)


class LiveConnection:
    """Mixed into the GraphQL controller: ``connection_init`` must carry a valid bearer
    credential (``{"Authorization": "Bearer …"}``), else the socket closes with 4403; a
    ``subscribe`` goes through the trusted documents (``TrustedSubscribe``)."""

    graphql_transport_ws_handler_class = TrustedSubscribe

    async def on_ws_connect(self, context: Any) -> dict[str, object] | None:
        principal = await principal_for_bearer(bearer_of(context.connection_params))
        if principal is None:
            raise ConnectionRejectionError({"message": "Authentication required."})
        context.principal = principal
        context.actor = principal.actor
        return None


class Live:
    """The process's broker, wired to the runtime's committed events while the app runs."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.broker: Broker = make_broker(rt.engine)

    async def start(self) -> None:
        await self.broker.start()
        pm = self.rt.plugin_manager
        if pm.get_plugin(RELAY_NAME) is None:
            pm.register(LiveRelay(self.broker), name=RELAY_NAME)

    async def stop(self) -> None:
        pm = self.rt.plugin_manager
        relay = pm.get_plugin(RELAY_NAME)
        if relay is not None:
            pm.unregister(relay)
        await self.broker.stop()
