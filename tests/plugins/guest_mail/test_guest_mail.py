"""Guest e-mail: queued with the change, in the guest's language, sent over SMTP to a real
server on 127.0.0.1 as text + HTML (the invoice attached as PDF), retried, never twice."""

from __future__ import annotations

import asyncio
import subprocess
from datetime import UTC, datetime, timedelta

from support.hotel import book, build_hotel
from support.invoiced_stay import TOTAL, invoiced_stay

from frontdesk.plugins.guest_mail import smtp, templates


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC) + timedelta(seconds=1)

    def advance(self, seconds: float = 120) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def _parts(mail) -> list[str]:
    return [part.get_content_type() for part in mail.walk()]


async def test_a_booking_confirmation_goes_out_once_in_the_guests_language(gql, inbox, in_app):
    hotel = await build_hotel(gql)
    await gql.ok("updateGuest", {"guestId": hotel.guests[0], "language": "de"}, "guest { id }")
    day = hotel.business_date
    stay = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]
    clock = Clock()
    assert (await in_app(smtp.deliver_due, now=clock.advance())).delivered == 1
    assert (await in_app(smtp.deliver_due, now=clock.advance())).delivered == 0

    [mail] = inbox.messages
    assert mail["To"] == "guest0@example.org" and mail["From"] == "desk@hotel.test"
    assert mail["Subject"] == f"Ihre Buchung im Hotel HQ: {stay['confirmationCode']}"
    assert _parts(mail) == ["multipart/alternative", "text/plain", "text/html"]
    text = mail.get_body(("plain",)).get_content()
    assert "Guten Tag Guest0 Family0" in text and day.isoformat() in text
    assert "<p>Guten Tag Guest0 Family0" in mail.get_body(("html",)).get_content()


async def test_the_invoice_after_check_out_is_attached_as_pdf(gql, inbox, in_app):
    invoiced = await invoiced_stay(gql, language="es")
    await in_app(smtp.deliver_due, now=Clock().advance())
    [invoice_mail] = [m for m in inbox.messages if "factura" in m["Subject"]]
    assert invoice_mail["Subject"] == f"Su factura {invoiced.invoice_number} de Hotel HQ"
    assert _parts(invoice_mail) == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/pdf",
    ]
    [pdf] = [p for p in invoice_mail.iter_attachments()]
    assert pdf.get_filename() == f"invoice-{invoiced.invoice_number}.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=pdf.get_content(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert f"Invoice {invoiced.invoice_number}" in text and TOTAL in text
    assert "Hauptstraße 5" in text


async def test_the_night_audit_queues_the_pre_arrival_mail(gql, inbox, in_app):
    hotel = await build_hotel(gql)
    await gql.ok("updateGuest", {"guestId": hotel.guests[1], "language": "vi"}, "guest { id }")
    day = hotel.business_date
    await book(gql, hotel, day + timedelta(days=3), day + timedelta(days=4), guest=1)
    await gql.ok("runNightAudit", {"propertyId": hotel.property_id}, "report { status }")
    await in_app(smtp.deliver_due, now=Clock().advance())
    subjects = [m["Subject"] for m in inbox.messages]
    assert subjects.count("Hẹn sớm gặp quý khách tại Hotel HQ") == 1


async def test_a_refusing_server_is_retried_and_two_senders_send_each_mail_once(gql, inbox, in_app):
    hotel = await build_hotel(gql)
    day = hotel.business_date
    for guest in range(3):
        await book(gql, hotel, day, day + timedelta(days=1), guest=guest)
    clock = Clock()
    inbox.refuse = True
    assert (await in_app(smtp.deliver_due, now=clock.advance())).failed == 3
    inbox.refuse = False
    moment = clock.advance()

    async def two_senders():
        return await asyncio.gather(
            *[smtp.deliver_due(now=moment, worker=f"w{i}") for i in range(2)]
        )

    reports = await in_app(two_senders)
    assert sum(r.delivered for r in reports) == 3
    ids = [m["Message-ID"] for m in inbox.messages]
    assert len(ids) == len(set(ids)) == 3


def test_every_mail_has_a_template_in_english_german_spanish_and_vietnamese():
    for kind in templates.KINDS:
        assert set(templates.DEFAULTS[kind]) == set(templates.LANGUAGES), kind
    assert templates.language_of("de-AT") == "de" and templates.language_of("fr") == "en"


async def test_without_an_smtp_server_no_mail_is_queued(gql, inbox, in_app, settings):
    settings.extra["smtp.host"] = ""
    hotel = await build_hotel(gql)
    day = hotel.business_date
    await book(gql, hotel, day, day + timedelta(days=1))
    settings.extra["smtp.host"] = "127.0.0.1"
    assert (await in_app(smtp.deliver_due, now=Clock().advance())).delivered == 0
    assert inbox.messages == []
