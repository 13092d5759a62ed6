"""Changing a property's and a room type's details after they were created.

A property's currency and business date are not among them: money already booked is in the
currency, and only the night audit moves the business date. The seller's details an invoice
prints (legal name, address, VAT number, phone, email) are set here."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from .. import validation
from ..errors import Conflict, InvalidInput
from ..repository import find_row
from ..transactions import run_write
from .room_use import room_use
from .service import _timezone, get_property, get_room_type
from .tables import Property, RoomType

_VAT_NUMBER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .-]{1,31}$")
PROPERTY_FIELDS = (
    "name",
    "legal_name",
    "timezone",
    "check_in_time",
    "check_out_time",
    "address_line",
    "city",
    "postal_code",
    "country",
    "vat_number",
    "phone",
    "email",
)


def _vat_number(value: str | None) -> str | None:
    cleaned = validation.optional_text(value, "vatNumber", max_length=32)
    if cleaned is not None and not _VAT_NUMBER_RE.match(cleaned):
        raise InvalidInput(
            "vatNumber may hold letters, digits, spaces, '.' and '-' only.", field="vatNumber"
        )
    return cleaned.upper() if cleaned else None


def clean_property_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The given property fields checked and normalized (only those present)."""
    unknown = set(values) - set(PROPERTY_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown property fields: {', '.join(sorted(unknown))}.")
    checks = {
        "name": lambda v: validation.text(v, "name"),
        "legal_name": lambda v: validation.optional_text(v, "legalName"),
        "timezone": _timezone,
        "address_line": lambda v: validation.optional_text(v, "address.line"),
        "city": lambda v: validation.optional_text(v, "address.city"),
        "postal_code": lambda v: validation.optional_text(v, "address.postalCode", max_length=20),
        "country": lambda v: validation.country(v, "address.country"),
        "vat_number": _vat_number,
        "phone": validation.phone,
        "email": validation.email,
    }
    out = {}
    for key, value in values.items():
        if key in ("check_in_time", "check_out_time"):
            if not isinstance(value, time):
                raise InvalidInput(f"{key} must be a time of day.", field=_camel(key))
            out[key] = value
        else:
            out[key] = checks[key](value)
    return out


async def update_property(*, property_id: int, **values: Any) -> Property:
    """Change the given details of a property (fields not given stay as they are)."""
    cleaned = clean_property_fields(values)

    async def change() -> Property:
        prop = await get_property(property_id)
        for key, value in cleaned.items():
            setattr(prop, key, value)
        if cleaned:
            await prop.save()
        return prop

    return await run_write(change, conflict_message="The property changed concurrently; retry.")


async def update_room_type(
    *,
    room_type_id: int,
    code: str | None = None,
    name: str | None = None,
    max_occupancy: int | None = None,
    description: str | None = None,
) -> RoomType:
    """Change a room type's code, name, occupancy or description. A lower occupancy is
    refused while a booked or in-house stay of the type holds more guests."""
    values: dict[str, Any] = {}
    if code is not None:
        values["code"] = validation.code(code, "code")
    if name is not None:
        values["name"] = validation.text(name, "name")
    if max_occupancy is not None:
        values["max_occupancy"] = validation.integer(
            max_occupancy, "maxOccupancy", minimum=1, maximum=20
        )
    if description is not None:
        values["description"] = validation.text(
            description, "description", max_length=validation.MAX_TEXT, required=False
        )

    async def change() -> RoomType:
        room_type = await get_room_type(room_type_id)
        if "code" in values and values["code"] != room_type.code:
            taken = await find_row(
                RoomType,
                (RoomType.property == room_type.property) & (RoomType.code == values["code"]),
            )
            if taken is not None:
                raise Conflict(f"Room type {values['code']} exists already.", field="code")
        if "max_occupancy" in values:
            await room_use.get().ensure_guests_fit(room_type, values["max_occupancy"])
        for key, value in values.items():
            setattr(room_type, key, value)
        if values:
            await room_type.save()
        return room_type

    return await run_write(change, conflict_message="The room type changed concurrently; retry.")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)
