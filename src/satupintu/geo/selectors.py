"""Reads of the map: the OPDs' uploaded layers as `layers.Layer`s, staff lists."""

from django.db.models import QuerySet

from satupintu.geo.cluster import Feature
from satupintu.geo.geometry import bbox_q
from satupintu.geo.layers import Layer, registered
from satupintu.geo.models import MapFeature, MapLayer
from satupintu.org import permissions

UPLOADED_PREFIX = "opd-"


def _features_of(layer_id: int):
    def features(bbox, region=""):
        rows = (
            MapFeature.objects.filter(bbox_q(bbox), layer_id=layer_id)
            .order_by("name", "pk")
            .values_list("pk", "name", "category", "point_lon", "point_lat", "geometry")
        )
        for pk, name, category, lon, lat, geometry in rows.iterator(chunk_size=2000):
            yield Feature(
                id=f"f{pk}",
                title=name,
                url="",
                lon=lon,
                lat=lat,
                geometry=None if geometry and geometry.get("type") == "Point" else geometry,
                detail=category,
            )

    return features


def _count_of(layer_id: int):
    def count(bbox, region=""):
        return MapFeature.objects.filter(bbox_q(bbox), layer_id=layer_id).count()

    return count


def uploaded_layers() -> list[Layer]:
    """Published uploads (they have no kelurahan: the region filter leaves them whole)."""
    rows = (
        MapLayer.objects.filter(is_published=True, org_unit__is_active=True)
        .select_related("org_unit")
        .order_by("title")
    )
    return [
        Layer(
            key=UPLOADED_PREFIX + row.slug,
            title=row.title,
            description=row.description,
            owner=row.org_unit.name,
            features=_features_of(row.pk),
            count=_count_of(row.pk),
            order=500,
            symbol="square",
        )
        for row in rows
    ]


def staff_layers(user) -> QuerySet[MapLayer]:
    """The layers of the user's units (404 for any other, as everywhere)."""
    return permissions.scope_to_units(
        user, MapLayer.objects.select_related("org_unit"), "org_unit"
    ).order_by("title")


def all_layers() -> list[Layer]:
    """The domains' layers, then the OPDs' published uploads."""
    return registered() + uploaded_layers()


def layer(key: str) -> Layer | None:
    for candidate in all_layers():
        if candidate.key == key:
            return candidate
    return None


def may_manage_layers(user) -> bool:
    """Staff with a say over at least one unit (not counter officers only)."""
    return permissions.visible_units(user).exists()
