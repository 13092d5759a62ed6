"""A stay's sale summary, kept under its old name: the rule lives in ``core/rates/sale.py``
now (it prices nights; folios only store what was sold). graphql/stay_sale.py still imports
it from here; new code imports ``frontdesk.core.rates.sale``."""

from __future__ import annotations

from ..rates.sale import Sale, SaleTax, SaleTerms, SoldNight, sale_of

__all__ = ["Sale", "SaleTax", "SaleTerms", "SoldNight", "sale_of"]
