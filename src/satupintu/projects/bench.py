"""Many published development projects for measuring one search (`/cari/`) and the city map
with 5 000 projects (issue #12): generated names and points spread over the city's kelurahan,
written in bulk (no audit event, no progress report)."""

import random

from django.db import transaction
from django.utils import timezone

from satupintu.geo.geometry import Geometry
from satupintu.org.models import OrgUnit, Region
from satupintu.projects.findable import bump_version
from satupintu.projects.models import Project

BENCH_PREFIX = "uji-proyek-"
WORKS = [
    "Pembangunan jalan",
    "Peningkatan drainase",
    "Rehabilitasi puskesmas",
    "Pembangunan trotoar",
    "Penerangan jalan umum",
    "Renovasi sekolah dasar",
    "Penataan taman",
    "Pembangunan jembatan",
    "Perbaikan gorong-gorong",
    "Pengaspalan jalan lingkungan",
]
# Balikpapan's land, roughly: points fall inside this box (west, south, east, north).
CITY_BOX = (116.80, -1.30, 117.05, -1.05)


def make_bench_projects(count: int, seed: int = 12) -> int:
    """Fill up to `count` published projects. Returns how many were added."""
    existing = Project.objects.filter(slug__startswith=BENCH_PREFIX).count()
    missing = max(0, count - existing)
    if not missing:
        return 0
    units = list(OrgUnit.objects.filter(kind__in=OrgUnit.OPD_KINDS, is_active=True))
    regions = list(Region.objects.filter(level="kelurahan"))
    rng = random.Random(seed + existing)  # noqa: S311 - invented places, not secrets
    year = timezone.localdate().year
    west, south, east, north = CITY_BOX
    rows = []
    for n in range(existing, existing + missing):
        region = regions[n % len(regions)]
        work = WORKS[n % len(WORKS)]
        project = Project(
            org_unit=units[n % len(units)],
            slug=f"{BENCH_PREFIX}{n}",
            name=f"{work} {region.name} paket {n}",
            description=f"{work} di Kelurahan {region.name}.",
            programme="Program uji beban",
            activity=work,
            budget_year=year - n % 3,
            budget_ceiling=1_000_000_000 + 1000 * n,
            realisation=0,
            funding_source=Project.Funding.APBD,
            region=region,
            status=Project.Status.RUNNING,
            progress=n % 101,
        )
        project.set_geometry(
            Geometry.from_point(rng.uniform(west, east), rng.uniform(south, north))
        )
        rows.append(project)
    with transaction.atomic():
        Project.objects.bulk_create(rows, batch_size=1000)
    bump_version()
    return missing
