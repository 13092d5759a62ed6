"""Trusted documents on POST /graphql: the view's side of graphql/execution/trusted.py.

The request's JSON is resolved before strawberry reads it: a hash naming a known document
becomes its text, and a refusal (unknown hash, wrong hash, an unknown document while only
trusted ones are accepted) is answered 400 with a GraphQL error body whose
``extensions.code`` says which, the shape APQ clients look for before sending the text."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import MediaType, Response
from litestar.background_tasks import BackgroundTasks
from litestar.di import Provide

from frontdesk.graphql.execution.trusted import DocumentRefused, TrustedDocuments


class TrustedDocumentsView:
    """Mixin for strawberry's Litestar controller; the class sets ``trusted_documents``."""

    trusted_documents: TrustedDocuments

    def parse_json(self, data: str | bytes) -> Any:
        parsed = super().parse_json(data)  # type: ignore[misc]
        known = self.trusted_documents
        if isinstance(parsed, list):
            return [known.resolve(item) for item in parsed]
        return known.resolve(parsed)

    async def execute_request(self, request: Any, context: Any, root_value: Any) -> Any:
        try:
            return await super().execute_request(request, context, root_value)  # type: ignore[misc]
        except DocumentRefused as refused:
            return Response(
                msgspec.json.encode(refused.body()), status_code=400, media_type=MediaType.JSON
            )


def fresh_response() -> Response:
    """The response the view fills (headers, cookies, status), as strawberry's own getter."""
    return Response({}, background=BackgroundTasks([]))


def without_thread_hop(dependencies: dict[str, Any]) -> dict[str, Any]:
    """strawberry's controller dependencies, with the per-request ``response`` made on the
    event loop: strawberry provides it ``sync_to_thread=True``, a hop to the thread pool and
    back (two wake-ups of the loop) for a constructor call, on every POST."""
    return {**dependencies, "response": Provide(fresh_response, sync_to_thread=False)}
