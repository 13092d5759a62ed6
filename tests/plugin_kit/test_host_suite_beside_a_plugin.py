"""Installing a third-party plugin never breaks Frontdesk's own suite: the tests that
enumerate plugins (schema drift, the hook docs, plugin listing and discovery, error codes)
name the built-in plugins (``frontdesk.testing.BUILTIN_PLUGINS``), never "every installed
plugin", so they pass with the tutorial's plugin installed beside them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support.plugin_install import ROOT, TUTORIAL, env_with, install_copy

pytestmark = pytest.mark.slow

HOST_TESTS = [
    "tests/test_docs_and_schema.py",
    "tests/core/test_plugin_discovery.py",
    "tests/graphql/test_error_codes.py",
    "tests/graphql/test_money_shape.py",
    "tests/core/test_cli.py::test_plugins_lists_installed_plugins_and_their_state",
    "tests/core/test_cli_mistakes.py::test_the_readme_command_table_lists_every_command",
]


def test_the_host_tests_that_enumerate_plugins_pass_with_a_third_party_plugin(tmp_path):
    _copy, site = install_copy(TUTORIAL, tmp_path)
    env = env_with(site, FRONTDESK_TEST_POSTGRES_URL="")
    env.pop("FRONTDESK_PLUGINS", None)
    seen = subprocess.run(
        [
            sys.executable,
            "-c",
            "from frontdesk.core.plugins import installed_plugins as i;print('lost_found' in i())",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert seen.stdout.strip() == "True", seen.stderr  # the plugin is there to be enumerated
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *HOST_TESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:]
