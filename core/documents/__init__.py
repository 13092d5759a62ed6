"""Documents for guests and authorities, as PDF: the invoice, credit notes and the
registration card. Rendered with fpdf2 (pure Python) in a Unicode font (Debian's DejaVu,
installed by ``make tools``), so names in any script print as written."""
