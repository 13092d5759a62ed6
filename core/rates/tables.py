"""Rate and tax configuration of a property (tables of the ``folios`` Piccolo app).

Configuration may change at any time; what a stay was sold at is copied into
``folios_stay_night_rate`` at booking, so a later change never alters an existing booking.
Amounts are Decimal in the property's currency (``core_property.currency``); percentages are
stored as percent (``7.000`` means 7 %).
"""

from __future__ import annotations

from decimal import Decimal

from piccolo.columns import Boolean, Date, ForeignKey, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from ..money_columns import MONEY_DIGITS, MoneyColumn
from ..properties.tables import Property, RoomType

MONEY = MONEY_DIGITS
PERCENT = (9, 3)

CHARGE_CATEGORIES = ("room", "food_beverage", "minibar", "spa", "city_tax", "fee", "other")
ADJUSTMENT_KINDS = ("percent", "amount")
CANCELLATION_FEE_KINDS = ("first_night", "percent")
NO_SHOW_FEE_KINDS = ("none", "first_night", "percent")
CITY_TAX_KINDS = ("per_person_night", "percent_of_room")
NO_SHOW_POLICIES = ("mark", "keep")


class BaseRate(Table, tablename="rates_base_rate"):
    """The standard nightly price of a room type (gross or net per the property settings)."""

    property = ForeignKey(references=Property, index=True)
    room_type = ForeignKey(references=RoomType, unique=True)
    amount = MoneyColumn(digits=MONEY)
    updated_at = Timestamptz(default=TimestamptzNow())


class RateCalendarEntry(Table, tablename="rates_calendar"):
    """A price for one room type on one night that overrides the base rate (season, event)."""

    property = ForeignKey(references=Property, index=True)
    room_type = ForeignKey(references=RoomType, index=True)
    night = Date()
    amount = MoneyColumn(digits=MONEY)


class RatePlan(Table, tablename="rates_plan"):
    """A sellable price rule relative to the nightly rate, with inclusions and policies.

    ``adjustment_kind`` ``percent``: price = rate x (1 + adjustment/100) (-10 is 10 % off);
    ``amount``: price = rate + adjustment (+15 EUR). ``inclusions``: JSON list of
    ``{"name", "category", "amount"}``, a part of the nightly price per adult that the night
    audit posts under its own category (breakfast at the food tax rate).
    Cancellation is free until ``cancellation_free_days`` days before arrival (None: always
    free), later it costs the first night or ``cancellation_fee_percent`` of the stay.
    """

    property = ForeignKey(references=Property, index=True)
    code = Varchar(length=20)
    name = Varchar(length=200)
    adjustment_kind = Varchar(length=20, default="percent")
    adjustment = MoneyColumn(digits=MONEY, default=Decimal(0))
    inclusions = Text(default="[]")
    cancellation_free_days = Integer(null=True, default=None)
    cancellation_fee_kind = Varchar(length=20, default="first_night")
    cancellation_fee_percent = Numeric(digits=PERCENT, default=Decimal(0))
    no_show_fee_kind = Varchar(length=20, default="none")
    no_show_fee_percent = Numeric(digits=PERCENT, default=Decimal(0))
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class TaxRate(Table, tablename="rates_tax_rate"):
    """The tax rate of one charge category at a property (a category without one is 0 %)."""

    property = ForeignKey(references=Property, index=True)
    category = Varchar(length=20)
    name = Varchar(length=100)
    rate = Numeric(digits=PERCENT)


class CityTaxRule(Table, tablename="rates_city_tax_rule"):
    """How the night audit charges city tax: per liable person and night, or a percentage of
    the room price; at most ``max_nights`` nights; a stay's children are exempt when
    ``child_exemption_age`` is set (children are booked as guests under that age) and
    business travel is exempt when ``business_exempt``."""

    property = ForeignKey(references=Property, unique=True)
    kind = Varchar(length=20, default="per_person_night")
    amount = MoneyColumn(digits=MONEY)
    max_nights = Integer(null=True, default=None)
    child_exemption_age = Integer(null=True, default=None)
    business_exempt = Boolean(default=False)
    active = Boolean(default=True)


class MoneySettings(Table, tablename="rates_property_settings"):
    """Per-property money policy. Without a row: prices include tax, no-shows are marked."""

    property = ForeignKey(references=Property, unique=True)
    prices_include_tax = Boolean(default=True)
    no_show_policy = Varchar(length=20, default="mark")


RATE_TABLES = [BaseRate, RateCalendarEntry, RatePlan, TaxRate, CityTaxRule, MoneySettings]

UNIQUE_INDEXES = [
    ("rates_calendar_type_night", "rates_calendar", ("room_type", "night")),
    ("rates_plan_property_code", "rates_plan", ("property", "code")),
    ("rates_tax_rate_property_category", "rates_tax_rate", ("property", "category")),
]
