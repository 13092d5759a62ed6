"""GraphiQL served from the package (dev mode): the page and its vendored assets.

GraphiQL, React and ReactDOM are vendored from the npm registry into ``static/graphiql/``
(versions in ``static/graphiql/VERSIONS``, refreshed by ``make graphiql-assets``), so the
page loads nothing from another host and works on an offline machine. The page adds a small
login form: it calls the ``login`` mutation and puts the bearer token into GraphiQL's
headers, without which the schema (and so the docs explorer) cannot load."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from litestar import Router
from litestar.static_files import create_static_files_router

ASSETS_PATH = "/graphiql-assets"
ASSETS_DIR = Path(__file__).parent / "static" / "graphiql"
PAGE = Path(__file__).parent / "graphiql.html"
# Appended to the 401 answer in dev mode, so a first request says how to get in.
DEV_LOGIN_HINT = (
    "Log in with the login mutation (after `frontdesk demo`: users admin, desk or concierge, "
    "password frontdesk-demo) and send its accessToken as `Authorization: Bearer <token>`; "
    "GraphiQL at /graphql has a login form."
)


@cache
def graphiql_html(endpoint: str = "/graphql") -> str:
    """The GraphiQL page for ``endpoint``, loading only this server's assets."""
    return PAGE.read_text().replace("{assets}", ASSETS_PATH).replace("{endpoint}", endpoint)


def graphiql_assets_router() -> Router:
    """Static files under ``/graphiql-assets``: GraphiQL, React, ReactDOM and their licences."""
    return create_static_files_router(
        path=ASSETS_PATH,
        directories=[ASSETS_DIR],
        name="graphiql-assets",
        include_in_schema=False,
    )
