"""The recommendations catalogue: local places and experiences per property, searchable by
category, tag, language and opening hours, and a record of what each stay was told."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from frontdesk.api import (
    InvalidInput,
    InvalidTransition,
    NotFound,
    Page,
    decode_cursor,
    encode_cursor,
    get_property,
    get_stay,
    run_write,
    validation,
)
from frontdesk.api.tables import Property

from .common import KEEP, Keep, actor_name, now
from .tables import (
    ConciergeRecommendation,
    ConciergeRecommendationGiven,
    ConciergeRecommendationTag,
    ConciergeRecommendationText,
)

CATEGORIES = ("restaurant", "museum", "tour", "nightlife", "shopping", "transport", "event")
MAX_TAGS = 20
MAX_LANGUAGES = 20
MAX_HOURS = 28
_LANGUAGE_RE = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")
_TAG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
_CLOCK_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


@dataclass(frozen=True)
class OpeningHours:
    """Open on ``day`` (0 = Monday) from ``opens``; ``closes`` at or before ``opens`` means
    after midnight (a bar open 20:00-02:00)."""

    day: int
    opens: str
    closes: str

    def as_json(self) -> dict:
        return {"day": self.day, "opens": self.opens, "closes": self.closes}


async def get_recommendation(recommendation_id: int) -> ConciergeRecommendation:
    row = (
        await ConciergeRecommendation.objects()
        .where(ConciergeRecommendation.id == recommendation_id)
        .first()
    )
    if row is None:
        raise NotFound(
            f"Recommendation {recommendation_id} does not exist.", field="recommendationId"
        )
    return row


def clean_language(value: str, field: str = "language") -> str:
    cleaned = (value or "").strip()
    if not _LANGUAGE_RE.match(cleaned):
        raise InvalidInput(f"{field} must be a language code such as 'en' or 'pt-BR'.", field=field)
    return cleaned


def clean_tag(value: str) -> str:
    cleaned = (value or "").strip().lower()
    if not _TAG_RE.match(cleaned):
        raise InvalidInput(
            "A tag is up to 50 lower-case letters, digits, '-' or '_'.", field="tags"
        )
    return cleaned


def clean_hours(hours: list[OpeningHours]) -> list[OpeningHours]:
    if len(hours) > MAX_HOURS:
        raise InvalidInput(f"At most {MAX_HOURS} opening periods.", field="openingHours")
    for period in hours:
        if not 0 <= period.day <= 6:
            raise InvalidInput("day runs from 0 (Monday) to 6 (Sunday).", field="openingHours")
        if not (_CLOCK_RE.match(period.opens) and _CLOCK_RE.match(period.closes)):
            raise InvalidInput("Opening times are HH:MM.", field="openingHours")
    return hours


def hours_of(row: ConciergeRecommendation) -> list[dict]:
    """The stored opening periods (Piccolo hands JSON back as text)."""
    value = row.opening_hours
    return json.loads(value) if isinstance(value, str) else list(value or [])


def is_open(hours: list[dict], at: datetime, timezone: str) -> bool:
    """Whether any period covers the local time ``at`` (periods may run past midnight)."""
    local = at.astimezone(ZoneInfo(timezone))
    for period in hours:
        opens, closes = time.fromisoformat(period["opens"]), time.fromisoformat(period["closes"])
        for day_offset in (0, 1):
            start_day = (local - timedelta(days=day_offset)).date()
            if start_day.weekday() != period["day"]:
                continue
            start = datetime.combine(start_day, opens, local.tzinfo)
            end = datetime.combine(start_day, closes, local.tzinfo)
            if end <= start:
                end += timedelta(days=1)
            if start <= local < end:
                return True
    return False


def _clean_fields(
    *,
    name: str | None,
    category: str | None,
    descriptions: dict[str, str] | None,
    address: str | None,
    opening_hours: list[OpeningHours] | None,
    price_level: int | None,
    tags: list[str] | None,
    booking_contact: str | None,
) -> dict[str, Any]:
    """Validate the catalogue fields given (None = not given), the same for create and edit."""
    if category is not None and category not in CATEGORIES:
        raise InvalidInput(f"category must be one of {', '.join(CATEGORIES)}.", field="category")
    if descriptions is not None and len(descriptions) > MAX_LANGUAGES:
        raise InvalidInput(f"At most {MAX_LANGUAGES} languages.", field="descriptions")
    if price_level is not None:
        validation.integer(price_level, "priceLevel", minimum=1, maximum=4)
    if tags is not None and len(tags) > MAX_TAGS:
        raise InvalidInput(f"At most {MAX_TAGS} tags.", field="tags")
    return {
        "name": None if name is None else validation.text(name, "name"),
        "category": category,
        "descriptions": None
        if descriptions is None
        else {
            clean_language(lang, "descriptions"): validation.text(
                text, "descriptions", max_length=validation.MAX_TEXT
            )
            for lang, text in descriptions.items()
        },
        "address": None
        if address is None
        else validation.text(address, "address", max_length=300, required=False),
        "opening_hours": None if opening_hours is None else clean_hours(opening_hours),
        "price_level": price_level,
        "tags": None if tags is None else sorted({clean_tag(t) for t in tags}),
        "booking_contact": None
        if booking_contact is None
        else validation.text(booking_contact, "bookingContact", required=False),
    }


async def _replace_texts(recommendation_id: int, texts: dict[str, str]) -> None:
    await ConciergeRecommendationText.delete().where(
        ConciergeRecommendationText.recommendation == recommendation_id
    )
    if texts:
        await ConciergeRecommendationText.insert(
            *[
                ConciergeRecommendationText(
                    recommendation=recommendation_id, language=lang, description=text
                )
                for lang, text in texts.items()
            ]
        )


async def _replace_tags(recommendation_id: int, tags: list[str]) -> None:
    await ConciergeRecommendationTag.delete().where(
        ConciergeRecommendationTag.recommendation == recommendation_id
    )
    if tags:
        await ConciergeRecommendationTag.insert(
            *[ConciergeRecommendationTag(recommendation=recommendation_id, tag=t) for t in tags]
        )


async def create_recommendation(
    *,
    property_id: int,
    name: str,
    category: str,
    descriptions: dict[str, str],
    address: str = "",
    opening_hours: list[OpeningHours] | None = None,
    price_level: int | None = None,
    tags: list[str] | None = None,
    booking_contact: str = "",
    actor: str | None = None,
) -> ConciergeRecommendation:
    fields = _clean_fields(
        name=name,
        category=category,
        descriptions=descriptions,
        address=address,
        opening_hours=opening_hours or [],
        price_level=price_level,
        tags=tags or [],
        booking_contact=booking_contact,
    )

    async def change() -> ConciergeRecommendation:
        await get_property(property_id)
        row = ConciergeRecommendation(
            property=property_id,
            name=fields["name"],
            category=category,
            address=fields["address"],
            opening_hours=[h.as_json() for h in fields["opening_hours"]],
            price_level=price_level,
            booking_contact=fields["booking_contact"],
            active=True,
        )
        await row.save()
        await _replace_texts(row.id, fields["descriptions"])
        await _replace_tags(row.id, fields["tags"])
        return row

    return await run_write(change, conflict_message="The recommendation could not be saved.")


async def update_recommendation(
    *,
    recommendation_id: int,
    name: str | None = None,
    category: str | None = None,
    descriptions: dict[str, str] | None = None,
    address: str | None = None,
    opening_hours: list[OpeningHours] | None = None,
    price_level: int | None | Keep = KEEP,
    tags: list[str] | None = None,
    booking_contact: str | None = None,
    actor: str | None = None,
) -> ConciergeRecommendation:
    """Change what is given (None, or ``KEEP`` for the price level, keeps a field). Given
    descriptions, tags or opening hours replace the whole list; records of what guests were
    told keep pointing to the recommendation."""
    fields = _clean_fields(
        name=name,
        category=category,
        descriptions=descriptions,
        address=address,
        opening_hours=opening_hours,
        price_level=None if price_level is KEEP else price_level,
        tags=tags,
        booking_contact=booking_contact,
    )

    async def change() -> ConciergeRecommendation:
        row = await get_recommendation(recommendation_id)
        for column in ("name", "category", "address", "booking_contact"):
            if fields[column] is not None:
                setattr(row, column, fields[column])
        if fields["opening_hours"] is not None:
            row.opening_hours = [h.as_json() for h in fields["opening_hours"]]
        if price_level is not KEEP:
            row.price_level = fields["price_level"]
        await row.save()
        if fields["descriptions"] is not None:
            await _replace_texts(row.id, fields["descriptions"])
        if fields["tags"] is not None:
            await _replace_tags(row.id, fields["tags"])
        return row

    return await run_write(change, conflict_message="The recommendation changed meanwhile.")


async def remove_recommendation(
    *, recommendation_id: int, actor: str | None = None
) -> ConciergeRecommendation | None:
    """Delete a recommendation nobody was given yet (None); one that a stay was given is only
    deactivated and returned, so the desk still sees what each guest was told."""

    async def change() -> ConciergeRecommendation | None:
        row = await get_recommendation(recommendation_id)
        if await ConciergeRecommendationGiven.exists().where(
            ConciergeRecommendationGiven.recommendation == row.id
        ):
            row.active = False
            await row.save()
            return row
        await ConciergeRecommendationText.delete().where(
            ConciergeRecommendationText.recommendation == row.id
        )
        await ConciergeRecommendationTag.delete().where(
            ConciergeRecommendationTag.recommendation == row.id
        )
        await ConciergeRecommendation.delete().where(ConciergeRecommendation.id == row.id)
        return None

    return await run_write(change, conflict_message="The recommendation changed meanwhile.")


async def set_active(*, recommendation_id: int, active: bool, actor: str | None = None):
    async def change() -> ConciergeRecommendation:
        row = await get_recommendation(recommendation_id)
        row.active = active
        await row.save()
        return row

    return await run_write(change, conflict_message="The recommendation changed meanwhile.")


async def record_given(
    *, recommendation_id: int, stay_id: int, note: str = "", actor: str | None = None
) -> ConciergeRecommendationGiven:
    """Note that the desk gave this recommendation to the stay's guest."""
    note = validation.text(note, "note", max_length=validation.MAX_TEXT, required=False)

    async def change() -> ConciergeRecommendationGiven:
        recommendation = await get_recommendation(recommendation_id)
        stay = await get_stay(stay_id, property_id=recommendation.property)
        if stay.status in ("cancelled", "no_show"):
            raise InvalidTransition(f"The stay is {stay.status}.", field="stayId")
        given = ConciergeRecommendationGiven(
            recommendation=recommendation.id,
            stay=stay.id,
            guest=stay.primary_guest,
            given_at=now(),
            given_by=actor_name(actor),
            note=note,
        )
        await given.save()
        return given

    return await run_write(change, conflict_message="The record could not be saved; retry.")


