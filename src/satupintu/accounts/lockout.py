"""django-axes hooks: what counts as "the same account", and the Indonesian lockout page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render

from satupintu.accounts.phone import normalize_phone, phone_index


def login_key(request, credentials) -> str:
    """The account an attempt targets, never stored in clear: phones become their blind index."""
    credentials = credentials or {}
    raw = (
        credentials.get("email")
        or credentials.get("phone")
        or credentials.get("login")
        or credentials.get("username")
        or (request.POST.get("login") if request is not None else "")
        or ""
    ).strip()
    if "@" in raw:
        return raw.lower()
    try:
        return f"phone:{phone_index(normalize_phone(raw))[:32]}"
    except ValidationError:
        return raw[:64]


def lockout_response(request, credentials, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
