"""Fixtures of the open-data tests: uploaded files of every format, an OPD's published
dataset, the platform's figures with personal data seeded into the raw cases."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

# Applications seeded with names, NIKs and phones (the personal-data test).
from satupintu.applications.tests.conftest import (  # noqa: F401 - fixtures
    complete_draft,
    documents_files,
    draft,
    form_version,
    service,
    submitted_application,
)

CSV_TEXT = (
    "nama_fasilitas,kelurahan,lintang,bujur,kapasitas\n"
    "Puskesmas Sepinggan,Sepinggan,-1.2654,116.8312,40\n"
    "Puskesmas Klandasan,Klandasan Ilir,-1.2721,116.8123,35\n"
)


def csv_upload(text=CSV_TEXT, name="fasilitas.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def json_upload(data, name="data.json"):
    return SimpleUploadedFile(name, json.dumps(data).encode(), content_type="application/json")


def xlsx_upload(rows, name="data.xlsx"):
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")


def metadata(**overrides):
    from datetime import date

    data = {
        "title": "Fasilitas kesehatan DPU",
        "description": "Daftar fasilitas dengan lokasi dan kapasitas.",
        "frequency": "tahunan",
        "license": "cc-by",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 12, 31),
        "contact_name": "Seksi Data DPU",
        "contact_email": "data.dpu@example.go.id",
    }
    data.update(overrides)
    return data


@pytest.fixture
def group(db):
    from satupintu.opendata.models import Group

    return Group.objects.create(slug="kesehatan", title="Kesehatan")


@pytest.fixture
def dataset_a(opd_a, staff_a, group):
    """A published dataset uploaded by OPD A (CSV with coordinates)."""
    from satupintu.opendata import services

    dataset = services.create_dataset(
        actor=staff_a,
        org_unit=opd_a,
        metadata=metadata(),
        tags=["kesehatan", "fasilitas"],
        groups=[group],
        upload=csv_upload(),
    )
    return services.set_published(actor=staff_a, dataset=dataset, published=True)
