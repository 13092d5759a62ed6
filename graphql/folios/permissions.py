"""Who may read and change folios, the city ledger and invoices (and the folios' fields of
Stay), and which id arguments name them. Generic names (``id``, ``accountId``, ``entryId``)
are bound to their fields only: plugins use them too."""

from __future__ import annotations

from frontdesk.core.folios.tables import CityLedgerAccount, Folio, FolioEntry, Invoice

from ..common.contributions import ScopeTarget
from ..guests.permissions import PII

FIELD_PERMISSIONS: dict[str, str] = {
    # folios
    "Query.folio": "folios.read",
    "Query.folios": "folios.read",
    "Stay.folios": "folios.read",
    "Stay.balance": "folios.read",
    "Stay.sale": "folios.read",
    "Stay.registrationCard": PII,
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
}

SCOPED_ARGUMENTS: dict[str, ScopeTarget] = {
    "folioId": Folio,
    "paymentId": FolioEntry,
    "invoiceId": Invoice,
    "cityLedgerAccountId": CityLedgerAccount,
    "Query.folio.id": Folio,
    "Query.invoice.id": Invoice,
    "Query.cityLedgerAccount.id": CityLedgerAccount,
    "Mutation.correctEntry.entryId": FolioEntry,
    "Mutation.openFolio.accountId": CityLedgerAccount,
    "Mutation.transferFolioToCityLedger.accountId": CityLedgerAccount,
    "Mutation.recordCityLedgerPayment.accountId": CityLedgerAccount,
}
