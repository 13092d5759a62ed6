"""Guest privacy (GDPR): export everything held about a guest, anonymize a guest, and list
guests whose last stay is older than the retention period.

Anonymizing keeps the financial truth (stays, amounts, dates, invoice numbers stay as they
are) and replaces what identifies the person. Core anonymizes its own rows; every enabled
plugin anonymizes its rows through ``frontdesk_guest_anonymize`` in the same transaction, and
contributes its export section through ``frontdesk_guest_data_export``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .. import runtime
from ..errors import Conflict
from ..folios.ledger import guest_open_balances
from ..folios.tables import Folio
from ..guests.service import PROFILE_FIELDS, get_guest
from ..guests.tables import Guest
from ..pagination import Page, paginate
from ..plugins import flatten, is_awaitable
from ..stays.tables import Stay, StayGuest
from ..transactions import run_write
from .common import now
from .tables import AuthAnonymizedGuest, AuthAuditRecord

PLACEHOLDER_FIRST_NAME = "Anonymized"
ANONYMIZED_FIELDS = {
    "email": None,
    "phone": None,
    "address_line": None,
    "city": None,
    "postal_code": None,
    "country": None,
    "nationality": None,
    "language": None,
    "date_of_birth": None,
    "id_document_type": None,
    "id_document_number": None,
    "vip": False,
    "notes": "",
}
STAY_FIELDS = (
    "id",
    "confirmation_code",
    "booking_reference",
    "arrival",
    "departure",
    "adults",
    "children",
    "status",
    "source",
    "notes",
    "checked_in_at",
    "checked_out_at",
    "cancelled_at",
    "created_at",
)


class GuestInHouse(Conflict):
    code = "GUEST_IN_HOUSE"


class OpenBalance(Conflict):
    code = "OPEN_BALANCE"


async def _guest(guest_id: int) -> Guest:
    return await get_guest(guest_id)


async def guest_stays(guest_id: int) -> list[Stay]:
    linked = await StayGuest.select(StayGuest.stay).where(StayGuest.guest == guest_id)
    ids = [row["stay"] for row in linked]
    condition = Stay.primary_guest == guest_id
    if ids:
        condition = condition | Stay.id.is_in(ids)
    return await Stay.objects().where(condition).order_by(Stay.id)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


async def export_guest(guest_id: int) -> dict[str, Any]:
    """One JSON-ready document: the profile, stays, audit mentions and each plugin's section."""
    guest = await _guest(guest_id)
    stays = await guest_stays(guest_id)
    mentions = (
        await AuthAuditRecord.objects()
        .where(AuthAuditRecord.subjects.like(f'%"guest:{guest_id}"%'))
        .order_by(AuthAuditRecord.id)
    )
    document: dict[str, Any] = {
        "guest": {
            "id": guest.id,
            "property_id": guest.property,
            **{name: _plain(getattr(guest, name)) for name in PROFILE_FIELDS},
            "created_at": _plain(guest.created_at),
            "updated_at": _plain(guest.updated_at),
        },
        "stays": [
            {name: _plain(getattr(stay, name)) for name in STAY_FIELDS}
            | {"role": "primary" if stay.primary_guest == guest_id else "additional"}
            for stay in stays
        ],
        "audit": [
            {
                "occurred_at": _plain(r.occurred_at),
                "actor": r.actor,
                "operation": r.operation,
                "outcome": r.outcome,
            }
            for r in mentions
        ],
        "plugins": {},
    }
    pm = runtime.current().plugin_manager
    for result in flatten(pm.hook.frontdesk_guest_data_export(guest=guest)):
        section = await result if is_awaitable(result) else result
        if section:
            document["plugins"].update(section)
    return document


