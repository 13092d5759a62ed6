"""The faster SQLite converters and row builder (core/sqlite_values.py) give exactly piccolo's
values and errors: for awkward stored texts of every converted type, and for whole rows of
real statements (repeated column names, nulls) read through a connection."""

from __future__ import annotations

import sqlite3

import pytest
from piccolo.engine.sqlite import CONVERTERS, dict_factory

from frontdesk.core.sqlite_values import FAST_CONVERTERS, dict_row

STORED = [
    b"0", b"7", b"0012", b"2147483648", b"99999999999999999999999", b"-3", b"+4", b" 5",
    b"1.0", b"1.5", b"1e3", b"", b"x", b"1_000", b"\xff", b"\xd9\xa1",
    b"1", b"true", b"2026-02-28", b"2026-02-30", b"2026-02-28T12:30:00",
    b"2026-02-28 12:30:00.123456", b"2026-02-28T12:30:00+02:00", b"12.345", b"NaN",
]  # fmt: skip


def _outcome(converter, value: bytes):
    try:
        result = converter(value)
    except Exception as error:  # noqa: BLE001 - the kind of refusal is compared
        return ("refused", type(error))
    return ("value", type(result), repr(result))  # repr: NaN equals itself


@pytest.mark.parametrize("name", sorted(FAST_CONVERTERS))
def test_each_converter_answers_what_piccolos_answers(name):
    fast, piccolo = FAST_CONVERTERS[name], CONVERTERS[name]
    answered = 0
    for value in STORED:
        expected = _outcome(piccolo, value)
        assert _outcome(fast, value) == expected, (name, value)
        answered += expected[0] == "value"
    assert answered >= 1


def test_rows_of_real_statements_equal_piccolos_dictionaries(tmp_path):
    """The same statements read with piccolo's converters and rows, then with these."""
    kinds = "n INTEGER, b BOOLEAN, d DATE, t TIMESTAMPTZ, s TIMESTAMP, m NUMERIC, v VARCHAR"
    rows = [
        (1, "1", "2026-02-28", "2026-02-28 12:30:00", "2026-02-28T01:02:03", "12.50", "a"),
        (None, "0", None, None, None, None, None),
        (2**40, "1", "2026-12-31", "2026-12-31 23:59:59.5", "2026-01-01", "0", ""),
    ]
    statements = [
        "SELECT * FROM t ORDER BY rowid",
        "SELECT n, n AS n, v AS n, b FROM t ORDER BY rowid",  # a repeated name
        "SELECT count(*) AS c FROM t",
        "SELECT v, d FROM t WHERE n IS NULL",
    ]
    answers = []
    before = {name: sqlite3.converters[name.upper()] for name in FAST_CONVERTERS}
    for factory, converters in ((dict_row, FAST_CONVERTERS), (dict_factory, CONVERTERS)):
        for name in FAST_CONVERTERS:
            sqlite3.register_converter(name, converters[name])
        connection = sqlite3.connect(
            tmp_path / f"{factory.__name__}.db",
            detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
        )
        connection.execute(f"CREATE TABLE t ({kinds})")
        connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        connection.row_factory = factory
        answers.append([connection.execute(sql).fetchall() for sql in statements])
        connection.close()
    for name, converter in before.items():
        sqlite3.register_converter(name, converter)
    fast, piccolo = answers
    assert fast == piccolo
    assert [type(v) for v in fast[0][0].values()] == [type(v) for v in piccolo[0][0].values()]
    assert fast[0][0]["b"] is True and fast[0][0]["t"].tzinfo is not None
    assert fast[1][0] == {"n": "a", "b": True}


def test_the_engine_installs_the_faster_converters(tmp_path):
    from frontdesk.core.sqlite_pool import PooledSQLiteEngine

    PooledSQLiteEngine(path=str(tmp_path / "x.db"))
    connection = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_COLNAMES)
    got = connection.execute("SELECT '12' AS \"x [INTEGER]\", '0' AS \"y [BOOLEAN]\"").fetchone()
    assert got == (12, False)
    assert sqlite3.converters["INTEGER"] is FAST_CONVERTERS["INTEGER"]
