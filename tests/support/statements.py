"""Records the SQL statements a request runs, to pin how many round trips it costs."""

from __future__ import annotations

from frontdesk.server.app import sent_for_a_request


class StatementRecorder:
    """Records every statement the engine runs for requests (patched on the class: engines
    use slots), as ``server.app.sent_for_a_request`` tells them from the server's background
    tasks and the rate limit's leased bucket; a read of the same tables made by a request
    itself is still recorded."""

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
            text = str(querystring)
            if sent_for_a_request(text):
                recorder.statements.append(text)
            return await original(engine, querystring, *args, **kwargs)

        self.engine_class.run_querystring = recording
        return self

    def __exit__(self, *exc):
        self.engine_class.run_querystring = self._original
