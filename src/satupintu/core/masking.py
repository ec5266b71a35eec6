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
