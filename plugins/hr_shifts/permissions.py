"""The hr_shifts plugin's permissions and the built-in roles that hold them from the start.

Apart from the schema, so that registering permissions (every command's start-up, the demo's
logins) does not import GraphQL."""

from __future__ import annotations

from frontdesk.api import Permission

STAFF_ROLES = ("front_desk", "concierge", "housekeeping", "hr", "manager", "admin")
PLANNERS = ("hr", "manager", "admin")

PERMISSIONS = [
    Permission("shifts.staff.read", "See staff members, templates and labour rules.", STAFF_ROLES),
    Permission("shifts.staff.write", "Create and change staff members.", PLANNERS),
    Permission("shifts.wages.read", "See hourly wages and wage amounts.", ("hr", "admin")),
    Permission("shifts.setup.write", "Change templates, labour rules and demand rules.", PLANNERS),
    Permission(
        "shifts.forecast.read",
        "See the forecast and required vs rostered staff.",
        ("front_desk", "hr", "manager", "admin"),
    ),
    Permission("shifts.published.read", "See published shifts and calendar feeds.", STAFF_ROLES),
    Permission("shifts.roster.read", "See rosters, drafts included, with violations.", PLANNERS),
    Permission(
        "shifts.roster.write", "Generate, edit and publish rosters; decide swaps.", PLANNERS
    ),
    Permission("shifts.requests.write", "Request time off and shift swaps.", STAFF_ROLES),
    Permission("shifts.requests.read", "See time off and swap requests.", PLANNERS),
    Permission("shifts.timeoff.approve", "Approve or deny time off.", PLANNERS),
    Permission("shifts.time.clock", "Clock in and out.", STAFF_ROLES),
    Permission("shifts.timesheets.read", "See time entries.", PLANNERS),
    Permission("shifts.timesheets.approve", "Approve worked hours.", PLANNERS),
    Permission(
        "shifts.payroll.read", "Export approved hours for payroll.", ("hr", "accounting", "admin")
    ),
]
