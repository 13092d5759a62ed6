"""The domain kernel: tables, services, hookspecs, plugin manager, settings and database.

Core knows nothing of HTTP, GraphQL or any particular plugin.
"""

from .deferred_imports import defer_until_used

# piccolo.conf.apps imports black to format files its commands write; the server writes none.
defer_until_used("black")
