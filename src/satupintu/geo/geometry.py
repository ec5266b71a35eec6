"""One geometry per thing: GeoJSON validated with shapely, stored portable.

A geometry is kept as its GeoJSON text (a JSON column, the same on SQLite and PostgreSQL)
plus its bounding box and one representative point in plain float columns, so a bounding-box
filter is four indexed comparisons on any database and clustering needs no geometry parsing.
"""

import json
import math
from dataclasses import dataclass

import shapely
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import mapping, shape

from satupintu.core.formfields import LATITUDE_RANGE, LONGITUDE_RANGE

KINDS = {
    "Point": "point",
    "MultiPoint": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "Polygon": "area",
    "MultiPolygon": "area",
}
MAX_VERTICES = 20_000
DECIMALS = 6  # about 10 cm


class GeometryError(ValidationError):
    pass


@dataclass(frozen=True)
class Geometry:
    geojson: dict
    kind: str  # point, line, area
    bbox: tuple[float, float, float, float]  # west, south, east, north
    point: tuple[float, float]  # lon, lat: on the geometry (a pin, a cluster member)

    @classmethod
    def from_point(cls, lon: float, lat: float) -> "Geometry":
        return parse({"type": "Point", "coordinates": [float(lon), float(lat)]})


def _round(coordinates):
    if (
        isinstance(coordinates, (list, tuple))
        and coordinates
        and isinstance(coordinates[0], (int, float))
    ):
        return [round(float(c), DECIMALS) for c in coordinates[:2]]
    return [_round(c) for c in coordinates]


def parse(value) -> Geometry:
    """A GeoJSON geometry (dict or text; a Feature gives its geometry) → `Geometry`, or
    `GeometryError` with a message in Indonesian."""
    if isinstance(value, (str, bytes)):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError) as exc:
            raise GeometryError(_("Bukan GeoJSON yang sah (JSON tidak terbaca).")) from exc
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict) or value.get("type") not in KINDS:
        raise GeometryError(
            _("Geometri harus berupa Point, LineString atau Polygon (atau Multi-nya).")
        )
    try:
        geometry = shape(value)
    except Exception as exc:  # noqa: BLE001 - shapely reports malformed coordinates many ways
        raise GeometryError(_("Koordinat geometri tidak lengkap atau salah bentuk.")) from exc
    if geometry.is_empty:
        raise GeometryError(_("Geometri kosong."))
    if shapely.get_num_coordinates(geometry) > MAX_VERTICES:
        raise GeometryError(_("Geometri terlalu rinci (lebih dari 20.000 titik)."))
    west, south, east, north = geometry.bounds
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise GeometryError(_("Koordinat geometri tidak sah."))
    if not (
        LONGITUDE_RANGE[0] <= west <= east <= LONGITUDE_RANGE[1]
        and LATITUDE_RANGE[0] <= south <= north <= LATITUDE_RANGE[1]
    ):
        raise GeometryError(
            _(
                "Koordinat di luar wilayah Indonesia. GeoJSON memakai urutan bujur, lintang "
                "(mis. [116.85, -1.24])."
            )
        )
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        if "Self-intersection" in reason or "Ring Self-intersection" in reason:
            raise GeometryError(_("Poligon memotong dirinya sendiri."))
        raise GeometryError(_("Geometri tidak sah: %(reason)s") % {"reason": reason})
    kind = KINDS[geometry.geom_type]
    point = geometry if kind == "point" and geometry.geom_type == "Point" else None
    if point is None:
        point = geometry.representative_point() if kind != "line" else _line_middle(geometry)
    rounded = {"type": geometry.geom_type, "coordinates": _round(mapping(geometry)["coordinates"])}
    return Geometry(
        geojson=rounded,
        kind=kind,
        bbox=(west, south, east, north),
        point=(round(point.x, DECIMALS), round(point.y, DECIMALS)),
    )


def _line_middle(geometry):
    return geometry.interpolate(0.5, normalized=True)


def simplified(geojson: dict, tolerance: float) -> dict:
    """The geometry with vertices closer than `tolerance` degrees dropped (topology kept)."""
    if geojson.get("type") in ("Point", "MultiPoint") or tolerance <= 0:
        return geojson
    geometry = shape(geojson).simplify(tolerance, preserve_topology=True)
    return {"type": geometry.geom_type, "coordinates": _round(mapping(geometry)["coordinates"])}


# --- Storage ---------------------------------------------------------------------------------


class GeometryFields(models.Model):
    """The columns of a thing with one geometry (abstract): see the module's docstring."""

    geometry = models.JSONField(gettext_lazy("geometri (GeoJSON)"), null=True, blank=True)
    geometry_kind = models.CharField(gettext_lazy("bentuk"), max_length=5, blank=True)
    west = models.FloatField(null=True, blank=True, editable=False)
    south = models.FloatField(null=True, blank=True, editable=False)
    east = models.FloatField(null=True, blank=True, editable=False)
    north = models.FloatField(null=True, blank=True, editable=False)
    point_lon = models.FloatField(null=True, blank=True, editable=False)
    point_lat = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def set_geometry(self, geometry: Geometry | None) -> None:
        if geometry is None:
            self.geometry = None
            self.geometry_kind = ""
            self.west = self.south = self.east = self.north = None
            self.point_lon = self.point_lat = None
            return
        self.geometry = geometry.geojson
        self.geometry_kind = geometry.kind
        self.west, self.south, self.east, self.north = geometry.bbox
        self.point_lon, self.point_lat = geometry.point


GEOMETRY_FIELDS = ["geometry", "geometry_kind", "west", "south", "east", "north"] + [
    "point_lon",
    "point_lat",
]


def bbox_q(bbox: tuple[float, float, float, float] | None, prefix: str = "") -> Q:
    """Rows whose bounding box meets `bbox` (west, south, east, north); all rows for None."""
    if bbox is None:
        return Q()
    west, south, east, north = bbox
    return Q(
        **{
            f"{prefix}west__lte": east,
            f"{prefix}east__gte": west,
            f"{prefix}south__lte": north,
            f"{prefix}north__gte": south,
        }
    )


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """`west,south,east,north` in degrees → tuple; None when absent; GeometryError when bad."""
    if not text:
        return None
    parts = text.split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise GeometryError(_("bbox harus berupa empat angka: barat,selatan,timur,utara."))
    west, south, east, north = values
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise GeometryError(_("bbox tidak sah: barat ≤ timur dan selatan ≤ utara."))
    return values
