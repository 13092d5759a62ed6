"""From a bearer credential to a Principal: API keys and session access tokens are told
apart by their prefix, so each needs a single indexed lookup."""

from __future__ import annotations

from .apikeys import principal_for_api_key
from .principal import Principal
from .secrets import ACCESS_PREFIX, API_KEY_PREFIX
from .sessions import principal_for_access_token

MAX_CREDENTIAL_LENGTH = 200


async def principal_for_bearer(credential: str) -> Principal | None:
    """The caller behind ``credential``; None when it is unknown, expired or revoked."""
    if not credential or len(credential) > MAX_CREDENTIAL_LENGTH:
        return None
    if credential.startswith(API_KEY_PREFIX):
        return await principal_for_api_key(credential)
    if credential.startswith(ACCESS_PREFIX):
        return await principal_for_access_token(credential)
    return None
