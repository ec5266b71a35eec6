"""Development projects (proyek pembangunan) an OPD runs, with their progress reports."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from satupintu.geo.geometry import GeometryFields


class Project(GeometryFields):
    class Funding(models.TextChoices):
        APBD = "apbd", _("APBD Kota")
        APBD_PROVINCE = "apbd-prov", _("APBD Provinsi")
        APBN = "apbn", _("APBN")
        DAK = "dak", _("DAK")
        CSR = "csr", _("CSR")
        OTHER = "lain", _("Lainnya")

    class Status(models.TextChoices):
        PLANNED = "rencana", _("Rencana")
        RUNNING = "berjalan", _("Berjalan")
        DONE = "selesai", _("Selesai dikerjakan")
        STOPPED = "dihentikan", _("Dihentikan")

    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="projects"
    )
    slug = models.SlugField(_("kode halaman"), max_length=80, unique=True)
    name = models.CharField(_("nama proyek"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    programme = models.CharField(_("program"), max_length=200, blank=True)
    activity = models.CharField(_("kegiatan"), max_length=200, blank=True)
    budget_year = models.PositiveSmallIntegerField(_("tahun anggaran"), db_index=True)
    budget_ceiling = models.DecimalField(_("pagu (Rp)"), max_digits=15, decimal_places=0)
    realisation = models.DecimalField(
        _("realisasi (Rp)"), max_digits=15, decimal_places=0, default=0
    )
    funding_source = models.CharField(_("sumber dana"), max_length=10, choices=Funding.choices)
    contractor = models.CharField(_("penyedia / kontraktor"), max_length=200, blank=True)
    contract_value = models.DecimalField(
        _("nilai kontrak (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    start_date = models.DateField(_("tanggal mulai"), null=True, blank=True)
    finish_date = models.DateField(_("tanggal selesai"), null=True, blank=True)
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        related_name="projects",
        limit_choices_to={"level": "kelurahan"},
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("kemajuan (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    is_published = models.BooleanField(_("terbit"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The staff API's Idempotency-Key, scoped to the user: a retried create makes no twin.
    idempotency_key = models.CharField(
        max_length=120, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        ordering = ["-budget_year", "name"]
        verbose_name = _("proyek pembangunan")
        verbose_name_plural = _("proyek pembangunan")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="project_progress")
        ]
        indexes = [
            models.Index(fields=["is_published", "region"], name="project_region"),
            models.Index(fields=["west", "east"], name="project_lon"),
            models.Index(fields=["south", "north"], name="project_lat"),
        ]

    def __str__(self):
        return self.name


class ProgressUpdate(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("tanggal laporan"))
    progress = models.PositiveSmallIntegerField(
        _("kemajuan (%)"), validators=[MaxValueValidator(100)]
    )
    note = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = models.CharField(
        max_length=120, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("laporan kemajuan")
        verbose_name_plural = _("laporan kemajuan")

    def __str__(self):
        return f"{self.project} {self.reported_on}: {self.progress}%"


class ProgressPhoto(models.Model):
    """A field photo of a progress report, through the public pictures' pipeline
    (`core.images`): checked by content, stripped of metadata, kept re-encoded in `file` and
    served in a few widths (`renditions`: width → format → storage name)."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="projects/%Y/%m/")
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    alt_text = models.CharField(_("keterangan foto"), max_length=200)
    # Photos saved before the pipeline have no renditions: their pages show `file`.
    width = models.PositiveIntegerField(_("lebar"), null=True, blank=True)
    height = models.PositiveIntegerField(_("tinggi"), null=True, blank=True)
    renditions = models.JSONField(_("ukuran"), default=dict, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.alt_text

    def widths(self) -> list[int]:
        return sorted(int(width) for width in self.renditions)
