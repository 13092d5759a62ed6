"""The recommendations catalogue: local places and experiences per property, searchable by
category, tag, language and opening hours, and a record of what each stay was told."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from frontdesk.core import validation
from frontdesk.core.errors import InvalidInput, InvalidTransition, NotFound
from frontdesk.core.pagination import Page, decode_cursor, encode_cursor
from frontdesk.core.properties.service import get_property
from frontdesk.core.properties.tables import Property
from frontdesk.core.stays.service import get_stay
from frontdesk.core.transactions import run_write

from .common import actor_name, now
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
    name = validation.text(name, "name")
    if category not in CATEGORIES:
        raise InvalidInput(f"category must be one of {', '.join(CATEGORIES)}.", field="category")
    if len(descriptions) > MAX_LANGUAGES:
        raise InvalidInput(f"At most {MAX_LANGUAGES} languages.", field="descriptions")
    texts = {
        clean_language(lang, "descriptions"): validation.text(
            text, "descriptions", max_length=validation.MAX_TEXT
        )
        for lang, text in descriptions.items()
    }
    address = validation.text(address, "address", max_length=300, required=False)
    contact = validation.text(booking_contact, "bookingContact", required=False)
    hours = clean_hours(opening_hours or [])
    if price_level is not None:
        validation.integer(price_level, "priceLevel", minimum=1, maximum=4)
    if len(tags or []) > MAX_TAGS:
        raise InvalidInput(f"At most {MAX_TAGS} tags.", field="tags")
    clean_tags = sorted({clean_tag(t) for t in tags or []})

    async def change() -> ConciergeRecommendation:
        await get_property(property_id)
        row = ConciergeRecommendation(
            property=property_id,
            name=name,
            category=category,
            address=address,
            opening_hours=[h.as_json() for h in hours],
            price_level=price_level,
            booking_contact=contact,
            active=True,
        )
        await row.save()
        if texts:
            await ConciergeRecommendationText.insert(
                *[
                    ConciergeRecommendationText(recommendation=row.id, language=lang, description=t)
                    for lang, t in texts.items()
                ]
            )
        if clean_tags:
            await ConciergeRecommendationTag.insert(
                *[ConciergeRecommendationTag(recommendation=row.id, tag=t) for t in clean_tags]
            )
        return row

    return await run_write(change, conflict_message="The recommendation could not be saved.")


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
