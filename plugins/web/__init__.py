"""The web front desk: a browser application served at /plugins/web/, and the hook through
which other plugins add panels to it. Its hook implementations, nothing else."""

from __future__ import annotations

from frontdesk.api import hookimpl


@hookimpl
def frontdesk_addhooks(pluginmanager):
    from . import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


@hookimpl
def frontdesk_http_routes(settings):
    from .routes import route_handlers

    return route_handlers()


@hookimpl
def frontdesk_home_page():
    return "/plugins/web/"


@hookimpl
def frontdesk_graphql_contribute():
    """No schema of its own: the desk's documents, registered as trusted (documents.py)."""
    from frontdesk.api.graphql import GraphQLContribution

    from .documents import registered

    return GraphQLContribution(trusted_documents=registered())
