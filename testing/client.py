"""A small GraphQL client over the real ASGI app, for tests that read as specifications.

``execute`` returns the ``data`` of an answer that must carry no GraphQL errors; ``result``
returns data and errors both, to assert on a refusal; ``mutate`` / ``ok`` run a mutation that
takes one ``input`` and answer its payload (``errors`` included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from litestar.testing import AsyncTestClient


class GraphQLError(AssertionError):
    pass


@dataclass(frozen=True)
class GraphQLResult:
    """One answer: ``data`` (None where a field failed) and the GraphQL ``errors`` list."""

    status: int
    data: dict[str, Any] | None
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def codes(self) -> list[str | None]:
        """Each error's ``extensions.code`` (``FORBIDDEN``, ``NOT_FOUND``...), in order."""
        return [(error.get("extensions") or {}).get("code") for error in self.errors]


class GraphQLClient:
    def __init__(self, http: AsyncTestClient, headers: dict[str, str] | None = None):
        self.http = http
        self.headers = dict(headers or {})

    async def raw(
        self, query: str, variables: dict[str, Any] | None = None, headers: dict | None = None
    ):
        return await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={**self.headers, **(headers or {})},
        )

    async def result(
        self, query: str, variables: dict[str, Any] | None = None, **kw
    ) -> GraphQLResult:
        """The answer's data and errors, whatever they are (a refusal is not an exception)."""
        response = await self.raw(query, variables, **kw)
        body = response.json()
        return GraphQLResult(response.status_code, body.get("data"), body.get("errors") or [])

    async def execute(self, query: str, variables: dict[str, Any] | None = None, **kw) -> dict:
        """The ``data`` of a response that must carry no GraphQL errors."""
        response = await self.raw(query, variables, **kw)
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise GraphQLError(f"{response.status_code}: {body}")
        return body["data"]

    async def mutate(self, name: str, input: dict[str, Any], selection: str) -> dict:
        """Run mutation ``name`` with ``input`` and return its payload (errors included)."""
        input_type = f"{name[0].upper()}{name[1:]}Input"
        query = (
            f"mutation($input: {input_type}!) {{ {name}(input: $input) "
            f"{{ {selection} errors {{ code message field }} }} }}"
        )
        data = await self.execute(query, {"input": input})
        return data[name]

    async def ok(self, name: str, input: dict[str, Any], selection: str) -> dict:
        """Run a mutation that must succeed (no UserErrors)."""
        payload = await self.mutate(name, input, selection)
        if payload["errors"]:
            raise GraphQLError(f"{name} failed: {payload['errors']}")
        return payload
