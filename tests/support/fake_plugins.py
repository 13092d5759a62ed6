"""Install a plugin the way a package would (a module and its dist-info with an entry point
in the ``frontdesk.plugins`` group) into a folder the test puts on the path."""

from __future__ import annotations

import textwrap
from pathlib import Path


def install_fake_plugin(folder: Path, name: str, source: str) -> None:
    (folder / f"{name}.py").write_text(textwrap.dedent(source))
    info = folder / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[frontdesk.plugins]\n{name} = {name}\n")
