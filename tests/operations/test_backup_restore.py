"""`frontdesk backup` and `frontdesk restore`: a consistent copy, taken while the hotel is
working, that restores every row exactly; user mistakes get a plain message and status 2."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from support.table_rows import all_rows

from frontdesk.testing import databases


def frontdesk(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRONTDESK_DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def empty_database(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.db'}"
    name = f"fdt_{databases.RUN_ID}_{uuid.uuid4().hex[:10]}"
    databases.run_sync(databases._admin(f'CREATE DATABASE "{name}"'))
    databases._created_databases.append(name)
    return databases._with_database(databases.POSTGRES_URL, name)


def graphql(server, query: str, variables: dict | None = None) -> dict:
    response = httpx.post(
        f"{server.base_url}/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {databases.TEST_ADMIN_KEY}"},
        timeout=30,
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


SETUP = """{ properties(first: 1) { nodes { id businessDate
  roomTypes { id } } } guests(first: 1) { nodes { id } } }"""
BOOK = """mutation($input: BookStayInput!) { bookStay(input: $input) {
  stay { id } errors { code message } } }"""


def book_until(server, stop: threading.Event, acknowledged: list[str]) -> None:
    """Book one-night stays on ever later nights until told to stop; record each stay id the
    server acknowledged, with the time it was acknowledged."""
    data = graphql(server, SETUP)
    prop = data["properties"]["nodes"][0]
    guest = data["guests"]["nodes"][0]["id"]
    night = date.fromisoformat(prop["businessDate"]) + timedelta(days=200)
    while not stop.is_set():
        payload = {
            "propertyId": prop["id"],
            "roomTypeId": prop["roomTypes"][0]["id"],
            "guestId": guest,
            "arrival": night.isoformat(),
            "departure": (night + timedelta(days=1)).isoformat(),
            "adults": 1,
        }
        result = graphql(server, BOOK, {"input": payload})["bookStay"]
        assert result["errors"] == [], result
        acknowledged.append(result["stay"]["id"])
        night += timedelta(days=1)


def test_a_restored_backup_holds_every_row_of_its_source(
    backend, database_url, live_server, tmp_path
):
    server = live_server(database_url=database_url, demo=True)
    server.stop()
    backup_file = tmp_path / "hotel.backup"
    made = frontdesk("backup", str(backup_file), database_url=database_url)
    assert made.returncode == 0, made.stderr
    target = empty_database(backend, tmp_path)
    restored = frontdesk("restore", str(backup_file), database_url=target)
    assert restored.returncode == 0, restored.stderr
    source_rows = all_rows(database_url)
    assert sum(len(rows) for rows in source_rows.values()) > 500
    assert all_rows(target) == source_rows


# What booking adds and never changes afterwards (other tables, such as the rate-limit
# buckets, are rewritten in place by every request and legitimately differ).
APPENDED_BY_THE_LOAD = ("core_stay", "core_stay_night", "core_stay_guest", "folios_folio")


def test_a_backup_taken_under_load_is_consistent_and_holds_every_acknowledged_write(
    backend, database_url, live_server, tmp_path
):
    server = live_server(database_url=database_url, demo=True)
    stop, acknowledged = threading.Event(), []
    worker = threading.Thread(target=book_until, args=(server, stop, acknowledged))
    worker.start()
    try:
        while len(acknowledged) < 5:
            worker.join(0.05)
            assert worker.is_alive() or len(acknowledged) >= 5
        before_backup = list(acknowledged)
        backup_file = tmp_path / "hotel.backup"
        made = frontdesk("backup", str(backup_file), database_url=database_url)
        assert made.returncode == 0, made.stderr
    finally:
        stop.set()
        worker.join()
    server.stop()
    target = empty_database(backend, tmp_path)
    assert frontdesk("restore", str(backup_file), database_url=target).returncode == 0
    restored, source = all_rows(target), all_rows(database_url)
    stay_ids = {row[0][1] for row in restored["core_stay"]}  # (is null, text) of column id
    assert set(before_backup) <= stay_ids
    for table in APPENDED_BY_THE_LOAD:  # rows the load only adds: the copy is a subset
        assert set(restored[table]) <= set(source[table]), table
    # nothing half-written: every booking in the copy holds its night (column 1 is `stay`)
    with_nights = {row[1][1] for row in restored["core_stay_night"]}
    booked_by_load = {sid for sid in stay_ids if int(sid) >= int(before_backup[0])}
    assert booked_by_load <= with_nights


def test_restore_refuses_a_database_that_holds_data(backend, database_url, tmp_path):
    backup_file = tmp_path / "hotel.backup"
    assert frontdesk("backup", str(backup_file), database_url=database_url).returncode == 0
    refused = frontdesk("restore", str(backup_file), database_url=database_url)
    assert refused.returncode == 2
    assert "not empty" in refused.stderr and "Traceback" not in refused.stderr
    forced = frontdesk("restore", str(backup_file), "--force", database_url=database_url)
    assert forced.returncode == 0, forced.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["backup", "/no/such/folder/x.backup"], "does not exist"),
        (["restore", "/no/such/file.backup"], "no backup file"),
    ],
)
def test_backup_mistakes_get_a_plain_message(args, message, tmp_path):
    result = frontdesk(*args, database_url=f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.backup"
    junk.write_text("hello")
    result = frontdesk("restore", str(junk), database_url=f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 2 and "not a SQLite backup" in result.stderr
