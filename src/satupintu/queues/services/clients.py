"""Bearer tokens of the client systems of /fhir/R4/ (kept as SHA-256 only)."""

import hashlib
import secrets

from django.db import transaction

from satupintu.core import audit
from satupintu.queues.models import FhirClient


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(site, name: str, *, write: bool = False, token: str | None = None, actor=None):
    """A new client of `site`; (client, token). The token is shown once and never stored."""
    token = token or secrets.token_urlsafe(32)
    with transaction.atomic():
        client = FhirClient.objects.create(
            name=name,
            site=site,
            token_prefix=token[:8],
            token_hash=hash_token(token),
            can_write=write,
        )
        audit.record("queues.fhir_client_issued", actor=actor, obj=client, data={"write": write})
    return client, token


def authenticate(token: str):
    if not token or len(token) > 200:
        return None
    return (
        FhirClient.objects.filter(token_hash=hash_token(token), is_active=True)
        .select_related("site", "site__org_unit")
        .first()
    )
