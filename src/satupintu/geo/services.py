"""Writes of the map: an OPD's layer file imported whole or not at all."""

from django.db import transaction
from django.utils.text import slugify

from satupintu.core import audit
from satupintu.geo import importers
from satupintu.geo.models import MapFeature, MapLayer

BATCH = 1000


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def _unique_slug(title: str) -> str:
    base = slugify(title)[:50] or "lapisan"
    slug, n = base, 2
    while MapLayer.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def import_layer(
    *,
    actor,
    org_unit,
    title: str,
    source_format: str,
    data: bytes,
    filename: str = "",
    description: str = "",
    layer: MapLayer | None = None,
) -> MapLayer:
    """A new layer of `org_unit` (or `layer`'s features replaced) from a file; raises
    `ImportRefused` with every error found, having saved nothing."""
    parsed = importers.read(source_format, data)
    if parsed.errors:
        raise ImportRefused(parsed.errors)
    with transaction.atomic():
        if layer is None:
            layer = MapLayer.objects.create(
                org_unit=org_unit,
                slug=_unique_slug(title),
                title=title,
                description=description,
                source_format=source_format,
            )
        else:
            layer.features.all().delete()
        rows = []
        for item in parsed.features:
            feature = MapFeature(
                layer=layer, name=item.name, category=item.category, properties=item.properties
            )
            feature.set_geometry(item.geometry)
            rows.append(feature)
        MapFeature.objects.bulk_create(rows, batch_size=BATCH)
        layer.source_format = source_format
        layer.source_name = filename[:200]
        layer.feature_count = len(rows)
        layer.save()
        audit.record(
            "geo.layer_import",
            actor=actor,
            obj=layer,
            data={"features": len(rows), "format": source_format},
        )
    return layer


def set_published(*, actor, layer: MapLayer, published: bool) -> None:
    with transaction.atomic():
        layer.is_published = published
        layer.save(update_fields=["is_published", "updated_at"])
        audit.record("geo.layer_publish", actor=actor, obj=layer, data={"published": published})
