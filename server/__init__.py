"""The composition root: the ``frontdesk`` command, the Litestar application and the demo.

It sits above core and graphql and is the one place that imports both (and reaches plugins
through the plugin manager's hooks): core stays free of HTTP and GraphQL, graphql stays free
of process concerns (sockets, workers, the command line).
"""
