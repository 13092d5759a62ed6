"""The execution shortcuts: ways of answering exactly what plain strawberry and graphql-core
answer, faster (the fast field path, direct resolver calls, the list look-ahead and its
batches, the SQLite read snapshot). One setting turns them off (``switch``); docs/architecture.md
lists the libraries' private APIs they rely on, each checked by a test."""
