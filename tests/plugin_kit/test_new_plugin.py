"""``frontdesk new-plugin NAME`` scaffolds a plugin package that installs and passes its own
tests as generated; a name that cannot work is refused plainly with exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support.plugin_install import install_copy, run_pytest

from frontdesk.server.cli import main


def new_plugin(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "frontdesk.server.cli", "new-plugin", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_a_scaffolded_plugin_installs_and_passes_its_own_tests(tmp_path):
    created = new_plugin("room_notes", "--directory", str(tmp_path / "work"))
    assert created.returncode == 0, created.stderr
    package = tmp_path / "work" / "room_notes"
    assert (package / "room_notes" / "schema.py").exists()
    copy, site = install_copy(package, tmp_path / "installed")
    result = run_pytest(copy, site)
    assert result.returncode == 0, result.stdout[-3000:]
    # the scaffold's 4 tests, run once per available engine (the kit's database_url fixture)
    engines = 2 if os.environ.get("FRONTDESK_TEST_POSTGRES_URL") else 1
    assert f"{4 * engines} passed" in result.stdout


def test_the_scaffold_has_every_part_of_a_plugin(tmp_path, capsys):
    assert main(["new-plugin", "gift_shop", "--directory", str(tmp_path)]) == 0
    root = tmp_path / "gift_shop"
    made = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    assert {
        "pyproject.toml",
        "README.md",
        "gift_shop/__init__.py",
        "gift_shop/tables.py",
        "gift_shop/piccolo_app.py",
        "gift_shop/permissions.py",
        "gift_shop/schema.py",
        "gift_shop/service.py",
        "tests/conftest.py",
        "tests/test_gift_shop.py",
    } <= made
    assert any(name.startswith("gift_shop/piccolo_migrations/gift_shop_20") for name in made)
    pyproject = (root / "pyproject.toml").read_text()
    assert '[project.entry-points."frontdesk.plugins"]\ngift_shop = "gift_shop"' in pyproject
    assert 'tablename="gift_shop_note"' in (root / "gift_shop" / "tables.py").read_text()
    assert "cd " in capsys.readouterr().out  # what to do next


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Gift-Shop", "'Gift-Shop' is not a plugin name"),
        ("9lives", "'9lives' is not a plugin name"),
        ("class", "'class' is not a plugin name"),
        ("concierge", "A plugin named concierge is installed already"),
        ("json", "A Python module named json exists already"),
    ],
)
def test_a_name_that_cannot_work_is_refused_plainly(name, message, tmp_path, capsys):
    assert main(["new-plugin", name, "--directory", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"frontdesk: {message}") and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(tmp_path, capsys):
    (tmp_path / "gift_shop").mkdir()
    (tmp_path / "gift_shop" / "mine.txt").write_text("keep me")
    assert main(["new-plugin", "gift_shop", "--directory", str(tmp_path)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "gift_shop").iterdir()] == ["mine.txt"]
