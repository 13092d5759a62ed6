"""Piccolo tables of the concierge plugin (names prefixed concierge_).

Capacity rules are unique keys, so the database itself refuses an overbooking whatever
process writes:

* ``ConciergeBookingSeat`` (resource, slot_start, seat_no): a service booking takes one
  numbered seat per person in each slot it covers; seats only go up to the resource's
  capacity, so a resource slot is never sold beyond it (the idea of core's StayNight);
* ``ConciergeAttendee`` (event, seat_no): an attendee who has not declined holds one of the
  event's numbered seats (NULL once declined, and NULLs never collide).
"""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from frontdesk.api.migrations import MoneyColumn
from frontdesk.api.tables import Guest, Property, Room, Stay

REQUEST_TYPES = (
    "luggage",
    "wake_up_call",
    "transfer",
    "restaurant_booking",
    "housekeeping_extra",
    "maintenance",
    "information",
    "complaint",
    "other",
)
REQUEST_STATUSES = ("open", "assigned", "in_progress", "done", "cancelled")
OPEN_STATUSES = ("open", "assigned", "in_progress")
PRIORITIES = ("low", "normal", "high", "urgent")
DEPARTMENTS = (
    "front_office",
    "concierge",
    "housekeeping",
    "maintenance",
    "food_beverage",
    "guest_relations",
    "transport",
)


class ConciergeEvent(Table, tablename="concierge_event"):
    """A group event (a tasting, a wedding reception) with a capacity of attendees."""

    property = ForeignKey(references=Property, index=True)
    name = Varchar(length=200)
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    venue = Varchar(length=200, default="")
    capacity = Integer()
    description = Text(default="")
    status = Varchar(length=20, default="scheduled")
    created_at = Timestamptz(default=TimestamptzNow())


