"""The soak harness runs end to end for a few seconds, so `make soak` never rots; it asserts
the run's shape, never a timing (the figures are in docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from frontdesk.testing import databases


@pytest.mark.skipif(not databases.POSTGRES_URL, reason="the soak runs on PostgreSQL")
def test_the_soak_harness_reports_errors_latency_and_memory(repo_root, tmp_path):
    output = tmp_path / "soak.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.soak",
            "--postgres",
            databases.POSTGRES_URL,
            "--seconds",
            "12",
            "--clients",
            "2",
            "--output",
            str(output),
        ],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(output.read_text())
    assert result["cycles"] > 0 and result["errors"] == 0
    assert set(result["memory"]) == {"0", "1"}  # both processes sampled
    assert result["windows"][0]["requests"] > 0
