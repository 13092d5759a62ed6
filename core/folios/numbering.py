"""Invoice and credit-note numbers: one gapless series per property and kind of document."""

from __future__ import annotations

from piccolo.table import Table

from ..repository import insert


async def next_number(series: type[Table], property_id: int) -> int:
    """The next number of the property's series in ``series`` (one ``last_number`` row per
    property), inside the issuing transaction. The increment locks the series' row, so
    concurrent issuers take turns and no number is given twice; the first number of a new
    series races on the table's unique property key, which ``run_write`` retries."""
    name = series._meta.get_formatted_tablename()
    bumped = await series.raw(
        f"UPDATE {name} SET last_number = last_number + 1 WHERE property = {{}} "
        "RETURNING last_number",
        property_id,
    )
    if bumped:
        return bumped[0]["last_number"]
    await insert([series(property=property_id, last_number=1)])
    return 1
