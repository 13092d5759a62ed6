"""The folios area's part of the schema, contributed as a plugin contributes its own:
queries and mutations of folios, the city ledger and invoices, and the folios' fields of
``Stay`` as a type extension (stay_fields.py)."""

from __future__ import annotations

from frontdesk.core.folios.tables import CityLedgerAccount, Folio, FolioEntry, Invoice

from ..common.contributions import GraphQLContribution, ScopeTarget
from .documents import DocumentsMutation
from .ledger import FolioListQuery
from .mutations import FolioMutation
from .queries import FolioQuery
from .stay_fields import StayFolioFields

#: What the area's id arguments name, by argument name alone: the name means this on every
#: root field, core's and the plugins' (a plugin's ``folioId`` names a folio without declaring
#: it). Field permissions, and ids whose meaning is the field's own (``id``), are declared on
#: the fields (``secure_field`` / ``secure_mutation``).
ID_ARGUMENTS: dict[str, ScopeTarget] = {
    "folioId": Folio,
    "paymentId": FolioEntry,
    "invoiceId": Invoice,
    "cityLedgerAccountId": CityLedgerAccount,
}

CONTRIBUTION = GraphQLContribution(
    queries=[FolioQuery],
    mutations=[FolioMutation],
    type_extensions={"Stay": [StayFolioFields]},
    scoped_arguments=ID_ARGUMENTS,
)

#: The guest ledger (``Query.folios``) and credit notes (``issueCreditNote``), added after
#: the night audit's fields and listed after them in the schema (graphql/schema.py orders
#: core's contributions).
LEDGER_AND_DOCUMENTS = GraphQLContribution(queries=[FolioListQuery], mutations=[DocumentsMutation])
