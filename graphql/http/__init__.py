"""The HTTP side of the API that is not GraphQL itself: metrics, request ids and JSON logs,
the answer when the database is unreachable, and the GraphiQL page with its vendored assets."""
