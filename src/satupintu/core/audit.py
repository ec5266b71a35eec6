"""The audit trail: a chain of events keyed with HMAC-SHA256. `record` is called by every service
function that writes; `verify_chain` walks the chain (and checks its head against an anchor).

Each row's hash covers its content and the previous row's hash, under a key kept outside the
database (`SP_AUDIT_KEY`): whoever can write to the database can neither edit a row nor rebuild
the whole chain. Rows written before the chain was keyed (`hash_version` 1) keep their plain
SHA-256 and verify as before; the first keyed row after them seals them, and a keyed chain never
goes back to plain rows. Labels name objects and people by code or id only (`object_label_for`):
the chain cannot be erased, so it holds no subjects, names or contact details.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from satupintu.core.context import current_request_meta
from satupintu.core.models import AuditEvent

GENESIS_HASH = "0" * 64
HASH_SHA256 = 1  # rows written before the chain was keyed
HASH_HMAC = 2
# Arbitrary constant that names the audit chain's lock in PostgreSQL's advisory-lock space.
_PG_LOCK_KEY = 7_461_001

# --- Labels: the one place an audit label comes from ------------------------------------------

# The field that holds the code staff use to name an object of each type. Only codes and numbers
# here, never free text: a type not listed (files, meetings, people, profiles...) is labelled by
# its id, and so is an object whose code is still empty (an unnumbered draft letter).
LABEL_CODE_FIELDS = {
    "applications.application": "case.tracking_code",
    "cases.case": "tracking_code",
    "cases.category": "code",
    "cases.slatier": "code",
    "catalog.requirement": "code",
    "catalog.service": "slug",
    "catalog.workflowstep": "code",
    "core.holiday": "date",
    "documents.issueddocument": "number",
    "letters.classificationcode": "code",
    "letters.letter": "letter_number",
    "open311.apikey": "key_prefix",
    "org.electoraldistrict": "number",
    "org.orgunit": "code",
    "org.region": "code",
    "queues.booking": "code",
    "queues.site": "slug",
    "queues.ticket": "label",
}


def _code_of(obj, path: str) -> str:
    value = obj
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return str(value)[:200]


def object_label_for(obj) -> str:
    """A code (tracking code, letter number, unit code...) or `#<id>`; never free text."""
    if obj is None:
        return ""
    path = LABEL_CODE_FIELDS.get(obj._meta.label_lower)
    return (_code_of(obj, path) if path else "") or f"#{obj.pk}"


def actor_label_for(actor) -> str:
    """People are named by id only: a name or contact, even masked, would stay forever."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return f"#{actor.pk}"


def _object_ref(obj) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    return obj._meta.label_lower, str(obj.pk), object_label_for(obj)


# --- Keys --------------------------------------------------------------------------------------


def _key_id(secret: bytes) -> str:
    return hmac.new(secret, b"satupintu-audit-key-id", hashlib.sha256).hexdigest()[:16]


@cache
def _keys() -> tuple[str, dict[str, bytes]]:
    """(id of the signing key, {key id: secret} of every key that verifies)."""
    current = settings.AUDIT_KEY.encode()
    keys = {_key_id(secret): secret for secret in (k.encode() for k in settings.AUDIT_OLD_KEYS)}
    keys[_key_id(current)] = current
    return _key_id(current), keys


def reset_keys_cache() -> None:
    _keys.cache_clear()


def current_key_id() -> str:
    return _keys()[0]


# --- Hashing -----------------------------------------------------------------------------------


