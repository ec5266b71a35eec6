"""OPD layer files: GeoJSON, zipped Shapefile (written with pyshp), CSV — all or nothing,
errors by feature or line; the staff page; permissions."""

import io
import json
import zipfile

import pytest
import shapefile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satupintu.geo import importers, services
from satupintu.geo.models import MapFeature, MapLayer

pytestmark = pytest.mark.django_db

GOOD_GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"nama": "Halte Sepinggan", "jenis": "halte"},
            "geometry": {"type": "Point", "coordinates": [116.8951, -1.2552]},
        },
        {
            "type": "Feature",
            "properties": {"name": "Jalur sepeda", "panjang": 1.2},
            "geometry": {"type": "LineString", "coordinates": [[116.83, -1.27], [116.84, -1.27]]},
        },
    ],
}


def shapefile_zip(points=((116.85, -1.24, "Menara air"), (116.86, -1.25, "Pompa")), *, drop=""):
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POINT) as writer:
        writer.field("NAMA", "C", size=50)
        for lon, lat, name in points:
            writer.point(lon, lat)
            writer.record(name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for ext, part in (("shp", shp), ("shx", shx), ("dbf", dbf)):
            if ext != drop:
                archive.writestr(f"lapisan.{ext}", part.getvalue())
    return buffer.getvalue()


def test_geojson_is_read_with_names_categories_and_attributes():
    result = importers.read("geojson", json.dumps(GOOD_GEOJSON).encode())
    assert not result.errors
    assert [f.name for f in result.features] == ["Halte Sepinggan", "Jalur sepeda"]
    assert result.features[0].category == "halte"
    assert result.features[1].geometry.kind == "line"
    assert result.features[1].properties["panjang"] == 1.2


def test_geojson_errors_name_the_feature():
    document = json.loads(json.dumps(GOOD_GEOJSON))
    document["features"][1]["geometry"] = {
        "type": "Polygon",
        "coordinates": [
            [[116.8, -1.2], [116.9, -1.3], [116.9, -1.2], [116.8, -1.3], [116.8, -1.2]]
        ],
    }
    document["features"].append({"type": "Feature", "properties": {}, "geometry": None})
    result = importers.read("geojson", json.dumps(document).encode())
    assert any(e.startswith("Fitur 2:") and "memotong dirinya sendiri" in e for e in result.errors)
    assert any(e.startswith("Fitur 3:") for e in result.errors)
    assert importers.read("geojson", b"{rusak").errors == [
        "Bukan GeoJSON yang sah (JSON tidak terbaca)."
    ]
    assert importers.read("geojson", b'{"type": "Point", "coordinates": [1, 2]}').errors


def test_shapefile_zip_is_read_with_pyshp():
    result = importers.read("shp", shapefile_zip())
    assert not result.errors
    assert [f.name for f in result.features] == ["Menara air", "Pompa"]
    assert result.features[0].geometry.point == (116.85, -1.24)


def test_broken_shapefiles_are_refused():
    assert "zip" in importers.read("shp", b"bukan zip").errors[0]
    assert ".shx" in importers.read("shp", shapefile_zip(drop="shx")).errors[0]
    data = shapefile_zip()
    # Cut the .shp inside the zip short: pyshp cannot read it.
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            content = source.read(name)
            archive.writestr(name, content[:60] if name.endswith(".shp") else content)
    result = importers.read("shp", buffer.getvalue())
    assert result.errors and not result.features
    outside = importers.read("shp", shapefile_zip(points=((2.35, 48.85, "Paris"),)))
    assert outside.errors == ["Fitur 1: " + outside.errors[0].split(": ", 1)[1]]
    assert "di luar wilayah Indonesia" in outside.errors[0]


def test_csv_reports_bad_lines_by_number():
    text = (
        "nama;lat;lon\n"
        "Posyandu Melati;-1,2552;116,8951\n"
        "Posyandu Mawar;abc;116.89\n"
        "Posyandu Anggrek;48.85;2.35\n"
        ";-1.25;116.85\n"
    )
    result = importers.read("csv", text.encode())
    assert result.errors[0].startswith("Baris 3:") and "bukan angka" in result.errors[0]
    assert result.errors[1].startswith("Baris 4:") and "Indonesia" in result.errors[1]
    assert result.errors[2].startswith("Baris 5:") and "nama" in result.errors[2]
    assert len(result.features) == 1 and result.features[0].geometry.point == (116.8951, -1.2552)
    assert "Baris 1" in importers.read("csv", b"a,b\n1,2\n").errors[0]
    assert importers.read("csv", b"nama,lat,lon\n").errors == [
        "Berkas tidak berisi satu fitur pun."
    ]
    assert importers.read("csv", "nama,lat,lon\nX,1,2\n".encode("utf-16")).errors


def test_import_saves_all_or_nothing(opd_a, staff_a):
    bad = b"nama,lat,lon\nA,-1.25,116.85\nB,-1.25,999\n"
    with pytest.raises(services.ImportRefused) as refused:
        services.import_layer(
            actor=staff_a, org_unit=opd_a, title="Uji", source_format="csv", data=bad
        )
    assert refused.value.errors[0].startswith("Baris 3:")
    assert not MapLayer.objects.exists() and not MapFeature.objects.exists()
    layer = services.import_layer(
        actor=staff_a,
        org_unit=opd_a,
        title="Uji",
        source_format="geojson",
        data=json.dumps(GOOD_GEOJSON).encode(),
    )
    assert layer.feature_count == 2 and layer.slug == "uji"
    line = layer.features.get(name="Jalur sepeda")
    assert (line.west, line.south, line.east, line.north) == (116.83, -1.27, 116.84, -1.27)


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_staff_page_uploads_and_shows_errors_keeping_nothing(client, opd_a, staff_a):
    client.force_login(staff_a)
    url = reverse("geo:staff_layers")
    assert client.get(url).status_code == 200
    page = client.post(
        url,
        {
            "org_unit": opd_a.pk,
            "title": "Shapefile rusak",
            "source_format": "shp",
            "file": upload("rusak.zip", b"PK\x03\x04rusak"),
        },
    )
    assert page.status_code == 400
    assert "tidak ada yang tersimpan" in page.text
    assert 'value="Shapefile rusak"' in page.text  # what was typed is kept
    assert not MapLayer.objects.exists()
    response = client.post(
        url,
        {
            "org_unit": opd_a.pk,
            "title": "Menara air",
            "source_format": "shp",
            "file": upload("menara.zip", shapefile_zip()),
        },
    )
    assert response.status_code == 302
    layer = MapLayer.objects.get()
    assert layer.org_unit == opd_a and layer.feature_count == 2
    data = client.get(reverse("geo:layer_data", args=["opd-menara-air"]), {"zoom": 18}).json()
    assert sorted(f["properties"]["title"] for f in data["features"]) == ["Menara air", "Pompa"]


def test_other_opd_cannot_see_or_publish_the_layer(client, opd_a, opd_b, staff_a):
    from satupintu.testing.factories import make_staff

    layer = services.import_layer(
        actor=staff_a,
        org_unit=opd_a,
        title="Lapisan DPU",
        source_format="geojson",
        data=json.dumps(GOOD_GEOJSON).encode(),
    )
    staff_b = make_staff(opd_b)
    client.force_login(staff_b)
    assert "Lapisan DPU" not in client.get(reverse("geo:staff_layers")).text
    response = client.post(reverse("geo:staff_publish", args=[layer.slug]), {"terbit": "0"})
    assert response.status_code == 404
    layer.refresh_from_db()
    assert layer.is_published
    # OPD B cannot upload in OPD A's name either.
    page = client.post(
        reverse("geo:staff_layers"),
        {
            "org_unit": opd_a.pk,
            "title": "Palsu",
            "source_format": "geojson",
            "file": upload("a.geojson", json.dumps(GOOD_GEOJSON).encode()),
        },
    )
    assert page.status_code == 400
    assert MapLayer.objects.count() == 1
    client.force_login(staff_a)
    client.post(reverse("geo:staff_publish", args=[layer.slug]), {"terbit": "0"})
    layer.refresh_from_db()
    assert not layer.is_published
    assert client.get(reverse("geo:layer_data", args=["opd-lapisan-dpu"])).status_code == 404
