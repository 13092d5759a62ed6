"""Piccolo tables of the concierge plugin (names prefixed concierge_)."""

from __future__ import annotations

TABLES: list = []
