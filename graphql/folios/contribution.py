"""The folios area's part of the schema, contributed as a plugin contributes its own:
queries and mutations of folios, the city ledger and invoices, and the folios' fields of
``Stay`` as a type extension (stay_fields.py)."""

from __future__ import annotations

from ..common.contributions import GraphQLContribution
from .documents import DocumentsMutation
from .ledger import FolioListQuery
from .mutations import FolioMutation
from .permissions import FIELD_PERMISSIONS, SCOPED_ARGUMENTS
from .queries import FolioQuery
from .stay_fields import StayFolioFields

CONTRIBUTION = GraphQLContribution(
    queries=[FolioQuery],
    mutations=[FolioMutation],
    type_extensions={"Stay": [StayFolioFields]},
    field_permissions=FIELD_PERMISSIONS,
    scoped_arguments=SCOPED_ARGUMENTS,
)

#: The guest ledger (``Query.folios``) and credit notes (``issueCreditNote``), added after
#: the night audit's fields and listed after them in the schema (graphql/schema.py orders
#: core's contributions).
LEDGER_AND_DOCUMENTS = GraphQLContribution(queries=[FolioListQuery], mutations=[DocumentsMutation])
