"""The one map: layers of projects, complaints (rounded, never confidential or anonymous),
E-Pokir (verified only) and OPD uploads; GeoJSON with bbox and clustering; the page's list
fallback without JavaScript."""

import gzip
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from satupintu.cases.tests.helpers import coordinator, file_case, make_category, verify
from satupintu.complaints.forms import Identity
from satupintu.geo import services
from satupintu.geo.geometry import Geometry
from satupintu.geo.models import MapFeature, MapLayer
from satupintu.projects.tests.conftest import MANGGAR, make_project

pytestmark = pytest.mark.django_db

SELATAN_BBOX = "116.86,-1.27,116.92,-1.24"


def layer(client, key, **params):
    response = client.get(reverse("geo:layer_data", args=[key]), params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_projects_layer_with_bbox_and_region_filters(client, opd_a, opd_b):
    south = make_project(opd_a)
    east = make_project(
        opd_b,
        name="Gedung Puskesmas Manggar",
        region=MANGGAR,
        geometry={"type": "Point", "coordinates": [116.97, -1.215]},
    )
    make_project(opd_a, name="Belum terbit", published=False)
    data = layer(client, "proyek", zoom=18)
    assert sorted(f["properties"]["title"] for f in data["features"]) == sorted(
        [south.name, east.name]
    )
    line = next(f for f in data["features"] if f["properties"]["title"] == south.name)
    assert line["geometry"]["type"] == "LineString"
    assert line["properties"]["url"] == reverse("projects:detail", args=[south.slug])
    in_box = layer(client, "proyek", zoom=18, bbox=SELATAN_BBOX)
    assert [f["properties"]["title"] for f in in_box["features"]] == [south.name]
    in_region = layer(client, "proyek", zoom=18, wilayah="64.71.01")
    assert [f["properties"]["title"] for f in in_region["features"]] == [east.name]
    bad = client.get(reverse("geo:layer_data", args=["proyek"]), {"bbox": "1,2"})
    assert bad.status_code == 400 and "bbox" in bad.json()["error"]
    assert (
        client.get(reverse("geo:layer_data", args=["proyek"]), {"wilayah": "x"}).status_code == 400
    )
    assert client.get(reverse("geo:layer_data", args=["tidak-ada"])).status_code == 404


def test_complaint_points_are_rounded_and_sensitive_ones_left_out(client, reference_data):
    category = make_category()
    by = coordinator()
    point = {"latitude": Decimal("-1.256789"), "longitude": Decimal("116.894321")}
    named, _ = file_case(category, title="Jalan berlubang ZQXNAMED", **point)
    confidential, _ = file_case(category, identity=Identity.CONFIDENTIAL, **point)
    anonymous, _ = file_case(
        category,
        identity=Identity.ANONYMOUS,
        reporter_name="",
        reporter_email="",
        reporter_phone="",
        **point,
    )
    unverified, _ = file_case(category, **point)
    for case in (named, confidential, anonymous):
        verify(case, by=by, org_unit="DPU")
    data = layer(client, "aduan", zoom=18)
    assert [f["id"] for f in data["features"]] == [f"aduan:{named.tracking_code}"]
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [116.894, -1.257]
    # The citizen's own words never reach the map: the public title does.
    assert "ZQXNAMED" not in json.dumps(data)
    text = client.get(reverse("geo:map"), {"lapisan": "aduan"}).text
    for case in (confidential, anonymous, unverified):
        assert case.tracking_code not in text
    assert named.tracking_code in text and "-1.2568" not in text
    outside = layer(client, "aduan", zoom=18, bbox="116.80,-1.30,116.85,-1.28")
    assert outside["features"] == []


def test_pokir_layer_shows_verified_proposals_along_their_line(client, reference_data):
    import datetime

    from satupintu.dprd import services as dprd_services
    from satupintu.dprd.models import SubmissionWindow
    from satupintu.dprd.tests.conftest import new_proposal
    from satupintu.org.models import OrgUnit, Region
    from satupintu.testing.factories import UserFactory, make_staff

    today = datetime.date.today()
    SubmissionWindow.objects.create(
        planning_year=today.year + 1,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=30),
    )
    sepinggan = Region.objects.get(name="Sepinggan")
    fresh = dprd_services.submit_proposal(
        new_proposal(sepinggan, latitude=Decimal("-1.2601"), longitude=Decimal("116.8901")),
        user=UserFactory(),
    )
    verified = dprd_services.submit_proposal(
        new_proposal(sepinggan, latitude=Decimal("-1.2601"), longitude=Decimal("116.8901")),
        user=UserFactory(),
    )
    setwan = make_staff(OrgUnit.objects.get(code="SETWAN"))
    dprd_services.act(user=setwan, proposal=verified.proposal, action="verify")
    data = layer(client, "pokir", zoom=18)
    assert [f["id"] for f in data["features"]] == [f"pokir:{verified.tracking_code}"]
    assert data["features"][0]["geometry"]["type"] == "LineString"
    assert fresh.tracking_code not in json.dumps(data)


