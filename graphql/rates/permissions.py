"""Who may read and set rates and taxes, and which id arguments name a rate plan."""

from __future__ import annotations

from frontdesk.core.rates.tables import RatePlan

from ..common.contributions import ScopeTarget

FIELD_PERMISSIONS: dict[str, str] = {
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
}

SCOPED_ARGUMENTS: dict[str, ScopeTarget] = {
    "ratePlanId": RatePlan,
    "Query.ratePlan.id": RatePlan,
}
