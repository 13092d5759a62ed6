"""Small helpers shared by the auth services."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from ..errors import InvalidInput
from ..properties.tables import Property

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.\-]{1,49}$")


def now() -> datetime:
    return datetime.now(UTC)


def loads(value: str | None) -> list[Any]:
    return json.loads(value) if value else []


def dumps(values: Any) -> str:
    return json.dumps(values, sort_keys=True, default=str)


def machine_name(value: str | None, field: str) -> str:
    """Usernames and role names: lower-case letters, digits, ``_ . -``; 2 to 50 characters."""
    cleaned = (value or "").strip().lower()
    if not NAME_PATTERN.match(cleaned):
        raise InvalidInput(
            f"{field} must be 2-50 characters of a-z, 0-9, '_', '.' or '-'.", field=field
        )
    return cleaned


async def existing_property_ids(ids: list[int], field: str) -> list[int]:
    """Refuse grants to properties that do not exist (a typo would grant nothing)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    rows = await Property.select(Property.id).where(Property.id.is_in(wanted))
    missing = sorted(set(wanted) - {row["id"] for row in rows})
    if missing:
        raise InvalidInput(f"Unknown properties: {', '.join(map(str, missing))}.", field=field)
    return wanted


def aware(value: datetime | None) -> datetime | None:
    """SQLite may hand back naive UTC timestamps; compare them as aware ones."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
