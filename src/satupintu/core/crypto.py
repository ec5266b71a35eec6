"""Encryption at rest for personal data, and blind indexes to look it up without decrypting.

Fernet (AES-128-CBC + HMAC-SHA256) through MultiFernet: the first key in SP_FIELD_KEYS encrypts,
every key decrypts, so keys rotate by prepending a new key and re-encrypting
(`manage.py rotate_field_keys`). The blind index is an HMAC-SHA256 of the normalised value under
a separate key that does not rotate with the encryption keys.
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in settings.FIELD_ENCRYPTION_KEYS])
    except ValueError as exc:
        raise ImproperlyConfigured("SP_FIELD_KEYS must be url-safe base64 Fernet keys") from exc


def reset_keys_cache() -> None:
    _fernet.cache_clear()


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("personal data could not be decrypted with the configured keys") from exc


def rotate(token: str) -> str:
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


def is_current(token: str) -> bool:
    """True when the token is encrypted with the primary key (nothing to rotate)."""
    try:
        Fernet(settings.FIELD_ENCRYPTION_KEYS[0].encode()).decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def blind_index(value: str, purpose: str) -> str:
    """Deterministic keyed hash; `purpose` keeps NIK and phone indexes unlinkable."""
    key = settings.BLIND_INDEX_KEY.encode("utf-8")
    message = f"{purpose}:{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
