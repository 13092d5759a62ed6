"""The schema of properties, room types and rooms (core/properties)."""
