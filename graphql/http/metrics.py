"""Prometheus metrics at ``GET /metrics`` (the standard client library, text exposition).

* ``frontdesk_http_requests_total{route,status}`` and ``frontdesk_http_request_seconds{route}``:
  every HTTP request, ``route`` being ``/graphql``, ``/plugins/<name>``, ``/health``… (bounded:
  never the raw path);
* ``frontdesk_graphql_operations_total{operation,outcome}`` and
  ``frontdesk_graphql_operation_seconds{operation}``: ``operation`` is the kind and root
  fields (``mutation:bookStay``; never the client's operation name, whose values are
  unbounded), ``outcome`` one of ok, user_error, error, unavailable;
* at scrape time: the database pool (``frontdesk_db_pool_connections{state}``), after-commit
  plugin failures, the shared outbox per channel (``frontdesk_outbox_depth{channel}``,
  ``frontdesk_outbox_oldest_seconds{channel}``, ``frontdesk_outbox_given_up{channel}``:
  webhooks and guest e-mail), and whatever plugins report through
  ``frontdesk_metrics_collect`` (the accounting bridge's journal backlog under its own names).

Each app has a registry of its own (tests build many apps in one process). With several
processes (``frontdesk serve --workers N``) the counters live in ``PROMETHEUS_MULTIPROC_DIR``
and any process's ``/metrics`` reports the sum over all of them."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from litestar import Response, get
from litestar.datastructures import State
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from strawberry.extensions import SchemaExtension

from frontdesk.core.outbox.backlog import backlog
from frontdesk.core.plugins import flatten
from frontdesk.core.runtime import Runtime

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# (metric name, help, value, labels) as a plugin reports it
Sample = tuple[str, str, float, dict[str, str]]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.http_requests = Counter(
            "frontdesk_http_requests",
            "HTTP requests by route and status.",
            ["route", "status"],
            registry=self.registry,
        )
        self.http_seconds = Histogram(
            "frontdesk_http_request_seconds",
            "HTTP request latency by route.",
            ["route"],
            registry=self.registry,
        )
        self.operations = Counter(
            "frontdesk_graphql_operations",
            "GraphQL operations by root fields and outcome.",
            ["operation", "outcome"],
            registry=self.registry,
        )
        self.operation_seconds = Histogram(
            "frontdesk_graphql_operation_seconds",
            "GraphQL operation latency by root fields.",
            ["operation"],
            registry=self.registry,
        )

    def exposition(self, rt: Runtime, samples: list[Sample]) -> bytes:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
        else:
            registry = self.registry
        text = generate_latest(registry)
        scrape = CollectorRegistry()
        scrape.register(_ScrapeTimeCollector(rt, samples))
        return text + generate_latest(scrape)


def route_of(path: str) -> str:
    if path.startswith("/plugins/"):
        return "/plugins/" + path.split("/", 3)[2]
    if path in {"/graphql", "/health", "/ready", "/metrics", "/"}:
        return path
    return "other"


class MetricsMiddleware:
    """Counts and times every HTTP request (outermost, so 401, 413 and 429 count too)."""

    def __init__(self, app: Any, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def record(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        route = route_of(scope["path"])
        try:
            await self.app(scope, receive, record)
        finally:
            self.metrics.http_requests.labels(route, str(status["code"])).inc()
            self.metrics.http_seconds.labels(route).observe(time.perf_counter() - started)


def operation_label(execution_context: Any) -> str:
    try:
        operation = execution_context.operation_type.value
    except Exception:  # noqa: BLE001 - a document that did not parse has no operation
        return "invalid"
    document = execution_context.graphql_document
    fields: list[str] = []
    for definition in getattr(document, "definitions", []):
        selection_set = getattr(definition, "selection_set", None)
        if getattr(definition, "operation", None) is None or selection_set is None:
            continue
        fields += [getattr(s, "name", None) and s.name.value for s in selection_set.selections]
    names = sorted({f for f in fields if f})[:3]
    return f"{operation}:{','.join(names) or '-'}"


def outcome_of(result: Any) -> str:
    errors = getattr(result, "errors", None)
    if errors:
        codes = {(e.extensions or {}).get("code") for e in errors}
        return "unavailable" if codes == {"UNAVAILABLE"} else "error"
    data = getattr(result, "data", None) or {}
    for value in data.values() if isinstance(data, dict) else ():
        if isinstance(value, dict) and value.get("errors"):
            return "user_error"
    return "ok"


def operation_metrics(metrics: Metrics) -> type[SchemaExtension]:
    class OperationMetrics(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            started = time.perf_counter()
            yield
            label = operation_label(self.execution_context)
            metrics.operations.labels(label, outcome_of(self.execution_context.result)).inc()
            metrics.operation_seconds.labels(label).observe(time.perf_counter() - started)

    return OperationMetrics


class _ScrapeTimeCollector:
    """Values read when scraped: pool, plugin failures, plugins' own gauges."""

    def __init__(self, rt: Runtime, samples: list[Sample]) -> None:
        self.rt = rt
        self.samples = samples

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = getattr(self.rt.engine, "pool", None)
        family = GaugeMetricFamily(
            "frontdesk_db_pool_connections", "PostgreSQL pool connections.", labels=["state"]
        )
        if pool is not None:
            family.add_metric(["open"], pool.get_size())
            family.add_metric(["idle"], pool.get_idle_size())
        yield family
        failures = GaugeMetricFamily(
            "frontdesk_plugin_failures",
            "After-commit hook failures since start, by plugin.",
            labels=["plugin"],
        )
        for plugin, count in self.rt.plugin_failures.items():
            failures.add_metric([plugin], count)
        yield failures
        families: dict[str, GaugeMetricFamily] = {}
        for name, help_text, value, labels in self.samples:
            if name not in families:  # one family per name, a sample per label set
                families[name] = GaugeMetricFamily(name, help_text, labels=sorted(labels))
            families[name].add_metric([labels[k] for k in sorted(labels)], value)
        yield from families.values()


