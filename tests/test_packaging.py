"""The `frontdesk` namespace works from the repo root and as an installed wheel, and our
graphql/ folder never shadows graphql-core."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_graphql_folder_has_no_init_file():
    assert not (ROOT / "graphql" / "__init__.py").exists()


def test_import_graphql_from_the_repo_root_loads_graphql_core():
    code = (
        "import graphql, strawberry, frontdesk.server.app as app; "
        "print(graphql.__file__); print(graphql.version)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    path, version = result.stdout.strip().splitlines()
    assert "site-packages" in path and "graphql" in path
    assert not path.startswith(str(ROOT / "graphql"))
    assert version.startswith("3.")


def test_wheel_installs_and_imports_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("frontdesk-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for shipped in (
        "frontdesk/plugins/web/static/index.html",
        "frontdesk/plugins/web/static/vendor/htm-preact-standalone.module.js",
        "frontdesk/plugins/web/static/i18n/vi.json",
        "frontdesk/plugins/concierge/web/panel.js",
        "frontdesk/plugins/web/documents.json",  # the trusted documents each plugin registers
        "frontdesk/plugins/concierge/web/documents.json",
        "frontdesk/plugins/hr_shifts/web/documents.json",
        "frontdesk/plugins/accounting_bridge/web/documents.json",
        "frontdesk/plugins/hr_shifts/web/i18n/de.json",
    ):
        assert shipped in names, shipped
    [entry_points] = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(wheel) as archive:
        scripts = archive.read(entry_points).decode()
    assert "frontdesk = frontdesk.server.cli:main" in scripts  # the composition root
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    # Dependencies come from the test environment's site-packages on PYTHONPATH; .pth files
    # there (our editable install) are not processed, so frontdesk must come from the wheel.
    deps = sysconfig.get_paths()["purelib"]
    code = (
        "import frontdesk, frontdesk.server.app, frontdesk.graphql.schema as s, graphql; "
        "from frontdesk.core.plugins import installed_plugins; "
        "print(frontdesk.__file__); print(graphql.__file__); print(sorted(installed_plugins()));"
        "print(len(s.print_sdl(s.build_schema(__import__('frontdesk.core.plugins', "
        "fromlist=['x']).create_plugin_manager(None)))))"
    )
    result = subprocess.run(
        [str(python), "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": deps, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    frontdesk_path, graphql_path, plugins, sdl_length = result.stdout.strip().splitlines()
    assert frontdesk_path.startswith(str(env_dir))
    assert "site-packages" in graphql_path
    assert plugins == (
        "['accounting_bridge', 'channels', 'concierge', 'guest_mail', 'hr_shifts', 'web', "
        "'webhooks']"
    )
    assert int(sdl_length) > 1000


def _declared_packages() -> set[str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return set(config["tool"]["setuptools"]["packages"])


def test_every_package_folder_is_listed_in_pyproject():
    found = {"frontdesk", "frontdesk.graphql"}
    for init in ROOT.rglob("__init__.py"):
        rel = init.parent.relative_to(ROOT)
        if rel.parts and rel.parts[0] in {"core", "plugins", "server"}:
            found.add(".".join(("frontdesk", *rel.parts)))
    missing = sorted(found - _declared_packages())
    assert missing == [], f"add to [tool.setuptools] packages in pyproject.toml: {missing}"
