"""Money exact on SQLite (text instead of binary floating point) and no cascading deletes of
financial rows: every foreign key of the folios, entries, payments, invoices and city
ledger RESTRICTs (docs/money.md "Storage"). Existing amounts are carried over to the cent."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from frontdesk.core.money_migration import TableChange, add_money_and_restrict

ID = "2026-12-03T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "exact money on SQLite, RESTRICT on financial foreign keys"

CHANGES = [
    TableChange("rates_base_rate", money=("amount",)),
    TableChange("rates_calendar", money=("amount",)),
    TableChange("rates_plan", money=("adjustment",)),
    TableChange("rates_city_tax_rule", money=("amount",)),
    TableChange("folios_stay_terms", restrict=True),
    TableChange("folios_stay_night_rate", money=("amount",), restrict=True),
    TableChange("folios_city_ledger_account", money=("credit_limit",), restrict=True),
    TableChange("folios_folio", restrict=True),
    TableChange(
        "folios_entry", money=("unit_price", "net", "tax", "gross", "amount"), restrict=True
    ),
    TableChange("folios_routing_rule", restrict=True),
    TableChange("folios_invoice", money=("net", "tax", "gross", "paid"), restrict=True),
    TableChange("folios_invoice_sequence", restrict=True),
    TableChange("folios_city_ledger_entry", money=("amount",), restrict=True),
    TableChange("folios_night_audit_run", restrict=True),
]


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="folios", description=DESCRIPTION, wrap_in_transaction=False
    )
    return add_money_and_restrict(manager, CHANGES)
