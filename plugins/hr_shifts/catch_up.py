"""What hr_shifts catches up when it comes on for a property again (issue #23): nothing.

The plugin implements none of core's event hooks, so nothing happened while it was off that
it should have reacted to. Staffing demand is computed live from the stays on the books each
time a roster is planned or its coverage read (coverage.py), so bookings, cancellations and
check-outs made meanwhile are counted as soon as it is back. Its own rows (staff, shifts,
timesheets) were not written while off and were not lost: the tables stay in the database.
"""

from __future__ import annotations

from frontdesk.api.tables import Property


def catch_up(property: Property) -> str:
    """The one-line summary ``frontdesk_plugin_enabled`` returns."""
    return (
        f"hr_shifts, {property.code}: nothing to catch up (staffing demand is computed live "
        "from the stays on the books)"
    )