async def search(
    *,
    property_id: int,
    category: str | None = None,
    tag: str | None = None,
    language: str | None = None,
    open_now: bool | None = None,
    include_inactive: bool = False,
    first: int,
    after: str | None,
    at: datetime | None = None,
) -> Page:
    """A page of matches by id. Category, tag and language are conditions in the database;
    open-now depends on the local clock, so batches are filtered here until the page fills."""
    R = ConciergeRecommendation
    condition = R.property == property_id
    if not include_inactive:
        condition &= R.active.eq(True)
    if category is not None:
        condition &= R.category == category
    if tag is not None:
        ids = ConciergeRecommendationTag.select(ConciergeRecommendationTag.recommendation).where(
            ConciergeRecommendationTag.tag == tag.strip().lower()[:50]
        )
        condition &= R.id.is_in(ids)
    if language is not None:
        ids = ConciergeRecommendationText.select(ConciergeRecommendationText.recommendation).where(
            ConciergeRecommendationText.language == language.strip()[:10]
        )
        condition &= R.id.is_in(ids)
    timezone = None
    if open_now is not None:
        prop = await Property.objects().where(Property.id == property_id).first()
        if prop is None:  # a search never raises: an unknown property has nothing to show
            return Page([], False, None)
        timezone = prop.timezone
    moment, cursor, found = at or now(), decode_cursor(after), []
    while len(found) <= first:
        query = R.objects().where(condition if cursor is None else condition & (R.id > cursor))
        batch = await query.order_by(R.id).limit(max(first + 1, 50))
        if not batch:
            break
        for row in batch:
            if timezone is None or is_open(hours_of(row), moment, timezone) == open_now:
                found.append(row)
        cursor = batch[-1].id
    items = found[:first]
    return Page(items, len(found) > first, encode_cursor(items[-1].id) if items else None)
