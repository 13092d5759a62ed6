"""Frontdesk's performance harness (issue #8).

Numbers live here, never in timed tests: every figure is a ratio against a floor measured in
the same run on the same machine, because absolute timings on a shared machine are noise.
``python -m benchmarks`` (``make bench``) runs every scenario on SQLite and, when a URL is
given, PostgreSQL; ``--smoke`` is the tiny run the test suite executes so the harness never
rots. See docs/performance.md for the method and the latest table.
"""
