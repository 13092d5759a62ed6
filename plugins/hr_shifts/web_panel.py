"""The roster panel (hr_shifts) of the web front desk: its ES module and
catalogues, served from this plugin's own folder (``/plugins/hr_shifts/web/``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar.static_files import create_static_files_router

from frontdesk.api.trusted_documents import ClientDocuments

FOLDER = Path(__file__).parent / "web"
PANEL = {
    "id": "hr_shifts",
    "module": "/plugins/hr_shifts/web/panel.js",
    "permission": "shifts.published.read",
}

#: The panel's GraphQL documents (web/documents.js) and their committed manifest, served
#: beside the panel's module for the desk and registered with the API as trusted documents.
DOCUMENTS = ClientDocuments.in_folder(FOLDER)


def routes() -> list[Any]:
    return [create_static_files_router(path="/web", directories=[FOLDER])]
