"""The result JSON and the table printed at the end of a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from .config import SCENARIOS

LABELS = {
    "board": "1 Front-desk board",
    "availability": "2 Availability 30 nights",
    "booking": "3 Booking, 16 clients",
    "night_audit": "4 Night audit 1x -> 10x",
    "plugin_overhead": "5 Plugins: all / core",
    "sql_statements": "6 SQL statements",
    "roster": "7 Roster (hr_shifts)",
    "startup_memory": "8 Start-up, memory",
    "desk_browser": "9 Web desk in Chromium",
}


def _mark(met: bool | None) -> str:
    return {True: "[green]met[/]", False: "[red]MISSED[/]"}.get(met, "-")  # type: ignore[arg-type]


def cell(name: str, result: dict[str, Any]) -> str:
    """One scenario on one backend: headline ratio, target verdict, the numbers behind it."""
    status = result.get("status")
    if status != "ok":
        return f"[yellow]{status}[/]: {result.get('reason', '')[:80]}"
    m = result["metrics"]
    head = f"{result['ratio']}x {_mark(result['met'])}"
    if name == "board":
        return (
            f"{head}\n{m['server']['throughput_rps']} vs {m['floor']['throughput_rps']} rps;"
            f" p50 {m['server']['p50_ms']} / p95 {m['server']['p95_ms']} ms;"
            f" {m['rows']} rows"
        )
    if name == "availability":
        small = m["small_history"]["server"]["p50_ms"]
        return (
            f"{head}\np50 {m['server']['p50_ms']} vs {m['floor']['p50_ms']} ms;"
            f" history 10x: {result['history_ratio']}x {_mark(result['history_met'])}"
            f" ({small} ms at 1x)"
        )
    if name == "booking":
        return (
            f"{head}\n{m['ms_per_booking']} vs {m['floor_ms_per_booking']} ms/booking;"
            f" {m['bookings_per_second']}/s; errors {m['error_rate']:.1%};"
            f" double {sum(m['double_bookings'].values())}"
        )
    if name == "night_audit":
        return (
            f"{head}\n{m['small']['ms_per_stay']} -> {m['large']['ms_per_stay']} ms/stay"
            f" ({m['small']['stays']} -> {m['large']['stays']} stays)"
        )
    if name == "plugin_overhead":
        return f"{head}\n{m['all_plugins_p50_ms']} vs {m['core_only_p50_ms']} ms p50"
    if name == "sql_statements":
        return f"{head}\n" + ", ".join(f"{k} {v}" for k, v in m.items())
    if name == "roster":
        return f"{m['seconds']} s {_mark(result['met'])}\n{m['status']}, gap {m['gap']}"
    if name == "startup_memory":
        return (
            f"{m['first_graphql_answer_seconds']} s {_mark(result['met'])},"
            f" {m['rss_mb_after_board']} MB {_mark(result['memory_met'])}"
        )
    if name == "desk_browser":
        return (
            f"board p95 {m['board_p95_ms']} ms {_mark(result['met'])} ({m['rows']} rows);"
            f"\nbooking -> other board p95 {m['booking_to_board_p95_ms']} ms"
            f" {_mark(result['booking_met'])}"
        )
    return head


def print_table(result: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console(width=160)
    backends = list(result["backends"])
    table = Table(
        title=f"Frontdesk benchmarks (run {result['run_id']},"
        f" {'smoke' if result['smoke'] else 'full'})",
        show_lines=True,
    )
    table.add_column("Scenario", no_wrap=True)
    for backend in backends:
        table.add_column(backend)
    for name in SCENARIOS:
        table.add_row(
            LABELS[name],
            *(
                cell(name, result["backends"][b]["scenarios"].get(name, {"status": "missing"}))
                for b in backends
            ),
        )
    if backends:
        console.print(table)
    print_curves(result, console)


def _mark_ratio(judged: dict[str, Any] | None) -> str:
    if not judged or judged.get("ratio") is None:
        return "-"
    verdict = "met" if judged["met"] else "MISSED"
    return f"{judged['ratio']:.2f}x (<= {judged['limit']}) {verdict}"


def _points(points: list[dict], x: str, side: str | None = None) -> str:
    """``x: server ms / floor ms`` per point."""
    out = []
    for point in points:
        values = point[side] if side else point
        out.append(f"{point[x]}: {values['server_ms']:.1f} / {values['floor_ms']:.1f} ms")
    return "\n".join(out)


def print_curves(result: dict[str, Any], console: Console) -> None:
    """The growth curves: each point's server / floor time and the judged ratios."""
    curves = result.get("curves") or {}
    if not curves:
        return
    table = Table(title="Growth curves (server / floor per request)", show_lines=True)
    table.add_column("Curve", no_wrap=True)
    for backend in curves:
        table.add_column(backend)
    rows: dict[str, list[str]] = {}
    for data in curves.values():
        group, history = data.get("group", {}), data.get("history", {})
        cells = {
            "Board per rows": _points(group.get("board_rows", {}).get("points", []), "rows")
            + "\nper row: "
            + _mark_ratio(group.get("board_rows", {}).get("server_per_row")),
            "Board per properties": _points(
                group.get("properties", {}).get("points", []), "properties", "board"
            ),
            "History: availability": _points(
                history.get("points", []), "history_stays", "availability"
            )
            + "\n"
            + _mark_ratio(history.get("availability"))
            + f"\nagainst the floor: {history.get('availability_against_floor')}x",
            "History: board": _points(history.get("points", []), "history_stays", "board")
            + "\n"
            + _mark_ratio(history.get("board"))
            + f"\nagainst the floor: {history.get('board_against_floor')}x",
            "Processes (board req/s per process)": "\n".join(
                f"{p['processes']}: {p['server_rps_per_process']} / {p['floor_rps_per_process']}"
                for p in group.get("processes", {}).get("points", [])
            ),
        }
        for name, text in cells.items():
            rows.setdefault(name, []).append(text or data.get("group", {}).get("reason", "-"))
    for name, texts in rows.items():
        table.add_row(name, *texts)
    console.print(table)


def write(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str) + "\n")
