"""Show personal identifiers without revealing them (UU 27/2022 PDP: data minimisation)."""

import re


def mask_nik(nik: str | None) -> str:
    """6471********0001: region code and serial stay readable, the birth date does not."""
    if not nik:
        return ""
    digits = re.sub(r"\D", "", nik)
    if len(digits) != 16:
        return "*" * len(digits)
    return f"{digits[:4]}{'*' * 8}{digits[-4:]}"


def mask_phone(phone: str | None) -> str:
    """+62812*****789: country and operator prefix, and the last three digits."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return "*" * len(phone)
    return f"{phone[:6]}{'*' * (len(phone) - 9)}{phone[-3:]}"


def mask_email(email: str | None) -> str:
    if not email or "@" not in email:
        return ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"


# A number as people type it in free text: digits, optionally "+" first, single spaces,
# dots or dashes between them ("0812-3456-7890", "+62 812 3456 7890", "6471.0512.3456.0001").
_NUMBER_IN_TEXT = re.compile(r"(?<![\w+])\+?\d(?:[ .\-]?\d){7,}(?!\w)")
_PHONE_DIGITS = re.compile(r"^(?:62|0)\d{7,13}$")


def _mask_number(match: re.Match) -> str:
    raw = match.group(0)
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 16:  # NIK or No. KK
        return mask_nik(digits)
    if _PHONE_DIGITS.match(digits):
        # Stronger than `mask_phone` (for staff screens): shown to anyone, so only the
        # operator prefix and the last two digits stay.
        number = ("+" if raw.startswith("+") else "") + digits
        return f"{number[:4]}{'*' * (len(number) - 6)}{number[-2:]}"
    return raw


def mask_personal_numbers(text: str | None) -> str:
    """Free text with every NIK- or phone-shaped number masked, for anything shown publicly.

    Other numbers (dates, RT/RW, house numbers, amounts) stay as written.
    """
    if not text:
        return ""
    return _NUMBER_IN_TEXT.sub(_mask_number, text)
