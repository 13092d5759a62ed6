"""The schema of guest profiles (core/guests)."""
