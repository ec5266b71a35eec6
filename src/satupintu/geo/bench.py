"""An OPD's public-facilities layer with thousands of points, for measuring the city map with
10 000 points (issue #12): together with the bench projects (projects/bench.py) it makes the
points a city-wide view of /peta/ loads. Written in bulk like an upload (no audit event)."""

import random

from django.db import transaction

from satupintu.geo.geometry import Geometry
from satupintu.geo.models import MapFeature, MapLayer
from satupintu.org.models import OrgUnit

BENCH_SLUG = "uji-fasilitas-umum"
KINDS = ["Sekolah dasar", "Posyandu", "Taman kota", "Halte", "Masjid", "Pos kamling"]
# The same box as the bench projects (projects/bench.py CITY_BOX): west, south, east, north.
CITY_BOX = (116.80, -1.30, 117.05, -1.05)


def make_bench_facilities(count: int, seed: int = 12) -> int:
    """Fill the bench facilities layer up to `count` points. Returns how many were added."""
    layer = MapLayer.objects.filter(slug=BENCH_SLUG).first()
    if layer is None:
        unit = OrgUnit.objects.filter(kind__in=OrgUnit.OPD_KINDS, is_active=True).first()
        layer = MapLayer.objects.create(
            org_unit=unit,
            slug=BENCH_SLUG,
            title="Fasilitas umum (uji beban)",
            description="Titik fasilitas umum buatan untuk uji beban peta.",
            source_format=MapLayer.Format.CSV,
            source_name="uji-fasilitas.csv",
        )
    existing = layer.features.count()
    missing = max(0, count - existing)
    if not missing:
        return 0
    rng = random.Random(seed + existing)  # noqa: S311 - invented places, not secrets
    west, south, east, north = CITY_BOX
    rows = []
    for n in range(existing, existing + missing):
        kind = KINDS[n % len(KINDS)]
        feature = MapFeature(layer=layer, name=f"{kind} {n}", category=kind)
        feature.set_geometry(
            Geometry.from_point(rng.uniform(west, east), rng.uniform(south, north))
        )
        rows.append(feature)
    with transaction.atomic():
        MapFeature.objects.bulk_create(rows, batch_size=1000)
        MapLayer.objects.filter(pk=layer.pk).update(feature_count=existing + missing)
    return missing
