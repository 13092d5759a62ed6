"""Running one state change as one write transaction, retried on PostgreSQL when a concurrent
transaction won a unique key or a serialization race (the retry re-reads and then either
succeeds or refuses with a clear DomainError). A delete that a RESTRICT foreign key refuses
(financial rows refer to the row) is a Conflict, never an internal error.

``one_transaction()`` lets a caller above the services (the GraphQL layer) make every write of
a block one transaction: a mutation's changes commit together with its audit record, and an
idempotent request's with its stored response. The transaction opens at the block's first
write, not before, so reads and slow work ahead of it (a roster's solver) hold no write lock;
a refused change still undoes only itself: the first by rolling back the transaction it
opened (no savepoint needed), each later one in a savepoint of its own."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from . import db
from .errors import Conflict

T = TypeVar("T")
MAX_ATTEMPTS = 8
REFERRED_BY_MONEY = (
    "Refused: folios, payments, invoices or journal entries refer to it, and financial "
    "records are never deleted."
)


@dataclass
class _Shared:
    """The transaction of a ``one_transaction`` block, once its first write opened it."""

    task: asyncio.Task | None
    stack: AsyncExitStack | None = None
    opened: list[bool] = field(default_factory=list)


_shared: contextvars.ContextVar[_Shared | None] = contextvars.ContextVar(
    "frontdesk_one_transaction", default=None
)


async def run_write(change: Callable[[], Awaitable[T]], *, conflict_message: str) -> T:
    """Run ``change`` in a write transaction; retry races, report a lasting race as Conflict."""
    if db.current_unit() is not None:
        return await _in_savepoint(change, conflict_message)
    shared = _shared.get()
    if shared is not None and shared.task is asyncio.current_task():
        return await _first_in_block(shared, change, conflict_message)
    for attempt in range(MAX_ATTEMPTS):
        try:
            async with db.write_transaction():
                return await change()
        except Exception as exc:
            _retry_or_raise(exc, attempt, conflict_message, db.is_retryable(exc))
    raise AssertionError("unreachable")


def _retry_or_raise(
    exc: Exception, attempt: int, conflict_message: str, retryable: bool = False
) -> None:
    """After a failed attempt: a foreign key refusing the change is a Conflict (money still
    refers to the row); a unique-key race (or what ``retryable`` says can be run again) is
    retried by returning, up to the last attempt, which is a Conflict; anything else is
    raised as it is."""
    if db.is_foreign_key_violation(exc):
        raise Conflict(REFERRED_BY_MONEY) from exc
    if not (retryable or db.is_unique_violation(exc)):
        raise exc
    if attempt == MAX_ATTEMPTS - 1:
        raise Conflict(conflict_message) from exc


async def _in_savepoint(change: Callable[[], Awaitable[T]], conflict_message: str) -> T:
    """A change inside an enclosing transaction: a refusal rolls back its own writes only, and
    a unique-key race is retried from the savepoint (a serialization failure or deadlock can
    only be retried with the whole transaction, so it propagates)."""
    for attempt in range(MAX_ATTEMPTS):
        savepoint = await db.savepoint()
        try:
            result = await change()
        except Exception as exc:
            await savepoint.rollback_to()
            _retry_or_raise(exc, attempt, conflict_message)
            continue
        await savepoint.release()
        return result
    raise AssertionError("unreachable")


async def _first_in_block(
    shared: _Shared, change: Callable[[], Awaitable[T]], conflict_message: str
) -> T:
    """The first change of a ``one_transaction`` block opens its transaction and runs in it
    without a savepoint: nothing is written there before it, so undoing it is rolling the
    whole transaction back (the block's next write opens a new one). That spares every
    mutation the SAVEPOINT and RELEASE round trips; later changes of the block still run in
    savepoints of their own. A unique-key race is retried in a new transaction, as a change
    outside a block is; a serialization failure or deadlock goes to whoever runs the block."""
    for attempt in range(MAX_ATTEMPTS):
        await _open(shared)
        try:
            return await change()
        except BaseException as exc:
            stack, shared.stack = shared.stack, None
            if stack is not None:  # roll back: this change was all the transaction held
                await stack.__aexit__(type(exc), exc, exc.__traceback__)
            if not isinstance(exc, Exception):
                raise
            _retry_or_raise(exc, attempt, conflict_message)
    raise AssertionError("unreachable")


async def _open(shared: _Shared) -> None:
    if shared.stack is None:
        stack = AsyncExitStack()
        await stack.enter_async_context(db.write_transaction())
        shared.stack = stack


def in_open_transaction() -> bool:
    """True when a write transaction is open here (a statement now joins it)."""
    return db.current_unit() is not None


@asynccontextmanager
async def one_transaction() -> AsyncIterator[None]:
    """Every ``run_write`` inside (in this task) joins one transaction, opened by the first of
    them and committed when the block ends; an exception rolls all of it back. A block inside
    another joins the outer one."""
    if _shared.get() is not None:
        yield
        return
    shared = _Shared(asyncio.current_task())
    token = _shared.set(shared)
    try:
        yield
    except BaseException as exc:
        if shared.stack is not None:
            await shared.stack.__aexit__(type(exc), exc, exc.__traceback__)
        raise
    else:
        if shared.stack is not None:
            await shared.stack.aclose()
    finally:
        _shared.reset(token)


async def run_as_one(work: Callable[[], Awaitable[T]]) -> T:
    """``work`` in ``one_transaction()``, run again from the start when PostgreSQL reports a
    serialization failure or deadlock (nothing of the failed run was committed). Inside an
    enclosing block it simply joins it: the retry belongs to whoever opened the transaction."""
    if _shared.get() is not None:
        return await work()
    for attempt in range(MAX_ATTEMPTS):
        try:
            async with one_transaction():
                return await work()
        except Exception as exc:
            if not db.is_retryable(exc) or attempt == MAX_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
