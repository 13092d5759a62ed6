"""The domain kernel: tables, services, hookspecs, plugin manager, settings and database.

Core knows nothing of HTTP, GraphQL or any particular plugin.
"""
