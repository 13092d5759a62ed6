"""Guest privacy (GDPR) in the journal.

What the journal holds about a guest: the entries of their stays and of folios billed to
them. Their amounts, accounts, dates and invoice links are bookkeeping records the hotel must
keep unchanged for years (GDPR art. 17(3)(b) yields to the retention duty), so they stay as
they are. The free text does not: a booking text copied from the folio may name the guest
("Dinner for Mrs Jones"), and after core has replaced the profile the bridge can no longer
tell which words were the name. Anonymizing therefore replaces the description of every
entry that came from a folio movement with a neutral one built from structured data
("Charge, folio 2"), stamps ``redacted_at``/``redacted_by`` so an auditor sees when and why
the text changed, and rewrites the copies in outbox payloads (undelivered ones are then sent
without the text; delivered ones are our stored copy).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from frontdesk.api import guest_stays
from frontdesk.api.outbox import queue
from frontdesk.api.tables import Folio, Guest, OutboxMessage

from .outbox import CHANNEL, entry_documents, message_key
from .tables import JournalEntryRow

LABELS = {
    "folio_charge": "Charge",
    "folio_payment": "Payment",
    "folio_refund": "Refund",
    "folio_correction": "Correction",
    "city_ledger_transfer": "Transfer to city ledger",
}


async def guest_entries(guest: Guest) -> list[JournalEntryRow]:
    """Entries of the guest's stays (as primary or additional guest) and of folios in their
    name, oldest first."""
    stay_ids = [stay.id for stay in await guest_stays(guest.id)] or [-1]
    condition = JournalEntryRow.stay.is_in(stay_ids) | JournalEntryRow.folio.is_in(
        Folio.select(Folio.id).where(Folio.guest == guest.id)
    )
    return await JournalEntryRow.objects().where(condition).order_by(JournalEntryRow.id)


async def export_section(guest: Guest) -> dict[str, Any]:
    """The guest's journal entries as the back office receives them (amounts as strings,
    the hotel's account codes, invoice numbers)."""
    by_property: dict[int, list[JournalEntryRow]] = defaultdict(list)
    for entry in await guest_entries(guest):
        by_property[entry.property].append(entry)
    documents: list[dict] = []
    for property_id, entries in sorted(by_property.items()):
        documents += await entry_documents(property_id, entries)
    return {"accounting_bridge": {"journal_entries": documents}}


def neutral_description(entry: JournalEntryRow, folio_numbers: dict[int, int]) -> str:
    label = LABELS.get(entry.source_type, entry.source_type.replace("_", " ").capitalize())
    number = folio_numbers.get(entry.folio) if entry.folio is not None else None
    return label if number is None else f"{label}, folio {number}"


async def anonymize(guest: Guest, actor: str | None) -> None:
    """In core's anonymization transaction: replace the free text of the guest's entries and
    of the outbox payloads that carry them; nothing else changes."""
    entries = [e for e in await guest_entries(guest) if e.folio_entry is not None]
    if not entries:
        return
    folio_ids = sorted({e.folio for e in entries if e.folio is not None}) or [-1]
    folio_numbers = {
        row["id"]: row["number"]
        for row in await Folio.select(Folio.id, Folio.number).where(Folio.id.is_in(folio_ids))
    }
    moment = datetime.now(UTC)
    texts: dict[int, str] = {}
    for entry in entries:
        text = neutral_description(entry, folio_numbers)
        texts[entry.id] = text
        if entry.description == text and entry.redacted_at is not None:
            continue
        await JournalEntryRow.update(
            {
                JournalEntryRow.description: text,
                JournalEntryRow.redacted_at: moment,
                JournalEntryRow.redacted_by: (actor or "")[:120] or None,
            }
        ).where(JournalEntryRow.id == entry.id)
    for property_id in sorted({e.property for e in entries}):
        mine = [e for e in entries if e.property == property_id]
        await _scrub_outbox(property_id, mine, texts)


async def _scrub_outbox(
    property_id: int, entries: list[JournalEntryRow], texts: dict[int, str]
) -> None:
    """Rewrite the description of the entries in the messages that carry them: each entry's
    own message and the sealed days they fall on (keys as ``outbox.message_key`` builds them)."""
    connectors = (
        await OutboxMessage.select(OutboxMessage.target)
        .where((OutboxMessage.channel == CHANNEL) & (OutboxMessage.property == property_id))
        .distinct()
    )
    suffixes = [f"entry-{e.id}" for e in entries]
    suffixes += sorted({f"day-{e.business_date.isoformat()}" for e in entries})
    keys = [
        message_key(property_id, row["target"], suffix) for row in connectors for suffix in suffixes
    ]
    if keys:
        await queue.rewrite_payloads(
            channel=CHANNEL, message_ids=keys, rewrite=lambda text: _redacted(text, texts)
        )


def _redacted(payload: str, texts: dict[int, str]) -> str | None:
    """``payload`` with the carried entries' descriptions replaced; None when none changed."""
    document = json.loads(payload)
    carried = [document["entry"]] if "entry" in document else document.get("entries", [])
    changed = False
    for item in carried:
        if item.get("id") in texts and item.get("description") != texts[item["id"]]:
            item["description"] = texts[item["id"]]
            changed = True
    return json.dumps(document, sort_keys=True) if changed else None
