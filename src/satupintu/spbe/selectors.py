from django.db.models import Q

from satupintu.org import permissions
from satupintu.org.models import OrgUnit
from satupintu.spbe.models import Application


def staff_applications(user):
    return permissions.scope_to_units(
        user, Application.objects.select_related("owner"), "owner"
    ).order_by("owner__name", "name")


def importable_units(user) -> dict[str, OrgUnit]:
    return {u.code: u for u in permissions.visible_units(user)}


def public_directory():
    """Active applications open to the public (not the platform's own modules)."""
    return (
        Application.objects.filter(status=Application.Status.ACTIVE, is_platform_module=False)
        .filter(Q(users=Application.Users.PUBLIC) | Q(users=Application.Users.BOTH))
        .exclude(url="")
        .select_related("owner")
        .order_by("name")
    )


def graph(queryset) -> tuple[list[Application], list[tuple[int, int]]]:
    apps = list(queryset.prefetch_related("integrations"))
    ids = {a.pk for a in apps}
    edges = [(a.pk, t.pk) for a in apps for t in a.integrations.all() if t.pk in ids]
    return apps, edges
