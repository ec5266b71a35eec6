"""What the complaint tests across the suite share: a small image, the road-damage category
routed to DPU, and the public form's data for one complaint (Balikpapan's reference data)."""

import io

from PIL import Image

from satupintu.cases.models import Category, SlaTier
from satupintu.complaints.workflow import KIND
from satupintu.org.models import OrgUnit, Region


def png_bytes(size=(8, 8), color="red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def road_category() -> Category:
    return Category.objects.create(
        kind=KIND,
        code="jalan-rusak",
        name="Jalan rusak",
        sla_tier=SlaTier.objects.get(code="non-pengawasan"),
        default_org_unit=OrgUnit.objects.get(code="DPU"),
    )


def complaint_form_data(category, **extra) -> dict:
    """A valid POST of the complaint form for `category`; `extra` replaces or adds fields."""
    data = {
        "subtype": "pengaduan",
        "category": category.pk,
        "title": "Jalan berlubang besar",
        "description": "Lubang besar di depan sekolah, sudah dua minggu, berbahaya untuk motor.",
        "kelurahan": Region.objects.get(code="64.71.05.1002").pk,
        "rt": "7",
        "street": "Jl. Mulawarman",
        "identity": "named",
        "reporter_name": "Budi",
        "reporter_email": "budi@contoh.id",
        "reporter_phone": "",
        "idempotency_key": "k-1",
    }
    data.update(extra)
    return data
