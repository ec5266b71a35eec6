"""The open-data catalogue (Satu Data Indonesia): datasets, their resources and groups.

A dataset holds one table (`DatasetTable`): uploaded by its producer OPD or generated from the
platform's own figures (`registry`). Its resources are that table written in CSV, JSON, XLSX
and, when rows carry a location, GeoJSON, saved through Django storages."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.Model):
    """A theme (CKAN group), e.g. "Pelayanan publik"."""

    slug = models.SlugField(_("nama singkat"), max_length=100, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("grup data")
        verbose_name_plural = _("grup data")

    def __str__(self):
        return self.title


class Tag(models.Model):
    name = models.CharField(_("nama"), max_length=100, unique=True)
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Dataset(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "unggahan", _("Diunggah perangkat daerah")
        GENERATED = "otomatis", _("Dihasilkan dari data platform")

    class Frequency(models.TextChoices):
        DAILY = "harian", _("Harian")
        WEEKLY = "mingguan", _("Mingguan")
        MONTHLY = "bulanan", _("Bulanan")
        QUARTERLY = "triwulanan", _("Triwulanan")
        SEMESTER = "semesteran", _("Semesteran")
        YEARLY = "tahunan", _("Tahunan")
        IRREGULAR = "tidak-tentu", _("Tidak tentu")

    class License(models.TextChoices):
        CC_BY = "cc-by", _("Creative Commons Attribution 4.0")
        CC_ZERO = "cc-zero", _("Creative Commons CCZero")
        ODC_BY = "odc-by", _("Open Data Commons Attribution License")
        OGL_ID = "other-open", _("Lisensi terbuka lain")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("nama singkat"), max_length=100, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("produsen data"),
        on_delete=models.PROTECT,
        related_name="datasets",
    )
    walidata = models.CharField(_("walidata"), max_length=200)
    frequency = models.CharField(
        _("frekuensi pemutakhiran"), max_length=20, choices=Frequency.choices
    )
    license = models.CharField(
        _("lisensi"), max_length=20, choices=License.choices, default=License.CC_BY
    )
    period_start = models.DateField(_("periode dari"), null=True, blank=True)
    period_end = models.DateField(_("periode sampai"), null=True, blank=True)
    contact_name = models.CharField(_("narahubung"), max_length=200)
    contact_email = models.EmailField(_("e-mail narahubung"))
    tags = models.ManyToManyField(Tag, verbose_name=_("kata kunci"), blank=True)
    groups = models.ManyToManyField(Group, verbose_name=_("grup"), blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.UPLOAD)
    # The registry key of a generated dataset (empty for uploads).
    generator_key = models.CharField(max_length=100, blank=True, db_index=True)
    original = models.FileField(upload_to="opendata/original/", blank=True)
    is_published = models.BooleanField(_("diterbitkan"), default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)
    data_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["is_published", "title"])]
        verbose_name = _("dataset")
        verbose_name_plural = _("dataset")

    def __str__(self):
        return self.title


class DatasetTable(models.Model):
    """The dataset's rows; kept apart so that listing datasets never loads them."""

    dataset = models.OneToOneField(
        Dataset, on_delete=models.CASCADE, primary_key=True, related_name="table"
    )
    columns = models.JSONField(default=list)  # [{"key", "title", "kind"}]
    rows = models.JSONField(default=list)
    # The first rows, for the dataset's page: a large table is never loaded to show 20 rows.
    preview = models.JSONField(default=list)

    def __str__(self):
        return f"{self.dataset_id}: {len(self.rows)}"


class Resource(models.Model):
    class Format(models.TextChoices):
        CSV = "CSV", "CSV"
        JSON = "JSON", "JSON"
        XLSX = "XLSX", "XLSX"
        GEOJSON = "GeoJSON", "GeoJSON"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    format = models.CharField(max_length=10, choices=Format.choices)
    file = models.FileField(upload_to="opendata/resources/")
    size = models.PositiveBigIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dataset", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "format"], name="one_resource_per_format")
        ]

    def __str__(self):
        return f"{self.dataset.slug} {self.format}"
