"""Domain errors: the one way core tells a caller that a request cannot be honoured.

The API turns every DomainError into a UserError (code, message, field) in the mutation
payload; nothing written in the failed transaction survives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class DomainError(Exception):
    """A client-correctable refusal: bad input, a broken business rule, a missing object."""

    code = "INVALID"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code

    @property
    def errors(self) -> list[DomainError]:
        """Every refusal this error carries (one, unless several fields were invalid)."""
        return [self]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r}, field={self.field!r})"


class NotFound(DomainError):
    code = "NOT_FOUND"


class InvalidInput(DomainError):
    code = "INVALID_INPUT"


class InvalidFields(InvalidInput):
    """Several fields of one request are invalid: each is reported, so a client fixes them
    all in one round instead of discovering them one by one (``validation.Checks``)."""

    def __init__(self, errors: list[DomainError]):
        flat = [one for error in errors for one in error.errors]
        super().__init__(" ".join(e.message for e in flat), field=flat[0].field)
        self._errors = flat

    @property
    def errors(self) -> list[DomainError]:
        return list(self._errors)


class Conflict(DomainError):
    """The request collides with the current state (sold out, room taken, wrong status)."""

    code = "CONFLICT"


class InvalidTransition(DomainError):
    code = "INVALID_TRANSITION"


class PermissionDenied(DomainError):
    code = "PERMISSION_DENIED"


class PluginDisabled(DomainError):
    """An operation of a plugin that is turned off for its property (or everywhere)."""

    code = "PLUGIN_DISABLED"


#: Every code core (and its auth area) puts on a DomainError or UserError, with what it means.
#: Plugins add theirs through ``frontdesk_error_codes_register``; the API lists them all as
#: the ``UserErrorCode`` enum, and a test fails on a code raised that is not listed.
CORE_ERROR_CODES: dict[str, str] = {
    "INVALID": "The request cannot be honoured (a refusal without a more precise code).",
    "INVALID_INPUT": "A field's value is not acceptable; `field` names it.",
    "NOT_FOUND": "The object named (in `field`) does not exist, or not for this caller.",
    "CONFLICT": "The request collides with the current state (sold out, taken, changed).",
    "INVALID_TRANSITION": "The object's status does not allow this step.",
    "PERMISSION_DENIED": "The caller lacks the permission this needs.",
    "AUTHENTICATION_FAILED": "Wrong username or password (the two are not told apart).",
    "THROTTLED": "Too many failed attempts; wait before trying again.",
    "GUEST_IN_HOUSE": "The guest has a current or future stay.",
    "OPEN_BALANCE": "A folio of the guest still has a balance.",
    "FORBIDDEN_TARGET": "A webhook URL points at this machine or a private network.",
    "PLUGIN_DISABLED": (
        "The plugin this operation belongs to is turned off for the property named (in "
        "`field`) or for the whole installation (frontdesk plugins enable)."
    ),
    "IDEMPOTENCY_KEY_IN_PROGRESS": (
        "A request with this Idempotency-Key outlived its lease and another took it over; "
        "nothing of it was written."
    ),
}
_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")


class ErrorCodeConflict(RuntimeError):
    """A registered error code is malformed: start-up stops."""


def error_codes(contributed: Iterable[dict[str, str]] = ()) -> dict[str, str]:
    """Core's codes, then those ``contributed`` (each plugin's ``{code: description}``) by
    name, so the enum reads the same however plugins were discovered; a code given twice
    keeps its first description."""
    added: dict[str, str] = {}
    for mapping in contributed:
        for code, description in mapping.items():
            if not isinstance(code, str) or not _CODE_RE.match(code):
                raise ErrorCodeConflict(f"Error code {code!r} is not UPPER_SNAKE_CASE.")
            added.setdefault(code, str(description))
    codes = dict(CORE_ERROR_CODES)
    for code in sorted(added):
        codes.setdefault(code, added[code])
    return codes
