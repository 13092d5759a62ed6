"""UserError and the payload convention: a client's mistake is data, never a GraphQL error."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry

from frontdesk.core.errors import CORE_ERROR_CODES, DomainError, InvalidInput

P = TypeVar("P")
log = logging.getLogger("frontdesk.graphql")

#: Every code some schema of this process lists in ``UserErrorCode`` (graphql/common/error_codes.py
#: adds each schema's). A refusal with a code nobody registered (a plugin that forgot
#: ``frontdesk_error_codes_register``) still reaches the client, as ``INVALID`` with its own
#: message and field, instead of failing the enum's serialization.
KNOWN_CODES: set[str] = set(CORE_ERROR_CODES)


@strawberry.type(description="Why a mutation did not do what was asked; nothing was written.")
class UserError:
    code: str
    message: str
    field: str | None = None

    @classmethod
    def from_domain(cls, error: DomainError) -> UserError:
        code = error.code
        if code not in KNOWN_CODES:
            log.warning("error code %s is not registered; the client receives INVALID", code)
            code = "INVALID"
        return cls(code=code, message=error.message, field=error.field)

    @classmethod
    def all_from_domain(cls, error: DomainError) -> list[UserError]:
        """One UserError per refusal the error carries (several invalid fields: several)."""
        return [cls.from_domain(one) for one in error.errors]


async def run_mutation(
    payload: Callable[..., P], result_name: str | None, action: Callable[[], Awaitable[Any]]
) -> P:
    """Run ``action``; its result fills ``result_name`` of the payload, a DomainError its errors."""
    try:
        value = await action()
    except DomainError as error:
        empty = {result_name: None} if result_name else {}
        return payload(**empty, errors=UserError.all_from_domain(error))
    filled = {result_name: value} if result_name else {}
    return payload(**filled, errors=[])


def decode_id(value: Any, field: str) -> int:
    """A GraphQL ID to the integer key; anything else is the client's mistake."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise InvalidInput(f"{field} is not a valid id.", field=field) from None
    if number < 1 or number > 2**62:
        raise InvalidInput(f"{field} is not a valid id.", field=field)
    return number


def decode_optional_id(value: Any, field: str) -> int | None:
    return None if value is None else decode_id(value, field)


def maybe_id(value: Any) -> int | None:
    """For queries: an unreadable id simply matches nothing."""
    try:
        return decode_id(value, "id")
    except InvalidInput:
        return None
