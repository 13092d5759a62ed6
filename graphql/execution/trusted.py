"""Trusted documents: the GraphQL documents this server knows in advance, by sha256.

Known clients (the web desk, the benchmark harness, an integrator's manifest) send the same
few documents all day. Registered here at start-up, each is parsed and validated once against
the schema; a request may then name it by hash alone, in either convention in use:

* Apollo's persisted queries: ``{"extensions": {"persistedQuery": {"version": 1,
  "sha256Hash": "<hex>"}}, "variables": …}``; an unknown hash is answered
  ``PERSISTED_QUERY_NOT_FOUND`` and the client sends the text again with the hash;
* GraphQL-over-HTTP's persisted documents: ``{"documentId": "sha256:<hex>", …}``.

A request with the full text works as always; when its text is a known one it skips parsing
(``KnownDocumentParser``). With ``FRONTDESK_TRUSTED_DOCUMENTS_ONLY`` the server answers only
known documents over HTTP and refuses the rest with ``DOCUMENT_NOT_TRUSTED`` (HTTP 400), which
takes arbitrary queries away from a stolen credential. Manifests use Apollo's persisted-query
manifest format (``{"format": "apollo-persisted-query-manifest", "version": 1,
"operations": [{"id", "name", "type", "body"}]}``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strawberry.extensions import ParserCache

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    parse,
    validate,
)

log = logging.getLogger("frontdesk.server")

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
NOT_TRUSTED = "DOCUMENT_NOT_TRUSTED"
MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
MANIFEST_FORMAT = "apollo-persisted-query-manifest"


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KnownDocument:
    """One registered document: its text, hash, parsed form and where it came from."""

    sha256: str
    text: str
    document: DocumentNode
    source: str

    @property
    def operations(self) -> list[str]:
        return [
            d.name.value if d.name else ""
            for d in self.document.definitions
            if isinstance(d, OperationDefinitionNode)
        ]


class DocumentRefused(Exception):
    """A request naming an unknown hash, or an unknown document while only known ones are
    accepted: answered 400 with a GraphQL error carrying ``code``."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code

    def body(self) -> dict[str, Any]:
        return {"data": None, "errors": [{"message": str(self), "extensions": {"code": self.code}}]}


