"""A proposal's line on the map (a road, a drain): typed as "lat,lon" lines or pasted as a
GeoJSON LineString, checked with shapely through `geo.geometry` (the projects' helper), kept
as [[lat, lon], …] on the proposal."""

import json
import math
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from satupintu.geo.geometry import GeometryError, parse

POINT = re.compile(r"^\s*(-?\d{1,3}(?:[.]\d+)?)\s*[,;]\s*(-?\d{1,3}(?:[.]\d+)?)\s*$")
MAX_POINTS = 500
EARTH_RADIUS_M = 6_371_008.8


def _from_geojson(text: str) -> list[list[float]]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ValidationError(_("Bukan GeoJSON yang sah (JSON tidak terbaca).")) from exc
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict) or value.get("type") != "LineString":
        raise ValidationError(_("GeoJSON garis harus berupa LineString."))
    coordinates = value.get("coordinates")
    if not isinstance(coordinates, list):
        raise ValidationError(_("Koordinat garis tidak lengkap atau salah bentuk."))
    points = []
    for pair in coordinates:
        if not (isinstance(pair, list) and len(pair) >= 2):
            raise ValidationError(_("Koordinat garis tidak lengkap atau salah bentuk."))
        points.append([pair[1], pair[0]])  # GeoJSON is lon, lat
    return points


def _from_lines(text: str) -> list[list[float]]:
    points = []
    for number, row in enumerate(text.splitlines(), start=1):
        if not row.strip():
            continue
        match = POINT.match(row)
        if not match:
            raise ValidationError(
                _("Baris %(n)d garis harus berbentuk lintang,bujur.") % {"n": number}
            )
        points.append([float(match.group(1)), float(match.group(2))])
    return points


def parse_line(text: str) -> list[list[float]]:
    """[[lat, lon], …] (two points or more), or [] for an empty text; ValidationError with an
    Indonesian message for anything else (one point, a point outside Indonesia, a line
    whose points all coincide, too many points)."""
    text = (text or "").strip()
    if not text:
        return []
    points = _from_geojson(text) if text.startswith("{") else _from_lines(text)
    if len(points) < 2:
        raise ValidationError(_("Garis perlu paling sedikit dua titik."))
    if len(points) > MAX_POINTS:
        raise ValidationError(_("Garis paling banyak %(n)d titik.") % {"n": MAX_POINTS})
    try:
        geometry = parse({"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]})
    except GeometryError as exc:
        raise ValidationError(exc.messages[0]) from exc
    if length_m(points) < 1:
        raise ValidationError(_("Titik-titik garis berimpit: gambar garis yang memanjang."))
    return [[lat, lon] for lon, lat in geometry.geojson["coordinates"]]


def middle(points: list) -> tuple[float, float] | None:
    """(lat, lon) of the point halfway along the line: the proposal's pin when none is set."""
    if len(points) < 2:
        return None
    geometry = parse({"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]})
    lon, lat = geometry.point
    return lat, lon


def length_m(points: list) -> float:
    """Length along the ground (haversine), for "± 350 m" beside the volume."""
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in zip(points, points[1:], strict=False):
        p1, p2 = math.radians(lat1), math.radians(lat2)
        dp, dl = p2 - p1, math.radians(lon2 - lon1)
        h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))
    return total


def as_geojson(points: list) -> str:
    """The line as GeoJSON text for the map's data attribute ("" for no line)."""
    if len(points) < 2:
        return ""
    return json.dumps({"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]})
