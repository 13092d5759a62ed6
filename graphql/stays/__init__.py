"""The schema of stays: bookings, their lifecycle and availability (core/stays)."""
