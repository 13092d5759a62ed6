"""The web desk's trusted documents: ``documents.json``, made from ``static/documents.js``.

The machinery is the public one every panel uses (``frontdesk.api.trusted_documents``); the
desk's manifest lives beside the plugin rather than among the static files, and is served by
its own route. ``python -m frontdesk.plugins.web.documents`` rewrites it; tests/plugins/web
check that it is fresh. The plugin hands the texts to the API as its contribution's
``trusted_documents``."""

from __future__ import annotations

import sys
from pathlib import Path

from frontdesk.api.trusted_documents import ClientDocuments

HERE = Path(__file__).parent
DESK = ClientDocuments(module=HERE / "static" / "documents.js", manifest=HERE / "documents.json")
MANIFEST = DESK.manifest


def registered() -> tuple[str, ...]:
    """The committed manifest's texts (what the running server registers)."""
    return DESK.registered()


if __name__ == "__main__":
    DESK.write()
    sys.stdout.write(f"wrote {DESK.manifest}\n")
