"""Fixtures shared by the citizen (test_citizen_*) and staff (test_staff_*) tests.

Stable names: `service`, `form_version`, `draft`, `submitted_application` (an Application
whose applicant is the `citizen` fixture), plus helpers to make test files.
"""

import io

import pytest
from django.utils import timezone

from satupintu.core import workdays

# A valid NIK/KK shape: region 6471 (Balikpapan), birth date 01-05-90, serial 0001.
VALID_NIK = "6471054105900001"
VALID_KK = "6471050101200003"
VALID_PHONE = "081234567890"

FORM_SCHEMA = {
    "type": "object",
    "properties": {
        "nama_anak": {"type": "string", "title": "Nama anak", "minLength": 2, "maxLength": 100},
        "tanggal_lahir": {"type": "string", "format": "date", "title": "Tanggal lahir"},
        "jenis_kelamin": {
            "type": "string",
            "title": "Jenis kelamin",
            "oneOf": [
                {"const": "L", "title": "Laki-laki"},
                {"const": "P", "title": "Perempuan"},
            ],
        },
        "nik_ayah": {"type": "string", "title": "NIK ayah"},
        "no_kk": {"type": "string", "title": "Nomor KK"},
        "telepon": {"type": "string", "title": "Nomor HP yang dapat dihubungi"},
        "anak_ke": {"type": "integer", "title": "Anak ke-", "minimum": 1, "maximum": 20},
        "keterangan": {"type": "string", "title": "Keterangan", "maxLength": 500},
    },
    "required": ["nama_anak", "tanggal_lahir", "jenis_kelamin", "nik_ayah", "no_kk", "telepon"],
}
FORM_UI = {
    "steps": [
        {
            "title": "Data anak",
            "fields": ["nama_anak", "tanggal_lahir", "jenis_kelamin", "anak_ke"],
        },
        {"title": "Data orang tua", "fields": ["nik_ayah", "no_kk", "telepon", "keterangan"]},
    ],
    "fields": {
        "tanggal_lahir": {"widget": "date"},
        "jenis_kelamin": {"widget": "select"},
        "nik_ayah": {"widget": "nik", "help": "16 angka sesuai KTP"},
        "no_kk": {"widget": "kk"},
        "telepon": {"widget": "phone"},
        "keterangan": {"widget": "textarea"},
    },
}
STEP_ONE = {
    "nama_anak": "Budi Santoso",
    "tanggal_lahir": "2026-10-01",
    "jenis_kelamin": "L",
    "anak_ke": "1",
}
STEP_TWO = {
    "nik_ayah": VALID_NIK,
    "no_kk": VALID_KK,
    "telepon": VALID_PHONE,
    "keterangan": "",
}


def pdf_bytes(size: int = 2000, extra: bytes = b"") -> bytes:
    """A small, well-formed-enough PDF padded to `size` bytes (padding inside a comment)."""
    head = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + extra
    tail = b"\n%%EOF\n"
    padding = max(0, size - len(head) - len(tail))
    return head + b"%" + b"x" * max(0, padding - 1) + tail


def png_bytes(width: int = 20, height: int = 20) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def make_service(org_unit, *, slug="akte-kelahiran", name="Akta kelahiran", steps=4):
    from satupintu.catalog.models import FormSchemaVersion, Requirement, Service, WorkflowStep

    service = Service.objects.create(
        slug=slug,
        name=name,
        synonyms="akte kelahiran, akta lahir",
        summary="Penerbitan akta kelahiran untuk anak yang lahir di kota.",
        org_unit=org_unit,
        delivery=Service.Delivery.BOTH,
        procedure="Isi formulir, unggah dokumen, tunggu verifikasi.",
        processing_days=5,
        product="Akta kelahiran",
        complaint_handling="Melalui menu pengaduan.",
        number_code="AKL",
    )
    for order, (code, req_name, kind) in enumerate(
        [
            ("surat-lahir", "Surat keterangan lahir", Requirement.FileKind.PDF),
            ("kk", "Kartu keluarga", Requirement.FileKind.PDF_OR_IMAGE),
            ("ktp-ortu", "KTP orang tua", Requirement.FileKind.IMAGE),
        ],
        start=1,
    ):
        Requirement.objects.create(
            service=service,
            code=code,
            name=req_name,
            file_kind=kind,
            max_size_mb=2,
            sort_order=order,
        )
    Requirement.objects.create(
        service=service,
        code="hadir",
        name="Orang tua hadir saat pengambilan",
        is_document=False,
        sort_order=9,
    )
    all_steps = [
        ("loket", "Pemeriksaan berkas", WorkflowStep.Role.OPERATOR, 1, False),
        ("verifikasi", "Verifikasi teknis", WorkflowStep.Role.COORDINATOR, 2, False),
        ("persetujuan", "Persetujuan kepala", WorkflowStep.Role.HEAD, 1, True),
        ("penerbitan", "Penerbitan dokumen", WorkflowStep.Role.OPERATOR, 1, False),
    ][:steps]
    for order, (code, step_name, role, days, approval) in enumerate(all_steps, start=1):
        WorkflowStep.objects.create(
            service=service,
            order=order,
            code=code,
            name=step_name,
            role=role,
            working_days=days,
            is_approval=approval,
        )
    FormSchemaVersion.objects.create(
        service=service, version=1, schema=FORM_SCHEMA, ui=FORM_UI, published_at=timezone.now()
    )
    return service


@pytest.fixture(autouse=True)
def _fresh_holiday_table():
    workdays._non_working_days.cache_clear()
    yield
    workdays._non_working_days.cache_clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def service(opd_a):
    """An online service of opd_a: 3 document requirements (+1 non-document), a published
    2-step form (v1) and 4 workflow steps (operator, koordinator, kepala = approval, operator)."""
    return make_service(opd_a)


@pytest.fixture
def form_version(service):
    return service.form_versions.get(version=1)


@pytest.fixture
def documents_files():
    """One valid file per requirement code of the `service` fixture."""
    return {
        "surat-lahir": lambda: upload("surat-lahir.pdf", pdf_bytes(), "application/pdf"),
        "kk": lambda: upload("kk.pdf", pdf_bytes(), "application/pdf"),
        "ktp-ortu": lambda: upload("ktp.png", png_bytes(), "image/png"),
    }


@pytest.fixture
def draft(service, citizen):
    """A draft of `citizen` for `service` with both form steps answered, no documents yet."""
    from satupintu.applications.services import citizen as citizen_services

    draft = citizen_services.start_draft(user=citizen, service=service)
    for index, answers in enumerate([STEP_ONE, STEP_TWO]):
        form = citizen_services.save_step(draft, index, answers, actor=citizen)
        assert form.is_valid(), form.errors
    draft.refresh_from_db()
    return draft


@pytest.fixture
def complete_draft(draft, documents_files, citizen):
    """`draft` with every required document uploaded."""
    from satupintu.applications.services import citizen as citizen_services

    errors = citizen_services.upload_documents(
        draft, {code: make() for code, make in documents_files.items()}, actor=citizen
    )
    assert not errors, errors
    # The citizen pressed "Simpan dan lanjutkan" on the documents step: the review is next.
    type(draft).objects.filter(pk=draft.pk).update(current_step=3)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def submitted_application(complete_draft, citizen, django_capture_on_commit_callbacks):
    """An Application submitted by `citizen` (status "diajukan", first workflow step)."""
    from satupintu.applications.services import citizen as citizen_services

    with django_capture_on_commit_callbacks(execute=True):
        application, _secret = citizen_services.submit_draft(complete_draft, actor=citizen)
    application.refresh_from_db()
    return application
