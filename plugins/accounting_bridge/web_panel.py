"""The accounting panel (accounting_bridge) of the web front desk: its ES module and
catalogues, served from this plugin's own folder (``/plugins/accounting_bridge/web/``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar.static_files import create_static_files_router

FOLDER = Path(__file__).parent / "web"
PANEL = {
    "id": "accounting_bridge",
    "module": "/plugins/accounting_bridge/web/panel.js",
    "permission": "accounting.journal.read",
}


def routes() -> list[Any]:
    return [create_static_files_router(path="/web", directories=[FOLDER])]
