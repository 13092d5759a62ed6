"""The bridge's mutations: mapping accounts, configuring connectors, retrying the outbox.
Each takes one ``input`` and reports mistakes as UserErrors, writing nothing."""

from __future__ import annotations

import json

import strawberry

from frontdesk.api import DomainError, InvalidInput
from frontdesk.api.graphql import UserError, decode_id, secure_mutation, service_mutation

from . import chart, outbox
from .connector_settings import configure_connector
from .schema_types import AccountingAccount, AccountingConnector, AccountingDeliveryMode, account_of


@strawberry.input
class AccountingMapAccountInput:
    property_id: strawberry.ID
    code: str
    external_code: str | None = strawberry.field(
        default=None, description="The hotel's code; null removes the mapping."
    )
    name: str | None = None


@strawberry.type
class AccountingMapAccountPayload:
    account: AccountingAccount | None
    errors: list[UserError]


@strawberry.input
class AccountingConfigureConnectorInput:
    property_id: strawberry.ID
    connector: str = "webhook"
    deliver: AccountingDeliveryMode = AccountingDeliveryMode.ENTRY
    url: str | None = None
    enabled: bool = True
    rotate_secret: bool = False
    options: str | None = strawberry.field(default=None, description="JSON object.")


@strawberry.type
class AccountingConfigureConnectorPayload:
    connector: AccountingConnector | None
    secret: str | None = strawberry.field(
        default=None, description="The signing secret, shown once when created or rotated."
    )
    errors: list[UserError]


@strawberry.input
class AccountingRetryOutboxInput:
    property_id: strawberry.ID
    message_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only these failed messages (default: every failed one)."
    )


@strawberry.type
class AccountingRetryOutboxPayload:
    retried: int | None
    errors: list[UserError]


def _options(text: str | None) -> dict | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        raise InvalidInput("options must be a JSON object.", field="options") from None
    if not isinstance(value, dict):
        raise InvalidInput("options must be a JSON object.", field="options")
    return value


@strawberry.type
class AccountingMutation:
    accounting_map_account = service_mutation(
        chart.map_account,
        AccountingMapAccountPayload,
        "account",
        input=AccountingMapAccountInput,
        actor=False,
        then=account_of,
        permission="accounting.settings.write",
        description="Give an account of the chart the hotel's own code.",
    )

    @secure_mutation(
        permission="accounting.settings.write",
        description="Create or change a property's connector.",
    )
    async def accounting_configure_connector(
        self, input: AccountingConfigureConnectorInput
    ) -> AccountingConfigureConnectorPayload:
        try:
            done = await configure_connector(
                property_id=decode_id(input.property_id, "propertyId"),
                connector=input.connector,
                deliver=input.deliver.value,
                enabled=input.enabled,
                url=input.url,
                options=_options(input.options),
                rotate_secret=input.rotate_secret,
            )
        except DomainError as error:
            return AccountingConfigureConnectorPayload(
                connector=None, errors=[UserError.from_domain(error)]
            )
        return AccountingConfigureConnectorPayload(
            connector=done.setting, secret=done.secret, errors=[]
        )

    accounting_retry_outbox = service_mutation(
        outbox.retry_failed,
        AccountingRetryOutboxPayload,
        "retried",
        input=AccountingRetryOutboxInput,
        actor=False,
        permission="accounting.outbox.write",
        description="Queue failed outbox messages for a new attempt now.",
    )
