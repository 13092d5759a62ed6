"""Settings: one dataclass read from the environment, so a deployment is configured the same
way from the CLI, the server and the tests.

| env var | setting | default |
| --- | --- | --- |
| FRONTDESK_DATABASE_URL | database_url | sqlite:///./frontdesk.db |
| FRONTDESK_PLUGINS | plugins (comma list; empty = core only) | every installed plugin |
| FRONTDESK_DEV | dev_mode (GraphiQL, introspection, detailed errors) | off |
| FRONTDESK_HOST / FRONTDESK_PORT | host, port for `frontdesk serve` | 127.0.0.1 / 8000 |
| FRONTDESK_MAX_PAGE_SIZE | max_page_size for every list | 250 |
| FRONTDESK_DB_POOL | connection_pool: a PostgreSQL pool per process | on |
| FRONTDESK_SESSION_TTL_MINUTES | session_ttl_minutes (access token lifetime) | 30 |
| FRONTDESK_REFRESH_TTL_HOURS | refresh_ttl_hours (refresh token lifetime) | 168 |
| FRONTDESK_RATE_LIMIT_PER_MINUTE | rate_limit_per_minute per API key / user / address | 600 |
| FRONTDESK_RATE_LIMIT_STORE | rate_limit_store: memory, database, redis://… | see docs |
| FRONTDESK_LOGIN_FAILURES_PER_USER | login_failures_per_user within 15 minutes | 5 |
| FRONTDESK_LOGIN_FAILURES_PER_ADDRESS | login_failures_per_address within 15 minutes | 20 |
| FRONTDESK_RETENTION_MONTHS | retention_months before a guest is due for anonymization | 36 |
| FRONTDESK_MAX_QUERY_DEPTH, _ALIASES, _TOKENS | GraphQL document limits | 12, 30, 5000 |
| FRONTDESK_MAX_BODY_BYTES | max_body_bytes of a request | 262144 |
| FRONTDESK_MAX_QUERY_COST | max_query_cost: fields after fragments x page rows | 50000 |
| FRONTDESK_REQUEST_BUDGET_MS | request_budget_ms: time one /graphql request may take | 30000 |
| FRONTDESK_IDEMPOTENCY_LEASE_SECONDS | idempotency_lease_seconds: abandoned key retaken | 60 |
| FRONTDESK_SCHEDULER_SECONDS | scheduler_seconds between looks for due night audits (0: off) | 60 |
| FRONTDESK_LOG_FORMAT | log_format: text, or json (one object a line, with requestId) | text |
| FRONTDESK_SHUTDOWN_GRACE_SECONDS | shutdown_grace_seconds for requests in flight | 30 |
| FRONTDESK_CORS_ORIGINS | cors_origins (comma list of browser origins) | none; dev: localhost |
| FRONTDESK_LIVE_RECHECK_SECONDS | live_recheck_seconds: a subscription's credential re-check | 30 |
| FRONTDESK_EXECUTION_SHORTCUTS | execution_shortcuts: graphql/execution's fast path | on |
| FRONTDESK_TRUSTED_DOCUMENTS_ONLY | trusted_documents_only: refuse documents not registered | off |
| FRONTDESK_TRUSTED_DOCUMENTS | trusted_document_files: manifests (comma list of paths) | none |

Plugins contribute settings of their own through `frontdesk_settings_contribute`; their values
come from `FRONTDESK_<KEY>` with dots turned into underscores (e.g. FRONTDESK_CONCIERGE_X).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidInput

TRUE_WORDS = {"1", "true", "yes", "on"}
# Whole-number settings of the security layer, each read from FRONTDESK_<NAME>.
SECURITY_INT_SETTINGS = (
    "session_ttl_minutes",
    "refresh_ttl_hours",
    "rate_limit_per_minute",
    "login_failures_per_user",
    "login_failures_per_address",
    "retention_months",
    "max_query_depth",
    "max_aliases",
    "max_tokens",
    "max_body_bytes",
    "max_query_cost",
    "request_budget_ms",
    "idempotency_lease_seconds",
    "shutdown_grace_seconds",
    "scheduler_seconds",
    "live_recheck_seconds",
)


@dataclass(frozen=True)
class SettingSpec:
    """A setting contributed by a plugin: its key, type, default and help text."""

    key: str
    default: Any
    help: str
    type: type = str


@dataclass
class Settings:
    database_url: str = "sqlite:///./frontdesk.db"
    plugins: list[str] | None = None
    dev_mode: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    max_page_size: int = 250
    connection_pool: bool = True
    session_ttl_minutes: int = 30
    refresh_ttl_hours: int = 168
    rate_limit_per_minute: int = 600
    rate_limit_store: str = ""
    shutdown_grace_seconds: int = 30
    scheduler_seconds: int = 60
    log_format: str = "text"
    login_failures_per_user: int = 5
    login_failures_per_address: int = 20
    retention_months: int = 36
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5000
    max_body_bytes: int = 262144
    max_query_cost: int = 50000
    request_budget_ms: int = 30000
    idempotency_lease_seconds: int = 60
    cors_origins: list[str] = field(default_factory=list)
    live_recheck_seconds: int = 30
    # Off: plain strawberry/graphql-core execution (graphql/execution/switch.py).
    execution_shortcuts: bool = True
    # Known documents (graphql/execution/trusted.py): refuse the others; more manifests.
    trusted_documents_only: bool = False
    trusted_document_files: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        plugins_raw = env.get("FRONTDESK_PLUGINS")
        plugins = None
        if plugins_raw is not None:
            plugins = [p.strip() for p in plugins_raw.split(",") if p.strip()]
        values: dict[str, Any] = {
            "database_url": env.get("FRONTDESK_DATABASE_URL", cls.database_url),
            "plugins": plugins,
            "dev_mode": env.get("FRONTDESK_DEV", "").lower() in TRUE_WORDS,
            "host": env.get("FRONTDESK_HOST", cls.host),
            "port": _int_env(env, "FRONTDESK_PORT", cls.port),
            "max_page_size": _int_env(env, "FRONTDESK_MAX_PAGE_SIZE", cls.max_page_size),
            "connection_pool": env.get("FRONTDESK_DB_POOL", "1").lower() in TRUE_WORDS,
            "execution_shortcuts": env.get("FRONTDESK_EXECUTION_SHORTCUTS", "1").lower()
            in TRUE_WORDS,
            "trusted_documents_only": env.get("FRONTDESK_TRUSTED_DOCUMENTS_ONLY", "").lower()
            in TRUE_WORDS,
            "trusted_document_files": _list_env(env, "FRONTDESK_TRUSTED_DOCUMENTS"),
            "rate_limit_store": env.get("FRONTDESK_RATE_LIMIT_STORE", "").strip(),
            "log_format": _choice_env(env, "FRONTDESK_LOG_FORMAT", ("text", "json"), "text"),
            "cors_origins": _list_env(env, "FRONTDESK_CORS_ORIGINS"),
            **{
                name: _int_env(env, "FRONTDESK_" + name.upper(), getattr(cls, name))
                for name in SECURITY_INT_SETTINGS
            },
        }
        values.update(overrides)
        return cls(**values)

    def plugin_setting(self, spec: SettingSpec) -> Any:
        """The value of a plugin's setting: explicit extra value, else env var, else default."""
        if spec.key in self.extra:
            return self.extra[spec.key]
        env_name = "FRONTDESK_" + spec.key.upper().replace(".", "_")
        raw = os.environ.get(env_name)
        if raw is None:
            return spec.default
        if spec.type is bool:
            return raw.lower() in TRUE_WORDS
        try:
            return spec.type(raw)
        except ValueError as exc:
            raise InvalidInput(f"{env_name} must be a {spec.type.__name__}: {raw!r}") from exc


def _choice_env(env: Mapping[str, str], name: str, choices: tuple[str, ...], default: str) -> str:
    raw = env.get(name, default).strip().lower() or default
    if raw not in choices:
        raise InvalidInput(f"{name} must be one of {', '.join(choices)}, not {raw!r}.")
    return raw


def _list_env(env: Mapping[str, str], name: str) -> list[str]:
    return [item.strip() for item in env.get(name, "").split(",") if item.strip()]


def _int_env(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be a whole number, not {raw!r}.") from exc
