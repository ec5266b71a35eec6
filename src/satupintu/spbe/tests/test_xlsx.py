"""XLSX import and export of the inventory: the CSV's checks (errors by sheet row, nothing
imported on error), a round trip, text that looks like a formula stays text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from satupintu.spbe import importer
from satupintu.spbe.models import Application

pytestmark = pytest.mark.django_db

GOOD = [
    ["simpeg", "SIMPEG", "DPU", "khusus", "Kepegawaian", "internal", "", "kota", "PHP", "ya",
     "terbatas", "aktif", 2, "", "2026-05-01", "lulus", ""],
    ["sipadu", "=SI Padu", "DPU", "khusus", "Pengaduan lama", "publik",
     "https://sipadu.example.go.id", "cloud", "Java", "tidak", "terbuka", "aktif", 1, "", "",
     "", "simpeg"],
]  # fmt: skip


def workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(importer.COLUMNS)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # typed text, as a spreadsheet stores "=SI Padu" typed '
    sheet.append([])  # a trailing empty row, as spreadsheets leave them
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(
        "inventaris.xlsx",
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_bad_row_imports_nothing_then_the_fix_imports(client, staff_a):
    client.force_login(staff_a)
    bad = [*GOOD, ["rusak", "Rusak", "DPU", "umum", "", "publik", "", "kota", "", "tidak",
                   "terbuka", "aktif", 7, "", "kemarin", "", ""]]  # fmt: skip
    page = client.post(reverse("spbe:import"), {"berkas": workbook(bad)})
    assert page.status_code == 400
    assert "Baris 4" in page.text and "tahap harus 1, 2 atau 3" in page.text
    assert "tanggal uji keamanan" in page.text
    assert not Application.objects.exists()
    bad[-1][12], bad[-1][14] = 3, "2026-01-31"
    response = client.post(reverse("spbe:import"), {"berkas": workbook(bad)})
    assert response.status_code == 302
    assert Application.objects.count() == 3
    sipadu = Application.objects.get(code="sipadu")
    assert sipadu.name == "=SI Padu" and sipadu.merge_stage == 1
    assert list(sipadu.integrations.values_list("code", flat=True)) == ["simpeg"]
    assert str(Application.objects.get(code="simpeg").security_test_date) == "2026-05-01"


def test_not_a_workbook(client, staff_a):
    client.force_login(staff_a)
    fake = SimpleUploadedFile("x.xlsx", b"PK\x03\x04 not really a zip")
    page = client.post(reverse("spbe:import"), {"berkas": fake})
    assert page.status_code == 400 and "bukan XLSX" in page.text


def test_other_units_rows_are_refused(client, staff_b):
    client.force_login(staff_b)
    page = client.post(reverse("spbe:import"), {"berkas": workbook(GOOD)})
    assert page.status_code == 400 and "bukan unit Anda" in page.text
    assert not Application.objects.exists()


def test_export_round_trips_scoped_and_formulas_stay_text(client, staff_a, staff_b):
    client.force_login(staff_a)
    client.post(reverse("spbe:import"), {"berkas": workbook(GOOD)})
    response = client.get(reverse("spbe:export_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == importer.COLUMNS
    by_code = {r[0]: r for r in rows[1:]}
    assert set(by_code) == {"simpeg", "sipadu"}
    assert by_code["sipadu"][1] == "=SI Padu"
    assert sheet["B3"].data_type == "s"  # text, not a formula
    assert by_code["sipadu"][16] == "simpeg"
    # Importing the export again changes nothing (a round trip).
    again = SimpleUploadedFile("again.xlsx", response.content)
    assert client.post(reverse("spbe:import"), {"berkas": again}).status_code == 302
    assert Application.objects.count() == 2
    client.force_login(staff_b)
    other = load_workbook(io.BytesIO(client.get(reverse("spbe:export_xlsx")).content)).active
    assert list(other.iter_rows(min_row=2, values_only=True)) == []
