"""Money arithmetic, kept under its old name: it lives in ``core/money.py`` now, below
every area (rates price in it as folios post in it). GraphQL, plugins and documents still
import it from here; new code imports ``frontdesk.core.money``."""

from __future__ import annotations

from ..money import (
    MAX_AMOUNT,
    MINOR_UNITS,
    ZERO,
    Line,
    fmt,
    minor_unit,
    parse_amount,
    parse_percent,
    plain,
    round_money,
    split_line,
)

__all__ = [
    "MAX_AMOUNT",
    "MINOR_UNITS",
    "ZERO",
    "Line",
    "fmt",
    "minor_unit",
    "parse_amount",
    "parse_percent",
    "plain",
    "round_money",
    "split_line",
]
