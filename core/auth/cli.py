"""``frontdesk users create`` and ``frontdesk apikey create``: bootstrap a fresh install
(the first admin, the first integration key) from the command line."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
from datetime import timedelta

from ..errors import InvalidInput
from ..properties.tables import Property
from .apikeys import create_api_key
from .common import now
from .roles import sync_builtin_roles
from .users import create_user

PASSWORD_ENV = "FRONTDESK_NEW_PASSWORD"


async def _property_ids(codes: list[str]) -> list[int]:
    ids = []
    for code in codes:
        row = await Property.select(Property.id).where(Property.code == code.upper()).first()
        if row is None:
            raise InvalidInput(f"No property with code {code}.", field="property")
        ids.append(row["id"])
    return ids


def _password(args: argparse.Namespace) -> str:
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    try:
        first = getpass.getpass("Password: ")
        repeated = getpass.getpass("Repeat password: ")
    except EOFError:
        raise InvalidInput(f"No password given: type it, or set {PASSWORD_ENV}.") from None
    if repeated != first:
        raise InvalidInput("The passwords differ.", field="password")
    return first


def cmd_users_create(args: argparse.Namespace) -> int:
    from ..commands import settings_of, with_runtime

    password = _password(args)
    roles = ["admin"] if args.admin else list(args.role or [])
    if not roles:
        raise InvalidInput("Give --admin or at least one --role.", field="role")

    async def work(rt):
        await sync_builtin_roles(rt.plugin_manager)
        return await create_user(
            username=args.username,
            display_name=args.display_name or args.username,
            password=password,
            roles=roles,
            property_ids=await _property_ids(args.property or []),
            all_properties=args.admin or args.all_properties,
        )

    user = asyncio.run(with_runtime(settings_of(args), work))
    print(f"Created user {user.username} with roles {', '.join(roles)}.")
    return 0


def cmd_apikey_create(args: argparse.Namespace) -> int:
    from ..commands import settings_of, with_runtime

    async def work(rt):
        await sync_builtin_roles(rt.plugin_manager)
        expires = now() + timedelta(days=args.expires_days) if args.expires_days else None
        pids = await _property_ids(args.property or [])
        return await create_api_key(
            rt.plugin_manager,
            name=args.name or f"{'+'.join(args.role)} key",
            roles=args.role,
            property_ids=pids,
            all_properties=not pids,
            expires_at=expires,
            created_by="cli",
        )

    created = asyncio.run(with_runtime(settings_of(args), work))
    print(created.key)
    print("Store this key now: it is shown once and only its hash is kept.", flush=True)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="manage staff users").add_subparsers(
        dest="users_command", metavar="ACTION", required=True
    )
    create = users.add_parser(
        "create", help=f"create a user (password prompted or ${PASSWORD_ENV})"
    )
    create.add_argument("username")
    create.add_argument("--display-name")
    create.add_argument("--admin", action="store_true", help="role admin, every property")
    create.add_argument("--role", action="append", help="a role (repeatable)")
    create.add_argument("--property", action="append", help="a property code (repeatable)")
    create.add_argument("--all-properties", action="store_true")
    create.set_defaults(func=cmd_users_create)

    keys = sub.add_parser("apikey", help="manage API keys").add_subparsers(
        dest="apikey_command", metavar="ACTION", required=True
    )
    key = keys.add_parser("create", help="create an API key and print it once")
    key.add_argument("--role", action="append", required=True, help="a role (repeatable)")
    key.add_argument("--name")
    key.add_argument(
        "--property",
        action="append",
        help="limit to a property code (repeatable; default every property)",
    )
    key.add_argument("--expires-days", type=int)
    key.set_defaults(func=cmd_apikey_create)
