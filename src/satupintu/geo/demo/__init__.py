"""Demo map layer (loaded by `load_demo_data`, demo mode only; safe to run again): invented
public facilities (puskesmas, schools, OPD and kelurahan offices) from `fasilitas-publik.csv`,
imported through the same CSV reader OPDs use, published by Diskominfo (the walidata)."""

from pathlib import Path

from satupintu.geo import services
from satupintu.geo.models import MapLayer
from satupintu.org.models import OrgUnit

FACILITIES = Path(__file__).with_name("fasilitas-publik.csv")
TITLE = "Fasilitas umum"


def load() -> int:
    owner = OrgUnit.objects.filter(code="DISKOMINFO").first()
    if owner is None or MapLayer.objects.filter(slug="fasilitas-umum").exists():
        return 0
    services.import_layer(
        actor=None,
        org_unit=owner,
        title=TITLE,
        description="Puskesmas, sekolah, kantor OPD dan kantor kelurahan (data contoh).",
        source_format=MapLayer.Format.CSV,
        data=FACILITIES.read_bytes(),
        filename=FACILITIES.name,
    )
    return 1
