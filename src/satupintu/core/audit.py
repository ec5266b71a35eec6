"""The hash-chained audit trail. `record` is called by every service function that writes."""

import hashlib
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from satupintu.core.context import current_request_meta
from satupintu.core.models import AuditEvent

GENESIS_HASH = "0" * 64
# Arbitrary constant that names the audit chain's lock in PostgreSQL's advisory-lock space.
_PG_LOCK_KEY = 7_461_001


def _canonical(event: AuditEvent) -> bytes:
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
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def _lock_chain() -> None:
    # SQLite already serialises writers (BEGIN IMMEDIATE); PostgreSQL needs an explicit lock
    # so two transactions cannot both extend the chain from the same last row.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def _object_ref(obj) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    meta = obj._meta
    return meta.label_lower, str(obj.pk), str(obj)[:200]


def actor_label_for(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    label = getattr(actor, "audit_label", None)
    return label() if callable(label) else str(actor.pk)


def record(action: str, *, actor=None, obj=None, data: dict | None = None) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction."""
    object_type, object_id, object_label = _object_ref(obj)
    meta = current_request_meta()
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
            created_at=timezone.now(),
            actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
            actor_label=actor_label_for(actor),
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_label=object_label,
            ip=meta.ip,
            data=data or {},
            prev_hash=last.hash if last else GENESIS_HASH,
        )
        event.hash = compute_hash(event)
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


def verify_chain(batch_size: int = 2000) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order; return (rows checked, first problem or None)."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    queryset = AuditEvent.objects.order_by("seq")
    for event in queryset.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return checked, ChainProblem(expected_seq, "missing")
        if event.prev_hash != expected_prev:
            return checked, ChainProblem(event.seq, "broken_link")
        if compute_hash(event) != event.hash:
            return checked, ChainProblem(event.seq, "altered")
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
    return checked, None
