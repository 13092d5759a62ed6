"""Calendars in the shapes booking sites publish, built with ``icalendar``, and a loopback
HTTP server that serves them with an ETag (answering 304 to a matching If-None-Match)."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from icalendar import Calendar, Event


@dataclass
class Booking:
    uid: str
    start: date | datetime
    end: date | datetime
    summary: str = "Reserved"
    status: str | None = None


def airbnb(bookings: list[Booking]) -> bytes:
    """Airbnb's export: all-day events, DTEND exclusive, ``Reserved`` / ``Airbnb (Not
    available)``, UIDs ending in @airbnb.com."""
    calendar = Calendar()
    calendar.add("prodid", "-//Airbnb Inc//Hosting Calendar 0.8.8//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("version", "2.0")
    for booking in bookings:
        event = Event()
        event.add("dtend", booking.end)
        event.add("dtstart", booking.start)
        event.add("uid", booking.uid)
        event.add("summary", booking.summary)
        event.add("dtstamp", datetime(2026, 11, 20, 8, 0))
        if booking.status:
            event.add("status", booking.status)
        calendar.add_component(event)
    return calendar.to_ical()


def booking_com(bookings: list[Booking]) -> bytes:
    """Booking.com's export: ``CLOSED - Not available`` events; the same UID may come back
    for several blocks."""
    calendar = Calendar()
    calendar.add("prodid", "-//booking.com//NONSGML Booking Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    for booking in bookings:
        event = Event()
        event.add("uid", booking.uid)
        event.add("dtstamp", datetime(2026, 11, 20, 8, 0))
        event.add("dtstart", booking.start)
        event.add("dtend", booking.end)
        event.add("summary", booking.summary)
        if booking.status:
            event.add("status", booking.status)
        calendar.add_component(event)
    return calendar.to_ical()


@dataclass
class CalendarServer:
    """Serves ``files[path]``; records each request's headers in ``requests``."""

    files: dict[str, bytes] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    requests: list[dict[str, str]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def start(self) -> CalendarServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                owner.requests.append({k.lower(): v for k, v in self.headers.items()})
                forced = owner.status.get(self.path)
                body = owner.files.get(self.path)
                if forced or body is None:
                    self.send_response(forced or 404)
                    self.end_headers()
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
