"""What a plugin's CLI commands (``frontdesk_cli_commands``) need: a plain error that the
CLI prints with exit status 2, and running a coroutine with the server's runtime started."""

from __future__ import annotations

from frontdesk.core.commands import CommandError, run_with_runtime

__all__ = ["CommandError", "run_with_runtime"]
