"""Schemathesis drives every query and mutation of /graphql (in-process ASGI) with generated
arguments, with every plugin enabled, and finds no server error: no 5xx and no GraphQL error
array (a client's mistake must come back as data). The run: tests/support/schemathesis_run.py."""

from __future__ import annotations

import pytest
from support.schemathesis_run import run_every_operation

from frontdesk.testing import BUILTIN_PLUGINS


# One file per database, so that the two runs (minutes each) land on different workers.
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
@pytest.mark.parametrize("enabled_plugins", [BUILTIN_PLUGINS], ids=["all-plugins"])
def test_no_operation_answers_with_a_server_error(settings, enabled_plugins):
    run_every_operation(settings)
