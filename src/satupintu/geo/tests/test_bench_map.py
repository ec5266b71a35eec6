"""The bench's city map (issue #12: the data of a city-wide view with 10 000 points): the
facilities layer geo/bench.py seeds is a public layer of the map, and bench/weight.py weighs
exactly the requests the map page makes: one per default layer, the whole city, its zoom."""

import gzip
import json
import urllib.request

import pytest

from bench import weight
from bench.pages import MAP_CITY_BBOX
from satupintu.geo.bench import BENCH_SLUG, make_bench_facilities
from satupintu.geo.models import MapFeature, MapLayer
from satupintu.projects.bench import make_bench_projects

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reference_data_live(transactional_db):
    from satupintu.org.services import import_reference_data
    from satupintu.testing.factories import REFERENCE_DATA_DIR

    return import_reference_data(REFERENCE_DATA_DIR)


def points_in(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - the live server
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
    features = json.loads(body)["features"]
    return sum(feature["properties"].get("count", 1) for feature in features)


def test_seeded_points_are_what_the_city_wide_map_fetches(reference_data_live, live_server):
    assert make_bench_projects(40) == 40
    assert make_bench_facilities(60) == 60
    assert make_bench_facilities(60) == 0  # idempotent: fills up, never twice
    layer = MapLayer.objects.get(slug=BENCH_SLUG)
    assert layer.is_published and layer.feature_count == 60
    assert MapFeature.objects.filter(layer=layer).count() == 60

    measured = weight.measure_map_data(live_server.url, "/peta/", MAP_CITY_BBOX)
    assert measured.status == 200
    requested = sorted(measured.assets)
    assert any(path.startswith("/peta/lapisan/proyek.geojson?bbox=") for path in requested)
    facilities = [p for p in requested if p.startswith(f"/peta/lapisan/opd-{BENCH_SLUG}.")]
    assert len(facilities) == 1 and "&zoom=13" in facilities[0]
    assert measured.total_bytes == sum(measured.assets.values()) > 0
    # Every seeded point is in the city-wide view (as points or counted in clusters).
    total = sum(points_in(live_server.url + path) for path in requested)
    assert total == 100
