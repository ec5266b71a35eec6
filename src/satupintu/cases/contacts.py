"""Blind indexes of a reporter's contacts: the same e-mail or phone, however it was typed,
gives the same index, and the index tells nothing without the key (core.crypto)."""

import contextlib

from django.core.exceptions import ValidationError

from satupintu.accounts.phone import normalize_phone
from satupintu.core.crypto import blind_index

EMAIL_PURPOSE = "case-reporter-email"
PHONE_PURPOSE = "case-reporter-phone"


def email_index(email: str) -> str:
    value = (email or "").strip().lower()
    return blind_index(value, EMAIL_PURPOSE) if value else ""


def phone_index(phone: str) -> str:
    value = (phone or "").strip()
    if not value:
        return ""
    with contextlib.suppress(ValidationError):
        value = normalize_phone(value)
    return blind_index(value, PHONE_PURPOSE)