class TrustedDocuments:
    """The registry of one schema: documents by hash and by text."""

    def __init__(self, schema: GraphQLSchema | None = None, *, only: bool = False) -> None:
        self.schema = schema
        self.only = only
        self._by_hash: dict[str, KnownDocument] = {}
        self._by_text: dict[str, KnownDocument] = {}
        self.refused: list[tuple[str, str]] = []  # (source, why) of documents not registered
        # Called with each document registered (the compiled plans, graphql/execution/plan.py).
        self.on_register: Callable[[DocumentNode], Any] | None = None

    def __len__(self) -> int:
        return len(self._by_hash)

    def __iter__(self) -> Iterator[KnownDocument]:
        return iter(self._by_hash.values())

    def register(self, text: str, source: str) -> KnownDocument | None:
        """Parse and validate ``text`` once; a document that does not parse or validate
        against this schema (a field of a plugin not enabled) is logged and left out."""
        found = self._by_text.get(text)
        if found is not None:
            return found
        try:
            document = parse(text)
        except GraphQLError as error:
            return self._refuse(source, f"does not parse: {error.message}")
        if self.schema is not None:
            errors = validate(self.schema, document)
            if errors:
                return self._refuse(source, f"does not validate: {errors[0].message}")
        known = KnownDocument(sha256_of(text), text, document, source)
        if self.on_register is not None:
            self.on_register(document)
        self._by_hash[known.sha256] = known
        self._by_text[text] = known
        return known

    def register_all(self, texts: Iterable[str], source: str) -> int:
        return sum(self.register(text, source) is not None for text in texts)

    def register_manifest(self, path: str | Path) -> int:
        """The operations of an Apollo persisted-query manifest; a wrong id fails start-up."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            raise ValueError(f"{path} is not an {MANIFEST_FORMAT} (version 1).")
        count = 0
        for operation in data.get("operations", []):
            body, given = operation["body"], operation.get("id")
            if given and given != sha256_of(body):
                raise ValueError(f"{path}: id {given} is not the sha256 of its body.")
            count += self.register(body, str(path)) is not None
        return count

    def _refuse(self, source: str, why: str) -> None:
        log.warning("trusted document from %s not registered: %s", source, why)
        self.refused.append((source, why))

    def by_text(self, text: str | None) -> KnownDocument | None:
        return self._by_text.get(text) if text else None

    def by_hash(self, sha256: str) -> KnownDocument | None:
        return self._by_hash.get(sha256)

    def text_for(self, request: Any) -> Any:
        """The request's document text: its ``query``, else the known document its hash
        names (None when neither); refuses nothing (the security middleware's look at an
        anonymous request's root fields)."""
        if not isinstance(request, dict):
            return None
        query = request.get("query")
        if isinstance(query, str) and query:
            return query
        wanted = _hash_of(request)
        known = self._by_hash.get(wanted) if wanted else None
        return known.text if known else None

    def resolve(self, request: Any) -> Any:
        """The request (a JSON object) with ``query`` filled from its hash when it names a
        known document; raises ``DocumentRefused`` for an unknown hash, a hash that is not the
        text's, or (only known documents accepted) an unknown text. Other shapes pass as
        they are: strawberry's view reports them."""
        if not isinstance(request, dict):
            return request
        wanted = _hash_of(request)
        query = request.get("query")
        if wanted is not None:
            if isinstance(query, str) and query:
                if sha256_of(query) != wanted:
                    raise DocumentRefused(
                        "The provided sha256 hash does not match the query.", MISMATCH
                    )
            else:
                known = self._by_hash.get(wanted)
                if known is None:
                    raise DocumentRefused("PersistedQueryNotFound", NOT_FOUND)
                return {**request, "query": known.text}
        if self.only and isinstance(query, str) and query not in self._by_text:
            raise DocumentRefused(
                "This server answers only its trusted documents; send a registered document "
                "or its sha256 hash (docs/api.md, Trusted documents).",
                NOT_TRUSTED,
            )
        return request


def _hash_of(request: dict[str, Any]) -> str | None:
    """The sha256 hex a request names: GraphQL-over-HTTP's ``documentId`` ("sha256:<hex>"
    or bare hex) or Apollo's ``extensions.persistedQuery.sha256Hash``."""
    document_id = request.get("documentId")
    if isinstance(document_id, str) and document_id:
        return document_id.removeprefix("sha256:").lower()
    extensions = request.get("extensions")
    if isinstance(extensions, dict):
        persisted = extensions.get("persistedQuery")
        if isinstance(persisted, dict) and isinstance(persisted.get("sha256Hash"), str):
            return persisted["sha256Hash"].lower()
    return None


class KnownDocumentParser(ParserCache):
    """strawberry's parser cache, answering a registered text with its document parsed at
    start-up (the LRU cache could drop it under a stream of other documents)."""

    def __init__(self, known: TrustedDocuments, maxsize: int = 256) -> None:
        super().__init__(maxsize=maxsize)
        self.known = known

    def on_parse(self) -> Iterator[None]:
        found = self.known.by_text(self.execution_context.query)
        if found is None:
            yield from super().on_parse()
            return
        self.execution_context.graphql_document = found.document
        yield


def manifest(documents: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """An Apollo persisted-query manifest for ``(name, text)`` pairs, sorted by name."""
    operations = []
    for name, text in sorted(documents):
        definitions = parse(text).definitions
        kind = next(
            (d.operation.value for d in definitions if isinstance(d, OperationDefinitionNode)),
            "query",
        )
        operations.append({"id": sha256_of(text), "name": name, "type": kind, "body": text})
    return {"format": MANIFEST_FORMAT, "version": 1, "operations": operations}
