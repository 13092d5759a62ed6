"""The chart of accounts of one property: the default chart, one VAT account per rate the
property uses, and the hotel's own codes (``AccountMapping``).

The journal always posts to the stable chart codes (``1200``, ``2200-19``); the hotel's
codes only replace them on the way out (exports and deliveries), so remapping an account
never rewrites history and two mappings can never collide (unique keys per property).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from frontdesk.api import Conflict, InvalidInput, get_property, run_write, validation
from frontdesk.api.tables import TaxRate

from . import default_chart as dc
from .ledger_model import ACCOUNT_CODE_PATTERN, Account
from .tables import AccountMapping, JournalPosting

# Core's charge categories (core.rates.tables.CHARGE_CATEGORIES) -> chart codes.
CATEGORY_ACCOUNTS = {**dc.CHARGE_CATEGORY_ACCOUNTS, "food_beverage": dc.FOOD_AND_BEVERAGE_REVENUE}
# Payment methods -> the asset account the money lands in. Vouchers are prepaid elsewhere
# (bank) in this simple chart.
METHOD_ACCOUNTS = {
    "cash": dc.CASH,
    "card": dc.CARD_CLEARING,
    "bank_transfer": dc.BANK,
    "voucher": dc.BANK,
}


def revenue_code(category: str | None) -> str:
    return CATEGORY_ACCOUNTS.get(category or "other", dc.OTHER_REVENUE)


def method_code(method: str | None) -> str:
    return METHOD_ACCOUNTS.get(method or "cash", dc.CASH)


@dataclass(frozen=True)
class ChartLine:
    """An account of a property's chart with the hotel's own code, if it set one."""

    account: Account
    external_code: str | None

    @property
    def export_code(self) -> str:
        return self.external_code or self.account.code


async def chart_of(property_id: int) -> list[ChartLine]:
    """Default accounts, VAT accounts for the property's rates and any rate already posted,
    each with its mapping."""
    rates = {
        Decimal(r["rate"])
        for r in await TaxRate.select(TaxRate.rate).where(TaxRate.property == property_id)
    }
    accounts = {a.code: a for a in dc.default_chart([r for r in rates if 0 < r < 100])}
    posted = (
        await JournalPosting.select(JournalPosting.account_code)
        .where(JournalPosting.property == property_id)
        .distinct()
    )
    for row in posted:
        code = row["account_code"]
        if code not in accounts and code.startswith(dc.VAT_PAYABLE_PREFIX + "-"):
            rate = Decimal(code.split("-", 1)[1].replace("p", "."))
            accounts[code] = dc.vat_account(rate)
    mappings = {
        m.code: m
        for m in await AccountMapping.objects().where(AccountMapping.property == property_id)
    }
    lines = []
    for code, account in sorted(accounts.items()):
        mapping = mappings.get(code)
        if mapping is not None and mapping.name:
            account = Account(account.code, mapping.name, account.kind)
        lines.append(ChartLine(account, mapping.external_code if mapping else None))
    return lines


async def map_account(
    *, property_id: int, code: str, external_code: str | None, name: str | None = None
) -> ChartLine:
    """Give an account of the chart the hotel's own code (None removes the mapping)."""
    if external_code is not None:
        external_code = validation.text(external_code, "externalCode", max_length=40)
        if not ACCOUNT_CODE_PATTERN.match(external_code):
            raise InvalidInput(
                "externalCode may hold letters, digits and '-' and must start with a digit "
                "or capital letter.",
                field="externalCode",
            )
    if name is not None:
        name = validation.text(name, "name", max_length=120)

    async def change() -> ChartLine:
        await get_property(property_id)
        chart = {line.account.code: line for line in await chart_of(property_id)}
        if code not in chart:
            raise InvalidInput(f"The chart has no account {code!r}.", field="code")
        existing = (
            await AccountMapping.objects()
            .where((AccountMapping.property == property_id) & (AccountMapping.code == code))
            .first()
        )
        if external_code is None:
            if existing is not None:
                await AccountMapping.delete().where(AccountMapping.id == existing.id)
            return await _line(property_id, code)
        taken = await AccountMapping.exists().where(
            (AccountMapping.property == property_id)
            & (AccountMapping.external_code == external_code)
            & (AccountMapping.code != code)
        )
        if taken:
            raise Conflict(f"{external_code} is mapped to another account.", field="externalCode")
        row = existing or AccountMapping(property=property_id, code=code)
        row.external_code, row.name = external_code, name
        await row.save()
        return await _line(property_id, code)

    return await run_write(change, conflict_message=f"{external_code} is mapped already.")


async def _line(property_id: int, code: str) -> ChartLine:
    return next(line for line in await chart_of(property_id) if line.account.code == code)
