"""Server-side grid clustering and per-zoom simplification of a layer's features.

At a zoom level the world is 256 · 2^zoom pixels wide; features are grouped in square cells
of `CELL_PIXELS` pixels (in degrees: 360 / 2^zoom · CELL_PIXELS / 256). A cell holding one
feature sends that feature (its geometry simplified to about one pixel); a cell holding more
sends one point with their exact count and the mean of their points. So a city-wide view of
10 000 points is a few hundred small features, whatever the layer's size, and the counts of
all features sent always add up to the features in the box.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from satupintu.geo.geometry import simplified

CELL_PIXELS = 48
# From this zoom on every feature is sent on its own (a street's worth of features).
MAX_CLUSTER_ZOOM = 17
MIN_ZOOM, MAX_ZOOM = 0, 20


@dataclass(frozen=True)
class Feature:
    id: str
    title: str
    url: str
    lon: float
    lat: float
    geometry: dict | None = None  # None: the point (lon, lat) is the geometry
    detail: str = ""


def cell_degrees(zoom: int) -> float:
    return 360.0 / (2**zoom) * CELL_PIXELS / 256


def pixel_degrees(zoom: int) -> float:
    return 360.0 / (2**zoom) / 256


def clamp_zoom(value) -> int:
    try:
        zoom = int(value)
    except (TypeError, ValueError):
        return 13
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom))


def _feature_json(feature: Feature, layer: str, tolerance: float) -> dict:
    geometry = feature.geometry or {"type": "Point", "coordinates": [feature.lon, feature.lat]}
    return {
        "type": "Feature",
        "id": feature.id,
        "geometry": simplified(geometry, tolerance),
        "properties": {
            "layer": layer,
            "title": feature.title,
            "url": feature.url,
            "detail": feature.detail,
            "count": 1,
        },
    }


def collection(features: Iterable[Feature], *, layer: str, zoom: int) -> dict:
    """A GeoJSON FeatureCollection of `features`, clustered on a grid below MAX_CLUSTER_ZOOM."""
    tolerance = pixel_degrees(zoom)
    if zoom >= MAX_CLUSTER_ZOOM:
        items = [_feature_json(f, layer, tolerance) for f in features]
        return {"type": "FeatureCollection", "features": items}
    size = cell_degrees(zoom)
    cells: dict[tuple[int, int], list] = {}
    for feature in features:
        key = (math.floor(feature.lon / size), math.floor(feature.lat / size))
        cell = cells.get(key)
        if cell is None:
            cells[key] = [feature, 1, feature.lon, feature.lat]
        else:
            cell[1] += 1
            cell[2] += feature.lon
            cell[3] += feature.lat
    items = []
    for (cx, cy), (first, count, lon_sum, lat_sum) in sorted(cells.items()):
        if count == 1:
            items.append(_feature_json(first, layer, tolerance))
            continue
        items.append(
            {
                "type": "Feature",
                "id": f"{layer}:c{zoom}:{cx}:{cy}",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(lon_sum / count, 5), round(lat_sum / count, 5)],
                },
                "properties": {"layer": layer, "cluster": True, "count": count},
            }
        )
    return {"type": "FeatureCollection", "features": items}
