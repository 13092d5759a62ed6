"""The schema of rates, rate plans, taxes and quotes (core/rates)."""
