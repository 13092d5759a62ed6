"""Domain errors: the one way core tells a caller that a request cannot be honoured.

The API turns every DomainError into a UserError (code, message, field) in the mutation
payload; nothing written in the failed transaction survives.
"""

from __future__ import annotations


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
