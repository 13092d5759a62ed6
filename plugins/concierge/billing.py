"""The one place the concierge reaches the folio feature (``frontdesk.core.folios``).

Charges (service bookings) go through core's public ``post_charge``, which joins the
caller's write transaction, so a refused posting rolls the whole change back. A cancelled
charge is reversed with ``correct_entry``, never edited. Without the folio feature, or
without the posting it needs, the change is refused with ``FEATURE_UNAVAILABLE`` instead of
silently skipping the money: it must never look booked when it is not.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from types import ModuleType

from frontdesk.core.errors import DomainError

FOLIO_SERVICE = "frontdesk.core.folios.service"
# Folio charge category of each kind of service (core.rates CHARGE_CATEGORIES).
CATEGORY_OF_SERVICE = {
    "spa": "spa",
    "restaurant": "food_beverage",
    "tour": "other",
    "transfer": "other",
    "other": "other",
}


class FeatureUnavailable(DomainError):
    code = "FEATURE_UNAVAILABLE"


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
    """Credit ``amount`` to the stay's folio. Core's folio service offers no free-amount
    credit yet (``correct_entry`` only reverses an existing entry), so this needs
    ``post_credit(stay_id=, amount=, description=, actor=)`` there and is refused until then."""
    credit = _require("post_credit", field)
    entry = await credit(stay_id=stay_id, amount=amount, description=description[:200], actor=actor)
    return str(entry.id)
