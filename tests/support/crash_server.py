"""A real server process for crash tests: ``python crash_server.py PORT MOMENT MARKER`` serves
the app with uvicorn on 127.0.0.1:PORT (settings from the environment). When MOMENT is
``in_transaction`` (a booking's hook, inside its write transaction) or ``after_commit`` (the
booking's committed event), the whole process freezes there after writing MARKER, so the test
can SIGKILL it at that exact point of a request; ``none`` serves normally."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import uvicorn

from frontdesk.core.plugins import hookimpl
from frontdesk.core.settings import Settings
from frontdesk.server.app import create_app


class Freeze:
    def __init__(self, moment: str, marker: Path) -> None:
        self.moment = moment
        self.marker = marker

    def _at(self, moment: str) -> None:
        if moment == self.moment:
            self.marker.write_text(moment)
            while True:  # the event loop stops too: nothing of the request goes on
                time.sleep(60)

    @hookimpl
    def frontdesk_stay_booked(self, stay, actor):
        self._at("in_transaction")

    @hookimpl
    def frontdesk_event_committed(self, event):
        if event.name == "stay.booked":
            self._at("after_commit")


def main() -> None:
    port, moment, marker = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    app = create_app(Settings.from_env())
    app.state.runtime.plugin_manager.register(Freeze(moment, marker), name="crash_freeze")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