async def outbox_samples() -> list[Sample]:
    """The shared outbox's backlog per channel (core/outbox/backlog.py)."""
    samples: list[Sample] = []
    for channel in await backlog():
        labels = {"channel": channel.channel}
        samples += [
            ("frontdesk_outbox_depth", OUTBOX_HELP["depth"], channel.waiting, labels),
            (
                "frontdesk_outbox_oldest_seconds",
                OUTBOX_HELP["oldest"],
                channel.oldest_seconds,
                labels,
            ),
            ("frontdesk_outbox_given_up", OUTBOX_HELP["given_up"], channel.given_up, labels),
        ]
    return samples


OUTBOX_HELP = {
    "depth": "Shared outbox messages awaiting delivery, by channel.",
    "oldest": "Age of the oldest shared outbox message awaiting delivery, by channel.",
    "given_up": "Shared outbox messages no longer retried (replay to send them), by channel.",
}


async def plugin_samples(rt: Runtime) -> list[Sample]:
    """What plugins report through ``frontdesk_metrics_collect`` (values or awaitables)."""
    samples: list[Sample] = []
    for result in rt.plugin_manager.hook.frontdesk_metrics_collect():
        if hasattr(result, "__await__"):
            result = await result
        samples += flatten([result])
    return samples


def live_samples(state: State) -> list[Sample]:
    """Open live subscriptions of the process that answers (each process counts its own), by
    subscription field: how many screens watch the board, how many the audit's events."""
    broker = state.get("live_broker")
    counts = getattr(broker, "by_subscription", {})
    help_text = "Open live subscriptions of this process, by subscription field."
    return [
        ("frontdesk_live_subscribers", help_text, count, {"subscription": field})
        for field, count in sorted(counts.items())
    ]


def metrics_handler(metrics: Metrics, rt: Runtime):
    @get("/metrics", include_in_schema=False)
    async def metrics_endpoint(state: State) -> Response:
        samples = await outbox_samples() + await plugin_samples(rt) + live_samples(state)
        return Response(metrics.exposition(rt, samples), media_type=CONTENT_TYPE)

    return metrics_endpoint
