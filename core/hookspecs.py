"""Core's hooks: every hook a Frontdesk plugin can implement that core itself offers (after
pytest and Datasette). Hooks a plugin offers to other plugins live in that plugin
(``plugins/<name>/hookspecs.py``), added through ``frontdesk_addhooks``.

Conventions:

* Hooks are called with keyword arguments only. An implementation may accept fewer
  arguments than the spec names, so specs can grow without breaking plugins; one that takes
  an argument the spec does not name, or whose name matches no spec, stops start-up.
* Registration hooks run once at start-up, outside any transaction, and return plain data.
* Event hooks carry domain objects (Piccolo rows). Those marked *in transaction* run inside
  the write transaction of the change: an implementation may raise a
  :class:`frontdesk.core.errors.DomainError` to veto the change (the client gets a UserError
  and nothing is written), or write rows of its own atomically with it. Pluggy is synchronous,
  so an implementation that needs the database returns an awaitable (e.g. calls an ``async
  def`` and returns the coroutine); core awaits it inside the transaction, in plugin order.
* ``frontdesk_event_committed`` runs *after commit*: core calls each implementation on its
  own, logs and counts a failure, and the request still succeeds.

The registration hooks and the plugin lifecycle (``frontdesk_plugin_enabled``) are specified
in ``hookspecs_lifecycle.py``, added beside this module by ``create_plugin_manager``.

Where a hook deals in a type of the GraphQL or HTTP layers, which core does not import, the
annotation is ``Any`` and the docstring names the type.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .events import DomainEvent
    from .folios.tables import CityLedgerAccount, CityLedgerEntry, Folio, FolioEntry, Invoice
    from .guests.tables import Guest
    from .properties.tables import Property, Room
    from .stays.tables import Stay

hookspec = pluggy.HookspecMarker("frontdesk")

#: An event hook's answer: nothing, or an awaitable core awaits inside the transaction.
MaybeAwaitable = Awaitable[None] | None


# --- stay events (in transaction) ---------------------------------------------------------


@hookspec
def frontdesk_stay_booked(stay: Stay, actor: str | None) -> MaybeAwaitable:
    """In transaction, after a stay is booked. ``stay``: the new Stay row (status ``booked``);
    ``actor``: who did it (str or None). Return None or an awaitable."""


@hookspec
def frontdesk_stay_modified(
    stay: Stay, before: dict[str, Any], actor: str | None
) -> MaybeAwaitable:
    """In transaction, after dates, room type, occupancy or notes of a stay changed.
    ``stay``: the Stay row as changed; ``before``: a dict of the changed fields' previous
    values; ``actor``: who did it. Return None or an awaitable."""


@hookspec
def frontdesk_stay_cancelled(stay: Stay, reason: str | None, actor: str | None) -> MaybeAwaitable:
    """In transaction, after a booked stay is cancelled. ``stay``: the Stay row (status
    ``cancelled``); ``reason``: free text or None; ``actor``: who did it. Return None or an
    awaitable."""


@hookspec
def frontdesk_stay_checked_in(stay: Stay, room: Room, actor: str | None) -> MaybeAwaitable:
    """In transaction, after a stay is checked in. ``stay``: the Stay row (status
    ``checked_in``); ``room``: the Room row; ``actor``: who did it. Return None or an
    awaitable."""


@hookspec
def frontdesk_stay_checked_out(stay: Stay, actor: str | None) -> MaybeAwaitable:
    """In transaction, after a stay is checked out. ``stay``: the Stay row (status
    ``checked_out``); ``actor``: who did it. Return None or an awaitable."""


@hookspec
def frontdesk_stay_room_moved(
    stay: Stay, from_room: Room | None, to_room: Room, actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a stay moved rooms. ``stay``: the Stay row; ``from_room``: the
    Room it left, or None when the stay had no room yet; ``to_room``: the Room it has now;
    ``actor``: who did it. Return None or an awaitable."""


