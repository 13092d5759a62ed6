"""Guest requests and tasks: creation, assignment, the status workflow with its history,
overdue detection and complaints.

Every public function is one write transaction (``run_write``); called from a core hook it
joins the transaction of the stay change instead, so a request appears or vanishes with it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from frontdesk.api import (
    InvalidInput,
    InvalidTransition,
    NotFound,
    find_rows,
    get_guest,
    get_property,
    get_room,
    get_stay,
    record_event,
    run_write,
    validation,
)

from . import billing, settings
from .common import actor_name, aware, moment, now
from .tables import (
    DEPARTMENTS,
    OPEN_STATUSES,
    PRIORITIES,
    REQUEST_TYPES,
    ConciergeEvent,
    ConciergeRequest,
    ConciergeRequestChange,
)

TRANSITIONS = {
    "open": ("assigned", "in_progress", "cancelled"),
    "assigned": ("in_progress", "cancelled"),
    "in_progress": ("done", "cancelled"),
    "done": (),
    "cancelled": (),
}
FINAL_STAY_STATUSES = ("checked_out", "cancelled", "no_show")
MAX_GOODWILL = Decimal("100000")


async def get_request(request_id: int, *, field: str = "requestId") -> ConciergeRequest:
    row = await ConciergeRequest.objects().where(ConciergeRequest.id == request_id).first()
    if row is None:
        raise NotFound(f"Request {request_id} does not exist.", field=field)
    return row


def is_overdue(request: ConciergeRequest, at: datetime | None = None) -> bool:
    """Still open and past its deadline (the due time or the type's response target)."""
    deadline = aware(request.deadline_at)
    return request.status in OPEN_STATUSES and deadline is not None and deadline < (at or now())


def deadline_for(kind: str, created_at: datetime, due_at: datetime | None) -> datetime | None:
    target = settings.response_target(kind)
    candidates = [d for d in (due_at, created_at + target if target else None) if d is not None]
    return min(candidates) if candidates else None


async def record(
    request: ConciergeRequest,
    kind: str,
    actor: str | None,
    *,
    note: str = "",
    from_status: str | None = None,
    to_status: str | None = None,
    at: datetime | None = None,
) -> None:
    """Write one line of the request's history, and record ``concierge.request_changed``:
    webhooks in the transaction, live subscriptions after commit (the requests board
    refreshes by itself)."""
    owner = request.property
    await record_event(
        "concierge.request_changed",
        property_id=getattr(owner, "id", owner),
        subject_id=request.id,
        actor=actor,
        data={"kind": kind, "status": to_status},
        request=request,
    )
    await ConciergeRequestChange.insert(
        ConciergeRequestChange(
            request=request.id,
            at=at or now(),
            actor=actor_name(actor),
            kind=kind,
            from_status=from_status,
            to_status=to_status,
            note=note,
        )
    )


def _choice(value: str | None, allowed: tuple[str, ...], field: str) -> str | None:
    if value is None:
        return None
    if value not in allowed:
        raise InvalidInput(f"{field} must be one of {', '.join(allowed)}.", field=field)
    return value


async def _links(
    property_id: int,
    kind: str,
    stay_id: int | None,
    guest_id: int | None,
    room_id: int | None,
    event_id: int | None,
) -> dict[str, Any]:
    """Resolve what a request belongs to; a stay brings its guest and room."""
    links: dict[str, Any] = {"stay": None, "guest": None, "room": None, "event": None}
    if stay_id is not None:
        stay = await get_stay(stay_id, property_id=property_id)
        if stay.status in FINAL_STAY_STATUSES and kind != "complaint":
            raise InvalidTransition(
                f"The stay is {stay.status}; only a complaint can still be logged.",
                field="stayId",
            )
        links.update(stay=stay.id, guest=stay.primary_guest, room=stay.room)
    if guest_id is not None:
        guest = await get_guest(guest_id, property_id=property_id)
        links["guest"] = guest.id
    if room_id is not None:
        room = await get_room(room_id, property_id=property_id)
        links["room"] = room.id
    if event_id is not None:
        event = await ConciergeEvent.objects().where(ConciergeEvent.id == event_id).first()
        if event is None or event.property != property_id:
            raise NotFound(f"Event {event_id} does not exist.", field="eventId")
        links["event"] = event.id
    return links


async def create_request(
    *,
    property_id: int,
    type: str,
    description: str = "",
    priority: str = "normal",
    stay_id: int | None = None,
    guest_id: int | None = None,
    room_id: int | None = None,
    event_id: int | None = None,
    due_at: datetime | None = None,
    department: str | None = None,
    assignee: str | None = None,
    origin: str = "desk",
    actor: str | None = None,
    at: datetime | None = None,
) -> ConciergeRequest:
    """Log a request; with a department or assignee it starts ``assigned``."""
    _choice(type, REQUEST_TYPES, "type")
    _choice(priority, PRIORITIES, "priority")
    _choice(department, DEPARTMENTS, "department")
    description = validation.text(
        description, "description", max_length=validation.MAX_TEXT, required=False
    )
    assignee = validation.optional_text(assignee, "assignee", max_length=100)
    due_at = moment(due_at, "dueAt")
    created = at or now()

    async def change() -> ConciergeRequest:
        await get_property(property_id)
        links = await _links(property_id, type, stay_id, guest_id, room_id, event_id)
        assigned = department is not None or assignee is not None
        request = ConciergeRequest(
            property=property_id,
            type=type,
            description=description,
            priority=priority,
            due_at=due_at,
            deadline_at=deadline_for(type, created, due_at),
            department=department,
            assignee=assignee,
            status="assigned" if assigned else "open",
            origin=origin,
            created_by=actor_name(actor),
            created_at=created,
            updated_at=created,
            **links,
        )
        await request.save()
        await _record_creation(request, actor, created)
        return request

    return await run_write(change, conflict_message="The request could not be saved; retry.")


async def _record_creation(request: ConciergeRequest, actor: str | None, at: datetime) -> None:
    """The new request's first history lines: created, and assigned when it names a
    department or an assignee."""
    note = request.description[:200]
    await record(request, "created", actor, to_status="open", at=at, note=note)
    if request.status == "assigned":
        assignment = _assignment_note(request.department, request.assignee)
        await record(
            request,
            "assigned",
            actor,
            from_status="open",
            to_status="assigned",
            note=assignment,
            at=at,
        )


def _assignment_note(department: str | None, assignee: str | None) -> str:
    parts = [f"department {department}" if department else "", assignee or ""]
    return "Assigned to " + ", ".join(p for p in parts if p)


async def assign_request(
    *,
    request_id: int,
    department: str | None = None,
    assignee: str | None = None,
    actor: str | None = None,
) -> ConciergeRequest:
    """Give an open or assigned request to a department and/or a staff member."""
    _choice(department, DEPARTMENTS, "department")
    assignee = validation.optional_text(assignee, "assignee", max_length=100)
    if department is None and assignee is None:
        raise InvalidInput("Name a department or an assignee.", field="department")

    async def change() -> ConciergeRequest:
        request = await get_request(request_id)
        if request.status not in ("open", "assigned", "in_progress"):
            raise InvalidTransition(
                f"A {request.status} request cannot be assigned.", field="requestId"
            )
        before = request.status
        request.department = department or request.department
        request.assignee = assignee or request.assignee
        if before == "open":
            request.status = "assigned"
        request.updated_at = now()
        await request.save()
        await record(
            request,
            "assigned",
            actor,
            from_status=before,
            to_status=request.status,
            note=_assignment_note(request.department, request.assignee),
        )
        return request

    return await run_write(change, conflict_message="The request changed meanwhile; retry.")


async def transition(
    request: ConciergeRequest, status: str, actor: str | None, note: str = ""
) -> ConciergeRequest:
    """Move a request along its workflow inside the current transaction, with history."""
    if status not in TRANSITIONS[request.status]:
        raise InvalidTransition(
            f"A {request.status} request cannot become {status}.", field="status"
        )
    before = request.status
    request.status = status
    request.updated_at = now()
    if status in ("done", "cancelled"):
        request.closed_at = request.updated_at
    await request.save()
    await record(request, "status", actor, from_status=before, to_status=status, note=note)
    return request


async def set_status(
    *, request_id: int, status: str, note: str | None = None, actor: str | None = None
) -> ConciergeRequest:
    _choice(status, tuple(TRANSITIONS), "status")
    note = validation.text(note, "note", max_length=validation.MAX_TEXT, required=False)

    async def change() -> ConciergeRequest:
        request = await get_request(request_id)
        if request.type == "complaint" and status == "done":
            raise InvalidInput("Close a complaint with resolveConciergeComplaint.", field="status")
        return await transition(request, status, actor, note)

    return await run_write(change, conflict_message="The request changed meanwhile; retry.")


async def reschedule(
    *, request_id: int, due_at: datetime | None, actor: str | None = None
) -> ConciergeRequest:
    """Change the due time; the deadline follows (the response target still counts)."""
    due = moment(due_at, "dueAt")

    async def change() -> ConciergeRequest:
        request = await get_request(request_id)
        if request.status not in OPEN_STATUSES:
            raise InvalidTransition(
                f"A {request.status} request cannot be re-timed.", field="requestId"
            )
        request.due_at = due
        request.deadline_at = deadline_for(request.type, aware(request.created_at), due)
        request.updated_at = now()
        await request.save()
        await record(
            request, "due", actor, note=f"Due {due.isoformat() if due else 'without a fixed time'}"
        )
        return request

    return await run_write(change, conflict_message="The request changed meanwhile; retry.")


async def resolve_complaint(
    *,
    request_id: int,
    resolution_note: str,
    goodwill_amount: Decimal | None = None,
    actor: str | None = None,
) -> ConciergeRequest:
    """Close a complaint with its resolution; a goodwill credit is posted to the stay's folio
    (core's ``post_credit``) in the same transaction, so a refused posting leaves the
    complaint open and the folio untouched."""
    note = validation.text(resolution_note, "resolutionNote", max_length=validation.MAX_TEXT)
    if goodwill_amount is not None:
        if not goodwill_amount.is_finite() or goodwill_amount <= 0:
            raise InvalidInput("goodwillAmount must be positive.", field="goodwillAmount")
        if goodwill_amount > MAX_GOODWILL or goodwill_amount != goodwill_amount.quantize(
            Decimal("0.01")
        ):
            raise InvalidInput(
                "goodwillAmount must be at most 100000 with two decimals.", field="goodwillAmount"
            )

    async def change() -> ConciergeRequest:
        request = await get_request(request_id)
        if request.type != "complaint":
            raise InvalidInput("Only a complaint has a resolution.", field="requestId")
        if request.status not in OPEN_STATUSES:
            raise InvalidTransition(
                f"The complaint is {request.status} already.", field="requestId"
            )
        if goodwill_amount is not None:
            if request.stay is None:
                raise InvalidInput(
                    "A goodwill credit needs the complaint's stay.", field="goodwillAmount"
                )
            prop = await get_property(request.property)
            entry_id = await billing.post_goodwill_credit(
                stay_id=request.stay,
                amount=goodwill_amount,
                description=f"Goodwill credit (complaint #{request.id})",
                actor=actor,
                field="goodwillAmount",
            )
            request.goodwill_amount = goodwill_amount
            request.goodwill_currency = prop.currency
            await record(
                request,
                "goodwill",
                actor,
                note=f"Goodwill credit of {goodwill_amount} {prop.currency} posted to the "
                f"folio (entry {entry_id}).",
            )
        request.resolution_note = note
        before = request.status
        request.status = "done"
        request.updated_at = request.closed_at = now()
        await request.save()
        await record(request, "resolution", actor, from_status=before, to_status="done", note=note)
        return request

    return await run_write(change, conflict_message="The complaint changed meanwhile; retry.")


async def open_requests_of_stay(stay_id: int) -> list[ConciergeRequest]:
    """Asked on every check-out (find_rows: most stays have none, the read is what it costs)."""
    return await find_rows(
        ConciergeRequest,
        (ConciergeRequest.stay == stay_id) & ConciergeRequest.status.is_in(list(OPEN_STATUSES)),
        order_by=ConciergeRequest.id,
    )


async def close_for_stay(stay_id: int, status: str, note: str, actor: str | None) -> int:
    """Move every open request of a stay to ``done`` or ``cancelled``; returns how many."""
    closed = 0
    for request in await open_requests_of_stay(stay_id):
        if status == "done" and request.status != "in_progress":
            # done is only reachable from in_progress: walk the workflow, recorded step by step
            await transition(request, "in_progress", actor, note)
        await transition(request, status, actor, note)
        closed += 1
    return closed
