"""The growth curves' arithmetic (benchmarks/curves.py): boards scaled in the scenarios'
proportions, cost per row and growth ratios judged against issue #22's targets. The curves
themselves run in tests/test_bench_smoke.py."""

from __future__ import annotations

import pytest

from benchmarks.config import FULL
from benchmarks.curves import _growth, _judged
from benchmarks.curves_data import DEFAULT, board_sizes
from benchmarks.curves_data import FULL as FULL_CURVES


def test_a_board_is_scaled_in_the_scenarios_proportions_with_rooms_to_hold_it():
    assert board_sizes(FULL, 150) == FULL  # 40 arrivals, 40 departures, 70 stay-overs
    big = board_sizes(FULL, 1500)
    assert (big.arrivals, big.departures, big.stayovers) == (400, 400, 700)
    assert big.rooms_per_property == 1800  # every board row holds a room, with room to spare


def test_the_default_and_full_points_span_the_issues_ranges():
    for curves in (DEFAULT, FULL_CURVES):
        assert (curves.board_rows[0], curves.board_rows[-1]) == (150, 1500)
        assert (curves.properties[0], curves.properties[-1]) == (3, 30)
        assert curves.processes == (1, 2)
    assert (FULL_CURVES.history[0], FULL_CURVES.history[-1]) == (10_000, 1_000_000)


def test_cost_per_row_and_growth_are_judged_against_the_targets():
    flat = [{"rows": 150, "ms": 30.0}, {"rows": 1500, "ms": 300.0}]
    assert _growth(flat, "rows", "ms", per_x=True) == 1.0
    steep = [{"rows": 150, "ms": 30.0}, {"rows": 1500, "ms": 360.0}]
    assert _growth(steep, "rows", "ms", per_x=True) == 1.2
    assert _judged("board_rows", 1.2) == {"ratio": 1.2, "limit": 1.1, "met": False}
    assert _judged("board_rows", 1.0)["met"] is True
    assert _growth([{"ms": 4.0}, {"ms": 5.0}], "", "ms", per_x=False) == 1.25
    assert _judged("history_availability", None)["met"] is None
    assert _growth(flat[:1], "rows", "ms", per_x=True) is None


def test_plots_draw_a_png_per_curve(tmp_path):
    pytest.importorskip("matplotlib")
    from benchmarks import plots

    point = {"server_ms": 2.0, "floor_ms": 1.0}
    curves = {
        "group": {
            "board_rows": {"points": [{"rows": 150, **point}, {"rows": 1500, **point}]},
            "properties": {"points": [{"properties": 3, "board": point}]},
            "processes": {
                "points": [{"processes": 1, "server_rps_per_process": 9.0,
                            "floor_rps_per_process": 20.0}]
            },
        },
        "history": {"points": [{"history_stays": 10_000, "board": point, "availability": point}]},
    }  # fmt: skip
    written = plots.write_all({"run_id": "x", "curves": {"sqlite": curves}}, tmp_path)
    assert {p.name for p in written} == {
        f"curve_{name}.png"
        for name in ("board_rows", "properties", "history_availability", "history_board",
                     "processes")
    }  # fmt: skip
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in written)


def test_growth_against_the_floor_cancels_drift_shared_with_it():
    from benchmarks.curves import _against_floor

    drifted = [{"s": 4.0, "f": 2.0}, {"s": 6.0, "f": 3.0}]  # both 1.5x slower: no growth
    assert _against_floor(drifted, "s", "f") == 1.0
    assert _against_floor([{"s": 4.0, "f": 2.0}, {"s": 8.0, "f": 2.0}], "s", "f") == 2.0
