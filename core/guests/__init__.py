"""Guest profiles."""
