"""Frontdesk: an open-source, plugin-based hotel property management server."""

__version__ = "0.1.0"
