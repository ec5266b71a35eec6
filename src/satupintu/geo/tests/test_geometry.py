"""Geometry validation (shapely), bbox parsing and filtering, clustering and simplification."""

import gzip
import json
import random

import pytest

from satupintu.geo import cluster
from satupintu.geo.geometry import GeometryError, bbox_q, parse, parse_bbox, simplified


def test_point_line_and_area_are_parsed_with_bbox_and_a_point_on_them():
    point = parse({"type": "Point", "coordinates": [116.8529, -1.2379]})
    assert point.kind == "point" and point.point == (116.8529, -1.2379)
    assert point.bbox == (116.8529, -1.2379, 116.8529, -1.2379)
    line = parse('{"type": "LineString", "coordinates": [[116.80, -1.20], [116.90, -1.30]]}')
    assert line.kind == "line"
    assert line.bbox == (116.80, -1.30, 116.90, -1.20)
    assert line.point == (116.85, -1.25)  # the middle of the line, on it
    area = parse(
        {
            "type": "Feature",
            "properties": {},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[116.8, -1.2], [116.9, -1.2], [116.9, -1.3], [116.8, -1.2]]],
            },
        }
    )
    assert area.kind == "area" and area.geojson["type"] == "Polygon"
    west, south, east, north = area.bbox
    assert west <= area.point[0] <= east and south <= area.point[1] <= north


def test_coordinates_are_rounded_to_six_decimals():
    point = parse({"type": "Point", "coordinates": [116.123456789, -1.987654321]})
    assert point.geojson["coordinates"] == [116.123457, -1.987654]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{not json", "JSON tidak terbaca"),
        ({"type": "Circle", "coordinates": [1, 2]}, "Point, LineString atau Polygon"),
        ([116.8, -1.2], "Point, LineString atau Polygon"),
        ({"type": "Point", "coordinates": []}, ""),
        ({"type": "Point", "coordinates": ["a", "b"]}, "salah bentuk"),
        ({"type": "LineString", "coordinates": [[116.8, -1.2]]}, "salah bentuk"),
        # latitude and longitude swapped: far outside Indonesia
        ({"type": "Point", "coordinates": [-1.2379, 116.8529]}, "di luar wilayah Indonesia"),
        ({"type": "Point", "coordinates": [2.35, 48.85]}, "di luar wilayah Indonesia"),
        (
            # a bow tie: the ring crosses itself
            {
                "type": "Polygon",
                "coordinates": [
                    [[116.8, -1.2], [116.9, -1.3], [116.9, -1.2], [116.8, -1.3], [116.8, -1.2]]
                ],
            },
            "memotong dirinya sendiri",
        ),
    ],
)
def test_bad_geometries_are_refused_in_indonesian(value, message):
    with pytest.raises(GeometryError) as caught:
        parse(value)
    assert message in caught.value.messages[0]


def test_bbox_is_parsed_and_bad_ones_refused():
    assert parse_bbox("") is None
    assert parse_bbox("116.8,-1.3,116.9,-1.2") == (116.8, -1.3, 116.9, -1.2)
    for bad in ("1,2,3", "a,b,c,d", "116.9,-1.3,116.8,-1.2", "nan,0,1,1", "0,-100,1,1"):
        with pytest.raises(GeometryError):
            parse_bbox(bad)


def test_bbox_q_keeps_what_meets_the_box():
    q = bbox_q((1.0, 2.0, 3.0, 4.0))
    assert dict(q.children) == {
        "west__lte": 3.0,
        "east__gte": 1.0,
        "south__lte": 4.0,
        "north__gte": 2.0,
    }


def _points(n, seed=1):
    rng = random.Random(seed)
    return [
        cluster.Feature(
            id=f"p{i}",
            title=f"Titik {i}",
            url=f"/proyek/titik-{i}/",
            lon=116.78 + rng.random() * 0.25,
            lat=-1.30 + rng.random() * 0.15,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("zoom", [5, 10, 12, 13, 15, 16])
def test_clusters_keep_counts_exact(zoom):
    points = _points(2000)
    data = cluster.collection(points, layer="uji", zoom=zoom)
    assert sum(f["properties"]["count"] for f in data["features"]) == 2000
    clusters = [f for f in data["features"] if f["properties"].get("cluster")]
    singles = [f for f in data["features"] if not f["properties"].get("cluster")]
    assert all(f["properties"]["count"] > 1 for f in clusters)
    assert len({f["id"] for f in singles}) == len(singles)


def test_clusters_are_coarser_at_lower_zoom_and_gone_from_max_zoom():
    points = _points(3000)
    city = cluster.collection(points, layer="uji", zoom=11)["features"]
    street = cluster.collection(points, layer="uji", zoom=15)["features"]
    assert len(city) < len(street)
    full = cluster.collection(points, layer="uji", zoom=cluster.MAX_CLUSTER_ZOOM)["features"]
    assert len(full) == 3000


def test_city_wide_view_of_ten_thousand_points_is_small():
    points = _points(10_000, seed=7)
    data = cluster.collection(points, layer="uji", zoom=12)
    body = json.dumps(data, separators=(",", ":")).encode()
    assert sum(f["properties"]["count"] for f in data["features"]) == 10_000
    assert len(gzip.compress(body)) <= 150 * 1024


def test_lines_are_simplified_per_zoom():
    line = {
        "type": "LineString",
        "coordinates": [[116.8 + i * 0.0001, -1.2 + (i % 2) * 0.00001] for i in range(200)],
    }
    coarse = simplified(line, cluster.pixel_degrees(10))
    fine = simplified(line, cluster.pixel_degrees(19))
    assert len(coarse["coordinates"]) < len(fine["coordinates"]) <= 200
    assert coarse["coordinates"][0] == line["coordinates"][0]
