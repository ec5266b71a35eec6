from collections import defaultdict

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from satupintu.core import audit
from satupintu.core.models import AuditEvent
from satupintu.org import permissions
from satupintu.org.models import Membership, OrgUnit


def units_for(user) -> QuerySet[OrgUnit]:
    return permissions.visible_units(user).filter(is_active=True).order_by("path")


def unit_for(user, code: str) -> OrgUnit:
    """The unit if the user may see it; 404 otherwise (also when it does not exist)."""
    return permissions.get_visible_or_404(
        user, OrgUnit.objects.select_related("parent"), unit_field="", code__iexact=code
    )


def unit_members(unit: OrgUnit) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(org_unit=unit, is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def audit_events(*, action: str = "", object_type: str = "", actor_id: int | None = None):
    queryset = AuditEvent.objects.all()
    if action:
        queryset = queryset.filter(action__startswith=action)
    if object_type:
        queryset = queryset.filter(object_type=object_type)
    if actor_id:
        queryset = queryset.filter(actor_id=actor_id)
    return queryset.order_by("-seq")


def _current_codes(legacy: list[AuditEvent]) -> dict[tuple[str, str], str]:
    """Today's code labels of the objects that legacy rows point at (one query per type)."""
    ids = defaultdict(set)
    for event in legacy:
        if event.object_type and event.object_id:
            ids[event.object_type].add(event.object_id)
    codes = {}
    for object_type, object_ids in ids.items():
        try:
            model = apps.get_model(object_type)
            objects = list(model._default_manager.filter(pk__in=object_ids))
        except (LookupError, ValueError, ValidationError):
            continue
        for obj in objects:
            codes[(object_type, str(obj.pk))] = audit.object_label_for(obj)
    return codes


def with_shown_labels(events) -> list[AuditEvent]:
    """Set `shown_object_label` and `shown_actor_label` on each event for the auditor views.

    Rows written since labels carry codes only (keyed rows) show their labels. Rows written
    before may hold a Rahasia letter's subject or a person's name, and the chain cannot be
    rewritten: their labels are never shown; the object's current code (or `#<id>`) and the
    actor's id are shown instead."""
    events = list(events)
    legacy = [event for event in events if event.hash_version == audit.HASH_SHA256]
    codes = _current_codes(legacy) if legacy else {}
    for event in events:
        if event.hash_version != audit.HASH_SHA256:
            event.shown_object_label = event.object_label
            event.shown_actor_label = event.actor_label
            continue
        key = (event.object_type, event.object_id)
        event.shown_object_label = codes.get(key) or (
            f"#{event.object_id}" if event.object_id else ""
        )
        event.shown_actor_label = f"#{event.actor_id}" if event.actor_id else ""
    return events
