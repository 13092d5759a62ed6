"""Guest e-mail tests: a real SMTP server (aiosmtpd) on 127.0.0.1 receives what the plugin
sends; the server's own sender idles (tests drive passes with their own clock)."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from frontdesk.core.settings import Settings


class Inbox:
    """Every message the SMTP server accepted, parsed; ``refuse`` makes it answer 451."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.refuse:
            return "451 Try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_port() -> int:
    return _free_port()


@pytest.fixture
def inbox(smtp_port):
    from aiosmtpd.controller import Controller

    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    box.controller = controller
    yield box
    controller.stop()


@pytest.fixture
def enabled_plugins():
    return ["guest_mail"]


@pytest.fixture
def settings(database_url, enabled_plugins, smtp_port) -> Settings:
    return Settings(
        database_url=database_url,
        plugins=enabled_plugins,
        dev_mode=True,
        connection_pool=False,
        extra={
            "guest_mail.poll_seconds": 3600.0,
            "smtp.host": "127.0.0.1",
            "smtp.port": smtp_port,
            "smtp.from": "desk@hotel.test",
            "smtp.timeout_seconds": 5.0,
            "guest_mail.lease_seconds": 30.0,
            "guest_mail.retry_cap_seconds": 60.0,
        },
    )


@pytest.fixture
def in_app(http):
    """Run a coroutine function on the app's event loop (see the bridge's conftest)."""
    import asyncio
    import functools

    async def run(fn, *args, **kwargs):
        call = functools.partial(fn, *args, **kwargs)
        return await asyncio.to_thread(http.blocking_portal.call, call)

    return run
