"""Indonesian mobile numbers, normalised to E.164 (+62…) with Google's libphonenumber."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from satupintu.core import crypto

MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)
INVALID_PHONE = _("Nomor HP tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890.")


def normalize_phone(raw: str) -> str:
    """'0812-3456-7890', '62812…', '+62 812…' → '+6281234567890'; raises ValidationError."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    if text.startswith("62") and not text.startswith("+"):
        text = f"+{text}"
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(INVALID_PHONE, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    # Codes go out by SMS: only Indonesian mobile numbers, never landlines or foreign numbers.
    kind = phonenumbers.number_type(number)
    if phonenumbers.region_code_for_number(number) != "ID" or kind not in MOBILE_TYPES:
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_index(normalized: str) -> str:
    return crypto.blind_index(normalized, "phone")
