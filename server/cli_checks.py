"""What ``frontdesk serve`` checks before it serves, so that a user's mistake (a busy or
impossible port) ends in one plain sentence and exit status 2 rather than a traceback from
uvicorn. The database checks every command shares are core's (``core/commands.py``)."""

from __future__ import annotations

import argparse
import errno
import socket

from frontdesk.core.commands import CommandError


def port_number(text: str) -> int:
    """argparse type of ``--port``: a whole number from 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is out of range: a port is 1-65535")
    return port


def check_port(port: int) -> int:
    """The same rule for a port that came from FRONTDESK_PORT."""
    if not 1 <= port <= 65535:
        raise CommandError(f"Port {port} is out of range: a port is 1-65535 (FRONTDESK_PORT).")
    return port


def bind_listening_socket(host: str, port: int) -> socket.socket:
    """Bind ``host:port`` before the server starts, so a busy port is a plain message and
    nothing claims to serve before the address is ours (uvicorn then serves this socket)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise CommandError(f"Cannot listen on {host!r}: {exc.strerror}.") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise CommandError(
                f"Port {port} on {host} is already in use: stop the program using it "
                "or choose another port with --port."
            ) from None
        if exc.errno == errno.EACCES:
            raise CommandError(
                f"Not allowed to listen on port {port}: ports below 1024 need privileges; "
                "choose another with --port."
            ) from None
        raise CommandError(f"Cannot listen on {host}:{port}: {exc.strerror}.") from None
    return sock
