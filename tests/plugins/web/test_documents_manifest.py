"""Trusted documents of the desk and of every built-in panel: each committed manifest is what
its documents module says, and the server registers every one of them (a stale or invalid
manifest would make that screen be refused by a server accepting trusted documents only)."""

from __future__ import annotations

import shutil

import pytest

from frontdesk.api.trusted_documents import ClientDocuments
from frontdesk.core.settings import Settings
from frontdesk.plugins.accounting_bridge.web_panel import DOCUMENTS as ACCOUNTING
from frontdesk.plugins.concierge.web_panel import DOCUMENTS as CONCIERGE
from frontdesk.plugins.hr_shifts.web_panel import DOCUMENTS as SHIFTS
from frontdesk.plugins.web.documents import DESK
from frontdesk.server.app import create_app

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node reads the modules")
CLIENTS = {"web": DESK, "concierge": CONCIERGE, "hr_shifts": SHIFTS, "accounting": ACCOUNTING}


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    """The trusted documents of a server with every built-in plugin."""
    folder = tmp_path_factory.mktemp("registry")
    app = create_app(Settings(database_url=f"sqlite:///{folder}/x.db"), check_migrations=False)
    return app.state["schema"].trusted_documents


@needs_node
@pytest.mark.parametrize("name", CLIENTS)
def test_the_manifest_is_fresh(name):
    client: ClientDocuments = CLIENTS[name]
    assert client.is_fresh(), (
        f"{client.manifest} is stale: run python -m frontdesk.api.trusted_documents "
        f"{client.module.parent} (the desk's: python -m frontdesk.plugins.web.documents)"
    )


@pytest.mark.parametrize("name", CLIENTS)
def test_the_server_registers_every_document_of_the_client(registry, name):
    texts = CLIENTS[name].registered()
    assert texts and all(registry.by_text(text) is not None for text in texts)
    assert not registry.refused


def test_the_subscriptions_are_registered_too(registry):
    """Live updates' documents are fixed texts as well (board, night audit, concierge)."""
    subscriptions = [
        text
        for client in CLIENTS.values()
        for text in client.registered()
        if text.startswith("subscription")
    ]
    assert len(subscriptions) == 3
    assert all(registry.by_text(text) is not None for text in subscriptions)


@needs_node
def test_a_module_without_documents_is_refused(tmp_path):
    (tmp_path / "documents.js").write_text("export const DOCUMENTS = { Bad: 42 };\n")
    with pytest.raises(ValueError, match="DOCUMENTS must map names to document texts"):
        ClientDocuments.in_folder(tmp_path).of_module()
