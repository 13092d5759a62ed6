"""Who may close a business date and read its report."""

from __future__ import annotations

FIELD_PERMISSIONS: dict[str, str] = {
    "Mutation.runNightAudit": "night_audit.run",
    "Query.nightAuditReport": "reports.read",
}
