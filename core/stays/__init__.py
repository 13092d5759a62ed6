"""Stays: bookings, the nightly room inventory, and the stay lifecycle."""
