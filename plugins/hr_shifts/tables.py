"""Piccolo tables of the hr_shifts plugin (names prefixed hr_shifts_)."""

from __future__ import annotations

TABLES: list = []