class ConciergeRequest(Table, tablename="concierge_request"):
    """A guest request or an internal task; ``deadline_at`` is the earlier of the due time
    and the per-type response target, fixed when the request is created or re-timed."""

    property = ForeignKey(references=Property, index=True)
    stay = ForeignKey(references=Stay, null=True, default=None, index=True)
    guest = ForeignKey(references=Guest, null=True, default=None, index=True)
    room = ForeignKey(references=Room, null=True, default=None, index=True)
    event = ForeignKey(references=ConciergeEvent, null=True, default=None, index=True)
    type = Varchar(length=30, index=True)
    description = Text(default="")
    priority = Varchar(length=10, default="normal")
    due_at = Timestamptz(null=True, default=None)
    deadline_at = Timestamptz(null=True, default=None, index=True)
    department = Varchar(length=30, null=True, default=None)
    assignee = Varchar(length=100, null=True, default=None, index=True)
    status = Varchar(length=20, default="open", index=True)
    origin = Varchar(length=30, default="desk")
    resolution_note = Text(null=True, default=None)
    goodwill_amount = MoneyColumn(digits=(12, 2), null=True, default=None)
    goodwill_currency = Varchar(length=3, null=True, default=None)
    created_by = Varchar(length=100, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
    closed_at = Timestamptz(null=True, default=None)


class ConciergeRequestChange(Table, tablename="concierge_request_change"):
    """One timestamped entry of a request's history: what changed and who changed it."""

    request = ForeignKey(references=ConciergeRequest, index=True)
    at = Timestamptz(default=TimestamptzNow())
    actor = Varchar(length=100, null=True, default=None)
    kind = Varchar(length=20)
    from_status = Varchar(length=20, null=True, default=None)
    to_status = Varchar(length=20, null=True, default=None)
    note = Text(default="")


class ConciergeRecommendation(Table, tablename="concierge_recommendation"):
    """A local place or experience the desk recommends; descriptions and tags live in their
    own tables so searching by language or tag is a query, on either engine."""

    property = ForeignKey(references=Property, index=True)
    name = Varchar(length=200)
    category = Varchar(length=20, index=True)
    address = Varchar(length=300, default="")
    opening_hours = JSON(default="[]")
    price_level = Integer(null=True, default=None)
    booking_contact = Varchar(length=200, default="")
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class ConciergeRecommendationText(Table, tablename="concierge_recommendation_text"):
    recommendation = ForeignKey(references=ConciergeRecommendation, index=True)
    language = Varchar(length=10)
    description = Text()


class ConciergeRecommendationTag(Table, tablename="concierge_recommendation_tag"):
    recommendation = ForeignKey(references=ConciergeRecommendation, index=True)
    tag = Varchar(length=50, index=True)


class ConciergeRecommendationGiven(Table, tablename="concierge_recommendation_given"):
    """What the desk told a guest, so the next colleague sees it."""

    recommendation = ForeignKey(references=ConciergeRecommendation, index=True)
    stay = ForeignKey(references=Stay, index=True)
    guest = ForeignKey(references=Guest, index=True)
    given_at = Timestamptz(default=TimestamptzNow())
    given_by = Varchar(length=100, null=True, default=None)
    note = Text(default="")


class ConciergeResource(Table, tablename="concierge_resource"):
    """Something bookable in slots: a treatment room, a restaurant's tables, a guide, a car.
    ``capacity`` is persons per slot; slots start every ``slot_minutes`` from local midnight."""

    property = ForeignKey(references=Property, index=True)
    name = Varchar(length=200)
    service = Varchar(length=20)
    capacity = Integer()
    slot_minutes = Integer(default=60)
    price = MoneyColumn(digits=(12, 2), null=True, default=None)
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class ConciergeBooking(Table, tablename="concierge_booking"):
    property = ForeignKey(references=Property, index=True)
    resource = ForeignKey(references=ConciergeResource, index=True)
    stay = ForeignKey(references=Stay, null=True, default=None, index=True)
    guest = ForeignKey(references=Guest, null=True, default=None, index=True)
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    party_size = Integer(default=1)
    status = Varchar(length=20, default="requested", index=True)
    price = MoneyColumn(digits=(12, 2), null=True, default=None)
    currency = Varchar(length=3, null=True, default=None)
    charge_reference = Varchar(length=100, null=True, default=None)
    notes = Text(default="")
    created_by = Varchar(length=100, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class ConciergeBookingSeat(Table, tablename="concierge_booking_seat"):
    """One person's seat in one slot of a resource, held by a live booking (see module doc)."""

    booking = ForeignKey(references=ConciergeBooking, index=True)
    resource = ForeignKey(references=ConciergeResource)
    slot_start = Timestamptz()
    seat_no = Integer()


class ConciergeAttendee(Table, tablename="concierge_attendee"):
    event = ForeignKey(references=ConciergeEvent, index=True)
    stay = ForeignKey(references=Stay, null=True, default=None, index=True)
    guest = ForeignKey(references=Guest, index=True)
    rsvp = Varchar(length=20, default="invited")
    seat_no = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


TABLES: list = [
    ConciergeEvent,
    ConciergeRequest,
    ConciergeRequestChange,
    ConciergeRecommendation,
    ConciergeRecommendationText,
    ConciergeRecommendationTag,
    ConciergeRecommendationGiven,
    ConciergeResource,
    ConciergeBooking,
    ConciergeBookingSeat,
    ConciergeAttendee,
]

UNIQUE_INDEXES = [
    (
        "concierge_booking_seat_slot",
        "concierge_booking_seat",
        ("resource", "slot_start", "seat_no"),
    ),
    ("concierge_attendee_seat", "concierge_attendee", ("event", "seat_no")),
    ("concierge_attendee_guest", "concierge_attendee", ("event", "guest")),
    ("concierge_rec_text_lang", "concierge_recommendation_text", ("recommendation", "language")),
    ("concierge_rec_tag", "concierge_recommendation_tag", ("recommendation", "tag")),
]
INDEXES = [
    ("concierge_request_open_deadline", "concierge_request", ("property", "status", "deadline_at")),
    ("concierge_booking_seat_booking_slot", "concierge_booking_seat", ("resource", "slot_start")),
]
