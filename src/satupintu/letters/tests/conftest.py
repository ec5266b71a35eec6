import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satupintu.cases.uploads import check_upload
from satupintu.letters import services
from satupintu.letters.models import ClassificationCode, Letter, UnitLetterSettings
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff

HEAD = Membership.Role.HEAD
OPERATOR = Membership.Role.OPERATOR


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _child(parent, code, name, kind=OrgUnit.Kind.DIVISION):
    return OrgUnit.objects.create(code=code, name=name, short_name=code, kind=kind, parent=parent)


def ensure_codes():
    """The data migration loads the table; transactional tests flush it, so load it again."""
    import csv
    from pathlib import Path

    if not ClassificationCode.objects.filter(code="900.1").exists():
        path = Path(__file__).resolve().parents[1] / "data"
        with (path / "klasifikasi-permendagri-83-2022.csv").open(encoding="utf-8") as f:
            services.import_classification_rows(list(csv.DictReader(f)))


@pytest.fixture
def org(reference_data):
    """SETDA with three asisten units, DPU with a bidang, DINKES; their heads and TU officers."""
    ensure_codes()
    setda = OrgUnit.objects.get(code="SETDA")
    dpu = OrgUnit.objects.get(code="DPU")
    dinkes = OrgUnit.objects.get(code="DINKES")
    ass1 = _child(setda, "SETDA-ASS1", "Asisten Pemerintahan dan Kesra")
    ass2 = _child(setda, "SETDA-ASS2", "Asisten Perekonomian dan Pembangunan")
    ass3 = _child(setda, "SETDA-ASS3", "Asisten Administrasi Umum")
    dpu_bm = _child(dpu, "DPU-BM", "Bidang Bina Marga")
    settings_ass2 = UnitLetterSettings.objects.create(org_unit=ass2)
    settings_ass2.coordinated_units.set([dpu])
    ns = SimpleNamespace(
        setda=setda, dpu=dpu, dinkes=dinkes, ass1=ass1, ass2=ass2, ass3=ass3, dpu_bm=dpu_bm
    )
    ns.sekda = make_staff(setda, HEAD, full_name="Sekda")
    ns.asisten1 = make_staff(ass1, HEAD, full_name="Asisten I")
    ns.asisten2 = make_staff(ass2, HEAD, full_name="Asisten II")
    ns.kadis_dpu = make_staff(dpu, HEAD, full_name="Kadis PU")
    ns.kabid_bm = make_staff(dpu_bm, HEAD, full_name="Kabid BM")
    ns.staff_bm = make_staff(dpu_bm, OPERATOR, full_name="Staf BM")
    ns.tu_setda = make_staff(setda, OPERATOR, full_name="TU Setda")
    ns.tu_dpu = make_staff(dpu, OPERATOR, full_name="TU DPU")
    ns.kadis_dinkes = make_staff(dinkes, HEAD, full_name="Kadis Kesehatan")
    ns.tu_dinkes = make_staff(dinkes, OPERATOR, full_name="TU Dinkes")
    return ns


@pytest.fixture
def code():
    return ClassificationCode.objects.get(code="000.5.3.1")


def pdf_upload(name="surat.pdf"):
    data = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return check_upload(SimpleUploadedFile(name, data, content_type="application/pdf"))


def png_upload(name="scan.png"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return check_upload(SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png"))


def register(officer, unit, *, number="005/123/PEMPROV", sifat=Letter.Sifat.ORDINARY, **kw):
    from datetime import date

    values = {
        "actor": officer,
        "unit": unit,
        "subject": kw.pop("subject", "Undangan rapat koordinasi"),
        "classification": kw.pop("classification", None)
        or ClassificationCode.objects.get(code="000.5.3.1"),
        "sender_name": kw.pop("sender_name", "Pemerintah Provinsi Kalimantan Timur"),
        "sifat": sifat,
        "external_number": number,
        "external_date": kw.pop("external_date", date(2026, 1, 5)),
    }
    values.update(kw)
    return services.register_incoming(**values)
