"""A web client's trusted documents: a ``documents.json`` manifest made from a ``documents.js``.

The desk and the plugins' panels are served as written (no build step), so each client's
GraphQL documents are fixed texts in an ES module whose ``DOCUMENTS`` export names them; the
manifest is made by asking node for that export and committed beside the module. A plugin
hands the manifest's texts to the API as its contribution's ``trusted_documents``, and the
desk sends each by its id (docs/web.md, docs/api.md). A test keeps every manifest fresh:
``python -m frontdesk.api.trusted_documents <folder>`` rewrites ``<folder>/documents.json``
from ``<folder>/documents.js``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from frontdesk.graphql.execution.trusted import manifest

__all__ = ["ClientDocuments"]


@dataclass(frozen=True)
class ClientDocuments:
    """One client's documents: the ES module that declares them and the committed manifest."""

    module: Path
    manifest: Path

    @classmethod
    def in_folder(cls, folder: Path) -> ClientDocuments:
        """``documents.js`` and ``documents.json`` side by side (a panel's ``web/`` folder,
        so the manifest is served beside the panel's module)."""
        return cls(folder / "documents.js", folder / "documents.json")

    def of_module(self, node: str | None = None) -> dict[str, str]:
        """The module's ``DOCUMENTS`` by name, as node evaluates it."""
        node = node or shutil.which("node") or "node"
        script = (
            f"import({json.dumps(self.module.resolve().as_uri())})"
            ".then((m) => process.stdout.write(JSON.stringify(m.DOCUMENTS)))"
        )
        done = subprocess.run(
            [node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True
        )
        found = json.loads(done.stdout)
        if not isinstance(found, dict) or not all(isinstance(t, str) for t in found.values()):
            raise ValueError(f"{self.module}: DOCUMENTS must map names to document texts.")
        return found

    def render(self, documents: dict[str, str] | None = None) -> str:
        """The manifest's text (Apollo's persisted-query manifest format) for ``documents``,
        by default the module's."""
        documents = self.of_module() if documents is None else documents
        return json.dumps(manifest(documents.items()), indent=2) + "\n"

    def write(self) -> None:
        self.manifest.write_text(self.render(), encoding="utf-8")

    def is_fresh(self) -> bool:
        """Whether the committed manifest is what the module declares now."""
        return self.manifest.read_text(encoding="utf-8") == self.render()

    def registered(self) -> tuple[str, ...]:
        """The committed manifest's texts: what the plugin registers at start-up."""
        data = json.loads(self.manifest.read_text(encoding="utf-8"))
        return tuple(operation["body"] for operation in data["operations"])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m frontdesk.api.trusted_documents <folder with documents.js>")
    client = ClientDocuments.in_folder(Path(sys.argv[1]))
    client.write()
    sys.stdout.write(f"wrote {client.manifest}\n")