def test_ten_thousand_uploaded_points_stay_small_city_wide_with_exact_counts(
    client, opd_a, staff_a
):
    layer_row = MapLayer.objects.create(
        org_unit=opd_a, slug="titik", title="Titik", source_format="csv"
    )
    rows = []
    for i in range(10_000):
        feature = MapFeature(layer=layer_row, name=f"Titik {i}")
        lon = 116.78 + (i * 7919 % 10_007) / 10_007 * 0.25
        lat = -1.30 + (i * 104_729 % 9_973) / 9_973 * 0.15
        feature.set_geometry(Geometry.from_point(lon, lat))
        rows.append(feature)
    MapFeature.objects.bulk_create(rows, batch_size=2000)
    response = client.get(
        reverse("geo:layer_data", args=["opd-titik"]), {"zoom": 12}, HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= 150 * 1024
    data = json.loads(gzip.decompress(response.content))
    assert sum(f["properties"]["count"] for f in data["features"]) == 10_000
    box = "116.80,-1.28,116.85,-1.25"
    in_box = MapFeature.objects.filter(
        point_lon__gte=116.80, point_lon__lte=116.85, point_lat__gte=-1.28, point_lat__lte=-1.25
    ).count()
    part = layer(client, "opd-titik", zoom=14, bbox=box)
    assert sum(f["properties"]["count"] for f in part["features"]) == in_box


def test_map_page_works_without_javascript(client, opd_a, opd_b, staff_a):
    south = make_project(opd_a)
    make_project(
        opd_b,
        name="Gedung Puskesmas Manggar",
        region=MANGGAR,
        geometry={"type": "Point", "coordinates": [116.97, -1.215]},
    )
    services.import_layer(
        actor=staff_a,
        org_unit=opd_a,
        title="Fasilitas umum",
        source_format="csv",
        data=b"nama,kategori,lat,lon\nPuskesmas Sepinggan,puskesmas,-1.2552,116.8951\n",
    )
    page = client.get(reverse("geo:map"))
    assert page.status_code == 200
    for text in (
        "Proyek pembangunan",
        "Pengaduan warga",
        "Usulan E-Pokir DPRD",
        "Fasilitas umum",
        "Puskesmas Sepinggan",
        south.name,
    ):
        assert text in page.text
    assert 'name="lapisan"' in page.text and "<script>" not in page.text
    # The cluster label the script fills in keeps its placeholder.
    assert 'data-cluster-label="%(n)s titik: perbesar untuk melihat"' in page.text
    only = client.get(reverse("geo:map"), {"lapisan": "proyek", "wilayah": "64.71.05"})
    assert south.name in only.text and "Gedung Puskesmas Manggar" not in only.text
    assert "Puskesmas Sepinggan" not in only.text
    box = client.get(reverse("geo:map"), {"lapisan": "proyek", "bbox": "116.95,-1.23,117.0,-1.2"})
    assert "Gedung Puskesmas Manggar" in box.text and south.name not in box.text
    assert client.get(reverse("geo:map"), {"bbox": "rusak"}).status_code == 400


def test_list_fallback_is_paged(client, opd_a):
    for i in range(30):
        make_project(
            opd_a,
            name=f"Proyek contoh {i:02d}",
            geometry={"type": "Point", "coordinates": [116.85 + i / 1000, -1.24]},
        )
    first = client.get(reverse("geo:map"), {"lapisan": "proyek"})
    second = client.get(reverse("geo:map"), {"lapisan": "proyek", "halaman": 2})
    assert "Proyek contoh 00" in first.text and "Proyek contoh 29" not in first.text
    assert "Proyek contoh 29" in second.text and "Proyek contoh 00" not in second.text
    assert "Halaman 2 dari 2" in second.text
