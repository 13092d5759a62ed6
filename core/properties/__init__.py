"""Properties (hotels), room types and rooms."""
