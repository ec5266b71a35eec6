"""Demo complaints with a point: on the city map, rounded; the confidential one never."""

import pytest

from satupintu.cases.tests.helpers import coordinator, make_category
from satupintu.complaints import demo, maplayers

pytestmark = pytest.mark.django_db


def test_demo_points_load_once_and_only_named_ones_reach_the_map(reference_data):
    for code in ("jalan-rusak", "drainase-banjir", "lampu-jalan", "sampah"):
        make_category(code)
    coordinator()
    assert demo.load() == 9
    assert demo.load() == 0
    points = list(maplayers.features())
    assert len(points) == 8
    assert all(round(p.lon, 3) == p.lon and round(p.lat, 3) == p.lat for p in points)
    assert (116.895, -1.257) in {(p.lon, p.lat) for p in points}  # Sepinggan, rounded
    assert (116.876, -1.247) not in {(p.lon, p.lat) for p in points}  # the confidential one
