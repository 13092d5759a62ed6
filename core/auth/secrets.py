"""Passwords (argon2) and bearer secrets (random, stored as SHA-256).

Access tokens, refresh tokens and API keys carry 256 bits of randomness, so a fast hash is
enough to store them and lets the server find the row by hash in one indexed lookup; argon2's
deliberate slowness is kept for human-chosen passwords."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

API_KEY_PREFIX = "fdk_"
ACCESS_PREFIX = "fda_"
REFRESH_PREFIX = "fdr_"
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_secret(prefix: str) -> tuple[str, str]:
    """A fresh secret and its stored hash."""
    secret = prefix + secrets.token_urlsafe(32)
    return secret, sha256(secret)


_dummy_hash: str | None = None


def dummy_hash() -> str:
    """A hash verified when the username is unknown, so timing does not reveal which names
    exist. Made on first use: an argon2 hash costs a quarter of a second of start-up."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password("not-a-real-password-" + secrets.token_hex(8))
    return _dummy_hash
