"""Ports: how a lower core area reaches a higher one without importing it.

Core's areas depend one way (core/areas.py lists the order; tests/core/
test_core_areas_are_acyclic.py keeps it). Where a lower area must have a higher one act
inside its own transaction (a booked stay gets its prices and folio from folios; a room
leaves service only if no stay holds it), the lower area declares a ``Protocol`` of what it
needs and a ``Port`` for it; start-up installs the higher area's implementation
(``areas.connect``). Nothing is optional: a port used before it is installed is a start-up
mistake and says so.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Port(Generic[T]):
    """The one implementation of a protocol, installed at start-up."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._implementation: T | None = None

    def install(self, implementation: T) -> None:
        self._implementation = implementation

    def get(self) -> T:
        if self._implementation is None:
            raise RuntimeError(
                f"No {self.name} is installed: start Frontdesk with bootstrap.start(), which "
                "connects core's areas (core/areas.py)."
            )
        return self._implementation
