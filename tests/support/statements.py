"""Records the SQL statements a request runs, to pin how many round trips it costs."""

from __future__ import annotations

import asyncio

from frontdesk.graphql.security.rate_limit_stores import BUCKET_TABLE
from frontdesk.server.app import BACKGROUND_TASK_PREFIX


class StatementRecorder:
    """Records every statement the engine runs for requests (patched on the class: engines
    use slots). The server's background tasks (the plugins' state read once a second, the
    accounting worker, the scheduler) are not a request's and are left out by their tasks'
    names; a read of the same tables made by a request itself is still recorded. The rate
    limit's shared bucket on PostgreSQL is left out too: a busy caller's tokens are taken a
    lease at a time, so whether a given request sends that statement depends on the ones
    before it (tests/security/test_rate_limit_leases.py pins it)."""

    def __init__(self, engine):
        self.engine_class = type(engine)
        self.statements: list[str] = []
        self._original = self.engine_class.run_querystring

    @property
    def count(self) -> int:
        return len(self.statements)

    def __enter__(self):
        recorder = self
        original = self._original

        async def recording(engine, querystring, *args, **kwargs):
            task = asyncio.current_task()
            text = str(querystring)
            if BUCKET_TABLE in text:  # taken in leases: now and then, not per request
                pass
            elif task is None or not task.get_name().startswith(BACKGROUND_TASK_PREFIX):
                recorder.statements.append(text)
            return await original(engine, querystring, *args, **kwargs)

        self.engine_class.run_querystring = recording
        return self

    def __exit__(self, *exc):
        self.engine_class.run_querystring = self._original
