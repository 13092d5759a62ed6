"""The accounting_bridge plugin: its hook implementations, nothing else.

The money hooks run inside the movement's write transaction and return the coroutine that
books it, so core awaits the journal entry inside that same transaction: a failure raises
and rolls the movement back.
"""

from __future__ import annotations

from frontdesk.api import hookimpl


@hookimpl
def frontdesk_addhooks(pluginmanager):
    """Offer the connector hook through which other plugins add delivery targets (hookspecs.py)."""
    from . import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


@hookimpl
def frontdesk_piccolo_apps():
    return ["frontdesk.plugins.accounting_bridge.piccolo_app"]


@hookimpl
def frontdesk_graphql_contribute():
    from .schema import contribution

    return contribution()


@hookimpl
def frontdesk_permissions_register():
    from .permissions import PERMISSIONS

    return list(PERMISSIONS)


@hookimpl
def frontdesk_settings_contribute():
    from .connectors import SETTINGS

    return list(SETTINGS)


@hookimpl
def frontdesk_accounting_connectors():
    from .connectors import WebhookConnector

    return [WebhookConnector()]


@hookimpl
def frontdesk_background_tasks(settings):
    from .worker import delivery_loop

    return [delivery_loop]


@hookimpl
def frontdesk_metrics_collect():
    from .outbox import outbox_samples

    return outbox_samples()


@hookimpl
def frontdesk_folio_charge_posted(folio, entry, actor):
    from .journal import record_folio_entry

    return record_folio_entry(folio, entry, actor)


@hookimpl
def frontdesk_folio_payment_recorded(folio, entry, actor):
    from .journal import record_folio_entry

    return record_folio_entry(folio, entry, actor)


@hookimpl
def frontdesk_folio_refund_recorded(folio, entry, payment, actor):
    from .journal import record_folio_entry

    return record_folio_entry(folio, entry, actor)


@hookimpl
def frontdesk_folio_correction_posted(folio, entry, original, actor):
    from .journal import record_folio_entry

    return record_folio_entry(folio, entry, actor, reverses=original)


@hookimpl
def frontdesk_stay_checked_in(stay, room, actor):
    from .journal import apply_stay_deposits

    return apply_stay_deposits(stay, actor)


@hookimpl
def frontdesk_folio_settled(folio, invoice, actor):
    from .journal import apply_deposits

    return apply_deposits(folio, actor, invoice)


@hookimpl
def frontdesk_city_ledger_transferred(folio, entry, account, ledger_entry, invoice, actor):
    from .journal import record_transfer

    return record_transfer(folio, entry, account, ledger_entry, invoice, actor)


@hookimpl
def frontdesk_city_ledger_payment_recorded(account, ledger_entry, actor):
    from .journal import record_city_ledger_payment

    return record_city_ledger_payment(account, ledger_entry, actor)


@hookimpl
def frontdesk_guest_data_export(guest):
    from .privacy import export_section

    return export_section(guest)


@hookimpl
def frontdesk_guest_anonymize(guest, actor):
    from .privacy import anonymize

    return anonymize(guest, actor)


@hookimpl
def frontdesk_invoice_issued(invoice, folio, actor):
    from .invoices import record_invoice

    return record_invoice(invoice, folio, actor)


@hookimpl
def frontdesk_night_audit_completed(property, business_date, report, actor):
    from .journal import seal_day

    return seal_day(property, business_date, actor)


@hookimpl(optionalhook=True)  # hr_shifts offers it, and may be disabled
def frontdesk_shifts_hours_approved(
    staff, entries, period_start, period_end, minutes, amount, currency, actor
):
    from .journal import record_payroll

    return record_payroll(
        staff=staff,
        entries=entries,
        period_start=period_start,
        period_end=period_end,
        minutes=minutes,
        amount=amount,
        currency=currency,
        actor=actor,
    )


@hookimpl
def frontdesk_http_routes(settings):
    from .web_panel import routes

    return routes()


@hookimpl(optionalhook=True)
def frontdesk_web_panels():
    from .web_panel import PANEL

    return [PANEL]


@hookimpl
def frontdesk_plugin_enabled(property, disabled_since, history_from, actor):
    """Catch up on what was missed while off (catch_up.py): returns the coroutine."""
    from .catch_up import catch_up

    return catch_up(property, disabled_since, history_from, actor)
