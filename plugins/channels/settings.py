"""The channels plugin's settings (``FRONTDESK_CHANNELS_…`` environment variables or
``Settings.extra``)."""

from __future__ import annotations

from frontdesk.api import SettingSpec

SYNC_INTERVAL = SettingSpec(
    key="channels.sync_interval_seconds",
    default=900,
    help="Seconds between two syncs of every external calendar (and pushes to connectors).",
    type=int,
)
PUSH_DAYS = SettingSpec(
    key="channels.push_days",
    default=365,
    help="Nights ahead whose availability and rates are pushed to channel connectors.",
    type=int,
)
BOOKING_ORIGINS = SettingSpec(
    key="channels.booking_origins",
    default="",
    help="Comma-separated website origins (https://hotel.example) allowed to call the direct "
    "booking API from a browser, for every property (a property adds its own with "
    "channelsConfigureDirectBooking).",
)
BOOKINGS_PER_MINUTE = SettingSpec(
    key="channels.bookings_per_minute",
    default=5,
    help="Direct bookings one client address may make per minute (searches: ten times more).",
    type=int,
)
EXPORT_DAYS = SettingSpec(
    key="channels.export_days",
    default=365,
    help="Nights ahead that an exported calendar covers.",
    type=int,
)

ALL_SETTINGS = [SYNC_INTERVAL, PUSH_DAYS, BOOKING_ORIGINS, BOOKINGS_PER_MINUTE, EXPORT_DAYS]
