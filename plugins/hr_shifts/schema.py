"""The plugin's part of the GraphQL schema, its permissions, and which field needs which.

Staff roles (front desk, concierge, housekeeping) may read published shifts and their
calendar, ask for time off and swaps, and clock in and out; drafts, wages, approvals and
payroll belong to hr, managers and admins.
"""

from __future__ import annotations

from frontdesk.api.graphql import GraphQLContribution

from .schema_feed_mutations import ShiftsFeedMutation
from .schema_queries import ShiftsQuery
from .schema_roster_mutations import ShiftsRosterMutation
from .schema_setup_mutations import ShiftsSetupMutation
from .tables import (
    Assignment,
    Roster,
    ShiftTemplate,
    StaffMember,
    SwapRequest,
    TimeOff,
)
from .web_panel import DOCUMENTS as PANEL_DOCUMENTS

# Which staff member, roster... an id names, so one hotel's planner cannot reach another's.
SCOPED_ARGUMENTS = {
    "staffId": StaffMember,
    "staffIds": StaffMember,
    "toStaffId": StaffMember,
    "templateId": ShiftTemplate,
    "rosterId": Roster,
    "assignmentId": Assignment.roster.property,
    "swapId": SwapRequest.assignment.roster.property,
    "timeOffId": TimeOff.staff.property,
}


def contribution() -> GraphQLContribution:
    return GraphQLContribution(
        trusted_documents=PANEL_DOCUMENTS.registered(),
        queries=[ShiftsQuery],
        mutations=[ShiftsSetupMutation, ShiftsRosterMutation, ShiftsFeedMutation],
        scoped_arguments=dict(SCOPED_ARGUMENTS),
        event_permissions={
            "shifts.roster_published": "shifts.published.read",
            "shifts.hours_approved": "shifts.timesheets.read",
        },
    )
