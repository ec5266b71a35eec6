"""Who manages which dataset: staff of the producing OPD (and the units above it) with a
managing role; the city's admins also refresh the generated datasets. Others get 404."""

from django.db.models import QuerySet
from django.http import Http404

from satupintu.opendata.models import Dataset
from satupintu.org import permissions
from satupintu.org.models import Membership, OrgUnit

MANAGING_ROLES = [
    Membership.Role.OPERATOR,
    Membership.Role.COORDINATOR,
    Membership.Role.HEAD,
    Membership.Role.ADMIN,
]


def managed_datasets(user) -> QuerySet[Dataset]:
    return permissions.scope_to_units(user, Dataset.objects.all(), roles=MANAGING_ROLES)


def dataset_or_404(user, slug: str) -> Dataset:
    dataset = managed_datasets(user).select_related("org_unit").filter(slug=slug).first()
    if dataset is None:
        raise Http404
    return dataset


def producer_units(user) -> QuerySet[OrgUnit]:
    return permissions.visible_units(user, MANAGING_ROLES).filter(is_active=True).order_by("name")


def can_refresh(user) -> bool:
    return permissions.is_city_wide(user, Membership.Role.ADMIN)
