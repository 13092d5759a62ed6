"""The stay lifecycle: book, modify, cancel, check in, check out, move room, no-show.

Each public function is one write transaction; plugins see each change inside it (and may
veto it) and again after commit. The steps live in modules named for them (``booking``,
``changes``, ``cancellations``, ``check_in_out``, ``room_moves``, with the checks they share
in ``rules``); this module is the one callers import.
"""

from __future__ import annotations

from .booking import book_stay
from .cancellations import cancel_stay, mark_no_show
from .changes import modify_stay
from .check_in_out import check_in, check_out
from .room_moves import move_room
from .rules import get_stay

__all__ = [
    "book_stay",
    "cancel_stay",
    "check_in",
    "check_out",
    "get_stay",
    "mark_no_show",
    "modify_stay",
    "move_room",
]
