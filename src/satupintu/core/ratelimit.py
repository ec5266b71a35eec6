"""Limits on public writes: per client address, per session, per account, per key; and a
budget of uploaded bytes per address and hour.

Rates are written the way django-allauth writes them, comma-separated:
"20/h/ip,100/d/ip,5/h/session" = 20 an hour and 100 a day per client address, 5 an hour per
browser session. Period: s, m, h or d, optionally with a number ("10m"). Scopes: `ip` (the
client's address, see core.middleware.client_ip), `session`, `user` (only for logged-in
users) and `key` (what the caller names, e.g. the phone number a code goes to). Counting is
allauth's limiter (the one its sign-up and login use), kept in the default cache so every
process agrees. Settings: RATE_LIMITS (one entry per action) and UPLOAD_BYTES_PER_HOUR.

A refused request gets a `Refusal`: views put its message on the form (keeping what was
typed) or answer with `limited_response` (the 429 page).
"""

import functools
import math
import secrets
import time
from dataclasses import dataclass

from allauth.core.internal import ratelimit as limiter
from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from satupintu.core.middleware import client_ip

APP = "satupintu"
SCOPES = ("ip", "session", "user", "key")
UPLOAD_WINDOW_SECONDS = 3600


@dataclass(frozen=True)
class Refusal:
    message: str
    retry_after: int  # seconds until trying again may succeed (at most)


def rates(action: str) -> list[limiter.Rate]:
    return limiter.parse_rates(settings.RATE_LIMITS.get(action) or "")


def _wait_text(seconds: int) -> str:
    if seconds >= 3600:
        hours = math.ceil(seconds / 3600)
        return ngettext("%(n)d jam", "%(n)d jam", hours) % {"n": hours}
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("%(n)d menit", "%(n)d menit", minutes) % {"n": minutes}


def too_many(retry_after: int) -> Refusal:
    return Refusal(
        _(
            "Terlalu banyak pengiriman dari jaringan atau perangkat Anda dalam waktu singkat. "
            "Coba lagi dalam %(wait)s."
        )
        % {"wait": _wait_text(retry_after)},
        retry_after=int(retry_after),
    )


# A random id kept in the session: unlike the session key, it survives the key change at login.
SESSION_ID = "_sp_ratelimit_id"


def session_id(request) -> str:
    """The browser session's rate-limit id, starting a session for a first-time visitor."""
    session = getattr(request, "session", None)
    if session is None:
        return ""
    value = session.get(SESSION_ID)
    if not value:
        value = secrets.token_hex(16)
        session[SESSION_ID] = value
    return value


def _source(request, rate, key):
    """(per, key, user) for allauth's limiter, or None when the scope does not apply."""
    if rate.per == "ip":
        return "ip", None, None
    if rate.per == "session":
        sid = session_id(request)
        return ("key", f"session:{sid}", None) if sid else None
    if rate.per == "user":
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return "user", None, user
    if rate.per == "key":
        return ("key", f"key:{key}", None) if key else None
    raise ValueError(rate.per)


def unavailable() -> Refusal:
    return Refusal(
        _(
            "Layanan ini sedang tidak dapat menghitung batas pengiriman, jadi permintaan ini "
            "belum dapat diproses. Coba lagi dalam beberapa menit."
        ),
        retry_after=60,
    )


def hit(request, action: str, *, key: str | None = None) -> Refusal | None:
    """Count one attempt at `action`; a Refusal (and nothing counted) when a limit is used up.
    Actions in RATE_LIMITS_FAIL_CLOSED (they cost money, e.g. SMS) are refused while the
    shared cache is down; the others are let through uncounted (core/cache.py)."""
    if action in getattr(settings, "RATE_LIMITS_FAIL_CLOSED", ()):
        from satupintu.core import cache as shared_cache

        if not shared_cache.available():
            return unavailable()
    taken = []
    for rate in rates(action):
        source = _source(request, rate, key)
        if source is None:
            continue
        per, source_key, user = source
        # Whole seconds: allauth parses its own rate strings again.
        spec = f"{rate.amount}/{math.ceil(rate.duration)}s/{per}"
        usage = limiter.consume(
            request,
            app=APP,
            action=action,
            config={action: spec},
            key=source_key,
            user=user,
            limit_get=True,
        )
        if usage is None:
            for earlier in taken:
                earlier.rollback()
            return too_many(int(rate.duration))
        taken.append(usage)
    return None


# --- Upload bytes --------------------------------------------------------------------------------


def _upload_key(request) -> str:
    window = int(time.time() // UPLOAD_WINDOW_SECONDS)
    return f"sp:upload-bytes:{client_ip(request) or 'unknown'}:{window}"


def charge_upload(request, files) -> Refusal | None:
    """Count the bytes of `files` against the address's hourly budget; a Refusal (and nothing
    counted) when they do not fit."""
    total = sum(getattr(f, "size", 0) or 0 for f in files if f)
    if not total:
        return None
    budget = int(settings.UPLOAD_BYTES_PER_HOUR)
    key = _upload_key(request)
    used = cache.get(key) or 0
    if used + total > budget:
        elapsed = int(time.time()) % UPLOAD_WINDOW_SECONDS
        return Refusal(
            _(
                "Batas ukuran unggahan dari jaringan Anda untuk satu jam sudah tercapai. "
                "Coba lagi dalam %(wait)s."
            )
            % {"wait": _wait_text(UPLOAD_WINDOW_SECONDS - elapsed)},
            retry_after=UPLOAD_WINDOW_SECONDS - elapsed,
        )
    if not cache.add(key, total, timeout=UPLOAD_WINDOW_SECONDS + 60):
        try:
            cache.incr(key, total)
        except ValueError:  # expired between get and incr
            cache.set(key, total, timeout=UPLOAD_WINDOW_SECONDS + 60)
    return None


def check(request, action: str, *, files=(), key: str | None = None) -> Refusal | None:
    """The limits of `action`, then the upload budget for `files`."""
    refusal = hit(request, action, key=key)
    if refusal is None and files:
        refusal = charge_upload(request, files)
    return refusal


# --- Answers -------------------------------------------------------------------------------------


def limited_response(request, refusal: Refusal, *, status: int = 429, title: str = ""):
    response = render(
        request,
        "429.html",
        {"message": refusal.message, "title": title},
        status=status,
    )
    response["Retry-After"] = str(max(1, refusal.retry_after))
    return response


def limit(action: str, methods=("POST",)):
    """View decorator: count `methods` requests against `action`, 429 page when used up."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                refusal = hit(request, action)
                if refusal is not None:
                    return limited_response(request, refusal)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# --- Configuration check -------------------------------------------------------------------------


@checks.register(checks.Tags.security)
def check_rate_limits(app_configs=None, **kwargs):
    errors = []
    for action, spec in getattr(settings, "RATE_LIMITS", {}).items():
        try:
            parsed = limiter.parse_rates(spec or "")
        except ValueError:
            parsed = None
        if parsed is None or any(rate.per not in SCOPES for rate in parsed):
            errors.append(
                checks.Error(
                    f"RATE_LIMITS[{action!r}] = {spec!r} is not a list of rates like "
                    "'20/h/ip,5/h/session' (scopes: ip, session, user, key).",
                    hint="Fix the matching SP_RATE_LIMIT_* setting (docs/configuration.md).",
                    id="core.E101",
                )
            )
    return errors
