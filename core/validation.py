"""Input checks shared by every service, so limits and messages are the same everywhere."""

from __future__ import annotations

import re
from datetime import date

from .errors import InvalidInput

MAX_NAME = 200
MAX_CODE = 20
MAX_TEXT = 4000
MAX_NIGHTS = 366
_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{4,32}$")


def text(
    value: str | None, field: str, *, max_length: int = MAX_NAME, required: bool = True
) -> str:
    """Strip a string and check it is present (when required) and not oversized."""
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise InvalidInput(f"{field} must not be empty.", field=field)
    if len(cleaned) > max_length:
        raise InvalidInput(f"{field} must be at most {max_length} characters.", field=field)
    if "\x00" in cleaned:
        raise InvalidInput(f"{field} must not contain NUL characters.", field=field)
    return cleaned


def optional_text(value: str | None, field: str, *, max_length: int = MAX_NAME) -> str | None:
    cleaned = text(value, field, max_length=max_length, required=False)
    return cleaned or None


def code(value: str | None, field: str) -> str:
    cleaned = text(value, field, max_length=MAX_CODE)
    if not _CODE_RE.match(cleaned):
        raise InvalidInput(f"{field} may hold letters, digits, '_', '.' and '-' only.", field=field)
    return cleaned.upper()


def email(value: str | None, field: str = "email") -> str | None:
    cleaned = optional_text(value, field, max_length=254)
    if cleaned and not _EMAIL_RE.match(cleaned):
        raise InvalidInput(f"{field} is not a valid email address.", field=field)
    return cleaned.lower() if cleaned else None


def phone(value: str | None, field: str = "phone") -> str | None:
    cleaned = optional_text(value, field, max_length=32)
    if cleaned and not _PHONE_RE.match(cleaned):
        raise InvalidInput(f"{field} is not a valid phone number.", field=field)
    return cleaned


def country(value: str | None, field: str = "country") -> str | None:
    """A two-letter ISO 3166 country code, upper case (None when not given)."""
    cleaned = optional_text(value, field, max_length=2)
    if cleaned is None:
        return None
    if len(cleaned) != 2 or not cleaned.isalpha():
        raise InvalidInput(f"{field} must be a two-letter ISO 3166 country code.", field=field)
    return cleaned.upper()


def integer(value: int, field: str, *, minimum: int, maximum: int) -> int:
    if value < minimum or value > maximum:
        raise InvalidInput(f"{field} must be between {minimum} and {maximum}.", field=field)
    return value


def night_range(arrival: date, departure: date, *, field: str = "departure") -> int:
    """Check a half-open night range [arrival, departure) and return its number of nights."""
    if departure <= arrival:
        raise InvalidInput("departure must be after arrival.", field=field)
    nights = (departure - arrival).days
    if nights > MAX_NIGHTS:
        raise InvalidInput(f"a stay may last at most {MAX_NIGHTS} nights.", field=field)
    if arrival.year < 2000 or departure.year > 2200:
        raise InvalidInput("dates must lie between the years 2000 and 2200.", field="arrival")
    return nights
