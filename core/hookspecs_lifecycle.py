"""Core's registration hooks (run once at start-up) and a plugin's lifecycle hook
(``frontdesk_plugin_enabled``, run when the plugin comes on for a property). Split from
``hookspecs.py`` (the event hooks) to keep each module readable; ``create_plugin_manager``
adds both. The conventions in ``hookspecs.py``'s docstring hold here too."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pluggy

from .hookspecs import hookspec

if TYPE_CHECKING:
    from .permissions import Permission
    from .properties.tables import Property
    from .runtime import Runtime
    from .settings import Settings, SettingSpec

#: A metric sample: (name, help, value, labels).
Sample = tuple[str, str, float, dict[str, str]]

# --- registration -------------------------------------------------------------------------


@hookspec
def frontdesk_piccolo_apps() -> list[str]:
    """Called once at start-up, outside any transaction. Return a list of dotted paths of the
    plugin's ``piccolo_app`` modules (each defines ``APP_CONFIG``). Their tables are bound to
    the installation's database and their migrations run with ``frontdesk migrate``."""


@hookspec
def frontdesk_graphql_contribute() -> Any:
    """Called once when the GraphQL schema is assembled, outside any transaction. Return a
    ``frontdesk.graphql.common.contributions.GraphQLContribution`` (queries, mutations, extra types,
    and fields added to core types such as ``Stay``), or None. A field name that is already
    taken makes start-up fail."""


@hookspec
def frontdesk_settings_contribute() -> list[SettingSpec]:
    """Called once at start-up, outside any transaction. Return a list of
    ``frontdesk.core.settings.SettingSpec`` for the plugin's own settings (key prefixed with
    the plugin name, e.g. ``concierge.x``)."""


@hookspec
def frontdesk_permissions_register() -> list[Permission]:
    """Called once at start-up, outside any transaction. Return a list of
    ``frontdesk.core.permissions.Permission`` the plugin defines (names prefixed with the
    plugin's area, e.g. ``concierge.requests.write``), optionally naming the built-in roles
    that get each one."""


@hookspec
def frontdesk_error_codes_register() -> dict[str, str]:
    """Called once at start-up, outside any transaction. Return a dict ``{code: description}``
    of the error codes the plugin's DomainErrors and UserErrors carry beyond core's
    (``core.errors.CORE_ERROR_CODES``), UPPER_SNAKE_CASE. They join the GraphQL enum
    ``UserErrorCode``; a code raised that no one registered cannot be answered (graphql-core
    refuses a value outside the enum)."""


@hookspec
def frontdesk_background_tasks(settings: Settings) -> list[Callable[[], Awaitable[None]]]:
    """Called once when the server starts, outside any transaction. ``settings``: the
    installation's Settings. Return a list of zero-argument async callables; the server runs
    each as a background task for its lifetime and cancels it on shutdown (e.g. an outbox
    delivery worker). Each task opens its own transactions."""


@hookspec
def frontdesk_http_routes(settings: Settings) -> list[Any] | None:
    """Called once when the server is built, outside any transaction. ``settings``: the
    installation's Settings. Return a list of Litestar route handlers (``@get``/``@post``
    functions, Controllers or Routers), or None. The server mounts each plugin's handlers
    under ``/plugins/<plugin name>/`` (a handler at ``/feed.ics`` of plugin ``hr_shifts``
    answers ``/plugins/hr_shifts/feed.ics``). Requests there pass the same authentication and
    rate limits as ``/graphql``: a bearer credential, when sent, must be valid (401 otherwise)
    and becomes the request's principal; anonymous requests reach the handler, which decides
    (``frontdesk.graphql.http_routes.require_principal`` is a guard for staff-only routes,
    ``principal_of(request)`` reads the caller). A handler that writes opens its own
    transaction."""


@hookspec
def frontdesk_addhooks(pluginmanager: pluggy.PluginManager) -> None:
    """Called once while the plugin manager is built, outside any transaction: after every
    enabled plugin is imported and before any is registered, so every implementation is
    checked against every specification (pytest's ``pytest_addhooks``).
    ``pluginmanager``: the pluggy PluginManager. A plugin that offers hooks of its own to
    other plugins adds their specifications here with ``pluginmanager.add_hookspecs(module)``
    and documents them in its README.md; implementations of such a hook in other plugins are
    marked ``@hookimpl(optionalhook=True)`` so they load when the offering plugin is disabled.
    Return None."""


@hookspec
def frontdesk_metrics_collect() -> list[Sample] | Awaitable[list[Sample]]:
    """Called when ``/metrics`` is scraped, outside any transaction. Return a list of samples
    ``(name, help, value, labels)`` — ``name`` prefixed ``frontdesk_<plugin>_``, ``value`` a
    number, ``labels`` a dict of str — or an awaitable of that list (to read the database).
    Each name becomes one Prometheus gauge, with a sample per label set (samples of one name
    share its labels' names)."""


@hookspec(firstresult=True)
def frontdesk_home_page() -> str | None:
    """Called once when the server is built, outside any transaction. Return the path that
    ``GET /`` redirects to (e.g. ``"/plugins/web/"`` for a web front desk), or None. First
    answer wins (``firstresult``); without one ``/`` points to ``/graphql``."""


@hookspec
def frontdesk_cli_commands(parser: argparse.ArgumentParser) -> None:
    """Called once per plugin when the ``frontdesk`` command builds its parser, outside any
    transaction. ``parser``: an ``argparse.ArgumentParser`` for ``frontdesk <plugin name> ...``,
    given to each plugin on its own. Add subcommands with ``parser.add_subparsers()`` and
    ``set_defaults(func=...)``; ``func(args)`` returns the exit status.
    ``frontdesk.api.cli.run_with_runtime(args, work)`` starts the installation and
    awaits ``work(runtime)``. Raise ``frontdesk.api.cli.CommandError`` (or a
    DomainError) for a user mistake: the command prints it plainly and exits with status 2.
    Return None."""


@hookspec
def frontdesk_demo_load(
    runtime: Runtime, properties: list[Property], today: date, seed: int
) -> list[str] | Awaitable[list[str] | None] | None:
    """Called by ``frontdesk demo`` (and ``make run``) after core has loaded its demo hotels,
    inside one write transaction for every plugin's demo data. ``runtime``: the Runtime;
    ``properties``: the demo's Property rows (business date today, two weeks audited);
    ``today``: the demo's date; ``seed``: an int to seed the plugin's own random choices
    (the demo is deterministic). Return None, a list of summary lines to print, or an
    awaitable resolving to one."""


# --- lifecycle ----------------------------------------------------------------------------


@hookspec
def frontdesk_plugin_enabled(
    property: Property,
    disabled_since: datetime | None,
    history_from: date | None,
    actor: str | None,
) -> str | Awaitable[str] | None:
    """Called when this plugin comes on for ``property`` (only on the plugin being enabled: the
    host uses ``pm.subset_hook_caller``), outside any request transaction: the implementation
    runs its own ``run_write`` transactions and must be idempotent, so the host can run it
    again after a failure (resumable). ``disabled_since``: when it was turned off for this
    property (None: it was never on for it, a first enable on a property with history).
    ``history_from``: the hotel's choice (CLI ``--history-from``) to rebuild from that date
    instead of an opening balance. ``actor``: who enabled it. Return a one-line summary of
    what was caught up (or why nothing needed to be), shown by ``frontdesk plugins``; or an
    awaitable of it. Raising marks the catch-up failed with the error, to be retried with
    ``frontdesk plugins catch-up``."""
