"""SQLite's values turned into Python ones with fewer Python calls, the results unchanged.

piccolo registers a Python converter per declared column type with ``sqlite3`` and builds
each row's dictionary with a comprehension (``dict_factory``). Each converter is wrapped in
``decode_to_string`` and an INTEGER goes through ``Decimal`` (``int(Decimal(text))``): a
150-row board converts about 3,500 values (2,100 INTEGER, 700 TIMESTAMPTZ, 400 BOOLEAN, 300
DATE) and builds about 750 row dictionaries in the connections' threads, which take about
two fifths of the board's CPU; these were most of their Python calls (docs/performance.md,
Session 11).

``install`` replaces those converters with ones answering the common case directly (ASCII
digits for an INTEGER, ``1``/``0`` for a BOOLEAN, one call for a date or a timestamp) and
handing anything else to piccolo's own converter, so every value and every error is
exactly piccolo's; ``dict_row`` builds the same dictionary as ``dict_factory`` with the
column names kept per statement. tests/test_sqlite_values.py compares both with piccolo's
for awkward values and real statements. The converters are process-wide (``sqlite3`` keeps
one registry), like piccolo's own registration they replace.
"""

from __future__ import annotations

import datetime
import sqlite3
from decimal import Decimal
from typing import Any

from piccolo.engine import sqlite as piccolo_sqlite

_UTC = datetime.UTC
_date = datetime.date.fromisoformat
_datetime = datetime.datetime.fromisoformat
_CONVERTERS = piccolo_sqlite.CONVERTERS
_slow_int = _CONVERTERS["INTEGER"]
_slow_boolean = _CONVERTERS["BOOLEAN"]


def integer_out(value: bytes) -> Any:
    """piccolo's ``int(Decimal(text))``: the same for ASCII digits, piccolo's otherwise."""
    return int(value) if value.isdigit() else _slow_int(value)


def boolean_out(value: bytes) -> Any:
    """piccolo's ``text == "1"``."""
    if value == b"1":
        return True
    if value == b"0":
        return False
    return _slow_boolean(value)


def date_out(value: bytes) -> Any:
    return _date(value.decode("utf8"))


def timestamp_out(value: bytes) -> Any:
    return _datetime(value.decode("utf8"))


def timestamptz_out(value: bytes) -> Any:
    return _datetime(value.decode("utf8")).replace(tzinfo=_UTC)


def numeric_out(value: bytes) -> Any:
    return Decimal(value.decode("utf8"))


FAST_CONVERTERS = {
    "INTEGER": integer_out,
    "BOOLEAN": boolean_out,
    "DATE": date_out,
    "TIMESTAMP": timestamp_out,
    "TIMESTAMPTZ": timestamptz_out,
    "NUMERIC": numeric_out,
}


def install() -> None:
    """Register the faster converters (idempotent)."""
    for name, converter in FAST_CONVERTERS.items():
        sqlite3.register_converter(name, converter)


#: The last statement's description and its column names (one tuple, replaced at once, so
#: that the connections' threads never see a description with another's names).
_last: tuple[Any, tuple[str, ...]] = (None, ())


def dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    """piccolo's ``dict_factory``: the row as a dictionary by column name (a repeated name
    keeps its last value, as there)."""
    global _last
    description = cursor.description
    known, names = _last
    if known is not description:
        names = tuple(column[0] for column in description)
        _last = (description, names)
    return dict(zip(names, row, strict=True))
