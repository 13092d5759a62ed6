"""Input checks shared by every service, so limits and messages are the same everywhere."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

from .errors import InvalidFields, InvalidInput

T = TypeVar("T")

MAX_NAME = 200
MAX_CODE = 20
MAX_TEXT = 4000
MAX_NIGHTS = 366
_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{4,32}$")


class Checks:
    """Runs the field checks of one request and reports every invalid field at once.

    ``checks(validation.code, value, "code")`` returns the cleaned value, or None when the
    check failed (its error is kept); ``with checks.field(): ...`` keeps the InvalidInput a
    block raises. ``done()`` raises the one error, or ``InvalidFields`` carrying them all.
    """

    def __init__(self) -> None:
        self.errors: list[InvalidInput] = []

    def __call__(self, check: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return check(*args, **kwargs)
        except InvalidInput as error:
            self.errors.append(error)
            return None

    @contextmanager
    def field(self) -> Iterator[None]:
        try:
            yield
        except InvalidInput as error:
            self.errors.append(error)

    def done(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise InvalidFields(self.errors)


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


def choice(value: str, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise InvalidInput(f"{field} must be one of {', '.join(allowed)}.", field=field)
    return value


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
