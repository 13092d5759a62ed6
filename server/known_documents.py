"""The documents this server registers as trusted besides its plugins' (the web desk's):
the manifests named by FRONTDESK_TRUSTED_DOCUMENTS and the benchmark harness's documents.

The harness's documents are imported from ``benchmarks/queries.py`` rather than copied, so
that the board it measures is always a known document; an installation without the
benchmarks folder (the wheel does not ship it) simply has none of them."""

from __future__ import annotations

from typing import Any

from frontdesk.core.settings import Settings


def benchmark_documents() -> list[str]:
    """The board (with and without balances), availability, booking, stay-cycle documents."""
    try:
        from frontdesk.benchmarks import queries
    except ImportError:
        return []
    return [
        queries.board_query(balance=True),
        queries.board_query(balance=False),
        queries.AVAILABILITY_QUERY,
        queries.BOOK_MUTATION,
        queries.CHECK_IN_MUTATION,
        queries.CHECK_OUT_MUTATION,
        queries.STAY_FOLIOS_QUERY,
        queries.PAY_MUTATION,
        queries.ROOM_STATUS_MUTATION,
        queries.PROPERTIES_QUERY,
    ]


def register_known_documents(schema: Any, settings: Settings) -> None:
    """Add the configured manifests (a bad one fails start-up) and the harness's documents
    to the schema's registry, which already holds the plugins'."""
    known = schema.trusted_documents
    for path in settings.trusted_document_files:
        known.register_manifest(path)
    known.register_all(benchmark_documents(), "benchmarks/queries.py")
