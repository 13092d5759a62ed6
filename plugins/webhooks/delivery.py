"""Sending the webhook channel of the shared outbox: each message signed with its endpoint's
secret (Standard Webhooks; ``webhook-id`` is the message id, the same on every attempt), and
the server's background deliverer. Claims and retries are the shared outbox's (core/outbox).
"""

from __future__ import annotations

from frontdesk.api import run_write
from frontdesk.api.outbox import ForbiddenTarget, Outcome, queue, send_webhook
from frontdesk.api.tables import OutboxMessage

from . import settings
from .events import CHANNEL
from .tables import WebhookEndpoint


async def _disable(endpoint_id: int, reason: str) -> None:
    async def change() -> None:
        await WebhookEndpoint.update(
            {WebhookEndpoint.enabled: False, WebhookEndpoint.disabled_reason: reason[:250]}
        ).where(WebhookEndpoint.id == endpoint_id)

    await run_write(change, conflict_message="The endpoint changed concurrently.")


async def send(message: OutboxMessage) -> Outcome:
    """One attempt. A deleted endpoint gives the message up; a disabled one keeps it waiting
    (it flows again once re-enabled); a 410 Gone disables the endpoint."""
    import httpx

    endpoint = (
        await WebhookEndpoint.objects().where(WebhookEndpoint.id == int(message.target)).first()
    )
    if endpoint is None:
        return Outcome("disable", None, "the endpoint was deleted")
    if not endpoint.enabled:
        return Outcome("retry", None, "the endpoint is disabled")
    try:
        await settings.check_target(endpoint.url)  # its name may resolve elsewhere by now
    except ForbiddenTarget as refused:
        await _disable(endpoint.id, refused.message)
        return Outcome("disable", None, refused.message)
    async with httpx.AsyncClient() as client:
        outcome = await send_webhook(
            client,
            endpoint.url,
            endpoint.secret,
            message.message_id,
            message.payload.encode(),
            timeout=float(settings.setting(settings.TIMEOUT)),
        )
    if outcome.kind == "disable":
        await _disable(endpoint.id, outcome.error or "disabled")
    return outcome


async def deliver_due(**kwargs) -> queue.DeliveryReport:
    """One pass over the due webhook messages (``kwargs``: ``now``, ``worker``, ``batch``)."""
    return await queue.deliver_due(CHANNEL, send, policy=settings.policy(), **kwargs)


async def delivery_loop() -> None:
    """Run until cancelled: core's delivery loop over the webhook channel (every server
    process may run it; claims keep a message from being sent twice at once)."""
    await queue.delivery_loop(
        deliver_due, lambda: float(settings.setting(settings.POLL_SECONDS)), "webhook"
    )
