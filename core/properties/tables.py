"""Tables of a property's physical inventory."""

from __future__ import annotations

from piccolo.columns import (
    Array,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Text,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Property(Table, tablename="core_property"):
    """One hotel. Everything else belongs to a property; a deployment may hold a group.
    The address, VAT number and contact details are what its invoices name as the seller."""

    code = Varchar(length=20, unique=True)
    name = Varchar(length=200)
    timezone = Varchar(length=64, default="UTC")
    currency = Varchar(length=3, default="EUR")
    check_in_time = Time()
    check_out_time = Time()
    business_date = Date()
    created_at = Timestamptz(default=TimestamptzNow())
    legal_name = Varchar(length=200, null=True, default=None)
    address_line = Varchar(length=200, null=True, default=None)
    city = Varchar(length=200, null=True, default=None)
    postal_code = Varchar(length=20, null=True, default=None)
    country = Varchar(length=2, null=True, default=None)
    vat_number = Varchar(length=32, null=True, default=None)
    phone = Varchar(length=32, null=True, default=None)
    email = Varchar(length=254, null=True, default=None)


class RoomType(Table, tablename="core_room_type"):
    property = ForeignKey(references=Property, index=True)
    code = Varchar(length=20)
    name = Varchar(length=200)
    max_occupancy = Integer(default=2)
    description = Text(default="")


HOUSEKEEPING_STATUSES = ("clean", "dirty", "inspected", "out_of_order")


class Room(Table, tablename="core_room"):
    property = ForeignKey(references=Property, index=True)
    room_type = ForeignKey(references=RoomType, index=True)
    number = Varchar(length=20)
    floor = Integer(null=True, default=None)
    features = Array(base_column=Varchar(length=50))
    housekeeping_status = Varchar(length=20, default="clean")
    out_of_order_reason = Text(null=True, default=None)
    out_of_order_from = Date(null=True, default=None)
    out_of_order_until = Date(null=True, default=None)
    active = Boolean(default=True)
