"""Hooks the channels plugin offers to other plugins (added with ``pm.add_hookspecs`` from
the core hook ``frontdesk_addhooks``). Implement them with
``@hookimpl(optionalhook=True)`` so your plugin still starts when channels is disabled."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING

from frontdesk.api import hookspec

if TYPE_CHECKING:
    from frontdesk.api import Settings

    from .connectors import Connector
    from .tables import ChannelsReservation


@hookspec
def frontdesk_channel_connectors(settings: Settings) -> list[Connector]:
    """Called when channels syncs (the background worker, ``channelsSyncNow``, ``frontdesk
    channels sync``), outside any transaction. ``settings``: the installation's Settings.
    Return a list of connector objects (``frontdesk.plugins.channels.connectors.Connector``):
    ``name`` (unique), ``async push(update)`` receiving a ``ChannelUpdate`` (availability,
    rates and restrictions per room type and night), and ``async pull(property_id)``
    returning ``ReservationBatch`` objects (reservations by the channel's id; channels applies
    them idempotently: one with a guest is booked as a stay, one without holds its room). The
    iCal sync is the first connector (name ``ical``)."""


@hookspec
def frontdesk_channels_conflict_detected(
    reservation: ChannelsReservation, stay_ids: list[int], actor: str | None
) -> Awaitable[None] | None:
    """In transaction, when a reservation a channel sent (an external calendar's event, say)
    cannot hold its room because stays (``stay_ids``, maybe empty when another hold or a
    closed room is in the way) hold those nights, or a channel's booking cannot be booked or
    changed as a stay (``stay_ids``: the stay a refused change keeps, else empty).
    ``reservation``: the ChannelsReservation row (status ``conflict``, ``message`` says
    why). Return None or an awaitable. The committed event is ``channels.conflict_detected``."""
