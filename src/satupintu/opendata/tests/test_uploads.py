"""OPDs' own datasets: every format read by content, bad files refused in Indonesian with the
form kept, resources written in every format, OPD B never sees OPD A's datasets."""

import json

import pytest
from django.urls import reverse

from satupintu.core.models import AuditEvent
from satupintu.opendata import services, tables
from satupintu.opendata.models import Dataset
from satupintu.opendata.tests.conftest import (
    csv_upload,
    json_upload,
    metadata,
    xlsx_upload,
)

pytestmark = pytest.mark.django_db


def test_csv_upload_becomes_every_format_with_geojson_points(dataset_a):
    formats = {r.format: r for r in dataset_a.resources.all()}
    assert set(formats) == {"CSV", "JSON", "XLSX", "GeoJSON"}
    geo = json.loads(formats["GeoJSON"].file.open("rb").read())
    assert geo["type"] == "FeatureCollection"
    first = geo["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [116.8312, -1.2654]}
    assert first["properties"]["nama_fasilitas"] == "Puskesmas Sepinggan"
    records = json.loads(formats["JSON"].file.open("rb").read())["records"]
    assert records[1]["kelurahan"] == "Klandasan Ilir"
    assert all(r.size > 0 for r in formats.values())
    assert AuditEvent.objects.filter(action="opendata.dataset_created").exists()
    assert AuditEvent.objects.filter(action="opendata.dataset_published").exists()


def test_semicolon_csv_json_and_xlsx_are_read():
    columns, rows = tables.read_upload(csv_upload("a;b\n1;2\n3;4\n"))
    assert [c["key"] for c in columns] == ["a", "b"] and rows == [["1", "2"], ["3", "4"]]
    columns, rows = tables.read_upload(json_upload([{"x": 1}, {"x": 2, "y": "z"}]))
    assert [c["key"] for c in columns] == ["x", "y"] and rows == [[1, None], [2, "z"]]
    columns, rows = tables.read_upload(xlsx_upload([["tahun", "jumlah"], [2025, 10]]))
    assert rows == [[2025, 10]]


def test_geojson_upload_keeps_geometry():
    line = {"type": "LineString", "coordinates": [[116.8, -1.2], [116.9, -1.3]]}
    columns, rows = tables.read_upload(
        json_upload(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "geometry": line, "properties": {"ruas": "A"}}],
            }
        )
    )
    assert tables.has_geometry(columns)
    assert json.loads(tables.to_geojson(columns, rows))["features"][0]["geometry"] == line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Berkas kosong."),
        (b"a,b\n1,2,3\n", "Baris 2 berisi 3 kolom"),
        (b"\xff\xfe\x00a", "Berkas bukan CSV, JSON, GeoJSON atau XLSX"),
        (b"PK\x03\x04rusak", "Berkas XLSX rusak"),
        (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
         b'{"type": "Point", "coordinates": [500, 1]}, "properties": {}}]}', "di luar rentang"),
        (b"[1, 2]", "JSON harus berupa daftar objek"),
        (b"a,a\n1,2\n", "dipakai dua kali"),
        (b"judul\n", "tidak punya baris"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_a_reason(content, message):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as error:
        tables.read_upload(SimpleUploadedFile("x.csv", content))
    assert message in error.value.messages[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"nama,nik\nBudi,1\n", "Kolom nik tampaknya berisi data pribadi"),
        (b"Nomor HP,x\n1,2\n", "Kolom Nomor HP tampaknya"),
        (b"nama,kode\nBudi,6471054105900001\n", "Baris 2 kolom kode berisi NIK"),
        (b"nama,kontak\nA,1\nB,0812-3456-7890\n", "Baris 3 kolom kontak berisi nomor HP"),
        (b"nama,kontak\nB,+62 812 3456 7890\n", "berisi nomor HP"),
    ],
)
def test_personal_data_is_refused(content, message):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as error:
        tables.read_upload(SimpleUploadedFile("x.csv", content))
    assert message in error.value.messages[0]
    assert "tidak boleh" in error.value.messages[0]


