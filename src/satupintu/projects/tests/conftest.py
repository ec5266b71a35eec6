import pytest

from satupintu.geo.geometry import parse
from satupintu.org.models import Region
from satupintu.projects import services

SEPINGGAN = "64.71.05.1002"  # kelurahan in Balikpapan Selatan
MANGGAR = "64.71.01.1001"  # kelurahan in Balikpapan Timur


def make_project(
    unit,
    *,
    name="Pembangunan Jalan Sepinggan",
    region=SEPINGGAN,
    geometry=None,
    published=True,
    year=2026,
    actor=None,
):
    return services.save_project(
        actor=actor,
        values={
            "org_unit": unit,
            "name": name,
            "description": "Peningkatan jalan kota.",
            "programme": "Program Penyelenggaraan Jalan",
            "activity": "Peningkatan jalan",
            "budget_year": year,
            "budget_ceiling": 1_000_000_000,
            "realisation": 250_000_000,
            "funding_source": "apbd",
            "contractor": "CV Contoh",
            "contract_value": 900_000_000,
            "start_date": None,
            "finish_date": None,
            "region": Region.objects.get(code=region),
            "status": "berjalan",
            "is_published": published,
        },
        geometry=parse(
            geometry
            or {"type": "LineString", "coordinates": [[116.892, -1.259], [116.903, -1.254]]}
        ),
    )


@pytest.fixture
def project_a(opd_a):
    return make_project(opd_a)
