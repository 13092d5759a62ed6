"""Business rules for guest profiles: creation with a duplicate hint, updates, search."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from .. import db, events, validation
from ..errors import InvalidInput
from ..properties.service import get_property
from ..repository import found, get_or_not_found
from ..transactions import run_write
from .tables import Guest

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "address_line",
    "city",
    "postal_code",
    "country",
    "nationality",
    "language",
    "date_of_birth",
    "id_document_type",
    "id_document_number",
    "vip",
    "notes",
)
MAX_SEARCH_LENGTH = 100


async def get_guest(guest_id: int, *, property_id: int | None = None) -> Guest:
    return await get_or_not_found(
        Guest, guest_id, name="Guest", field="guestId", property_id=property_id
    )


def found_guest(guest: Guest | None, guest_id: int, *, property_id: int | None = None) -> Guest:
    """``guest`` as read for ``guest_id``, or NotFound when there is none or the guest
    belongs to another property."""
    return found(guest, guest_id, name="Guest", field="guestId", property_id=property_id)


def clean_profile(values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """Validate the given profile fields; with ``partial`` only those present are checked.
    Every invalid field is reported at once (``validation.Checks``)."""
    checks = validation.Checks()
    out: dict[str, Any] = {}
    for name in ("first_name", "last_name"):
        if name in values or not partial:
            out[name] = checks(validation.text, values.get(name), _camel(name))
    if "email" in values:
        out["email"] = checks(validation.email, values["email"])
    if "phone" in values:
        out["phone"] = checks(validation.phone, values["phone"])
    for name, limit in (
        ("address_line", 200),
        ("city", 200),
        ("postal_code", 20),
        ("id_document_type", 30),
        ("id_document_number", 64),
    ):
        if name in values:
            out[name] = checks(
                validation.optional_text, values[name], _camel(name), max_length=limit
            )
    for name in ("country", "nationality"):
        if name in values:
            out[name] = checks(validation.country, values[name], name)
    if "language" in values:
        out["language"] = checks(
            validation.optional_text, values["language"], "language", max_length=10
        )
    if "date_of_birth" in values:
        out["date_of_birth"] = checks(_date_of_birth, values["date_of_birth"])
    if "vip" in values and values["vip"] is not None:
        out["vip"] = bool(values["vip"])
    if "notes" in values:
        out["notes"] = checks(
            validation.text,
            values["notes"],
            "notes",
            max_length=validation.MAX_TEXT,
            required=False,
        )
    checks.done()
    return out


def _date_of_birth(born: date | None) -> date | None:
    if born is not None and (born.year < 1900 or born > datetime.now(UTC).date()):
        raise InvalidInput("dateOfBirth must lie between 1900 and today.", field="dateOfBirth")
    return born


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


async def possible_duplicates(
    property_id: int,
    *,
    first_name: str,
    last_name: str,
    email: str | None,
    phone: str | None,
    exclude_id: int | None = None,
) -> list[Guest]:
    """Guests that look like the same person: same email, same phone, or same full name."""
    condition = db.ilike(Guest.first_name, db.like_text(first_name)) & db.ilike(
        Guest.last_name, db.like_text(last_name)
    )
    if email:
        condition = condition | (Guest.email == email)
    if phone:
        condition = condition | (Guest.phone == phone)
    query = Guest.objects().where((Guest.property == property_id) & condition)
    matches = await query.limit(10)
    return [g for g in matches if g.id != exclude_id]


async def create_guest(
    *, property_id: int, actor: str | None = None, **profile: Any
) -> tuple[Guest, list[Guest]]:
    """Create a guest; also return existing guests that look like the same person."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown guest fields: {', '.join(sorted(unknown))}.")
    values = clean_profile(profile, partial=False)

    async def change() -> tuple[Guest, list[Guest]]:
        await get_property(property_id)
        duplicates = await possible_duplicates(
            property_id,
            first_name=values["first_name"],
            last_name=values["last_name"],
            email=values.get("email"),
            phone=values.get("phone"),
        )
        guest = Guest(property=property_id, **values)
        await guest.save()
        await events.emit(
            "frontdesk_guest_created",
            "guest.created",
            property_id=property_id,
            subject_id=guest.id,
            actor=actor,
            guest=guest,
        )
        return guest, duplicates

    return await run_write(change, conflict_message="The guest could not be saved; retry.")


async def update_guest(*, guest_id: int, actor: str | None = None, **profile: Any) -> Guest:
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown guest fields: {', '.join(sorted(unknown))}.")
    values = clean_profile(profile, partial=True)

    async def change() -> Guest:
        guest = await get_guest(guest_id)
        changes = {k: (getattr(guest, k), v) for k, v in values.items() if getattr(guest, k) != v}
        if not changes:
            return guest
        for key, (_old, new) in changes.items():
            setattr(guest, key, new)
        guest.updated_at = datetime.now(UTC)
        await guest.save()
        await events.emit(
            "frontdesk_guest_updated",
            "guest.updated",
            property_id=guest.property,
            subject_id=guest.id,
            actor=actor,
            data={"fields": sorted(changes)},
            guest=guest,
            changes=changes,
        )
        return guest

    return await run_write(change, conflict_message="The guest changed concurrently; retry.")


def search_condition(property_id: int | None, text: str | None):
    """A WHERE clause matching guests by name, email or phone (case-insensitive substring)."""
    condition = None
    if property_id is not None:
        condition = Guest.property == property_id
    if text:
        cleaned = text.strip()[:MAX_SEARCH_LENGTH]
        pattern = f"%{db.like_text(cleaned)}%"
        match = (
            db.ilike(Guest.first_name, pattern)
            | db.ilike(Guest.last_name, pattern)
            | db.ilike(Guest.email, pattern)
            | db.ilike(Guest.phone, pattern)
        )
        parts = cleaned.split()
        if len(parts) == 2:
            match = match | (
                db.ilike(Guest.first_name, f"%{db.like_text(parts[0])}%")
                & db.ilike(Guest.last_name, f"%{db.like_text(parts[1])}%")
            )
        condition = match if condition is None else condition & match
    return condition
