"""SMTP settings of the installation (``FRONTDESK_SMTP_*``) and the e-mail retry policy."""

from __future__ import annotations

from typing import Any

from frontdesk.api import SettingSpec, plugin_setting
from frontdesk.api.outbox import RetryPolicy

SMTP_HOST = SettingSpec(
    "smtp.host", "", "SMTP server host name; empty: no guest e-mail is queued at all.", str
)
SMTP_PORT = SettingSpec("smtp.port", 25, "SMTP server port (587 with STARTTLS, 465 TLS).", int)
SMTP_USERNAME = SettingSpec("smtp.username", "", "SMTP login (empty: no login).", str)
SMTP_PASSWORD = SettingSpec("smtp.password", "", "SMTP password.", str)
SMTP_SECURITY = SettingSpec(
    "smtp.security", "none", "none, starttls (port 587) or tls (port 465).", str
)
SMTP_FROM = SettingSpec("smtp.from", "frontdesk@localhost", "Sender address of guest e-mail.", str)
SMTP_TIMEOUT = SettingSpec("smtp.timeout_seconds", 30.0, "Seconds an SMTP session may take.", float)
PRE_ARRIVAL_DAYS = SettingSpec(
    "guest_mail.pre_arrival_days",
    2,
    "Days before arrival the pre-arrival e-mail goes out (queued by the night audit).",
    int,
)
RETRY_BASE = SettingSpec("guest_mail.retry_base_seconds", 5.0, "Backoff base.", float)
RETRY_CAP = SettingSpec("guest_mail.retry_cap_seconds", 3600.0, "Longest wait.", float)
MAX_ATTEMPTS = SettingSpec(
    "guest_mail.max_attempts", 20, "Attempts after which a message waits for a replay.", int
)
LEASE_SECONDS = SettingSpec(
    "guest_mail.lease_seconds", 300.0, "How long a sender holds a claimed message.", float
)
POLL_SECONDS = SettingSpec("guest_mail.poll_seconds", 5.0, "Pause of the sender when idle.", float)
SETTINGS = [
    SMTP_HOST,
    SMTP_PORT,
    SMTP_USERNAME,
    SMTP_PASSWORD,
    SMTP_SECURITY,
    SMTP_FROM,
    SMTP_TIMEOUT,
    PRE_ARRIVAL_DAYS,
    RETRY_BASE,
    RETRY_CAP,
    MAX_ATTEMPTS,
    LEASE_SECONDS,
    POLL_SECONDS,
]


def setting(spec: SettingSpec) -> Any:
    return plugin_setting(spec)


def policy() -> RetryPolicy:
    return RetryPolicy.from_settings(
        base=RETRY_BASE, cap=RETRY_CAP, max_attempts=MAX_ATTEMPTS, lease_seconds=LEASE_SECONDS
    )
