"""The night audit report of a business date (null for an unknown property or date)."""

from __future__ import annotations

from datetime import date

import strawberry

from frontdesk.core.night_audit.service import get_run

from ..common.contributions import secure_field
from ..common.errors import maybe_id
from ..night_audit.types import NightAuditReport, report_from_run


@strawberry.type
class NightAuditQuery:
    @secure_field(
        permission="reports.read", description="The night audit summary of a business date."
    )
    async def night_audit_report(
        self, property_id: strawberry.ID, business_date: date
    ) -> NightAuditReport | None:
        key = maybe_id(property_id)
        if key is None:
            return None
        run = await get_run(key, business_date)
        return report_from_run(run) if run is not None else None
