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
    updates = ProgressUpdate.objects.select_related("project").prefetch_related(
        Prefetch("photos", queryset=ProgressPhoto.objects.select_related("update__project"))
    )
    return (
        public_projects()
        .prefetch_related(Prefetch("updates", queryset=updates))
        .filter(slug=slug)
        .first()
    )


def public_photo(slug: str, pk: int) -> ProgressPhoto | None:
    return ProgressPhoto.objects.filter(
        pk=pk,
        update__project__slug=slug,
        update__project__in=public_projects(),
    ).first()


def staff_photo(user, slug: str, pk: int) -> ProgressPhoto | None:
    """A photo of one of the user's units' projects, published or not."""
    return ProgressPhoto.objects.filter(
        pk=pk, update__project__slug=slug, update__project__in=staff_projects(user)
    ).first()


def gallery(project: Project) -> QuerySet[ProgressPhoto]:
    """A project's photos: the newest report's first, each report's in the order sent."""
    return (
        ProgressPhoto.objects.filter(update__project=project)
        .select_related("update__project")
        .order_by("-update__reported_on", "-update__pk", "pk")
    )


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


def projects_of_unit(unit) -> QuerySet[Project]:
    """The projects of a unit and of the units below it, published or not: what the unit's
    news may be about."""
    return Project.objects.filter(org_unit__path__startswith=unit.path).order_by(
        "-budget_year", "name"
    )


def projects_of_units(units) -> QuerySet[Project]:
    """The projects of any of `units` (and below)."""
    paths = Q()
    for path in units.values_list("path", flat=True):
        paths |= Q(org_unit__path__startswith=path)
    if not paths:
        return Project.objects.none()
    return Project.objects.filter(paths).select_related("org_unit").order_by("-budget_year", "name")


def linkable_projects(user, units) -> QuerySet[Project]:
    """The choices of a news editor: the projects of `units` (and below) that `user` may see
    (`staff_projects`), published or not."""
    return projects_of_units(units).filter(pk__in=staff_projects(user).values("pk"))
