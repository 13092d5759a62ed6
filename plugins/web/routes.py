"""Static files of the front desk, with a Content-Security-Policy, and ``panels.json``.

No build step: the files under ``static/`` are what the browser runs (ES modules with
vendored libraries, docs/web.md). Every response carries a policy that allows scripts,
styles and connections to this origin only, so no inline script can ever run."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException

from frontdesk.api import flatten, plugin_enabled_for_any
from frontdesk.api.http import principal_of

from .documents import MANIFEST

STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
TYPES = {".js": "text/javascript", ".json": "application/json", ".css": "text/css"}


def static_file(base: Path, relative: str) -> Response[bytes]:
    """A file under ``base`` with the security headers; nothing outside ``base`` is served."""
    root = base.resolve()
    target = (root / relative).resolve()
    if root not in target.parents or not target.is_file():
        raise NotFoundException(f"No file {relative}.")
    kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
    return Response(
        target.read_bytes(),
        media_type=kind or "application/octet-stream",
        headers=SECURITY_HEADERS,
    )


async def visible_panels(
    pm: Any, permissions: set[str], property_ids: frozenset[int] | None = None
) -> list[dict[str, Any]]:
    """The panels enabled plugins offer, those the caller may see, in a stable order: a
    plugin turned off for every property the caller works for shows no panel."""
    hook = getattr(pm.hook, "frontdesk_web_panels", None)
    panels = []
    for impl in hook.get_hookimpls() if hook is not None else []:
        if await plugin_enabled_for_any(impl.plugin_name, property_ids):
            panels += flatten([impl.function()])
    allowed = [p for p in panels if not p.get("permission") or p["permission"] in permissions]
    return sorted(allowed, key=lambda panel: panel["id"])


def route_handlers() -> list[Any]:
    @get("/", sync_to_thread=False, include_in_schema=False)
    def index() -> Response[bytes]:
        return static_file(STATIC, "index.html")

    @get("/panels.json", include_in_schema=False)
    async def panels(request: Request) -> Response[Any]:
        principal = principal_of(request)
        permissions = set(getattr(principal, "permissions", ()) or ()) if principal else set()
        property_ids = principal.property_ids if principal else None
        pm = request.app.state["runtime"].plugin_manager
        found = await visible_panels(pm, permissions, property_ids)
        return Response(found, headers=SECURITY_HEADERS)

    @get("/documents.json", sync_to_thread=False, include_in_schema=False)
    def documents() -> Response[bytes]:
        """The registered documents' manifest: the desk sends a known document by its id."""
        return static_file(MANIFEST.parent, MANIFEST.name)

    @get("/{path:path}", sync_to_thread=False, include_in_schema=False)
    def asset(path: str) -> Response[bytes]:
        return static_file(STATIC, path.lstrip("/"))

    return [index, panels, documents, asset]