async def _refuse_open_balance(guest_id: int) -> None:
    """Anonymizing must not orphan money: an unpaid bill (or a credit owed back) needs the
    guest's name to be collected or refunded, so it is settled or transferred first."""
    owing = await guest_open_balances(guest_id)
    if not owing:
        return
    totals: dict[str, Decimal] = {}
    for folio, balance in owing:
        totals[folio.currency] = totals.get(folio.currency, Decimal(0)) + balance
    amounts = ", ".join(f"{amount} {currency}" for currency, amount in sorted(totals.items()))
    numbers = ", ".join(str(folio.id) for folio, _ in owing)
    raise OpenBalance(
        f"The guest has an open balance of {amounts} (folio {numbers}); settle it or "
        "transfer it to the city ledger before anonymizing.",
        field="guestId",
    )


async def _rename_folios(guest: Guest, former_name: str, stay_ids: list[int]) -> None:
    """Folios named after the guest take the placeholder name. A folio's name is a label for
    the desk; the invoice keeps its recipient, which the books must keep unchanged, and a
    folio named for someone else (a company) keeps its name."""
    named_after_guest = Folio.guest == guest.id
    if stay_ids:
        named_after_guest |= Folio.stay.is_in(stay_ids) & (Folio.name == former_name)
    await Folio.update({Folio.name: f"{guest.first_name} {guest.last_name}"}).where(
        named_after_guest
    )


async def anonymize_guest(guest_id: int, *, actor: str) -> Guest:
    """Replace the guest's personal data with placeholders, in core and every plugin, in one
    transaction. Refused while the guest is in house or owes (or is owed) money."""

    async def change() -> Guest:
        guest = await _guest(guest_id)
        stays = await guest_stays(guest_id)
        if any(stay.status == "checked_in" for stay in stays):
            raise GuestInHouse("The guest is in house; anonymize after check-out.", field="guestId")
        await _refuse_open_balance(guest_id)
        former_name = f"{guest.first_name} {guest.last_name}"
        for name, value in ANONYMIZED_FIELDS.items():
            setattr(guest, name, value)
        guest.first_name = PLACEHOLDER_FIRST_NAME
        guest.last_name = f"Guest {guest.id}"
        guest.updated_at = now()
        await guest.save()
        for stay in stays:
            if stay.notes:
                await Stay.update({Stay.notes: ""}).where(Stay.id == stay.id)
        await _rename_folios(guest, former_name, [stay.id for stay in stays])
        pm = runtime.current().plugin_manager
        for result in pm.hook.frontdesk_guest_anonymize(guest=guest, actor=actor):
            if is_awaitable(result):
                await result
        await AuthAnonymizedGuest.delete().where(AuthAnonymizedGuest.guest == guest.id)
        await AuthAnonymizedGuest(guest=guest.id, actor=actor[:120]).save()
        return guest

    return await run_write(change, conflict_message="The guest changed meanwhile; retry.")


def months_ago(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, 28))


async def due_for_anonymization(
    *,
    retention_months: int,
    allowed_property_ids: frozenset[int] | None,
    first: int,
    after: str | None,
    today: date | None = None,
) -> Page:
    """Guests not yet anonymized whose every stay departed before the retention cut-off (and
    who were created before it, so a fresh profile without stays is not listed)."""
    cutoff = months_ago(today or now().date(), retention_months)
    recent_primary = Stay.select(Stay.primary_guest).where(Stay.departure >= cutoff)
    recent_stays = Stay.select(Stay.id).where(Stay.departure >= cutoff)
    recent_additional = StayGuest.select(StayGuest.guest).where(StayGuest.stay.is_in(recent_stays))
    done = AuthAnonymizedGuest.select(AuthAnonymizedGuest.guest)
    condition = (
        (Guest.created_at < datetime.combine(cutoff, datetime.min.time()).astimezone())
        & Guest.id.not_in(recent_primary)
        & Guest.id.not_in(recent_additional)
        & Guest.id.not_in(done)
    )
    if allowed_property_ids is not None:
        condition = condition & Guest.property.is_in(sorted(allowed_property_ids) or [-1])
    return await paginate(Guest, condition, first=first, after=after)


def retention_cutoff(retention_months: int) -> date:
    return months_ago(now().date(), retention_months)
