"""Piccolo tables of the accounting_bridge plugin (names prefixed accounting_bridge_)."""

from __future__ import annotations

TABLES: list = []
