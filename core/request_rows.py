"""Rows an operation has already read, handed to its first read by ids instead of a second
round trip to the database.

A booking's guard (the GraphQL layer's property-scope check) reads the room type and guest
the arguments name, and the booking service then reads the same rows again (with the
property) as its first statement: on PostgreSQL each is a round trip inside the request
(docs/performance.md, "Booking statements"). Whoever runs an operation may open a memo
(``remembering``); reads by ids made with ``remember=True`` put their rows into it
(``keep``), and the next read by ids of the operation takes them (``take``) when every row it
asks for is there.

Why this changes nothing a caller can see, and the limits that keep it so:

* **One operation, one task.** The memo lives in a context variable for the block that opened
  it (one GraphQL mutation, whose root fields run one after the other), so no other request
  and no other server process ever sees it: nothing is cached across requests, and a write
  elsewhere cannot leave a kept row stale beyond the operation that read it.
* **Taken once.** The first ``take`` empties the memo whether or not it could answer, so only
  an operation's first read by ids is answered, and a retried change (a unique-key race, a
  serialization failure) reads again from the database. The rows are as of the operation's
  start: a change reads by ids what it needs before it writes (as a booking does), and a
  change that wrote a row and then read it by ids first would be answered with the row as
  it was (no change does; use ``find_row`` for such a read).
* **PostgreSQL only.** A write transaction there runs at READ COMMITTED: a read inside it
  guarantees nothing more than a read just before it (neither locks the row; every statement
  sees what was committed when it began), so rows read a moment earlier by the same request
  allow exactly the outcomes the read inside allowed. SQLite's write transaction takes the
  database's write lock first, so a read inside it sees no later commit; a read before it
  would, and SQLite's statements are calls into the process, not round trips: ``keep`` keeps
  nothing there.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from piccolo.table import Table

_memo: contextvars.ContextVar[dict[tuple[type[Table], int], Table | None] | None] = (
    contextvars.ContextVar("frontdesk_request_rows", default=None)
)
_ABSENT = object()


@contextmanager
def remembering() -> Iterator[None]:
    """Open a memo for the block (an operation of one request, in this task)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def keep(lookups: Sequence[tuple[type[Table], Any]], found: Sequence[Table | None]) -> None:
    """Keep each (table, id)'s row (None: there is none) for the operation's next read by
    ids, when a memo is open and the database is PostgreSQL (see the module's docstring)."""
    memo = _memo.get()
    if memo is None or not lookups or lookups[0][0]._meta.db.engine_type == "sqlite":
        return
    for (table, row_id), row in zip(lookups, found, strict=True):
        memo[(table, int(row_id))] = row


def take(lookups: Sequence[tuple[type[Table], Any]]) -> list[Table | None] | None:
    """The kept row of every (table, id), or None when one is not kept; empties the memo
    either way (only an operation's first read by ids is answered)."""
    memo = _memo.get()
    if not memo:
        return None
    found = [memo.get((table, int(row_id)), _ABSENT) for table, row_id in lookups]
    memo.clear()
    if any(row is _ABSENT for row in found):
        return None
    return found  # type: ignore[return-value]
