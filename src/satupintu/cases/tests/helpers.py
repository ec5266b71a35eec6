"""Shared builders for the case engine and complaints tests."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from satupintu.cases import services
from satupintu.cases.models import Case, Category, SlaTier
from satupintu.cases.uploads import check_upload
from satupintu.complaints.forms import Identity
from satupintu.complaints.services import file_complaint
from satupintu.complaints.workflow import KIND
from satupintu.org.models import Membership, OrgUnit, Region
from satupintu.testing.factories import make_staff

WITA = ZoneInfo("Asia/Makassar")
SEPINGGAN = "64.71.05.1002"  # a kelurahan of Balikpapan Selatan
GUNUNG_BAHAGIA = "64.71.05.1006"  # another kelurahan of the same kecamatan
BALIKPAPAN_SELATAN = "64.71.05"
MANGGAR = "64.71.01.1001"  # a kelurahan of Balikpapan Timur


def wita(*args) -> datetime:
    return datetime(*args, tzinfo=WITA)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def make_category(
    code="jalan-rusak", *, tier="normatif", default_unit="DPU", name=None, **extra
) -> Category:
    return Category.objects.create(
        kind=KIND,
        code=code,
        name=name or code.replace("-", " ").capitalize(),
        sla_tier=SlaTier.objects.get(code=tier),
        default_org_unit=unit(default_unit) if default_unit else None,
        **extra,
    )


def coordinator() -> object:
    return make_staff(unit("PEMKOT"), Membership.Role.COORDINATOR)


def png_upload(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return check_upload(SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png"))


def file_case(
    category,
    *,
    title="Jalan berlubang di depan sekolah",
    description="Lubang besar di jalan depan sekolah dasar, berbahaya untuk pengendara motor.",
    kelurahan=SEPINGGAN,
    identity=Identity.NAMED,
    reporter_name="Budi Santoso",
    reporter_email="budi@contoh.id",
    reporter_phone="+6281234567890",
    **extra,
) -> tuple[Case, str]:
    case, secret = file_complaint(
        channel=Case.Channel.WEB,
        subtype="pengaduan",
        category=category,
        title=title,
        description=description,
        identity=identity,
        reporter_name=reporter_name,
        reporter_email=reporter_email,
        reporter_phone=reporter_phone,
        kelurahan=region(kelurahan) if isinstance(kelurahan, str) else kelurahan,
        **extra,
    )
    return case, secret


def verify(case: Case, by, org_unit: str | None = None) -> Case:
    services.perform(
        case,
        "verify",
        actor=by,
        role="coordinator",
        org_unit=unit(org_unit) if org_unit else None,
    )
    case.refresh_from_db()
    return case


def act(case: Case, action: str, by=None, role: str = "unit", **kwargs) -> Case:
    services.perform(case, action, actor=by, role=role, **kwargs)
    case.refresh_from_db()
    return case
