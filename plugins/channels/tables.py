"""The channels plugin's tables (prefix ``channels_``).

* ``ChannelsFeedToken``: a secret, revocable URL of an exported calendar (per room or per
  room type); only the token's SHA-256 is stored, the token itself is shown once.
* ``ChannelsCalendarSource``: an external .ics URL imported into one room, with the caching
  validators (ETag, Last-Modified) of its last fetch.
* ``ChannelsReservation``: what a channel told us about one of its reservations, keyed by
  (channel, external id) so pulling the same reservation twice changes nothing. One without a
  guest (a calendar's event) holds the room through a core inventory hold; one with a guest
  (a channel manager's booking) is a stay (``stay``, at most one reservation per stay). In
  conflict, it names the stays in the way.
* ``ChannelsSyncRun``: the log of each sync of a source.
* ``ChannelsDirectSettings`` and ``ChannelsBookingKey``: direct bookings from the hotel's
  website (allowed origins; the first answer to each Idempotency-Key).
"""

from __future__ import annotations

from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from frontdesk.api.tables import InventoryHold, Property, Room, RoomType, Stay


class ChannelsFeedToken(Table, tablename="channels_feed_token"):
    property = ForeignKey(references=Property, index=True)
    room = ForeignKey(references=Room, null=True, default=None)
    room_type = ForeignKey(references=RoomType, null=True, default=None)
    token_hash = Varchar(length=64, unique=True)
    hint = Varchar(length=8)
    label = Varchar(length=100, default="")
    created_by = Varchar(length=100, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None)


class ChannelsCalendarSource(Table, tablename="channels_calendar_source"):
    property = ForeignKey(references=Property, index=True)
    room = ForeignKey(references=Room, index=True)
    url = Text()
    label = Varchar(length=100, default="")
    active = Boolean(default=True)
    etag = Varchar(length=255, null=True, default=None)
    last_modified = Varchar(length=64, null=True, default=None)
    last_synced_at = Timestamptz(null=True, default=None)
    last_outcome = Varchar(length=20, null=True, default=None)
    last_error = Text(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class ChannelsReservation(Table, tablename="channels_reservation"):
    channel = Varchar(length=60)
    external_id = Varchar(length=255)
    property = ForeignKey(references=Property, index=True)
    source = ForeignKey(
        references=ChannelsCalendarSource, null=True, default=None, on_delete=OnDelete.cascade
    )
    room = ForeignKey(references=Room, null=True, default=None)
    room_type = ForeignKey(references=RoomType, null=True, default=None)
    arrival = Date()
    departure = Date()
    summary = Varchar(length=255, default="")
    status = Varchar(length=20)  # held | booked | conflict | released
    hold = ForeignKey(
        references=InventoryHold, null=True, default=None, on_delete=OnDelete.set_null
    )
    stay = ForeignKey(references=Stay, null=True, default=None, on_delete=OnDelete.restrict)
    conflict_stays = Varchar(length=255, default="")
    message = Text(default="")
    updated_at = Timestamptz(default=TimestamptzNow())


class ChannelsSyncRun(Table, tablename="channels_sync_run"):
    source = ForeignKey(references=ChannelsCalendarSource, index=True, on_delete=OnDelete.cascade)
    started_at = Timestamptz(default=TimestamptzNow())
    outcome = Varchar(length=20)  # synced | not_modified | failed
    http_status = Integer(null=True, default=None)
    events = Integer(default=0)
    held = Integer(default=0)
    released = Integer(default=0)
    conflicts = Integer(default=0)
    error = Text(null=True, default=None)


class ChannelsDirectSettings(Table, tablename="channels_direct_settings"):
    property = ForeignKey(references=Property, unique=True)
    enabled = Boolean(default=False)
    allowed_origins = Text(default="")


class ChannelsBookingKey(Table, tablename="channels_booking_key"):
    property = ForeignKey(references=Property)
    key_hash = Varchar(length=64)
    request_hash = Varchar(length=64)
    status_code = Integer()
    response = Text()
    stay = ForeignKey(references=Stay, null=True, default=None, on_delete=OnDelete.restrict)
    created_at = Timestamptz(default=TimestamptzNow())


TABLES = [
    ChannelsFeedToken,
    ChannelsCalendarSource,
    ChannelsReservation,
    ChannelsSyncRun,
    ChannelsDirectSettings,
    ChannelsBookingKey,
]

UNIQUE_INDEXES = [
    ("channels_reservation_channel_id", "channels_reservation", ("channel", "external_id")),
    ("channels_booking_key_property_key", "channels_booking_key", ("property", "key_hash")),
]
# Added with reservations booked as stays (a migration of their own): a stay is booked for
# one channel reservation at most.
STAY_UNIQUE_INDEXES = [
    ("channels_reservation_stay", "channels_reservation", ("stay",)),
]
