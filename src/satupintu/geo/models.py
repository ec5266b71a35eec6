"""Layers OPDs upload (GeoJSON, Shapefile, CSV with coordinates): one row per feature."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from satupintu.geo.geometry import GeometryFields


class MapLayer(models.Model):
    class Format(models.TextChoices):
        GEOJSON = "geojson", "GeoJSON"
        SHAPEFILE = "shp", _("Shapefile (zip)")
        CSV = "csv", _("CSV dengan lintang/bujur")

    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="map_layers"
    )
    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    title = models.CharField(_("judul"), max_length=150)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    source_format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    source_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    is_published = models.BooleanField(_("terbit"), default=True)
    feature_count = models.PositiveIntegerField(_("jumlah fitur"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("lapisan peta")
        verbose_name_plural = _("lapisan peta")

    def __str__(self):
        return self.title


class MapFeature(GeometryFields):
    layer = models.ForeignKey(MapLayer, on_delete=models.CASCADE, related_name="features")
    name = models.CharField(_("nama"), max_length=200)
    category = models.CharField(_("kategori"), max_length=100, blank=True)
    properties = models.JSONField(_("atribut"), default=dict, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["layer", "west", "east"], name="geo_feature_lon"),
            models.Index(fields=["layer", "south", "north"], name="geo_feature_lat"),
        ]

    def __str__(self):
        return self.name