def canonical(event: AuditEvent) -> bytes:
    payload = {
        "seq": event.seq,
        "created_at": event.created_at.astimezone(timezone.UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "ip": event.ip,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    if event.hash_version != HASH_SHA256:
        payload |= {"hash_version": event.hash_version, "key_id": event.key_id}
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


class UnknownKey(LookupError):
    pass


def compute_hash(event: AuditEvent) -> str:
    if event.hash_version == HASH_SHA256:
        return hashlib.sha256(canonical(event)).hexdigest()
    secret = _keys()[1].get(event.key_id)
    if secret is None:
        raise UnknownKey(event.key_id)
    return hmac.new(secret, canonical(event), hashlib.sha256).hexdigest()


def _lock_chain() -> None:
    # SQLite already serialises writers (BEGIN IMMEDIATE); PostgreSQL needs an explicit lock
    # so two transactions cannot both extend the chain from the same last row.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def _new_event(model, last, action: str, *, actor=None, obj=None, data=None):
    """An unsaved, hashed row after `last` (`model` is AuditEvent, or its migration state)."""
    object_type, object_id, object_label = _object_ref(obj)
    event = model(
        seq=(last.seq + 1) if last else 1,
        created_at=timezone.now(),
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label_for(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        ip=current_request_meta().ip,
        data=data or {},
        prev_hash=last.hash if last else GENESIS_HASH,
        hash_version=HASH_HMAC,
        key_id=current_key_id(),
    )
    event.hash = compute_hash(event)
    return event


def record(action: str, *, actor=None, obj=None, data: dict | None = None) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction."""
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
        event = _new_event(AuditEvent, last, action, actor=actor, obj=obj, data=data)
        event.save(force_insert=True)
    return event


def seal_legacy_chain(model=AuditEvent):
    """After the upgrade to a keyed chain: append one keyed row over the unkeyed ones, so that
    rewriting them breaks a link nobody can recompute without the key. Run by migration
    core 0005 (with the migration's model state); None when there is nothing to seal."""
    with transaction.atomic():
        _lock_chain()
        last = model.objects.order_by("-seq").first()
        if last is None or last.hash_version != HASH_SHA256:
            return None
        legacy = model.objects.filter(hash_version=HASH_SHA256).count()
        event = _new_event(model, last, "audit.chain_keyed", data={"legacy_rows": legacy})
        event.save(force_insert=True)
    return event


# --- Verifying ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


@dataclass(frozen=True)
class Anchor:
    """The chain's head at some moment, kept outside the database (see export_audit_anchor)."""

    seq: int
    hash: str
    exported_at: str

    def to_json(self) -> str:
        return json.dumps(
            {"seq": self.seq, "hash": self.hash, "exported_at": self.exported_at}, indent=2
        )

    @classmethod
    def from_json(cls, text: str) -> "Anchor":
        """Raises ValueError on anything but an anchor written by `to_json`."""
        payload = json.loads(text)
        if not isinstance(payload, dict):
            raise ValueError("not an object")
        seq, hash_ = payload.get("seq"), payload.get("hash")
        exported_at = payload.get("exported_at")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise ValueError("bad seq")
        if not isinstance(hash_, str) or len(hash_) != 64:
            raise ValueError("bad hash")
        datetime.fromisoformat(str(exported_at))
        return cls(seq=seq, hash=hash_, exported_at=exported_at)


def current_anchor() -> Anchor:
    last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
    return Anchor(
        seq=last.seq if last else 0,
        hash=last.hash if last else GENESIS_HASH,
        exported_at=timezone.now().isoformat(timespec="seconds"),
    )


def _check_row(event: AuditEvent, expected_seq: int, expected_prev: str, keyed_seen: bool):
    if event.seq != expected_seq:
        return ChainProblem(expected_seq, "missing")
    if event.prev_hash != expected_prev:
        return ChainProblem(event.seq, "broken_link")
    if event.hash_version == HASH_SHA256 and keyed_seen:
        return ChainProblem(event.seq, "downgraded")
    if event.hash_version not in (HASH_SHA256, HASH_HMAC):
        return ChainProblem(event.seq, "altered")
    try:
        if not hmac.compare_digest(compute_hash(event), event.hash):
            return ChainProblem(event.seq, "altered")
    except UnknownKey:
        return ChainProblem(event.seq, "unknown_key")
    return None


def verify_chain(
    batch_size: int = 2000, anchor: Anchor | None = None
) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order; return (rows checked, first problem or None)."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    keyed_seen = False
    last_version = None
    queryset = AuditEvent.objects.order_by("seq")
    for event in queryset.iterator(chunk_size=batch_size):
        problem = _check_row(event, expected_seq, expected_prev, keyed_seen)
        if problem:
            return checked, problem
        if anchor and event.seq == anchor.seq and event.hash != anchor.hash:
            return checked, ChainProblem(event.seq, "anchor_mismatch")
        keyed_seen = keyed_seen or event.hash_version == HASH_HMAC
        last_version = event.hash_version
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
    if last_version == HASH_SHA256:
        # Every row since the upgrade is keyed: an unkeyed head means the keyed rows were
        # removed, or the whole chain rebuilt with plain SHA-256.
        return checked, ChainProblem(expected_seq - 1, "unkeyed_head")
    if anchor and anchor.seq >= expected_seq:
        return checked, ChainProblem(anchor.seq, "truncated")
    return checked, None
