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
    CalendarFeed,
    DemandRule,
    Roster,
    ShiftTemplate,
    StaffMember,
    SwapRequest,
    TimeEntry,
    TimeOff,
)

FIELD_PERMISSIONS = {
    "Query.shiftsStaff": "shifts.staff.read",
    "Query.shiftsStaffMember": "shifts.staff.read",
    "Query.shiftsTemplates": "shifts.staff.read",
    "Query.shiftsLabourRules": "shifts.staff.read",
    "Query.shiftsTimeOff": "shifts.requests.read",
    "Query.shiftsForecast": "shifts.forecast.read",
    "Query.shiftsCoverage": "shifts.forecast.read",
    "Query.shiftsRosters": "shifts.roster.read",
    "Query.shiftsRoster": "shifts.roster.read",
    "Query.shiftsPublishedShifts": "shifts.published.read",
    "Query.shiftsStaffCalendar": "shifts.published.read",
    "Query.shiftsSwapRequests": "shifts.requests.read",
    "Query.shiftsTimeEntries": "shifts.timesheets.read",
    "Query.shiftsPayroll": "shifts.payroll.read",
    "Query.shiftsPayrollCsv": "shifts.payroll.read",
    "ShiftsStaffMember.hourlyWage": "shifts.wages.read",
    "ShiftsPayrollLine.amount": "shifts.wages.read",
    "Mutation.shiftsCreateStaffMember": "shifts.staff.write",
    "Mutation.shiftsUpdateStaffMember": "shifts.staff.write",
    "Mutation.shiftsSetPreference": "shifts.requests.write",
    "Mutation.shiftsCreateTemplate": "shifts.setup.write",
    "Mutation.shiftsUpdateTemplate": "shifts.setup.write",
    "Mutation.shiftsSetLabourRules": "shifts.setup.write",
    "Mutation.shiftsAddDemandRule": "shifts.setup.write",
    "Mutation.shiftsRemoveDemandRule": "shifts.setup.write",
    "Mutation.shiftsRequestTimeOff": "shifts.requests.write",
    "Mutation.shiftsDecideTimeOff": "shifts.timeoff.approve",
    "Mutation.shiftsGenerateRoster": "shifts.roster.write",
    "Mutation.shiftsPublishRoster": "shifts.roster.write",
    "Mutation.shiftsAssign": "shifts.roster.write",
    "Mutation.shiftsUnassign": "shifts.roster.write",
    "Mutation.shiftsRequestSwap": "shifts.requests.write",
    "Mutation.shiftsDecideSwap": "shifts.roster.write",
    "Mutation.shiftsClockIn": "shifts.time.clock",
    "Mutation.shiftsClockOut": "shifts.time.clock",
    "Mutation.shiftsApproveHours": "shifts.timesheets.approve",
    "Mutation.shiftsCreateCalendarFeed": "shifts.published.read",
    "Mutation.shiftsRevokeCalendarFeed": "shifts.published.read",
}

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
    "Mutation.shiftsRemoveDemandRule.ruleId": DemandRule.template.property,
    "Mutation.shiftsClockOut.entryId": TimeEntry.staff.property,
    "Query.shiftsStaffMember.id": StaffMember,
    "Query.shiftsRoster.id": Roster,
    "Mutation.shiftsRevokeCalendarFeed.feedId": CalendarFeed.staff.property,
}


def contribution() -> GraphQLContribution:
    return GraphQLContribution(
        queries=[ShiftsQuery],
        mutations=[ShiftsSetupMutation, ShiftsRosterMutation, ShiftsFeedMutation],
        field_permissions=dict(FIELD_PERMISSIONS),
        scoped_arguments=dict(SCOPED_ARGUMENTS),
        event_permissions={
            "shifts.roster_published": "shifts.published.read",
            "shifts.hours_approved": "shifts.timesheets.read",
        },
    )
