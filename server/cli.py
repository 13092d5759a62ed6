"""The ``frontdesk`` command: serve, migrate, demo, plugins, schema, the commands of core's
areas (users, apikey, night-audit, backup, restore) and of each enabled plugin.

User mistakes print a plain message and exit with status 2; no tracebacks. An enabled plugin
that is broken (a misspelled hook, an argument its hook does not pass) stops every command
with status 2, except ``frontdesk plugins``, which lists it as broken with the reason.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import io
import sys
import time
from collections.abc import Callable

from frontdesk.core import bootstrap, db
from frontdesk.core.commands import CommandError, run_with_runtime, settings_of, with_runtime
from frontdesk.core.errors import DomainError
from frontdesk.core.plugins import BrokenPlugin
from frontdesk.core.settings import Settings

from .cli_checks import bind_listening_socket, check_port, port_number

__all__ = ["CommandError", "main", "run_with_runtime", "load_server_app"]


def cmd_migrate(args: argparse.Namespace) -> int:
    async def work(rt):
        pending = await bootstrap.pending_migrations(rt)
        with contextlib.redirect_stdout(io.StringIO()):
            apps = await bootstrap.migrate(rt)
        return pending, apps

    pending, apps = asyncio.run(with_runtime(settings_of(args), work, migrated=False))
    count = sum(len(ids) for ids in pending.values())
    if count:
        print(f"Applied {count} migration{'s' if count != 1 else ''}:")
        for app in apps:
            for migration_id in pending.get(app, []):
                print(f"  {app} {migration_id}")
    else:
        print("No migrations to apply.")
    print(f"Database is up to date ({', '.join(apps)}).")
    return 0


def load_server_app(settings: Settings):
    """Import the GraphQL server and build its app for ``settings``, with the cyclic garbage
    collector paused.

    Start-up allocates several hundred thousand objects that live as long as the process
    (modules, schema types, dataclasses); letting the collector rescan them while they are
    created cost about 0.1 s of a 2 s start (docs/performance.md). Afterwards they are frozen
    out of later collections, so requests do not pay to rescan them either."""
    gc.disable()
    try:
        from .app import create_app

        return create_app(settings)
    finally:
        gc.freeze()
        gc.enable()


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = settings_of(args)
    host = args.host or settings.host
    port = check_port(args.port or settings.port)

    workers = args.workers or 1
    if workers > 1:
        _check_workers(settings, workers)

    async def nothing(rt) -> None:
        return None

    asyncio.run(with_runtime(settings, nothing))  # reachable and migrated, or a message
    sock = bind_listening_socket(host, port)
    if workers > 1:
        return _serve_workers(settings, sock, host, port, workers)
    app = load_server_app(settings)  # the app's lifespan checks migrations again
    shown = f"[{host}]" if ":" in host else host

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:
            await super().startup(sockets=sockets)
            if self.started:  # listening, and the app's lifespan started
                print(f"Frontdesk serving http://{shown}:{port}/graphql", flush=True)

    config = uvicorn.Config(
        app,
        log_level="info",
        workers=1,
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
        log_config=None if settings.log_format == "json" else uvicorn.config.LOGGING_CONFIG,
    )
    server = Server(config)
    server.run(sockets=[sock])
    if not server.started:
        raise CommandError("The server did not start; the log above says why.")
    return 0


def _check_workers(settings: Settings, workers: int) -> None:
    if workers > 64:
        raise CommandError("--workers must be between 1 and 64.")
    if db.sqlite_path(settings.database_url) is not None:
        raise CommandError(
            "--workers above 1 needs PostgreSQL: SQLite serves one process (docs/operations.md)."
        )


def _serve_workers(settings: Settings, sock, host: str, port: int, workers: int) -> int:
    """Several server processes on one socket (uvicorn's supervisor), the socket this
    command bound. Each builds its app from the environment, so the settings this command
    was given are handed down through it."""
    import os
    import tempfile

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ["FRONTDESK_DATABASE_URL"] = settings.database_url
    # the processes' counters are summed from files here (prometheus_client's multiprocess mode)
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="frontdesk-metrics-"))
    config = uvicorn.Config(
        "frontdesk.server.app:create_app",
        factory=True,
        host=host,
        port=port,
        log_level="info",
        workers=workers,
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
        log_config=None if settings.log_format == "json" else uvicorn.config.LOGGING_CONFIG,
    )
    print(f"Frontdesk serving http://{host}:{port}/graphql with {workers} processes", flush=True)
    Multiprocess(config, sockets=[sock]).run()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import load_demo

    async def work(rt):
        if args.migrate:
            with contextlib.redirect_stdout(io.StringIO()):
                await bootstrap.migrate(rt)
        return await load_demo(rt)

    began = time.perf_counter()
    summary = asyncio.run(with_runtime(settings_of(args), work, migrated=not args.migrate))
    for line in summary:
        print(line)
    print(f"Demo loaded in {time.perf_counter() - began:.1f} s.")
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    """List installed plugins: enabled, disabled, or broken with the reason; under each, from
    the database, its state per property, whether its tables hold data and its catch-up.
    Exit status 1 when an enabled plugin is broken, so a deployment script can check before
    it serves."""
    from frontdesk.core.plugin_state.cli import database_lines
    from frontdesk.core.plugins import plugin_listing

    listing = plugin_listing(settings_of(args).plugins)
    broken = any(plugin.problem for plugin in listing)
    extra = [] if broken else database_lines(args)
    for plugin in listing:
        print(f"{plugin.name:20} {plugin.state:9} {plugin.module}")
        if plugin.problem:
            print(f"{'':20} {plugin.problem}")
        for line in extra:
            if isinstance(line, tuple) and line[0] == plugin.name:
                print(line[1])
    for line in extra:
        if isinstance(line, str):
            print(line)
    return 1 if broken else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from frontdesk.core.plugins import create_plugin_manager
    from frontdesk.graphql.schema import build_schema, print_sdl

    settings = settings_of(args)
    sys.stdout.write(print_sdl(build_schema(create_plugin_manager(settings.plugins))))
    return 0


def build_parser(*, plugin_commands: bool = True) -> argparse.ArgumentParser:
    """The ``frontdesk`` parser: the server's commands, core's areas' and, unless
    ``plugin_commands`` is false, each enabled plugin's (which raises BrokenPlugin)."""
    parser = argparse.ArgumentParser(
        prog="frontdesk",
        description="Frontdesk: a plugin-based hotel property management server.",
    )
    parser.add_argument(
        "--database", help="database URL (default: FRONTDESK_DATABASE_URL or ./frontdesk.db)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    serve = sub.add_parser("serve", help="serve the GraphQL API with uvicorn")
    serve.add_argument("--host", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=port_number, help="port (default 8000)")
    serve.add_argument("--workers", type=int, help="server processes (PostgreSQL only; default 1)")
    serve.set_defaults(func=cmd_serve)

    migrate = sub.add_parser("migrate", help="apply migrations of core and enabled plugins")
    migrate.set_defaults(func=cmd_migrate)

    demo = sub.add_parser("demo", help="load a demo hotel group into an empty database")
    demo.add_argument("--migrate", action="store_true", help="migrate first")
    demo.set_defaults(func=cmd_demo)

    plugins = sub.add_parser(
        "plugins", help="list plugins and their state per property; enable, disable, catch-up"
    )
    plugins.set_defaults(func=cmd_plugins)
    from frontdesk.core.plugin_state.cli import register as register_plugin_state

    register_plugin_state(plugins)

    schema = sub.add_parser("schema", help="print the GraphQL schema (SDL)")
    schema.set_defaults(func=cmd_schema)

    for register in EXTRA_COMMANDS:
        register(sub)
    if plugin_commands:
        _register_plugin_commands(sub)
    return parser


def _register_plugin_commands(sub: argparse._SubParsersAction) -> None:
    """``frontdesk <plugin> ...``: each enabled plugin that implements
    ``frontdesk_cli_commands`` gets a parser of its own to add subcommands to."""
    from frontdesk.core.plugins import create_plugin_manager

    pm = create_plugin_manager(Settings.from_env().plugins)
    for impl in pm.hook.frontdesk_cli_commands.get_hookimpls():
        parser = sub.add_parser(impl.plugin_name, help=f"commands of the {impl.plugin_name} plugin")
        impl.function(**({"parser": parser} if "parser" in impl.argnames else {}))
        if parser.get_default("func") is None:
            parser.set_defaults(func=lambda args, parser=parser: parser.print_help() or 2)


# Features add subcommands here: each entry gets the subparsers object and registers itself.
def _register_auth(sub: argparse._SubParsersAction) -> None:
    from frontdesk.core.auth.cli import register

    register(sub)


def _register_night_audit(sub: argparse._SubParsersAction) -> None:
    from frontdesk.core.night_audit.cli import register

    register(sub)


def _register_backup(sub: argparse._SubParsersAction) -> None:
    from .backup_cli import register

    register(sub)


def _register_new_plugin(sub: argparse._SubParsersAction) -> None:
    from frontdesk.testing.new_plugin import register  # the plugin kit

    register(sub)


EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _register_auth,
    _register_night_audit,
    _register_backup,
    _register_new_plugin,
]


def main(argv: list[str] | None = None) -> int:
    try:
        parser = build_parser()
        broken = None
    except BrokenPlugin as exc:  # nothing can run; `frontdesk plugins` says which and why
        parser, broken = build_parser(plugin_commands=False), exc
    except DomainError as exc:  # an unknown plugin in the settings
        print(f"frontdesk: {exc.message}", file=sys.stderr)
        return 2
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        if broken is not None and stop.code:  # e.g. a command of the broken plugin
            print(f"frontdesk: {broken.message}", file=sys.stderr)
        raise
    if broken is not None and args.func is not cmd_plugins:
        print(f"frontdesk: {broken.message}", file=sys.stderr)
        return 2
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the chosen command; a user's mistake is one plain line and exit status 2."""
    try:
        return args.func(args) or 0
    except (CommandError, DomainError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        print(f"frontdesk: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError) as exc:
        print(f"frontdesk: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
