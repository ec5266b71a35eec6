"""Tracking codes and secret tokens for cases."""

import hashlib
import secrets

# No 0/O, 1/I/L: codes are read aloud on the phone and typed from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


def new_tracking_code(prefix: str) -> str:
    """e.g. ADU-7K3F9Q: 31^6 ≈ 887 million codes per kind, drawn at random."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{prefix}-{body}"


def normalize_code(raw: str) -> str:
    return (raw or "").strip().upper().replace(" ", "")


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    return bool(secret) and secrets.compare_digest(hash_secret(secret), stored_hash)
