"""The schema of the night audit: closing a business date and its report (core/night_audit)."""
