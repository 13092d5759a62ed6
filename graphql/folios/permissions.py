"""The money area's field -> permission map and its id arguments' scope (merged by
security_policy with core's)."""

from __future__ import annotations

from frontdesk.core.folios.tables import CityLedgerAccount, Folio, FolioEntry, Invoice
from frontdesk.core.rates.tables import RatePlan

from ..common.contributions import ScopeTarget

MONEY_FIELD_PERMISSIONS: dict[str, str] = {
    # rates and taxes
    "Query.quote": "rates.read",
    "Query.ratePlans": "rates.read",
    "Query.ratePlan": "rates.read",
    "Query.baseRates": "rates.read",
    "Query.taxRates": "rates.read",
    "Query.cityTaxRule": "rates.read",
    "Mutation.setBaseRate": "rates.write",
    "Mutation.setCalendarRate": "rates.write",
    "Mutation.createRatePlan": "rates.write",
    "Mutation.setRatePlanActive": "rates.write",
    "Mutation.setTaxRate": "rates.write",
    "Mutation.setCityTaxRule": "rates.write",
    "Mutation.setMoneySettings": "rates.write",
    # folios
    "Query.folio": "folios.read",
    "Query.folios": "folios.read",
    "Stay.folios": "folios.read",
    "Stay.balance": "folios.read",
    "Stay.sale": "folios.read",
    "Mutation.openFolio": "folios.write",
    "Mutation.routeCharges": "folios.write",
    "Mutation.postCharge": "folios.write",
    "Mutation.postCredit": "folios.write",
    "Mutation.recordPayment": "folios.write",
    "Mutation.refundPayment": "folios.write",
    "Mutation.correctEntry": "folios.write",
    "Mutation.settleFolio": "folios.write",
    "Mutation.issueCreditNote": "folios.write",
    # city ledger
    "Query.cityLedgerAccount": "city_ledger.read",
    "Query.cityLedgerAccounts": "city_ledger.read",
    "Mutation.createCityLedgerAccount": "city_ledger.write",
    "Mutation.transferFolioToCityLedger": "folios.write",  # done at the desk, at check-out
    "Mutation.recordCityLedgerPayment": "city_ledger.write",
    # invoices
    "Query.invoice": "invoices.read",
    "Query.invoices": "invoices.read",
    # night audit
    "Mutation.runNightAudit": "night_audit.run",
    "Query.nightAuditReport": "reports.read",
}

# Argument (or input field) -> what it names; see GraphQLContribution.scoped_arguments. Generic
# names (``id``, ``accountId``, ``entryId``) are bound to their fields only: plugins use them too.
MONEY_SCOPED_ARGUMENTS: dict[str, ScopeTarget] = {
    "folioId": Folio,
    "paymentId": FolioEntry,
    "ratePlanId": RatePlan,
    "invoiceId": Invoice,
    "cityLedgerAccountId": CityLedgerAccount,
    "Query.folio.id": Folio,
    "Query.invoice.id": Invoice,
    "Query.ratePlan.id": RatePlan,
    "Query.cityLedgerAccount.id": CityLedgerAccount,
    "Mutation.correctEntry.entryId": FolioEntry,
    "Mutation.openFolio.accountId": CityLedgerAccount,
    "Mutation.transferFolioToCityLedger.accountId": CityLedgerAccount,
    "Mutation.recordCityLedgerPayment.accountId": CityLedgerAccount,
}
