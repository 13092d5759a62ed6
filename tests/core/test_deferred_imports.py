"""black, which piccolo imports at start-up to format files its commands write, is loaded
only when one of its names is used (the server never does), and then works as black."""

import subprocess
import sys
import textwrap

import pytest

from frontdesk.core.deferred_imports import ModuleImportedOnFirstUse, defer_until_used


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_starting_frontdesk_leaves_black_unloaded_until_a_command_formats_with_it():
    out = run_python(
        """
        import sys
        import frontdesk.core.bootstrap  # imports piccolo.conf.apps, which imports black
        import piccolo.conf.apps
        held = sys.modules["black"]
        print(type(held).__name__, "black.mode" in sys.modules)
        print(repr(piccolo.conf.apps.black.format_str("x=( 1, )", mode=held.FileMode())))
        print(type(sys.modules["black"]).__name__, sys.modules["black"].__name__)
        print(held.format_str is sys.modules["black"].format_str)
        """
    )
    assert out.splitlines() == [
        "ModuleImportedOnFirstUse False",
        "'x = (1,)\\n'",
        "module black",
        "True",
    ]


def test_a_module_that_is_not_installed_still_fails_where_it_is_imported():
    defer_until_used("frontdesk_no_such_module")
    assert "frontdesk_no_such_module" not in sys.modules
    with pytest.raises(ModuleNotFoundError):
        __import__("frontdesk_no_such_module")


def test_an_imported_module_is_left_as_it_is():
    import json

    defer_until_used("json")
    assert sys.modules["json"] is json
    assert not isinstance(sys.modules["json"], ModuleImportedOnFirstUse)
