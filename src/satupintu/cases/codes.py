"""Tracking codes and secret tokens for cases."""

import hashlib
import re
import secrets

# No 0/O, 1/I/L: codes are read aloud on the phone and typed from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


def new_tracking_code(prefix: str) -> str:
    """e.g. ADU-7K3F9Q: 31^6 ≈ 887 million codes per kind, drawn at random."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{prefix}-{body}"


# What a tracking code can look like (prefix, dash, body); anything else is not looked up.
CODE_SHAPE = re.compile(r"[A-Z0-9]{1,8}-[A-Z0-9]{1,12}")
# A secret as `new_secret` makes it (token_urlsafe(24): 32 characters), with some room.
SECRET_SHAPE = r"[A-Za-z0-9_-]{20,64}"  # noqa: S105 - a pattern, not a secret


def normalize_code(raw: str) -> str:
    return (raw or "").strip().upper().replace(" ", "")


def is_code_shaped(code: str) -> bool:
    """True for a normalised code that could exist: odd input (slashes, NUL, unicode,
    overlong) is answered "not found" without asking the database."""
    return len(code) <= 21 and CODE_SHAPE.fullmatch(code) is not None


class SecretConverter:
    """`<secret:secret>` in URLs: the reporter's private tracking link."""

    regex = SECRET_SHAPE

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    return bool(secret) and secrets.compare_digest(hash_secret(secret), stored_hash)
