"""Money mutations: one ``input`` each, a payload with the result and ``errors``. Amounts
come in as strings (e.g. "12.50") and are checked by core, so a malformed amount is a
UserError, never a GraphQL error."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from frontdesk.core.folios import city_ledger, closing, payments
from frontdesk.core.folios import service as folios
from frontdesk.core.night_audit import service as night_audit

from ..common.errors import UserError, decode_id, decode_optional_id, run_mutation
from ..rates.mutations import RateMutation
from .types import (
    ChargeCategory,
    CityLedgerAccount,
    CityLedgerAccountKind,
    CityLedgerEntry,
    Folio,
    FolioEntry,
    NightAuditReport,
    PaymentMethod,
    report_from_run,
)


def _actor(info: Info) -> str | None:
    return info.context.actor


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


# --- night audit ---------------------------------------------------------------------------------


@strawberry.input
class RunNightAuditInput:
    property_id: strawberry.ID
    business_date: date | None = strawberry.field(
        default=None,
        description="A date already closed returns its report and posts nothing again.",
    )


@strawberry.type
class NightAuditPayload:
    report: NightAuditReport | None
    errors: list[UserError]


def _categories(values) -> list[str]:
    return [c.value for c in values or []]


@strawberry.type
class MoneyMutation(RateMutation):
    """Folio, city-ledger and night-audit mutations, plus the rate mutations inherited."""

    @strawberry.mutation
    async def open_folio(self, info: Info, input: OpenFolioInput) -> FolioPayload:
        return await run_mutation(
            FolioPayload,
            "folio",
            lambda: folios.open_folio(
                stay_id=decode_id(input.stay_id, "stayId"),
                name=input.name,
                guest_id=decode_optional_id(input.guest_id, "guestId"),
                city_ledger_account_id=decode_optional_id(input.account_id, "accountId"),
                categories=_categories(input.categories),
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def route_charges(self, input: RouteChargesInput) -> FolioPayload:
        return await run_mutation(
            FolioPayload,
            "folio",
            lambda: folios.set_routing(
                folio_id=decode_id(input.folio_id, "folioId"),
                categories=_categories(input.categories),
            ),
        )

    @strawberry.mutation
    async def post_charge(self, info: Info, input: PostChargeInput) -> FolioEntryPayload:
        return await run_mutation(
            FolioEntryPayload,
            "entry",
            lambda: folios.post_charge(
                category=input.category.value,
                description=input.description,
                quantity=input.quantity,
                unit_price=input.unit_price,
                folio_id=decode_optional_id(input.folio_id, "folioId"),
                stay_id=decode_optional_id(input.stay_id, "stayId"),
                actor=_actor(info),
            ),
        )

    @strawberry.mutation(
        description="Post a goodwill credit: a charge line with negative net, tax and gross."
    )
    async def post_credit(self, info: Info, input: PostCreditInput) -> FolioEntryPayload:
        return await run_mutation(
            FolioEntryPayload,
            "entry",
            lambda: folios.post_credit(
                stay_id=decode_id(input.stay_id, "stayId"),
                amount=input.amount,
                description=input.description,
                category=input.category.value,
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def record_payment(self, info: Info, input: RecordPaymentInput) -> FolioEntryPayload:
        return await run_mutation(
            FolioEntryPayload,
            "entry",
            lambda: payments.record_payment(
                folio_id=decode_id(input.folio_id, "folioId"),
                amount=input.amount,
                currency=input.currency,
                method=input.method.value,
                reference=input.reference,
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def refund_payment(self, info: Info, input: RefundPaymentInput) -> FolioEntryPayload:
        return await run_mutation(
            FolioEntryPayload,
            "entry",
            lambda: payments.refund_payment(
                payment_id=decode_id(input.payment_id, "paymentId"),
                amount=input.amount,
                currency=input.currency,
                method=input.method.value if input.method else None,
                reference=input.reference,
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def correct_entry(self, info: Info, input: CorrectEntryInput) -> FolioEntryPayload:
        return await run_mutation(
            FolioEntryPayload,
            "entry",
            lambda: folios.correct_entry(
                entry_id=decode_id(input.entry_id, "entryId"),
                reason=input.reason,
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def settle_folio(self, info: Info, input: SettleFolioInput) -> FolioPayload:
        return await run_mutation(
            FolioPayload,
            "folio",
            lambda: closing.settle_folio(
                folio_id=decode_id(input.folio_id, "folioId"), actor=_actor(info)
            ),
        )

    @strawberry.mutation
    async def create_city_ledger_account(
        self, input: CreateCityLedgerAccountInput
    ) -> CityLedgerAccountPayload:
        return await run_mutation(
            CityLedgerAccountPayload,
            "account",
            lambda: city_ledger.create_account(
                property_id=decode_id(input.property_id, "propertyId"),
                code=input.code,
                name=input.name,
                kind=input.kind.value,
                credit_limit=input.credit_limit,
                address=input.address,
            ),
        )

    @strawberry.mutation
    async def transfer_folio_to_city_ledger(
        self, info: Info, input: TransferFolioToCityLedgerInput
    ) -> FolioPayload:
        return await run_mutation(
            FolioPayload,
            "folio",
            lambda: closing.transfer_to_city_ledger(
                folio_id=decode_id(input.folio_id, "folioId"),
                account_id=decode_id(input.account_id, "accountId"),
                actor=_actor(info),
            ),
        )

    @strawberry.mutation
    async def record_city_ledger_payment(
        self, info: Info, input: RecordCityLedgerPaymentInput
    ) -> CityLedgerEntryPayload:
        return await run_mutation(
            CityLedgerEntryPayload,
            "entry",
            lambda: city_ledger.record_account_payment(
                account_id=decode_id(input.account_id, "accountId"),
                amount=input.amount,
                currency=input.currency,
                method=input.method.value,
                reference=input.reference,
                actor=_actor(info),
            ),
        )

    @strawberry.mutation(description="Close the property's business date (see docs).")
    async def run_night_audit(self, info: Info, input: RunNightAuditInput) -> NightAuditPayload:
        async def action() -> NightAuditReport:
            run = await night_audit.run_night_audit(
                property_id=decode_id(input.property_id, "propertyId"),
                business_date=input.business_date,
                actor=_actor(info),
            )
            return report_from_run(run)

        return await run_mutation(NightAuditPayload, "report", action)
