"""Mutations of folios and the city ledger, each a mapping of its input to a service of
core's (common/mutations.py). Amounts come in as strings (e.g. "12.50") and are checked by
core, so a malformed amount is a UserError, never a GraphQL error."""

from __future__ import annotations

import strawberry

from frontdesk.core.folios import city_ledger, closing, payments
from frontdesk.core.folios import service as folios
from frontdesk.core.folios.tables import CityLedgerAccount as AccountRow
from frontdesk.core.folios.tables import FolioEntry as EntryRow

from ..common.errors import UserError
from ..common.mutations import service_mutation
from .types import (
    ChargeCategory,
    CityLedgerAccount,
    CityLedgerAccountKind,
    CityLedgerEntry,
    Folio,
    FolioEntry,
    PaymentMethod,
)

# --- folios ----------------------------------------------------------------------------------


@strawberry.input
class OpenFolioInput:
    stay_id: strawberry.ID
    name: str
    guest_id: strawberry.ID | None = None
    account_id: strawberry.ID | None = None
    categories: list[ChargeCategory] | None = strawberry.field(
        default=None, description="Charges of these categories are routed to the new folio."
    )


@strawberry.input
class RouteChargesInput:
    folio_id: strawberry.ID
    categories: list[ChargeCategory]


@strawberry.type
class FolioPayload:
    folio: Folio | None
    errors: list[UserError]


@strawberry.input
class PostChargeInput:
    category: ChargeCategory
    description: str
    unit_price: str
    quantity: int = 1
    folio_id: strawberry.ID | None = None
    stay_id: strawberry.ID | None = strawberry.field(
        default=None, description="Post to the stay: the routing rules choose the folio."
    )


@strawberry.input(description="A goodwill credit (an allowance) on a booked or in-house stay.")
class PostCreditInput:
    stay_id: strawberry.ID
    amount: str = strawberry.field(
        description="What the guest gets off, > 0; at most what the folio has charged."
    )
    description: str
    category: ChargeCategory = strawberry.field(
        default=ChargeCategory.OTHER,
        description="Revenue the credit lowers (its tax rate and folio routing); not CITY_TAX.",
    )


@strawberry.input
class RecordPaymentInput:
    folio_id: strawberry.ID
    amount: str
    currency: str
    method: PaymentMethod
    reference: str | None = None


@strawberry.input
class RefundPaymentInput:
    payment_id: strawberry.ID
    amount: str
    currency: str
    method: PaymentMethod | None = None
    reference: str | None = None


@strawberry.input
class CorrectEntryInput:
    entry_id: strawberry.ID
    reason: str


@strawberry.type
class FolioEntryPayload:
    entry: FolioEntry | None
    errors: list[UserError]


@strawberry.input
class SettleFolioInput:
    folio_id: strawberry.ID


# --- city ledger -------------------------------------------------------------------------------


@strawberry.input
class CreateCityLedgerAccountInput:
    property_id: strawberry.ID
    code: str
    name: str
    credit_limit: str
    kind: CityLedgerAccountKind = CityLedgerAccountKind.COMPANY
    address: str = ""


@strawberry.type
class CityLedgerAccountPayload:
    account: CityLedgerAccount | None
    errors: list[UserError]


@strawberry.input
class TransferFolioToCityLedgerInput:
    folio_id: strawberry.ID
    account_id: strawberry.ID


@strawberry.input
class RecordCityLedgerPaymentInput:
    account_id: strawberry.ID
    amount: str
    currency: str
    method: PaymentMethod
    reference: str | None = None


@strawberry.type
class CityLedgerEntryPayload:
    entry: CityLedgerEntry | None
    errors: list[UserError]


def _categories(values) -> list[str]:
    return [c.value for c in values or []]


@strawberry.type
class FolioMutation:
    open_folio = service_mutation(
        folios.open_folio,
        FolioPayload,
        "folio",
        input=OpenFolioInput,
        rename={"account_id": "city_ledger_account_id"},
        convert={"categories": _categories},
        permission="folios.write",
        scopes={"accountId": AccountRow},
    )
    route_charges = service_mutation(
        folios.set_routing,
        FolioPayload,
        "folio",
        input=RouteChargesInput,
        actor=False,
        convert={"categories": _categories},
        permission="folios.write",
    )
    post_charge = service_mutation(
        folios.post_charge,
        FolioEntryPayload,
        "entry",
        input=PostChargeInput,
        permission="folios.write",
    )
    post_credit = service_mutation(
        folios.post_credit,
        FolioEntryPayload,
        "entry",
        input=PostCreditInput,
        description="Post a goodwill credit: a charge line with negative net, tax and gross.",
        permission="folios.write",
    )
    record_payment = service_mutation(
        payments.record_payment,
        FolioEntryPayload,
        "entry",
        input=RecordPaymentInput,
        permission="folios.write",
    )
    refund_payment = service_mutation(
        payments.refund_payment,
        FolioEntryPayload,
        "entry",
        input=RefundPaymentInput,
        permission="folios.write",
    )
    correct_entry = service_mutation(
        folios.correct_entry,
        FolioEntryPayload,
        "entry",
        input=CorrectEntryInput,
        permission="folios.write",
        scopes={"entryId": EntryRow},
    )
    settle_folio = service_mutation(
        closing.settle_folio,
        FolioPayload,
        "folio",
        input=SettleFolioInput,
        permission="folios.write",
    )
    create_city_ledger_account = service_mutation(
        city_ledger.create_account,
        CityLedgerAccountPayload,
        "account",
        input=CreateCityLedgerAccountInput,
        actor=False,
        permission="city_ledger.write",
    )
    transfer_folio_to_city_ledger = service_mutation(
        closing.transfer_to_city_ledger,
        FolioPayload,
        "folio",
        input=TransferFolioToCityLedgerInput,
        permission="folios.write",  # done at the desk, at check-out
        scopes={"accountId": AccountRow},
    )
    record_city_ledger_payment = service_mutation(
        city_ledger.record_account_payment,
        CityLedgerEntryPayload,
        "entry",
        input=RecordCityLedgerPaymentInput,
        permission="city_ledger.write",
        scopes={"accountId": AccountRow},
    )
