"""The channels plugin's HTTP routes (mounted under ``/plugins/channels/``).

* ``GET /ical/<token>.ics``: an exported calendar; the token is the credential (unknown or
  revoked: 404, the same answer, so a token cannot be probed).
* ``GET /widget.js`` and ``/widget.css``: the booking widget a hotel embeds on its site.
* ``/direct/<property code>/availability``, ``/quote`` and ``POST /bookings``: the public
  booking API, answered only for a property whose direct booking is switched on, with CORS
  for its website's origins, and rate limited per client address on top of the server's
  limit (bookings are scarcer than searches).
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from litestar import Request, Response, get, route

from frontdesk.api import DomainError, InvalidInput, NotFound, Settings, current_runtime
from frontdesk.api.http import make_rate_limiter

from . import direct, export, service
from .settings import BOOKING_ORIGINS, BOOKINGS_PER_MINUTE, EXPORT_DAYS

CALENDAR_TYPE = "text/calendar; charset=utf-8"
STATUS_OF = {"NOT_FOUND": 404, "CONFLICT": 409}
HIDDEN = {"include_in_schema": False}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Idempotency-Key",
    "Access-Control-Max-Age": "600",
}


def _static(name: str) -> bytes:
    return files("frontdesk.plugins.channels.static").joinpath(name).read_bytes()


def _json(status: int, body: dict, headers: dict[str, str] | None = None) -> Response:
    return Response(
        content=json.dumps(body).encode(),
        status_code=status,
        media_type="application/json",
        headers=headers or {},
    )


def _error(error: DomainError, headers: dict[str, str]) -> Response:
    status = STATUS_OF.get(error.code, 400)
    body = {"error": {"code": error.code, "message": error.message, "field": error.field}}
    return _json(status, body, headers)


class DirectApi:
    """The public booking API's handlers, sharing the settings and the rate limiters."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.per_minute = int(settings.plugin_setting(BOOKINGS_PER_MINUTE))
        self.limiters: dict[str, Any] = {}
        self.origins = service.parse_origins(str(settings.plugin_setting(BOOKING_ORIGINS)))

    async def cors(self, request: Request, code: str) -> dict[str, str]:
        """CORS headers for the caller's origin, when the property's website is that origin."""
        origin = request.headers.get("origin")
        if not origin:
            return {}
        from frontdesk.api.tables import Property

        prop = await Property.objects().where(Property.code == code[:20]).first()
        allowed = set(self.origins)
        if prop is not None:
            row = await service.direct_settings(prop.id)
            allowed |= {o for o in row.allowed_origins.split(",") if o}
        if origin.rstrip("/") not in allowed:
            return {"Vary": "Origin"}
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}

    async def preflight(self, request: Request, code: str) -> Response:
        """A browser asking whether the hotel's site may call: only its own origins may."""
        cors = await self.cors(request, code)
        if "Access-Control-Allow-Origin" not in cors:
            return Response(content=b"", status_code=403, headers=cors)
        return Response(content=b"", status_code=204, headers={**cors, **PREFLIGHT_HEADERS})

    def limiter(self, kind: str) -> Any:
        """The kind's limiter in the server's rate-limit store (shared by every process on
        PostgreSQL or Redis), made on first use."""
        if kind not in self.limiters:
            per_minute = self.per_minute * (1 if kind == "bookings" else 10)
            engine = current_runtime().engine
            store = self.settings.rate_limit_store
            self.limiters[kind] = make_rate_limiter(store, per_minute, engine)
        return self.limiters[kind]

    async def limited(self, kind: str, request: Request, cors: dict) -> Response | None:
        client = request.client.host if request.client else "unknown"
        decision = await self.limiter(kind).acquire(f"channels-{kind}:address:{client}")
        if decision.allowed:
            return None
        body = {"error": {"code": "RATE_LIMITED", "message": "Too many requests; slow down."}}
        return _json(429, body, {**cors, "Retry-After": str(decision.retry_after)})

    async def answer(self, request: Request, code: str, kind: str, work) -> Response:
        cors = await self.cors(request, code)
        refused = await self.limited(kind, request, cors)
        if refused is not None:
            return refused
        try:
            prop = await direct.bookable_property(code)
            status, body = await work(prop)
        except DomainError as error:
            return _error(error, cors)
        return _json(status, body, cors)


def handlers(settings: Settings) -> list[Any]:
    """Every route of the plugin, for ``frontdesk_http_routes``."""
    days = min(int(settings.plugin_setting(EXPORT_DAYS)), 366)
    return [*_feed_handlers(days), *_direct_handlers(DirectApi(settings))]


def _feed_handlers(days: int) -> list[Any]:
    @get("/ical/{name:str}", include_in_schema=False)
    async def calendar_feed(name: str) -> Response:
        token = name.removesuffix(".ics")
        row = await service.feed_of_token(token)
        if row is None:
            return Response(content=b"Not found\n", status_code=404, media_type="text/plain")
        body = await export.feed_for(row, days)
        return Response(
            content=body, media_type=CALENDAR_TYPE, headers={"Cache-Control": "no-store"}
        )

    @get("/widget.js", include_in_schema=False, sync_to_thread=False)
    def widget_js() -> Response:
        return Response(content=_static("widget.js"), media_type="text/javascript")

    @get("/widget.css", include_in_schema=False, sync_to_thread=False)
    def widget_css() -> Response:
        return Response(content=_static("widget.css"), media_type="text/css")

    return [calendar_feed, widget_js, widget_css]


def _direct_handlers(api: DirectApi) -> list[Any]:
    @route("/direct/{code:str}/availability", http_method=["GET", "OPTIONS"], **HIDDEN)
    async def direct_availability(request: Request, code: str) -> Response:
        if request.method == "OPTIONS":
            return await api.preflight(request, code)
        query = request.query_params

        async def work(prop):
            found = await direct.search(
                prop,
                direct.parse_date(query.get("arrival"), "arrival"),
                direct.parse_date(query.get("departure"), "departure"),
                direct.parse_count(query.get("adults", 1), "adults", 1),
                direct.parse_count(query.get("children", 0), "children", 0),
            )
            return 200, found

        return await api.answer(request, code, "searches", work)

    @route("/direct/{code:str}/quote", http_method=["GET", "OPTIONS"], **HIDDEN)
    async def direct_quote(request: Request, code: str) -> Response:
        if request.method == "OPTIONS":
            return await api.preflight(request, code)
        query = request.query_params

        async def work(prop):
            found = await direct.quote(
                prop,
                query.get("roomType", ""),
                direct.parse_date(query.get("arrival"), "arrival"),
                direct.parse_date(query.get("departure"), "departure"),
                direct.parse_count(query.get("adults", 1), "adults", 1),
                direct.parse_count(query.get("children", 0), "children", 0),
            )
            return 200, found

        return await api.answer(request, code, "searches", work)

    @route("/direct/{code:str}/bookings", http_method=["POST", "OPTIONS"], **HIDDEN)
    async def direct_book(request: Request, code: str) -> Response:
        if request.method == "OPTIONS":
            return await api.preflight(request, code)

        async def work(prop):
            try:
                body = json.loads(await request.body() or b"{}")
            except ValueError:
                body = None
            if not isinstance(body, dict):
                raise InvalidInput("The body must be a JSON object.", field="body")
            found = await direct.book(prop, body, request.headers.get("idempotency-key", ""))
            return found.status, found.body

        return await api.answer(request, code, "bookings", work)

    return [direct_availability, direct_quote, direct_book]


__all__ = ["handlers", "NotFound"]
