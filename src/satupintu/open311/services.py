"""Every write of the Open311 endpoint: API keys, and complaints filed by client applications.

Complaints end in `complaints.services.file_complaint` like every other channel.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from satupintu.cases.models import Case
from satupintu.complaints.forms import Identity
from satupintu.complaints.services import file_complaint
from satupintu.core import audit
from satupintu.open311.models import ApiKey

# The well-known key of demo instances (SP_DEMO=1), printed in docs/open311.md.
DEMO_KEY = "demo-open311-key"
DEMO_KEY_NAME = "Demo Open311"
KEY_PREFIX_LENGTH = 10
# `last_used_at` is written at most this often per key: no write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_TITLE = 150


def hash_key(raw: str) -> str:
    """Keys are long random strings: a plain SHA-256 is enough (no password stretching)."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_raw_key() -> str:
    return f"sp311_{secrets.token_urlsafe(30)}"


def assign_new_key(api_key: ApiKey, raw: str | None = None) -> str:
    """Give an (unsaved or existing) ApiKey a new key; returns the key, shown only once."""
    raw = raw or new_raw_key()
    api_key.key_prefix = raw[:KEY_PREFIX_LENGTH]
    api_key.key_hash = hash_key(raw)
    return raw


@transaction.atomic
def create_api_key(*, actor, name: str, org_unit=None, raw_key: str | None = None):
    """Make a key for a client application. Returns (ApiKey, the key in clear)."""
    api_key = ApiKey(name=name, org_unit=org_unit)
    raw = assign_new_key(api_key, raw_key)
    api_key.save()
    audit.record("open311.key_created", actor=actor, obj=api_key, data={"name": name})
    return api_key, raw


@transaction.atomic
def deactivate_key(*, actor, api_key: ApiKey) -> None:
    api_key.is_active = False
    api_key.save(update_fields=["is_active"])
    audit.record("open311.key_deactivated", actor=actor, obj=api_key)


def ensure_demo_key() -> ApiKey | None:
    """The demo instance's key `demo-open311-key`; never made outside demo mode."""
    if not settings.DEMO:
        return None
    existing = ApiKey.objects.filter(key_hash=hash_key(DEMO_KEY)).first()
    if existing is not None:
        return existing
    api_key, _raw = create_api_key(actor=None, name=DEMO_KEY_NAME, raw_key=DEMO_KEY)
    return api_key


def authenticate(raw: str) -> ApiKey | None:
    """The active key matching `raw`, or None. Notes when it was last used."""
    if not raw or len(raw) > 200:
        return None
    api_key = ApiKey.objects.filter(key_hash=hash_key(raw), is_active=True).first()
    if api_key is None:
        return None
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key


# --- Filing a service request -------------------------------------------------------------


@dataclass
class NewRequest:
    """A validated POST requests.{json,xml} (see `forms.CreateRequestForm`)."""

    category: object
    subtype: str
    description: str = ""
    latitude: object = None
    longitude: object = None
    street: str = ""
    kelurahan: object = None
    email: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    device_id: str = ""
    account_id: str = ""
    media_url: str = ""


def _title(new: NewRequest) -> str:
    first_line = next((line.strip() for line in new.description.splitlines() if line.strip()), "")
    text = first_line or new.category.name
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def scoped_idempotency_key(api_key: ApiKey, header: str) -> str | None:
    """A client's Idempotency-Key, scoped to its API key: two clients never collide."""
    header = (header or "").strip()
    return f"o311:{api_key.pk}:{header}" if header else None


def file_request(*, api_key: ApiKey, new: NewRequest, idempotency_key: str | None = None):
    """File a complaint for a client application. Returns (case, created)."""
    name = f"{new.first_name} {new.last_name}".strip()
    # Nobody to answer and nobody named: an anonymous report, like the web form's choice.
    identity = Identity.NAMED if (name or new.email or new.phone) else Identity.ANONYMOUS
    client = {"api_key_id": api_key.pk, "api_key_name": api_key.name}
    for field_name in ("device_id", "account_id", "media_url"):
        if value := getattr(new, field_name):
            client[field_name] = value
    case, secret = file_complaint(
        channel=Case.Channel.OPEN311,
        subtype=new.subtype,
        category=new.category,
        title=_title(new),
        description=new.description,
        user=None,
        identity=identity,
        reporter_name=name,
        reporter_email=new.email,
        reporter_phone=new.phone,
        kelurahan=new.kelurahan,
        street=new.street,
        latitude=new.latitude,
        longitude=new.longitude,
        idempotency_key=idempotency_key,
        attributes={"open311": client},
    )
    return case, secret is not None
