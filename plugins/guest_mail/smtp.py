"""Sending the e-mail channel of the shared outbox over SMTP, and the server's sender task.

Each message goes out as multipart/alternative (text and HTML), in multipart/mixed with the
invoice PDF when it carries one. Its Message-ID is the outbox message id, the same on every
attempt. A claim (core/outbox/claims.py) keeps two senders from sending it at once; a
refused recipient (5xx) gives the message up, anything else is retried with backoff.
"""

from __future__ import annotations

import asyncio
import json
import smtplib
from email.message import EmailMessage
from email.utils import formatdate

from frontdesk.api import invoice_pdf
from frontdesk.api.outbox import Outcome, queue
from frontdesk.api.tables import OutboxMessage

from . import settings as s
from .compose import CHANNEL


async def build(message: OutboxMessage) -> EmailMessage:
    data = json.loads(message.payload)
    mail = EmailMessage()
    mail["From"] = s.setting(s.SMTP_FROM)
    mail["To"] = data["to"]
    mail["Subject"] = data["subject"]
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = f"<{message.message_id}@frontdesk>"
    mail["Content-Language"] = data["language"]
    mail.set_content(data["text"])
    mail.add_alternative(data["html"], subtype="html")
    for attachment in data.get("attachments", []):
        pdf = await invoice_pdf(int(attachment["invoiceId"]))
        mail.add_attachment(
            pdf, maintype="application", subtype="pdf", filename=attachment["filename"]
        )
    return mail


def _send_blocking(mail: EmailMessage) -> None:
    host, port = s.setting(s.SMTP_HOST), int(s.setting(s.SMTP_PORT))
    timeout = float(s.setting(s.SMTP_TIMEOUT))
    security = str(s.setting(s.SMTP_SECURITY)).lower()
    smtp_class = smtplib.SMTP_SSL if security == "tls" else smtplib.SMTP
    with smtp_class(host, port, timeout=timeout) as client:
        if security == "starttls":
            client.starttls()
        if s.setting(s.SMTP_USERNAME):
            client.login(s.setting(s.SMTP_USERNAME), s.setting(s.SMTP_PASSWORD))
        client.send_message(mail)


async def send(message: OutboxMessage) -> Outcome:
    """One attempt; never raises for a failed delivery."""
    mail = await build(message)
    try:
        await asyncio.to_thread(_send_blocking, mail)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        kind = "disable" if codes and all(c >= 500 for c in codes) else "retry"
        return Outcome(kind, None, f"recipient refused: {exc.recipients}")
    except smtplib.SMTPResponseException as exc:
        kind = "disable" if exc.smtp_code >= 500 and exc.smtp_code != 554 else "retry"
        return Outcome(kind, None, f"SMTP {exc.smtp_code}: {exc.smtp_error!r}")
    except (smtplib.SMTPException, OSError) as exc:
        return Outcome("retry", None, f"{type(exc).__name__}: {exc}")
    return Outcome("delivered")


async def deliver_due(**kwargs) -> queue.DeliveryReport:
    """One pass over the due e-mails (``kwargs``: ``now``, ``worker``, ``batch``)."""
    return await queue.deliver_due(CHANNEL, send, policy=s.policy(), **kwargs)


async def sending_loop() -> None:
    """Run until cancelled: core's delivery loop over the e-mail channel."""
    await queue.delivery_loop(deliver_due, lambda: float(s.setting(s.POLL_SECONDS)), "e-mail")
