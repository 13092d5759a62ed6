"""The concierge plugin's settings (FRONTDESK_CONCIERGE_… environment variables or
``Settings.extra``), read through core's Settings so every deployment configures them alike."""

from __future__ import annotations

from datetime import timedelta

from frontdesk.api import InvalidInput, SettingSpec, plugin_setting

from .tables import REQUEST_TYPES

DEFAULT_RESPONSE_MINUTES = {
    "luggage": 15,
    "wake_up_call": 0,
    "transfer": 30,
    "restaurant_booking": 60,
    "housekeeping_extra": 30,
    "maintenance": 60,
    "information": 30,
    "complaint": 30,
    "other": 120,
}

RESPONSE_TARGETS = {
    kind: SettingSpec(
        key=f"concierge.{kind}_response_minutes",
        default=DEFAULT_RESPONSE_MINUTES[kind],
        help=f"Minutes within which a {kind.replace('_', ' ')} request must be handled "
        "(0: only its due time counts).",
        type=int,
    )
    for kind in REQUEST_TYPES
}
PORTER_ON_CHECK_IN = SettingSpec(
    key="concierge.porter_on_check_in",
    default=True,
    help="Create a luggage task at check-in when the stay asked for porter service.",
    type=bool,
)
VIP_WELCOME_TASKS = SettingSpec(
    key="concierge.vip_welcome_tasks",
    default="housekeeping_extra:Welcome amenity in the room;information:Welcome call from "
    "guest relations",
    help="Tasks created at a VIP guest's check-in: 'type:description' entries separated by ';' "
    "(empty: none).",
)
CHECK_OUT_ACTION = SettingSpec(
    key="concierge.check_out_action",
    default="cancel",
    help="What check-out does to the stay's open requests: 'cancel' or 'done'.",
)
CHARGE_ON = SettingSpec(
    key="concierge.charge_on",
    default="confirmed",
    help="When a priced service booking posts its charge to the folio: 'confirmed' or 'delivered'.",
)

ALL_SETTINGS = [
    *RESPONSE_TARGETS.values(),
    PORTER_ON_CHECK_IN,
    VIP_WELCOME_TASKS,
    CHECK_OUT_ACTION,
    CHARGE_ON,
]


def value(spec: SettingSpec):
    return plugin_setting(spec)


def _choice(spec: SettingSpec, allowed: tuple[str, ...]) -> str:
    chosen = str(value(spec)).strip().lower()
    if chosen not in allowed:
        raise InvalidInput(f"Setting {spec.key} must be one of {', '.join(allowed)}: {chosen!r}.")
    return chosen


def response_target(kind: str) -> timedelta | None:
    """The response target of a request type, or None when only its due time counts."""
    minutes = int(value(RESPONSE_TARGETS[kind]))
    if minutes < 0:
        raise InvalidInput(f"Setting {RESPONSE_TARGETS[kind].key} must not be negative.")
    return timedelta(minutes=minutes) if minutes else None


def vip_welcome_tasks() -> list[tuple[str, str]]:
    """(type, description) pairs; a malformed entry is refused rather than silently dropped."""
    tasks = []
    for entry in str(value(VIP_WELCOME_TASKS)).split(";"):
        if not entry.strip():
            continue
        kind, sep, description = entry.partition(":")
        kind = kind.strip()
        if not sep or kind not in REQUEST_TYPES or not description.strip():
            raise InvalidInput(
                f"Setting {VIP_WELCOME_TASKS.key} has a malformed entry {entry.strip()!r}: "
                "use 'type:description'."
            )
        tasks.append((kind, description.strip()))
    return tasks


def check_out_action() -> str:
    return _choice(CHECK_OUT_ACTION, ("cancel", "done"))


def charge_on() -> str:
    return _choice(CHARGE_ON, ("confirmed", "delivered"))
