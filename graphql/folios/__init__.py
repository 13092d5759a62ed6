"""The schema of folios, their entries, the city ledger, invoices and credit notes, and what
the folios add to a stay (core/folios, core/documents)."""
