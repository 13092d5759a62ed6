"""What every scenario of one backend gets: sizes, the generated group, the servers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .config import TARGETS, Sizes
from .procs import Server
from .rows import Group


@dataclass
class Bench:
    backend: str
    url: str
    sizes: Sizes
    group: Group
    headers: dict[str, str]
    balance: bool
    app: Server | None = None
    floor: Server | None = None
    notes: dict[str, Any] = field(default_factory=dict)


def outcome(
    ratio: float | None, target: str, metrics: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    """A scenario's result: its headline ratio (or value) judged against its target."""
    goal = TARGETS[target]
    return {
        "status": "ok",
        "ratio": None if ratio is None else round(ratio, 3),
        "target": goal.text,
        "met": goal.met(ratio),
        "metrics": metrics,
        **extra,
    }


def skipped(reason: str) -> dict[str, Any]:
    return {"status": "skipped", "reason": reason}
