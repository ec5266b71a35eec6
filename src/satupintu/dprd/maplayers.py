"""E-Pokir proposals as a layer of the one map (/peta/, `geo.layers`): those the council's
secretariat has verified (not new or rejected ones), never a confidential one, at the point
(rounded to about 100 m) or along the line the proposer drew."""

from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satupintu.cases.public import COARSE, public_title
from satupintu.dprd.models import Proposal
from satupintu.dprd.workflow import LABELS, Status
from satupintu.geo.cluster import Feature
from satupintu.geo.geometry import GeometryError, parse
from satupintu.geo.layers import Layer, register

HIDDEN = [Status.SUBMITTED, Status.REJECTED]


def _queryset(bbox, region):
    queryset = (
        Proposal.objects.filter(case__kind="pokir", case__is_confidential=False)
        .exclude(case__status__in=HIDDEN)
        .filter(case__latitude__isnull=False, case__longitude__isnull=False)
    )
    if bbox is not None:
        west, south, east, north = bbox
        margin = float(COARSE) / 2
        queryset = queryset.filter(
            case__longitude__gte=west - margin,
            case__longitude__lte=east + margin,
            case__latitude__gte=south - margin,
            case__latitude__lte=north + margin,
        )
    if region:
        queryset = queryset.filter(
            Q(case__region__code=region) | Q(case__region__parent__code=region)
        )
    return queryset


def _line(proposal):
    if not proposal.line or len(proposal.line) < 2:
        return None
    try:
        coordinates = [[float(lng), float(lat)] for lat, lng in proposal.line]
        return parse({"type": "LineString", "coordinates": coordinates}).geojson
    except (GeometryError, TypeError, ValueError):
        return None


def features(bbox=None, region=""):
    rows = _queryset(bbox, region).select_related("case", "case__category", "case__region")
    for proposal in rows.order_by("-planning_year", "pk").iterator(chunk_size=1000):
        case = proposal.case
        lon = float(Decimal(case.longitude).quantize(COARSE))
        lat = float(Decimal(case.latitude).quantize(COARSE))
        yield Feature(
            id=f"pokir:{case.tracking_code}",
            title=public_title(case),
            url=reverse("dprd:proposal", args=[case.tracking_code]),
            lon=lon,
            lat=lat,
            geometry=_line(proposal),
            detail=f"{LABELS.get(case.status, case.status)} · {proposal.planning_year}",
        )


def count(bbox=None, region=""):
    return _queryset(bbox, region).count()


register(
    Layer(
        key="pokir",
        title=_("Usulan E-Pokir DPRD"),
        description=_("Usulan pokok pikiran DPRD yang sudah diverifikasi Sekretariat DPRD."),
        owner=_("Sekretariat DPRD"),
        features=features,
        count=count,
        order=30,
        symbol="diamond",
    )
)
