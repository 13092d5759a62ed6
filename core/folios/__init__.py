"""Folios: charges, payments, refunds, corrections, city ledger and invoices."""
