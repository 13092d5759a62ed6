"""`make run` installs the runtime dependencies only (the test extras are for `make test`),
and building the package from pyproject.toml warns about nothing and ships GraphiQL's
vendored assets with their licences."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _planned(target: str, venv: Path) -> list[str]:
    """The pip commands `make TARGET` would run on a machine without a virtualenv."""
    dry = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True
    )
    assert dry.returncode == 0, dry.stderr
    return [line for line in dry.stdout.splitlines() if "pip install" in line]


def test_make_run_installs_the_runtime_dependencies_only(tmp_path):
    installs = _planned("run", tmp_path / "venv")
    assert any(line.endswith("install --quiet -e .") for line in installs), installs
    assert not any("[test]" in line for line in installs)


def test_make_test_adds_the_test_extras(tmp_path):
    installs = _planned("test", tmp_path / "venv")
    assert any("-e '.[test]'" in line for line in installs), installs


def test_the_build_warns_about_nothing_and_ships_graphiql(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    output = built.stdout + built.stderr
    warnings = [
        line
        for line in output.splitlines()
        if re.search(r"warning", line, re.I) and "byte-compiling is disabled" not in line
    ]
    assert warnings == [], output
    wheel = zipfile.ZipFile(next(tmp_path.glob("frontdesk-*.whl")))
    shipped = {Path(name).name for name in wheel.namelist() if "/static/graphiql/" in name}
    assert {
        "graphiql.min.js",
        "graphiql.min.css",
        "react.production.min.js",
        "react-dom.production.min.js",
        "LICENSE.graphiql",
        "LICENSE.react",
        "LICENSE.react-dom",
        "VERSIONS",
    } <= shipped
