"""Reads of regions and org units for pages and the API."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet

from satupintu.org.models import ElectoralDistrict, OrgUnit, Region


def city_region() -> Region | None:
    return Region.objects.filter(code=settings.CITY_REGION_CODE).first()


def opd_list() -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.filter(is_active=True, kind__in=OrgUnit.OPD_KINDS)
        .select_related("region")
        .order_by("kind", "name")
    )


def opd_by_code(code: str) -> OrgUnit | None:
    return (
        OrgUnit.objects.filter(is_active=True, code__iexact=code)
        .select_related("parent", "region")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=OrgUnit.objects.filter(is_active=True).order_by("kind", "name"),
            )
        )
        .first()
    )


def districts_with_villages() -> QuerySet[Region]:
    return (
        Region.objects.filter(level=Region.Level.DISTRICT)
        .prefetch_related(
            Prefetch("children", queryset=Region.objects.order_by("name")),
            "electoral_districts",
        )
        .annotate(village_count=Count("children"))
        .order_by("name")
    )


def region_by_code(code: str) -> Region | None:
    return Region.objects.filter(code=code).select_related("parent").first()


def region_office(region: Region) -> OrgUnit | None:
    return (
        OrgUnit.objects.filter(region=region, is_active=True)
        .exclude(kind=OrgUnit.Kind.GOVERNMENT)
        .first()
    )


def kelurahan_choices() -> QuerySet[Region]:
    return (
        Region.objects.filter(level__in=[Region.Level.URBAN_VILLAGE, Region.Level.VILLAGE])
        .select_related("parent")
        .order_by("name")
    )


def electoral_districts() -> QuerySet[ElectoralDistrict]:
    return ElectoralDistrict.objects.prefetch_related("districts").order_by("number")


def search(query: str, limit: int = 20) -> dict:
    """Plain word search over OPD and wilayah names for the home page's search box."""
    words = [w for w in query.split() if len(w) >= 2][:6]
    if not words:
        return {"org_units": [], "regions": []}
    unit_filter = Q()
    region_filter = Q()
    for word in words:
        unit_filter &= (
            Q(name__icontains=word) | Q(short_name__icontains=word) | Q(description__icontains=word)
        )
        region_filter &= Q(name__icontains=word)
    units = (
        OrgUnit.objects.filter(unit_filter, is_active=True)
        .exclude(kind=OrgUnit.Kind.GOVERNMENT)
        .order_by("name")[:limit]
    )
    regions = (
        Region.objects.filter(region_filter)
        .exclude(level__in=[Region.Level.PROVINCE])
        .select_related("parent")
        .order_by("level", "name")[:limit]
    )
    return {"org_units": list(units), "regions": list(regions)}
