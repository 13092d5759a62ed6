"""Small helpers the concierge services share: the clock, actor names, timestamps, row
locks."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from piccolo.table import Table

from frontdesk.api import InvalidInput

MIN_YEAR, MAX_YEAR = 2000, 2200


class Keep(enum.Enum):
    """``KEEP``: an optional field the caller did not give (None may mean "clear it")."""

    KEEP = "keep"


KEEP = Keep.KEEP


def now() -> datetime:
    return datetime.now(UTC)


def actor_name(actor: str | None) -> str | None:
    return actor[:100] if actor else None


def moment(value: datetime | None, field: str) -> datetime | None:
    """An aware timestamp within sane years, normalised to UTC (a naive one is ambiguous)."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(f"{field} must include a time zone offset.", field=field)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InvalidInput(
            f"{field} must lie between the years {MIN_YEAR} and {MAX_YEAR}.", field=field
        )
    return value.astimezone(UTC)


def aware(value: datetime | None) -> datetime | None:
    """Rows read back from SQLite may be naive UTC; compare them as aware ones."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


async def lock_row(table: type[Table], row_id: int) -> None:
    """Take the row lock of ``row_id`` for this transaction (PostgreSQL; SQLite writes are
    already serialized), so a capacity change and a booking against it cannot interleave
    (the idea of core's ``lock_folio``)."""
    await table.raw(f"UPDATE {table._meta.tablename} SET id = id WHERE id = {{}}", row_id)
