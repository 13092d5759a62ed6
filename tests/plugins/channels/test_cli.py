"""``frontdesk channels sync``: what a hotel runs from cron; a wrong property code is a plain
error with exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def channels_cli(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRONTDESK_DATABASE_URL": database_url, "FRONTDESK_PLUGINS": "channels"}
    return subprocess.run(
        [str(Path(sys.executable).parent / "frontdesk"), "channels", "sync", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_sync_runs_for_every_property_and_refuses_an_unknown_code(database_url, gql, hotel):
    done = channels_cli(database_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("HQ: 0 held, 0 booked, 0 modified, 0 cancelled, 0 released")
    refused = channels_cli(database_url, "--property", "NOPE")
    assert refused.returncode == 2
    assert "No property with code NOPE" in refused.stderr
