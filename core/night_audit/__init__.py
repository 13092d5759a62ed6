"""The night audit: closes a business date for a property."""
