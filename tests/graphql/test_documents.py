"""Documents as PDF: the invoice, the registration card and credit notes, downloaded through
GraphQL, read back with pdftotext (figures to the cent) and drawn with pdftoppm (the PNGs in
docs/screenshots/ are these pages: FRONTDESK_UPDATE_SCREENSHOTS=1 rewrites them)."""

from __future__ import annotations

import base64
import os
import re
import subprocess
from pathlib import Path

import pytest
from support.invoiced_stay import invoiced_stay

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
INVOICE = """query($id: ID!) { folio(id: $id) { invoice { pdf creditNote { number } } } }"""


def _text(pdf: bytes) -> str:
    run = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True)
    assert run.returncode == 0, run.stderr
    return re.sub(r"[ \t]+", " ", run.stdout.decode())


def _png(pdf: bytes, name: str, tmp_path: Path) -> bytes:
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(source), str(tmp_path / name)],
        check=True,
    )
    png = (tmp_path / f"{name}.png").read_bytes()
    if os.environ.get("FRONTDESK_UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(exist_ok=True)
        (SCREENSHOTS / f"{name}.png").write_bytes(png)
    return png


async def _pdf_of_invoice(gql, stay_id: str) -> bytes:
    query = """query($id: ID!) { stay(id: $id) { folios { invoice { pdf } } } }"""
    data = await gql.execute(query, {"id": stay_id})
    return base64.b64decode(data["stay"]["folios"][0]["invoice"]["pdf"])


async def test_the_invoice_pdf_carries_every_figure_to_the_cent(gql, tmp_path):
    invoiced = await invoiced_stay(gql)
    text = _text(await _pdf_of_invoice(gql, invoiced.stay_id))
    assert f"Invoice {invoiced.invoice_number}" in text and "Hotel HQ GmbH" in text
    assert "Domplatz 1" in text and "50668 Köln" in text and "VAT ID DE123456789" in text
    assert "Hauptstraße 5" in text and "50667 Köln" in text  # the guest's address
    assert "Stay 2026-11-23 - 2026-11-24" in text and "Room 101" in text  # left a day early
    assert re.search(r"2026-11-23 Room 2026-11-23 1 100\.00 7 ?% 100\.00", text), text
    assert re.search(r"2026-11-24 Item 1 21\.40 19 ?% 21\.40", text), text
    assert "VAT 7 % 93.46 6.54 100.00" in text
    assert "VAT 19 % 17.98 3.42 21.40" in text
    assert "Total 111.44 9.96 121.40" in text
    assert "2026-11-24 payment card 121.40" in text and "Total paid 121.40" in text
    assert _png(await _pdf_of_invoice(gql, invoiced.stay_id), "invoice-pdf", tmp_path)[:4] == (
        b"\x89PNG"
    )


async def test_the_registration_card_names_the_guest_the_stay_and_the_room(gql, tmp_path):
    invoiced = await invoiced_stay(gql)
    query = "query($id: ID!) { stay(id: $id) { registrationCard } }"
    data = await gql.execute(query, {"id": invoiced.stay_id})
    pdf = base64.b64decode(data["stay"]["registrationCard"])
    text = _text(pdf)
    assert "Registration card" in text and "Guest0 Family0" in text
    assert "Hotel HQ GmbH" in text and "VAT ID DE123456789" in text
    assert "Hauptstraße 5, 50667 Köln, DE" in text
    assert "Arrival 2026-11-23" in text and "Departure 2026-11-24" in text
    assert "Room 101" in text
    assert _png(pdf, "registration-card", tmp_path)[:4] == b"\x89PNG"


async def test_a_credit_note_cancels_an_invoice_once_with_its_own_number(gql, tmp_path):
    invoiced = await invoiced_stay(gql)
    fields = "creditNote { number gross { amount currency } tax { amount } pdf }"
    issued = await gql.ok(
        "issueCreditNote", {"invoiceId": invoiced.invoice_id, "reason": "Wrong room rate"}, fields
    )
    note = issued["creditNote"]
    assert note["number"] == 1
    assert note["gross"] == {"amount": "-121.40", "currency": "EUR"}
    assert note["tax"] == {"amount": "-9.96"}
    again = await gql.mutate(
        "issueCreditNote",
        {"invoiceId": invoiced.invoice_id, "reason": "Twice"},
        "creditNote { number }",
    )
    assert [e["code"] for e in again["errors"]] == ["CONFLICT"] and again["creditNote"] is None
    pdf = base64.b64decode(note["pdf"])
    text = _text(pdf)
    assert "Credit note 1" in text and "Wrong room rate" in text
    assert f"Cancels invoice {invoiced.invoice_number}" in text
    assert "VAT 7 % -93.46 -6.54 -100.00" in text and "Total -111.44 -9.96 -121.40" in text
    _png(pdf, "credit-note", tmp_path)


async def test_credit_note_numbers_are_unique_per_property_in_the_database(gql):
    from frontdesk.core.folios.credit_note_tables import CreditNote

    invoiced = await invoiced_stay(gql)
    await gql.ok(
        "issueCreditNote",
        {"invoiceId": invoiced.invoice_id, "reason": "Wrong"},
        "creditNote { id }",
    )
    row = await CreditNote.objects().first()
    copy = CreditNote(**{k: v for k, v in row.to_dict().items() if k != "id"})
    copy.invoice = None
    with pytest.raises(Exception, match="(?i)unique"):
        await copy.save()
