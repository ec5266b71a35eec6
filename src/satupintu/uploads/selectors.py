"""Reads of uploads, always scoped to their owner: someone else's upload does not exist."""

import secrets

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from satupintu.uploads.models import Upload

# A random id kept in the browser session: unlike the session key it survives the key change
# at login, so an upload started before logging in is still the person's after it.
SESSION_OWNER = "_sp_upload_owner"


def session_owner(request, *, create: bool = False) -> str:
    session = getattr(request, "session", None)
    if session is None:
        return ""
    value = session.get(SESSION_OWNER, "")
    if not value and create:
        value = secrets.token_hex(16)
        session[SESSION_OWNER] = value
    return value


def owned_by(request) -> Q:
    """Uploads of this browser session, and of the logged-in account."""
    query = Q(pk__in=[])
    owner = session_owner(request)
    if owner:
        query |= Q(owner_session=owner)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        query |= Q(owner=user)
    return query


def owned_or_404(request, public_id) -> Upload:
    upload = Upload.objects.filter(owned_by(request), public_id=public_id).first()
    if upload is None:
        raise Http404
    return upload


def is_expired(upload: Upload, now=None) -> bool:
    return upload.expires_at <= (now or timezone.now())


def finished(request, ids) -> tuple[list[Upload], list[str]]:
    """The owner's complete, unexpired uploads among `ids` (in the order given), and the ids
    that name nothing usable (unknown, someone else's, expired, refused or unfinished)."""
    wanted = []
    for raw in ids:
        value = str(raw).strip()
        if value and value not in wanted:
            wanted.append(value)
    if not wanted:
        return [], []
    valid = [v for v in wanted if _is_uuid(v)]
    found = {
        str(u.public_id): u
        for u in Upload.objects.filter(
            owned_by(request),
            public_id__in=valid,
            state=Upload.State.COMPLETE,
            expires_at__gt=timezone.now(),
        )
    }
    return [found[v] for v in wanted if v in found], [v for v in wanted if v not in found]


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
