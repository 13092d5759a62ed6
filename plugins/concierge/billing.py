"""The one place the concierge reaches the folio feature (``frontdesk.core.folios``).

Charges (service bookings) go through core's public ``post_charge`` and goodwill credits
(complaints) through ``post_credit``; both join the caller's write transaction, so a refused
posting rolls the whole change back. A cancelled
charge is reversed with ``correct_entry``, never edited. Without the folio feature, or
without the posting it needs, the change is refused with ``FEATURE_UNAVAILABLE`` instead of
silently skipping the money: it must never look booked when it is not.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from types import ModuleType

from frontdesk.api import DomainError

FOLIO_SERVICE = "frontdesk.core.folios.service"
# Folio charge category of each kind of service (core.rates CHARGE_CATEGORIES).
CATEGORY_OF_SERVICE = {
    "spa": "spa",
    "restaurant": "food_beverage",
    "tour": "other",
    "transfer": "other",
    "other": "other",
}


# The inputs of core's post_credit that the complaint's client knows as its goodwill amount.
CORE_CREDIT_FIELDS = ("amount", "stayId", "folioId")


class FeatureUnavailable(DomainError):
    code = "FEATURE_UNAVAILABLE"


#: The concierge's error codes beyond core's (``frontdesk_error_codes_register``).
ERROR_CODES = {
    FeatureUnavailable.code: "This installation lacks a feature the request needs (folios).",
}


def folio_service() -> ModuleType | None:
    """Core's folio service module, or None when this installation has no folio feature."""
    try:
        return importlib.import_module(FOLIO_SERVICE)
    except ModuleNotFoundError as exc:
        if exc.name and FOLIO_SERVICE.startswith(exc.name):
            return None
        raise


def available() -> bool:
    service = folio_service()
    return service is not None and hasattr(service, "post_charge")


def _require(name: str, field: str) -> object:
    service = folio_service()
    function = getattr(service, name, None) if service is not None else None
    if function is None:
        raise FeatureUnavailable(
            f"This installation's folio feature cannot do that (no {name}).", field=field
        )
    return function


async def post_charge(
    *,
    stay_id: int,
    amount: Decimal,
    service_kind: str,
    description: str,
    actor: str | None,
    field: str,
) -> str:
    """Post ``amount`` to the stay's folio (routed by category); returns the entry id."""
    post = _require("post_charge", field)
    entry = await post(
        category=CATEGORY_OF_SERVICE.get(service_kind, "other"),
        description=description[:200],
        quantity=1,
        unit_price=amount,
        stay_id=stay_id,
        actor=actor,
    )
    return str(entry.id)


async def reverse_charge(*, reference: str, reason: str, actor: str | None, field: str) -> str:
    """Reverse a charge this plugin posted; returns the correction's entry id."""
    correct = _require("correct_entry", field)
    entry = await correct(entry_id=int(reference), reason=reason[:150], actor=actor)
    return str(entry.id)


async def post_goodwill_credit(
    *, stay_id: int, amount: Decimal, description: str, actor: str | None, field: str
) -> str:
    """Credit ``amount`` to the stay's folio with core's ``post_credit`` (a negative charge
    of category ``other`` on the folio that category routes to, normally the guest folio),
    inside the caller's transaction; returns the entry id. Core's refusals (stay checked out,
    folio closed, more than the folio charged) keep their code and message but name
    ``field``, the input the client can change."""
    credit = _require("post_credit", field)
    try:
        entry = await credit(
            stay_id=stay_id, amount=amount, description=description[:200], actor=actor
        )
    except DomainError as exc:
        if exc.field in CORE_CREDIT_FIELDS:
            exc.field = field
        raise
    return str(entry.id)
