"""The concierge's permissions and the built-in roles that hold them from the start."""

from __future__ import annotations

from frontdesk.api import Permission

DESK = ("concierge", "front_desk", "manager", "admin")

PERMISSIONS = [
    Permission(
        "concierge.requests.read",
        "See guest requests, tasks and their history.",
        (*DESK, "housekeeping"),
    ),
    Permission(
        "concierge.requests.write",
        "Log, assign, progress and close requests.",
        (*DESK, "housekeeping"),
    ),
    Permission(
        "concierge.complaints.resolve",
        "Resolve complaints, including goodwill credits to the folio.",
        ("manager", "admin"),
    ),
    Permission("concierge.recommendations.read", "Search the recommendations catalogue.", DESK),
    Permission(
        "concierge.recommendations.write",
        "Maintain the catalogue and record what a guest was told.",
        DESK,
    ),
    Permission("concierge.bookings.read", "See service bookings and resource availability.", DESK),
    Permission("concierge.bookings.write", "Book, confirm, deliver and cancel services.", DESK),
    Permission(
        "concierge.resources.write",
        "Create, change and deactivate bookable resources and their prices.",
        ("manager", "admin"),
    ),
    Permission("concierge.events.read", "See group events and their attendees.", DESK),
    Permission(
        "concierge.events.write", "Create, change and cancel events and manage attendees.", DESK
    ),
]
