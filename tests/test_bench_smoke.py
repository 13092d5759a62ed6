"""The benchmark harness runs end to end at smoke size, so it never rots. No timing is
asserted here: numbers live in the harness (docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from frontdesk.testing import databases

SCENARIOS = {
    "board",
    "availability",
    "booking",
    "night_audit",
    "plugin_overhead",
    "sql_statements",
    "roster",
    "startup_memory",
    "desk_browser",
}


def test_bench_smoke_writes_a_result_with_every_scenario(
    repo_root: Path, tmp_path: Path, backend: str
):
    output = tmp_path / "result.json"
    where = ["--postgres", databases.POSTGRES_URL, "--no-sqlite"] if backend == "postgres" else []
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", *where, "--output", str(output)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(output.read_text())

    assert set(result["scenarios"]) == SCENARIOS
    assert {"machine", "versions", "sizes"} <= set(result)
    scenarios = result["backends"][backend]["scenarios"]
    for name in SCENARIOS:
        outcome = scenarios[name]
        assert outcome["status"] in ("ok", "skipped"), (name, outcome)
        if outcome["status"] == "skipped":
            assert outcome["reason"]
        else:
            assert isinstance(outcome["metrics"], dict) and outcome["metrics"], name
            assert "target" in outcome and "met" in outcome, name
    assert scenarios["booking"]["metrics"]["double_bookings"] == {
        "room_nights_twice": 0,
        "oversold_type_nights": 0,
    }
    # Availability is compared with its floor, and with the same group at a tenth of the
    # history, served beside it: all three answer the same.
    availability = scenarios["availability"]["metrics"]
    assert availability["same_json_as_floor"] and availability["same_json_at_small_history"]
    assert availability["small_history"]["history_stays"] < availability["history_stays"]
    assert scenarios["availability"]["history_ratio"] > 0
    _check_curves(result["curves"][backend])


def _check_curves(curves: dict) -> None:
    """Every growth curve has its points, each measured against its floor, answering alike."""
    group, history = curves["group"], curves["history"]
    rows = group["board_rows"]["points"]
    assert [p["rows"] for p in rows] == curves["points"]["board_rows"]
    assert [p["properties"] for p in group["properties"]["points"]] == list(
        curves["points"]["properties"]
    )
    assert [p["history_stays"] for p in history["points"]] == list(curves["points"]["history"])
    assert [p["processes"] for p in group["processes"]["points"]] == [1, 2]
    measured = rows + group["processes"]["points"]
    for point in group["properties"]["points"] + history["points"]:
        measured += [point["board"], point["availability"]]
    for point in measured:
        assert point["errors"] == 0 and point["same_json_as_floor"], point
        assert point["server_ms"] > 0 and point["floor_ms"] > 0, point
    assert group["board_rows"]["server_per_row"]["ratio"] > 0
    assert history["availability"]["limit"] == 1.2 and history["board"]["ratio"] > 0


def test_only_the_selected_scenarios_run_and_the_desk_is_measured_in_chromium(
    repo_root: Path, tmp_path: Path
):
    output = tmp_path / "result.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--only", "desk_browser"]
        + ["--output", str(output)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(output.read_text())
    scenarios = result["backends"]["sqlite"]["scenarios"]
    assert result["only"] == ["desk_browser"]
    assert {name for name, s in scenarios.items() if s["status"] == "ok"} == {"desk_browser"}
    assert all(
        s["reason"] == "not selected (--only)"
        for name, s in scenarios.items()
        if name != "desk_browser"
    )
    desk = scenarios["desk_browser"]
    # the board shows the smoke group's stays of the day; one load and one booking per sample
    assert desk["metrics"]["rows"] > 0
    assert desk["metrics"]["board_loads"] == 2 and desk["metrics"]["bookings"] == 1
    assert "booking_met" in desk and "booking_target" in desk


def test_the_plugin_overhead_can_be_measured_for_a_chosen_plugin_set(
    repo_root: Path, tmp_path: Path
):
    """Comparing with an earlier run means loading the plugins that run had (issue #18):
    session 6's three, say, since later sessions added four."""
    output = tmp_path / "result.json"
    chosen = "concierge,accounting_bridge,hr_shifts"
    command = [sys.executable, "-m", "benchmarks", "--smoke", "--only", "plugin_overhead"]
    done = subprocess.run(
        [*command, "--overhead-plugins", chosen, "--output", str(output)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(output.read_text())
    assert result["sizes"]["overhead_plugins"] == chosen
    overhead = result["backends"]["sqlite"]["scenarios"]["plugin_overhead"]
    assert overhead["status"] == "ok" and overhead["metrics"]["plugins"] == chosen
    assert overhead["ratio"] > 0

    mistyped = subprocess.run(
        [*command, "--overhead-plugins", "concierge,acounting_bridge"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert mistyped.returncode == 2
    assert mistyped.stderr.strip() == "--overhead-plugins: not installed: acounting_bridge"
