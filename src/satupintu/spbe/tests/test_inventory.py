"""Inventory import (all or nothing, errors by line, own units only), export, integration
map, platform modules, public directory."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satupintu.org.models import OrgUnit
from satupintu.spbe import importer, services
from satupintu.spbe.models import Application

pytestmark = pytest.mark.django_db

HEADER = ",".join(importer.COLUMNS)
GOOD = [
    "simpeg,SIMPEG,DPU,khusus,Kepegawaian,internal,,kota,PHP,ya,terbatas,aktif,2,,2026-05-01,lulus,",
    "sipadu,SI Padu,DPU,khusus,Pengaduan lama,publik,https://sipadu.example.go.id,cloud,Java,"
    "tidak,terbuka,aktif,1,,,,simpeg",
]


def csv_file(lines):
    return SimpleUploadedFile(
        "inventaris.csv", "\n".join([HEADER, *lines]).encode(), content_type="text/csv"
    )


def test_one_bad_line_imports_nothing_then_the_fix_imports_all(client, staff_a):
    client.force_login(staff_a)
    bad = [*GOOD, "rusak,Aplikasi rusak,DPU,entah,,publik,,kota,,tidak,terbuka,aktif,,,,,"]
    page = client.post(reverse("spbe:import"), {"berkas": csv_file(bad)})
    assert page.status_code == 400
    assert "Baris 4" in page.text and "jenis harus salah satu dari" in page.text
    assert not Application.objects.exists()
    fixed = [*GOOD, bad[-1].replace("entah", "umum")]
    response = client.post(reverse("spbe:import"), {"berkas": csv_file(fixed)})
    assert response.status_code == 302
    assert Application.objects.count() == 3
    sipadu = Application.objects.get(code="sipadu")
    assert list(sipadu.integrations.values_list("code", flat=True)) == ["simpeg"]
    assert sipadu.merge_stage == 1 and not sipadu.personal_data


def test_cannot_import_for_another_unit(client, staff_b):
    client.force_login(staff_b)
    page = client.post(reverse("spbe:import"), {"berkas": csv_file(GOOD)})
    assert page.status_code == 400
    assert "bukan unit Anda" in page.text
    assert not Application.objects.exists()


def test_bad_values_are_reported_by_line(opd_a):
    lines = [
        "a,A,DPU,umum,,publik,ftp://x,kota,,tidak,terbuka,aktif,7,,kemarin,,tidak-ada",
        "a,A lagi,DPU,umum,,publik,,kota,,tidak,terbuka,aktif,,,,,",
    ]
    _rows, errors = importer.parse("\n".join([HEADER, *lines]), {"DPU": opd_a})
    messages = [(e.line, e.message) for e in errors]
    assert (2, "alamat bukan URL http(s)") in messages
    assert (2, "tahap harus 1, 2 atau 3") in messages
    assert (2, "tanggal uji keamanan harus TTTT-BB-HH") in messages
    assert (2, "integrasi tidak-ada tidak dikenal") in messages
    assert (3, "kode a muncul dua kali") in messages


def test_export_round_trips_and_is_scoped(client, staff_a, staff_b, opd_a):
    services.import_csv(text="\n".join([HEADER, *GOOD]), allowed_units={"DPU": opd_a}, actor=None)
    client.force_login(staff_a)
    exported = client.get(reverse("spbe:export")).content.decode()
    rows, errors = importer.parse(exported, {"DPU": opd_a})
    assert not errors and {r.values["code"] for r in rows} == {"simpeg", "sipadu"}
    client.force_login(staff_b)
    assert "simpeg" not in client.get(reverse("spbe:export")).content.decode()
    assert "SIMPEG" not in client.get(reverse("spbe:inventory")).text


def test_integration_map_is_svg_with_a_table(client, staff_a, opd_a):
    services.import_csv(text="\n".join([HEADER, *GOOD]), allowed_units={"DPU": opd_a}, actor=None)
    client.force_login(staff_a)
    page = client.get(reverse("spbe:map"))
    assert "<svg" in page.text and "<line" in page.text
    assert "<td>SI Padu</td><td>SIMPEG</td>" in page.text


def test_platform_modules_and_public_directory(client, opd_a):
    diskominfo = OrgUnit.objects.get(code="DISKOMINFO")
    assert services.sync_platform_modules(diskominfo) > 0
    assert services.sync_platform_modules(diskominfo) == 0
    services.import_csv(text="\n".join([HEADER, *GOOD]), allowed_units={"DPU": opd_a}, actor=None)
    page = client.get(reverse("spbe:directory"))
    assert "https://sipadu.example.go.id" in page.text
    assert "SIMPEG" not in page.text  # internal
    assert "Satu Pintu:" not in page.text  # the platform's own modules


def test_demo_inventory(client, reference_data):
    from satupintu.spbe import demo

    assert demo.load() > 5
    demo.load()  # safe to run again
    assert Application.objects.filter(is_platform_module=True).exists()
    page = client.get(reverse("spbe:directory"))
    assert "e-PBB" in page.text and "Si Damkar" in page.text
    assert "SIMPEG Kota" not in page.text
