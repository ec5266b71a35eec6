"""Public complaint points as a layer of the one map (/peta/, `geo.layers`).

Only complaints a coordinator has verified (not new, merged or archived ones), never a
confidential or anonymous one, and every point rounded to 3 decimals (about 100 m, as
`cases.public` does for sensitive cases): the map shows where problems are, not whose door
it is. Titles are the public titles (`cases.public.public_title`), never the citizen's text.
"""

from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satupintu.cases.models import Case
from satupintu.cases.public import COARSE, public_title
from satupintu.complaints.workflow import KIND, Status
from satupintu.geo.cluster import Feature
from satupintu.geo.layers import Layer, register

ON_MAP = [
    Status.VERIFIED,
    Status.IN_PROGRESS,
    Status.INFO_REQUESTED,
    Status.ANSWERED,
    Status.CLOSED,
]


def public_points(bbox=None, region=""):
    queryset = Case.objects.filter(
        kind=KIND,
        status__in=ON_MAP,
        is_confidential=False,
        is_anonymous=False,
        latitude__isnull=False,
        longitude__isnull=False,
    )
    if bbox is not None:
        west, south, east, north = bbox
        # Widened by half the rounding step, so a point rounded into the box is not lost.
        margin = float(COARSE) / 2
        queryset = queryset.filter(
            longitude__gte=west - margin,
            longitude__lte=east + margin,
            latitude__gte=south - margin,
            latitude__lte=north + margin,
        )
    if region:
        queryset = queryset.filter(Q(region__code=region) | Q(region__parent__code=region))
    return queryset


def rounded(value) -> float:
    return float(Decimal(value).quantize(COARSE))


def features(bbox=None, region=""):
    rows = (
        public_points(bbox, region)
        .select_related("category", "region")
        .only(
            "tracking_code",
            "kind",
            "subtype",
            "title",
            "public_summary",
            "latitude",
            "longitude",
            "category__name",
            "region__name",
            "status",
        )
        .order_by("-created_at", "pk")
    )
    for case in rows.iterator(chunk_size=2000):
        lon, lat = rounded(case.longitude), rounded(case.latitude)
        if bbox is not None and not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
            continue
        yield Feature(
            id=f"aduan:{case.tracking_code}",
            title=public_title(case),
            url=reverse("cases:track", args=[case.tracking_code]),
            lon=lon,
            lat=lat,
            detail=str(Status(case.status).label)
            + (f" · {case.region.name}" if case.region_id else ""),
        )


def count(bbox=None, region=""):
    if bbox is None:
        return public_points(None, region).count()
    return sum(1 for _feature in features(bbox, region))


register(
    Layer(
        key="aduan",
        title=_("Pengaduan warga"),
        description=_(
            "Pengaduan yang sudah diverifikasi, titiknya dibulatkan sekitar 100 m; "
            "laporan rahasia dan anonim tidak ditampilkan."
        ),
        owner=_("Pengelola pengaduan kota"),
        features=features,
        count=count,
        order=20,
        symbol="triangle",
    )
)
