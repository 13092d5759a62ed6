"""Install a plugin package the way its author would, without touching the shared venv: copy
it outside the repo, ``pip install --no-deps --target`` it into a folder of its own, and run
commands with that folder on PYTHONPATH (``importlib.metadata`` then finds its entry point)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial" / "lost_found"
JUNK = shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".pytest_cache")


def install_copy(source: Path, workdir: Path) -> tuple[Path, Path]:
    """Copy the package at ``source`` into ``workdir`` and install it into ``workdir/site``;
    returns (the copy, the site folder)."""
    copy = workdir / source.name
    shutil.copytree(source, copy, ignore=JUNK)
    site = workdir / "site"
    # No build isolation: setuptools comes from the venv, so nothing is downloaded.
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    done = subprocess.run(
        [*pip, "--target", str(site), str(copy)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return copy, site


def env_with(site: Path, **extra: str) -> dict[str, str]:
    """This process's environment with ``site`` first on PYTHONPATH."""
    paths = [str(site), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), **extra}


def run_pytest(folder: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    """Run pytest in ``folder`` (a plugin package's copy) as its author would."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=folder,
        env=env_with(site),
        capture_output=True,
        text=True,
        timeout=600,
    )
