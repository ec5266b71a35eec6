"""Reads of development projects: public lists and pages, staff lists scoped to the OPD."""

from django.db.models import Prefetch, Q, QuerySet

from satupintu.geo.geometry import bbox_q
from satupintu.org import permissions
from satupintu.projects.models import ProgressPhoto, ProgressUpdate, Project


def public_projects() -> QuerySet[Project]:
    return Project.objects.filter(is_published=True, org_unit__is_active=True).select_related(
        "org_unit", "region", "region__parent"
    )


def filter_projects(
    queryset: QuerySet[Project],
    *,
    opd: str = "",
    region: str = "",
    year: int | None = None,
    status: str = "",
    bbox=None,
) -> QuerySet[Project]:
    if opd:
        queryset = queryset.filter(org_unit__code__iexact=opd)
    if region:
        # A kecamatan code finds the projects of its kelurahan too.
        queryset = queryset.filter(Q(region__code=region) | Q(region__parent__code=region))
    if year:
        queryset = queryset.filter(budget_year=year)
    if status:
        queryset = queryset.filter(status=status)
    if bbox is not None:
        queryset = queryset.filter(bbox_q(bbox))
    return queryset


def public_project(slug: str) -> Project | None:
    updates = ProgressUpdate.objects.prefetch_related(
        Prefetch("photos", queryset=ProgressPhoto.objects.order_by("pk"))
    )
    return (
        public_projects()
        .prefetch_related(Prefetch("updates", queryset=updates))
        .filter(slug=slug)
        .first()
    )


def public_photo(slug: str, pk: int) -> ProgressPhoto | None:
    return ProgressPhoto.objects.filter(
        pk=pk, update__project__slug=slug, update__project__is_published=True
    ).first()


def budget_years() -> list[int]:
    return list(
        public_projects().order_by("-budget_year").values_list("budget_year", flat=True).distinct()
    )


def staff_projects(user) -> QuerySet[Project]:
    """The projects of the user's units (and below): anything else does not exist for them."""
    return permissions.scope_to_units(
        user, Project.objects.select_related("org_unit", "region"), "org_unit"
    ).order_by("-budget_year", "name")


def staff_project(user, slug: str) -> Project | None:
    return staff_projects(user).filter(slug=slug).first()


def may_manage_projects(user) -> bool:
    return permissions.visible_units(user).exists()