def test_figures_that_look_like_numbers_are_kept():
    columns, rows = tables.read_upload(
        csv_upload("tahun,anggaran,telepon_kantor\n2026,1234567890123456,0542-123456\n")
    )
    assert rows == [["2026", "1234567890123456", "0542-123456"]]


def test_spreadsheet_formulas_are_written_as_text():
    columns = [tables.column("a")]
    assert b"'=HYPERLINK" in tables.to_csv(columns, [['=HYPERLINK("x")']])


def test_staff_upload_form_refuses_bad_file_and_keeps_input(client, staff_a, opd_a):
    client.force_login(staff_a)
    data = {
        **{k: str(v) for k, v in metadata(title="Data jembatan ZQX").items()},
        "org_unit": opd_a.pk,
        "tags": "jembatan",
    }
    response = client.post(
        reverse("opendata:staff_create"), {**data, "file": csv_upload("a,b\n1\n")}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Baris 2 berisi 1 kolom" in text
    assert "Data jembatan ZQX" in text  # what was typed is kept
    assert not Dataset.objects.exists()
    response = client.post(reverse("opendata:staff_create"), {**data, "file": csv_upload()})
    dataset = Dataset.objects.get()
    assert response.status_code == 302 and not dataset.is_published
    assert dataset.org_unit == opd_a and dataset.walidata
    assert [t.name for t in dataset.tags.all()] == ["jembatan"]
    assert client.get(reverse("opendata:detail", args=[dataset.slug])).status_code == 404
    client.post(reverse("opendata:staff_publish", args=[dataset.slug]), {"terbit": "1"})
    assert client.get(reverse("opendata:detail", args=[dataset.slug])).status_code == 200


def test_staff_edit_replaces_the_data(client, staff_a, dataset_a):
    client.force_login(staff_a)
    data = {k: str(v) for k, v in metadata(title="Judul baru").items()}
    response = client.post(
        reverse("opendata:staff_detail", args=[dataset_a.slug]),
        {**data, "file": csv_upload("tahun,jumlah\n2026,5\n")},
    )
    assert response.status_code == 302
    dataset_a.refresh_from_db()
    assert dataset_a.title == "Judul baru"
    assert dataset_a.table.rows == [["2026", "5"]]
    # No coordinates any more: no GeoJSON.
    assert sorted(r.format for r in dataset_a.resources.all()) == ["CSV", "JSON", "XLSX"]


def test_opd_b_gets_404_on_opd_a_datasets(client, staff_b, dataset_a, opd_a):
    client.force_login(staff_b)
    for name in ("opendata:staff_detail", "opendata:staff_publish"):
        method = client.post if name.endswith("publish") else client.get
        assert method(reverse(name, args=[dataset_a.slug])).status_code == 404
    assert dataset_a.title not in client.get(reverse("opendata:staff_list")).content.decode()
    # OPD B cannot file a dataset in OPD A's name either.
    data = {**{k: str(v) for k, v in metadata().items()}, "org_unit": opd_a.pk}
    response = client.post(reverse("opendata:staff_create"), {**data, "file": csv_upload()})
    assert response.status_code == 200 and Dataset.objects.count() == 1


def test_generated_datasets_cannot_be_edited_by_hand(staff_a, reference_data):
    from satupintu.opendata import registry

    dataset = services.regenerate(registry.get("pengaduan-per-kategori"))
    with pytest.raises(services.OpenDataError):
        services.update_dataset(
            actor=staff_a, dataset=dataset, metadata=metadata(), tags=[], groups=[]
        )


def test_refresh_is_for_city_admins_only(client, staff_a, reference_data):
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.testing.factories import make_staff

    client.force_login(staff_a)
    assert client.post(reverse("opendata:staff_refresh")).status_code == 404
    admin = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.ADMIN)
    client.force_login(admin)
    assert client.post(reverse("opendata:staff_refresh")).status_code == 302
    assert Dataset.objects.filter(source=Dataset.Source.GENERATED).count() >= 5
