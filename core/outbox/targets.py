"""Where webhooks may go: not to this machine, its link-local neighbours (the cloud metadata
service at 169.254.169.254) or private networks, unless the operator allows it. A webhook URL
is typed in by an accounting user; without this check it would make the server send signed
requests to the database port or the metadata service (server-side request forgery).

The host is checked when the URL is configured and its addresses again before each delivery
(a name may resolve elsewhere later). Shared by the accounting bridge and the event webhooks."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlparse

from ..errors import InvalidInput


class ForbiddenTarget(InvalidInput):
    code = "FORBIDDEN_TARGET"


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return (
        address.is_loopback
        or address.is_link_local
        or address.is_private
        or address.is_unspecified
        or address.is_multicast
        or address.is_reserved
    )


async def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return []  # unresolvable now: delivery resolves again (and checks) before each attempt
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


async def check_target(url: str, *, allow_private: bool, allowed_by: str) -> None:
    """Raise ForbiddenTarget (field ``url``) when ``url``'s host is or resolves to an address
    webhooks may not reach; ``allowed_by`` names the setting that would allow it."""
    if allow_private:
        return
    host = urlparse(url).hostname or ""
    for address in await _addresses(host):
        if _forbidden(address):
            raise ForbiddenTarget(
                f"url points at {address}, a loopback, link-local or private address; webhooks "
                f"go to public receivers ({allowed_by} allows others).",
                field="url",
            )
