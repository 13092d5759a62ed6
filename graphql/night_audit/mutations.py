"""``runNightAudit``: close a property's business date and answer with its report."""

from __future__ import annotations

from datetime import date

import strawberry

from frontdesk.core.night_audit import service as night_audit

from ..common.errors import UserError
from ..common.mutations import service_mutation
from .types import NightAuditReport, report_from_run


@strawberry.input
class RunNightAuditInput:
    property_id: strawberry.ID
    business_date: date | None = strawberry.field(
        default=None,
        description="A date already closed returns its report and posts nothing again.",
    )


@strawberry.type
class NightAuditPayload:
    report: NightAuditReport | None
    errors: list[UserError]


@strawberry.type
class NightAuditMutation:
    run_night_audit = service_mutation(
        night_audit.run_night_audit,
        NightAuditPayload,
        "report",
        input=RunNightAuditInput,
        then=report_from_run,
        description="Close the property's business date (see docs).",
        permission="night_audit.run",
    )
