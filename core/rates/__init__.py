"""Rates: base nightly rates, the rate calendar, rate plans, quotes, tax rates, city tax."""
