"""The complaint form's map picker: hidden without JavaScript, Leaflet not loaded with the
page, tiles from this site only, and coordinates kept with the case."""

from decimal import Decimal

import pytest
from django.urls import reverse

from satupintu.cases.models import Case
from satupintu.complaints.tests.test_flow import category, form_data  # noqa: F401
from satupintu.core import maptiles


@pytest.fixture
def no_tiles(settings):
    settings.MAP_MBTILES = ""
    settings.MAP_TILE_URL = ""


def test_form_has_a_hidden_picker_and_loads_no_map_code(client, reference_data, no_tiles):
    response = client.get(reverse("complaints:new"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="map-picker" hidden' in body  # shown by map-picker.js only
    assert "Pilih titik di peta" in body
    assert 'data-tile-url=""' in body
    assert 'data-center-lat="-1.237900" data-center-lon="116.852900"' in body
    # Leaflet is only named in data attributes, injected when the citizen opens the map.
    assert '<script src="/static/vendor/leaflet' not in body
    assert 'rel="stylesheet" href="/static/vendor/leaflet' not in body
    assert 'data-leaflet-js="/static/vendor/leaflet/leaflet.js"' in body
    assert '<script src="/static/js/map-picker.js"' in body
    # The shared loader comes first: deferred scripts run in document order.
    assert body.index("/static/js/lazy-map.js") < body.index("/static/js/map-picker.js")
    # The plain fields are still there for everyone.
    for name in ("kelurahan", "rt", "street", "latitude", "longitude"):
        assert f'name="{name}"' in body
    assert "img-src 'self' data:;" in response["Content-Security-Policy"] + ";"


def test_form_points_the_picker_at_the_tile_endpoint(client, reference_data, settings, tmp_path):
    path = tmp_path / "kota.mbtiles"
    maptiles.write_mbtiles(path, {(0, 0, 0): b"\x89PNG\r\n\x1a\n"}, {"maxzoom": "16"})
    settings.MAP_MBTILES = str(path)
    settings.MAP_TILE_URL = ""
    body = client.get(reverse("complaints:new")).content.decode()
    assert 'data-tile-url="/peta/ubin/{z}/{x}/{y}"' in body
    assert 'data-max-native-zoom="16"' in body


def test_coordinates_are_kept_with_the_case(client, category):  # noqa: F811
    data = form_data(category, latitude="-1.2401", longitude="116.8612")
    assert client.post(reverse("complaints:new"), data).status_code == 302
    case = Case.objects.get()
    assert (case.latitude, case.longitude) == (Decimal("-1.240100"), Decimal("116.861200"))


def test_kelurahan_without_a_point_still_files(client, category):  # noqa: F811
    data = form_data(category, latitude="", longitude="")
    assert client.post(reverse("complaints:new"), data).status_code == 302
    case = Case.objects.get()
    assert case.latitude is None and case.longitude is None
    assert case.region is not None


def test_half_a_point_is_refused_and_kept(client, category):  # noqa: F811
    data = form_data(category, latitude="-1.2401", longitude="")
    response = client.post(reverse("complaints:new"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Isi lintang dan bujur bersama-sama" in body
    assert 'value="-1.2401"' in body
    assert Case.objects.count() == 0
