"""Permissions are named strings; roles are sets of them. Core declares its own here, plugins
theirs through ``frontdesk_permissions_register``. Enforcement lives in the API layer, in one
place, driven by the field -> permission maps that core and plugins declare."""

from __future__ import annotations

from dataclasses import dataclass

BUILT_IN_ROLES = (
    "front_desk",
    "concierge",
    "housekeeping",
    "accounting",
    "hr",
    "manager",
    "admin",
)


@dataclass(frozen=True)
class Permission:
    """A named permission, and the built-in roles that hold it from the start."""

    name: str
    description: str
    roles: tuple[str, ...] = ("manager", "admin")


CORE_PERMISSIONS = [
    Permission(
        "properties.read",
        "See properties, room types and rooms.",
        ("front_desk", "concierge", "housekeeping", "accounting", "hr", "manager", "admin"),
    ),
    Permission(
        "properties.write",
        "Create and change properties, room types and rooms.",
        ("manager", "admin"),
    ),
    Permission(
        "rooms.status.write",
        "Change housekeeping status of rooms.",
        ("front_desk", "housekeeping", "manager", "admin"),
    ),
    Permission(
        "guests.read",
        "See guest names and contact details.",
        ("front_desk", "concierge", "accounting", "manager", "admin"),
    ),
    Permission(
        "guests.write", "Create and change guest profiles.", ("front_desk", "manager", "admin")
    ),
    Permission(
        "guests.pii.read",
        "See date of birth, identity document, address and notes.",
        ("front_desk", "manager", "admin"),
    ),
    Permission(
        "stays.read",
        "See stays and availability.",
        ("front_desk", "concierge", "housekeeping", "accounting", "manager", "admin"),
    ),
    Permission(
        "stays.write",
        "Book, change, check in and out, move and cancel stays.",
        ("front_desk", "manager", "admin"),
    ),
    # money at the front desk
    Permission(
        "folios.read",
        "See folios, their entries and balances.",
        ("front_desk", "accounting", "manager", "admin"),
    ),
    Permission(
        "folios.write",
        "Post charges, payments, refunds and corrections; settle folios.",
        ("front_desk", "manager", "admin"),
    ),
    Permission(
        "city_ledger.read",
        "See city-ledger accounts, balances and ageing.",
        ("accounting", "manager", "admin"),
    ),
    Permission(
        "city_ledger.write",
        "Open city-ledger accounts and record their payments.",
        ("accounting", "manager", "admin"),
    ),
    Permission("invoices.read", "See invoices.", ("front_desk", "accounting", "manager", "admin")),
    Permission(
        "rates.read",
        "See rates, rate plans, taxes and quotes.",
        ("front_desk", "accounting", "manager", "admin"),
    ),
    Permission(
        "rates.write", "Set rates, rate plans, tax rates and city tax.", ("manager", "admin")
    ),
    Permission(
        "night_audit.run", "Run the night audit (closes the business date).", ("manager", "admin")
    ),
    Permission("reports.read", "See night audit reports.", ("accounting", "manager", "admin")),
    Permission(
        "plugins.manage",
        "Turn plugins on and off per property and run their catch-up.",
        ("admin",),
    ),
]