@hookspec
def frontdesk_stay_no_show(stay: Stay, actor: str | None) -> MaybeAwaitable:
    """In transaction, after a booked stay is marked as a no-show. ``stay``: the Stay row;
    ``actor``: who did it. Return None or an awaitable."""


# --- guest and room events (in transaction) -----------------------------------------------


@hookspec
def frontdesk_guest_created(guest: Guest, actor: str | None) -> MaybeAwaitable:
    """In transaction, after a guest profile is created. ``guest``: the new Guest row;
    ``actor``: who did it. Return None or an awaitable."""


@hookspec
def frontdesk_guest_updated(
    guest: Guest, changes: dict[str, tuple[Any, Any]], actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a guest profile changed. ``guest``: the Guest row as changed;
    ``changes``: a dict of field name to ``(old, new)``; ``actor``: who did it. Return None
    or an awaitable."""


@hookspec
def frontdesk_room_status_changed(
    room: Room, old_status: str, new_status: str, actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a room's housekeeping status changed (e.g. ``dirty`` after
    check-out, ``out_of_order``). ``room``: the Room row; ``old_status``/``new_status``: the
    status names; ``actor``: who did it. Return None or an awaitable."""


@hookspec
def frontdesk_event_recorded(event: DomainEvent, objects: dict[str, Any]) -> MaybeAwaitable:
    """In transaction, once for every domain event, after the event's own hook (e.g.
    ``frontdesk_stay_booked``) ran. ``event``: the ``DomainEvent`` that
    ``frontdesk_event_committed`` will receive after commit; ``objects``: the rows the
    event's hook received, by argument name (``stay``, ``room``, ``folio``, ``entry``,
    ``invoice``...). For what must be written with every change, whatever it is: the event
    webhooks enqueue their messages here. Return None or an awaitable."""


# --- after commit -------------------------------------------------------------------------


@hookspec
def frontdesk_event_committed(event: DomainEvent) -> None:
    """After commit, once for every domain event of the transaction, in order. ``event``: a
    ``frontdesk.core.events.DomainEvent`` (name such as ``stay.checked_in``, property_id,
    subject_id, actor, occurred_at, data). Return None. A raising implementation is logged
    and counted and the other implementations still run; the request has already
    succeeded."""


# --- guest privacy (GDPR) -----------------------------------------------------------------


@hookspec
def frontdesk_guest_data_export(
    guest: Guest,
) -> dict[str, Any] | Awaitable[dict[str, Any] | None] | None:
    """Called when a guest's data is exported (``exportGuestData``), outside any write
    transaction. ``guest``: the Guest row. Return a dict ``{section name: JSON-serialisable
    data}`` with everything the plugin holds about the guest (e.g. ``{"concierge":
    {"requests": [...]}}``), None, or an awaitable of either. Sections of all plugins join
    one document."""


@hookspec
def frontdesk_guest_anonymize(guest: Guest, actor: str | None) -> MaybeAwaitable:
    """In transaction, when a guest is anonymized (``anonymizeGuest``), after core replaced
    the profile with placeholders. ``guest``: the anonymized Guest row; ``actor``: who did it.
    Replace the personal data the plugin holds about the guest (free text, names, contact
    details) and keep financial records (amounts, dates, invoice numbers). Return None or an
    awaitable; a DomainError vetoes the anonymization and nothing is written."""


# --- money events (in transaction) --------------------------------------------------------
# Inside the movement's write transaction, so a plugin (the accounting bridge) records each
# movement atomically with it, or vetoes it with a DomainError. Rows are core/folios/tables.py
# rows (sign conventions there); ``actor``: who did it (str or None).


@hookspec
def frontdesk_folio_charge_posted(
    folio: Folio, entry: FolioEntry, actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a charge is posted to a folio (by staff, a rate-plan fee or the
    night audit), and after a goodwill credit, which is a charge with negative net, tax and
    gross. ``folio``: the Folio row; ``entry``: the FolioEntry (kind ``charge``, with
    category, net, tax, gross, business_date). Return None or an awaitable."""


@hookspec
def frontdesk_folio_payment_recorded(
    folio: Folio, entry: FolioEntry, actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a payment (a deposit or prepayment too) is recorded on a folio.
    ``folio``: the Folio row; ``entry``: the FolioEntry (kind ``payment``, ``amount``
    negative, ``method``, ``reference``). Return None or an awaitable."""


@hookspec
def frontdesk_folio_refund_recorded(
    folio: Folio, entry: FolioEntry, payment: FolioEntry, actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a refund against an earlier payment. ``folio``: the Folio row;
    ``entry``: the FolioEntry (kind ``refund``, ``amount`` positive); ``payment``: the
    FolioEntry it gives back. Return None or an awaitable."""


@hookspec
def frontdesk_folio_correction_posted(
    folio: Folio, entry: FolioEntry, original: FolioEntry, actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a correction reverses an earlier entry. ``folio``: the Folio
    row; ``entry``: the FolioEntry (kind ``correction``, amount/net/tax/gross the negation of
    the original's); ``original``: the FolioEntry it reverses. Return None or an awaitable."""


@hookspec
def frontdesk_folio_settled(
    folio: Folio, invoice: Invoice | None, actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a folio with balance zero is closed (status ``settled``), at
    check-out or on request. ``folio``: the Folio row; ``invoice``: the Invoice issued for
    it, or None when the folio held no charges. Return None or an awaitable."""


@hookspec
def frontdesk_city_ledger_transferred(
    folio: Folio,
    entry: FolioEntry,
    account: CityLedgerAccount,
    ledger_entry: CityLedgerEntry,
    invoice: Invoice,
    actor: str | None,
) -> MaybeAwaitable:
    """In transaction, after a folio's balance moved to a city-ledger account (status
    ``transferred``). ``folio``: the Folio row; ``entry``: the folio's FolioEntry of kind
    ``transfer`` (amount minus the balance); ``account``: the CityLedgerAccount;
    ``ledger_entry``: the CityLedgerEntry (kind ``transfer``, amount positive); ``invoice``:
    the Invoice issued to the account. Return None or an awaitable."""


@hookspec
def frontdesk_city_ledger_payment_recorded(
    account: CityLedgerAccount, ledger_entry: CityLedgerEntry, actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a payment was received on a city-ledger account. ``account``:
    the CityLedgerAccount; ``ledger_entry``: the CityLedgerEntry (kind ``payment``, amount
    negative, method). Return None or an awaitable."""


@hookspec
def frontdesk_invoice_issued(invoice: Invoice, folio: Folio, actor: str | None) -> MaybeAwaitable:
    """In transaction, after an invoice got its number (gapless per property) as its folio
    closed. ``invoice``: the Invoice row (net, tax, gross, tax_breakdown JSON); ``folio``:
    the Folio it bills. Return None or an awaitable."""


@hookspec
def frontdesk_credit_note_issued(
    credit_note: Invoice, invoice: Invoice, actor: str | None
) -> MaybeAwaitable:
    """In transaction, after a credit note cancelled ``invoice`` (an Invoice row) in full.
    ``credit_note``: the credit note (an Invoice row with negated amounts), numbered next in
    the property's gapless credit-note series. Return None or an awaitable."""


@hookspec
def frontdesk_night_audit_started(
    property: Property, business_date: date, actor: str | None
) -> MaybeAwaitable:
    """In transaction, when the night audit starts closing ``business_date`` of ``property``
    (the Property row); not raised again when an interrupted run resumes. Return None or an
    awaitable."""


@hookspec
def frontdesk_night_audit_completed(
    property: Property, business_date: date, report: dict[str, Any], actor: str | None
) -> MaybeAwaitable:
    """In transaction, when the night audit closed ``business_date``, just before the
    property's business date advances. ``property``: the Property row; ``report``: the
    summary dict (rooms sold, occupancy, ADR, RevPAR, revenue by category, payments by
    method; amounts as decimal strings). Return None or an awaitable."""
