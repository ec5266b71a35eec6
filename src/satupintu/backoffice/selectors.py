from django.db.models import QuerySet

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
