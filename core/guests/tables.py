"""The guest profile table."""

from __future__ import annotations

from piccolo.columns import Boolean, Date, ForeignKey, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from ..properties.tables import Property


class Guest(Table, tablename="core_guest"):
    property = ForeignKey(references=Property, index=True)
    first_name = Varchar(length=200)
    last_name = Varchar(length=200, index=True)
    email = Varchar(length=254, null=True, default=None, index=True)
    phone = Varchar(length=32, null=True, default=None)
    address_line = Varchar(length=200, null=True, default=None)
    city = Varchar(length=200, null=True, default=None)
    postal_code = Varchar(length=20, null=True, default=None)
    country = Varchar(length=2, null=True, default=None)
    nationality = Varchar(length=2, null=True, default=None)
    language = Varchar(length=10, null=True, default=None)
    date_of_birth = Date(null=True, default=None)
    id_document_type = Varchar(length=30, null=True, default=None)
    id_document_number = Varchar(length=64, null=True, default=None)
    vip = Boolean(default=False)
    notes = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
