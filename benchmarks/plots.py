"""A PNG per growth curve from a run's result (``python -m benchmarks --plot DIR`` or
``python -m benchmarks.plots RESULT.json DIR``). matplotlib comes with the bench extra and
is imported only here, so the harness runs without it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

#: file name, title, x label, where the points are, x key, side (None: the point itself),
#: y key of the server and the floor, y label.
CURVES = (
    ("board_rows", "Board: time per board by rows", "rows on the board",
     ("group", "board_rows"), "rows", None, "ms per board"),
    ("properties", "Board (150 rows) by properties in the group", "properties",
     ("group", "properties"), "properties", "board", "ms per board"),
    ("history_availability", "Availability (30 nights) by history", "past stays",
     ("history",), "history_stays", "availability", "ms per search"),
    ("history_board", "Board by history", "past stays",
     ("history",), "history_stays", "board", "ms per board"),
    ("processes", "Board throughput per server process", "server processes",
     ("group", "processes"), "processes", None, "boards/s per process"),
)  # fmt: skip


def _points(data: dict[str, Any], where: tuple[str, ...]) -> list[dict[str, Any]]:
    for key in where:
        data = data.get(key) or {}
    return data.get("points", [])


def write_all(result: dict[str, Any], folder: Path) -> list[Path]:
    """One PNG per curve, every backend's server (solid) and floor (dashed) on it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, title, xlabel, where, x, side, ylabel in CURVES:
        figure, axes = plt.subplots(figsize=(6.4, 4.0), dpi=100)
        for backend, data in (result.get("curves") or {}).items():
            points = _points(data, where)
            if not points:
                continue
            xs = [p[x] for p in points]
            values = [p[side] if side else p for p in points]
            keys = (
                ("server_rps_per_process", "floor_rps_per_process")
                if name == "processes"
                else ("server_ms", "floor_ms")
            )
            axes.plot(xs, [v[keys[0]] for v in values], "o-", label=f"server, {backend}")
            axes.plot(xs, [v[keys[1]] for v in values], "s--", label=f"floor, {backend}")
        if name.startswith("history"):
            axes.set_xscale("log")
        axes.set_title(f"{title} (run {result.get('run_id')})", fontsize=10)
        axes.set_xlabel(xlabel)
        axes.set_ylabel(ylabel)
        axes.set_ylim(bottom=0)
        axes.grid(alpha=0.3)
        axes.legend(fontsize=8)
        figure.tight_layout()
        path = folder / f"curve_{name}.png"
        figure.savefig(path)
        plt.close(figure)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2])):
        print(written_path)
