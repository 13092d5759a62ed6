"""The reservation rows a channel's pulls leave, and how a conflict of one is reported.

Shared by the two ways a pulled reservation is applied: as an inventory hold (a calendar's
event, connectors.py) or as a stay (a booking with a guest, channel_stays.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

from frontdesk.api import emit_event

from .tables import ChannelsReservation


def now() -> datetime:
    return datetime.now(UTC)


async def find(channel: str, external_id: str) -> ChannelsReservation | None:
    """The row of (channel, external id), the reservation's unique key."""
    return (
        await ChannelsReservation.objects()
        .where(
            (ChannelsReservation.channel == channel)
            & (ChannelsReservation.external_id == external_id)
        )
        .first()
    )


async def mark_conflict(
    row: ChannelsReservation, message: str, stay_ids: list[int], actor: str | None
) -> str:
    """Keep ``row`` in conflict (tried again at the next pull) and report it when it has just
    become one: the hook in the transaction, ``channels.conflict_detected`` after commit."""
    was_conflict = row.status == "conflict"
    row.status, row.hold, row.message = "conflict", None, message
    row.conflict_stays = ",".join(map(str, stay_ids))
    row.updated_at = now()
    await row.save()
    if not was_conflict:
        await report(row, stay_ids, actor)
    return "conflicts"


async def report(row: ChannelsReservation, stay_ids: list[int], actor: str | None) -> None:
    await emit_event(
        "frontdesk_channels_conflict_detected",
        "channels.conflict_detected",
        property_id=row.property,
        subject_id=row.id,
        actor=actor,
        data={
            "channel": row.channel,
            "externalId": row.external_id,
            "roomId": row.room,
            "roomTypeId": row.room_type,
            "stayId": row.stay,
            "arrival": row.arrival.isoformat(),
            "departure": row.departure.isoformat(),
            "stayIds": stay_ids,
            "message": row.message,
        },
        reservation=row,
        stay_ids=stay_ids,
    )
