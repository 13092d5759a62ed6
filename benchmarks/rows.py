"""Row shapes of the synthetic data: column lists and the batch of stays with their
inventory nights, prices, terms, folios and folio entries (see datagen.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from frontdesk.core.guests.service import PROFILE_FIELDS

from .bulk import BulkWriter

PRICES = {"STD": Decimal("100.00"), "DBL": Decimal("140.00"), "STE": Decimal("260.00")}
TAX = Decimal("7")
STAY_COLS = (
    "id",
    "property",
    "confirmation_code",
    "booking_reference",
    "room_type",
    "room",
    "primary_guest",
    "arrival",
    "departure",
    "adults",
    "children",
    "status",
    "source",
    "notes",
    "porter_requested",
    "checked_in_at",
    "checked_out_at",
    "cancelled_at",
    "created_at",
    "updated_at",
)
NIGHT_COLS = ("stay", "property", "room_type", "room", "night", "slot")
GUEST_COLS = ("id", "property", *PROFILE_FIELDS, "created_at", "updated_at")
ROOM_COLS = (
    "id",
    "property",
    "room_type",
    "number",
    "floor",
    "features",
    "housekeeping_status",
    "out_of_order_reason",
    "out_of_order_from",
    "out_of_order_until",
    "active",
)
FOLIO_COLS = (
    "id",
    "property",
    "stay",
    "number",
    "name",
    "guest",
    "city_ledger_account",
    "currency",
    "status",
    "closed_at",
    "created_at",
)
ENTRY_COLS = (
    "folio",
    "property",
    "stay",
    "seq",
    "kind",
    "category",
    "description",
    "quantity",
    "unit_price",
    "tax_rate",
    "net",
    "tax",
    "gross",
    "amount",
    "currency",
    "method",
    "reference",
    "refunded_entry",
    "corrected_entry",
    "night",
    "business_date",
    "posted_at",
    "posted_by",
    "source_key",
)
FIRST_NAMES = ("Ada", "Ben", "Chloe", "Dario", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas")
LAST_NAMES = ("Novak", "Okafor", "Silva", "Berg", "Kowalski", "Rossi", "Tanaka", "Weber")


@dataclass
class RoomInfo:
    id: int
    room_type: int
    code: str
    slot: int


@dataclass
class Group:
    """What the scenarios need to know about the generated data."""

    property_ids: list[int]
    room_types: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    rooms: dict[int, list[RoomInfo]] = field(default_factory=dict)
    guests: dict[int, list[int]] = field(default_factory=dict)
    history_stays: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _nights(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days)]


def _split(gross: Decimal) -> tuple[Decimal, Decimal]:
    net = (gross * 100 / (100 + TAX)).quantize(Decimal("0.01"))
    return net, gross - net


class _Stays:
    """Rows of stays and everything hanging off them, flushed per batch."""

    def __init__(self, writer: BulkWriter) -> None:
        self.w = writer
        self.stays: list[tuple] = []
        self.nights: list[tuple] = []
        self.folios: list[tuple] = []
        self.entries: list[tuple] = []
        self.terms: list[tuple] = []
        self.rates: list[tuple] = []

    async def add(
        self,
        sid: int,
        pid: int,
        rt: int,
        code: str,
        room: int | None,
        guest: int,
        arrival: date,
        departure: date,
        status: str,
        *,
        slot: int | None = None,
        inventory_room: int | None = None,
        posted_until: date | None = None,
    ) -> None:
        """One stay; ``slot`` given means it holds inventory; ``posted_until``: room charges
        were posted for the nights before it (with a deposit on every other stay)."""
        created = _at(arrival - timedelta(days=20))
        checked_out = _at(departure, 10) if status == "checked_out" else None
        cancelled = created + timedelta(days=3) if status == "cancelled" else None
        self._stay_row(sid, pid, rt, room, guest, arrival, departure, status, created)
        price = PRICES[code]
        nights = _nights(arrival, departure)
        fid = (await self.w.ids("folios_folio", 1))[0]
        settled = status != "booked" and status != "checked_in"
        folio_status = "settled" if settled else "open"
        closed = checked_out or cancelled
        self.folios.append(
            (fid, pid, sid, 1, "Guest", guest, None, "EUR", folio_status, closed, created)
        )
        if slot is not None:
            self.nights += [(sid, pid, rt, inventory_room, n, slot) for n in nights]
            self.terms.append((sid, pid, None, False, "EUR"))
            self.rates += [(sid, n, price, "EUR") for n in nights]
        if status == "checked_out":
            self._settled_entries(fid, pid, sid, price, nights, departure)
        elif posted_until is not None:
            self._posted_nights(fid, pid, sid, price, arrival, posted_until)

    def _stay_row(
        self, sid, pid, rt, room, guest, arrival, departure, status: str, created
    ) -> None:
        """The stay's own row, with the times its status implies."""
        checked_in = _at(arrival, 15) if status in ("checked_in", "checked_out") else None
        checked_out = _at(departure, 10) if status == "checked_out" else None
        cancelled = created + timedelta(days=3) if status == "cancelled" else None
        channel = "web" if sid % 3 else "desk"
        self.stays.append(
            (sid, pid, f"B{sid:010d}", f"BR{sid:08d}", rt, room, guest, arrival, departure)
            + (1 + sid % 2, 0, status, channel, "", False, checked_in, checked_out, cancelled)
            + (created, created)
        )

    def _settled_entries(self, fid, pid, sid, price, nights, departure) -> None:
        """A departed stay: all its nights charged at once and paid by card."""
        gross = price * len(nights)
        net, tax = _split(gross)
        self._entry(
            fid, pid, sid, 1, "charge", gross, departure,
            net=net, tax=tax, quantity=len(nights), unit=price, category="room",
        )  # fmt: skip
        self._entry(fid, pid, sid, 2, "payment", -gross, departure, method="card")

    def _posted_nights(self, fid, pid, sid, price, arrival, posted_until) -> None:
        """An open stay: the nights the audit already posted, and a deposit on every other one."""
        seq = 0
        for night in _nights(arrival, posted_until):
            seq += 1
            net, tax = _split(price)
            key = f"audit:{sid}:{night.isoformat()}:room"
            self._entry(
                fid, pid, sid, seq, "charge", price, night,
                net=net, tax=tax, category="room", night=night, key=key,
            )  # fmt: skip
        if sid % 2 and seq:
            self._entry(fid, pid, sid, seq + 1, "payment", -price, arrival, method="card")

    def _entry(
        self,
        fid: int,
        pid: int,
        sid: int,
        seq: int,
        kind: str,
        amount: Decimal,
        day: date,
        *,
        net: Decimal = Decimal(0),
        tax: Decimal = Decimal(0),
        quantity: int = 1,
        unit: Decimal = Decimal(0),
        category: str | None = None,
        method: str | None = None,
        night: date | None = None,
        key: str | None = None,
    ) -> None:
        gross = amount if kind == "charge" else Decimal(0)
        self.entries.append(
            (
                fid,
                pid,
                sid,
                seq,
                kind,
                category,
                kind.title(),
                quantity,
                unit,
                TAX if kind == "charge" else Decimal(0),
                net,
                tax,
                gross,
                amount,
                "EUR",
                method,
                None,
                None,
                None,
                night,
                day,
                _at(day, 23),
                "bench",
                key,
            )
        )

    async def flush(self) -> int:
        count = len(self.stays)
        await self.w.insert("core_stay", STAY_COLS, self.stays)
        await self.w.insert("core_stay_night", NIGHT_COLS, self.nights)
        await self.w.insert("folios_folio", FOLIO_COLS, self.folios)
        await self.w.insert("folios_entry", ENTRY_COLS, self.entries)
        await self.w.insert(
            "folios_stay_terms",
            ("stay", "property", "rate_plan", "business_travel", "currency"),
            self.terms,
        )
        await self.w.insert(
            "folios_stay_night_rate", ("stay", "night", "amount", "currency"), self.rates
        )
        self.__init__(self.w)  # type: ignore[misc]
        return count
