"""The service catalogue: each service an OPD offers, with its published standar pelayanan.

A service's form is a JSON Schema with UI hints, kept in numbered versions: a published version
never changes (applications keep the version they were made with); editing makes a new draft.
Workflow steps and the result template are data too, so an OPD admin changes them in the admin.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeEvent(models.Model):
    """A moment in a citizen's life that services are grouped by (kelahiran, pindah, usaha…)."""

    slug = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=80)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("peristiwa hidup")
        verbose_name_plural = _("peristiwa hidup")

    def __str__(self):
        return self.name


class Service(models.Model):
    """A service (layanan) and the six public components of its standar pelayanan."""

    class Delivery(models.TextChoices):
        ONLINE = "daring", _("Daring (online)")
        IN_PERSON = "luring", _("Datang langsung")
        BOTH = "keduanya", _("Daring dan datang langsung")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("nama layanan"), max_length=150)
    # Other names citizens search with ("akte", "KK", "SKTM"), comma separated.
    synonyms = models.CharField(_("nama lain / kata kunci"), max_length=300, blank=True)
    summary = models.CharField(_("ringkasan"), max_length=300)
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    life_events = models.ManyToManyField(
        LifeEvent, verbose_name=_("peristiwa hidup"), related_name="services", blank=True
    )
    delivery = models.CharField(
        _("cara layanan"), max_length=10, choices=Delivery.choices, default=Delivery.BOTH
    )
    # Standar pelayanan, public components (1-6). Requirements (1) are `Requirement` rows;
    # `requirements_note` carries what does not fit a document row.
    requirements_note = models.TextField(_("catatan persyaratan"), blank=True)
    procedure = models.TextField(_("sistem, mekanisme dan prosedur"))
    processing_days = models.PositiveSmallIntegerField(
        _("jangka waktu (hari kerja)"), validators=[MinValueValidator(1)]
    )
    fee_amount = models.PositiveIntegerField(_("biaya (Rp)"), default=0)
    fee_note = models.CharField(_("keterangan biaya/tarif"), max_length=300, blank=True)
    product = models.CharField(_("produk pelayanan"), max_length=300)
    complaint_handling = models.TextField(_("penanganan pengaduan, saran dan masukan"))
    # Internal components (7-10), kept for the OPD and the SPBE evaluation.
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    facilities = models.TextField(_("sarana dan prasarana"), blank=True)
    staff_competence = models.TextField(_("kompetensi pelaksana"), blank=True)
    internal_supervision = models.TextField(_("pengawasan internal"), blank=True)
    # Result document: how it is numbered and how long it is valid.
    issues_document = models.BooleanField(_("menerbitkan dokumen hasil"), default=True)
    number_format = models.CharField(
        _("format nomor dokumen"),
        max_length=120,
        default="{seq:04d}/{code}/{unit}/{roman_month}/{year}",
        help_text=_(
            "Placeholder: {seq} (nomor urut, wajib), {code}, {unit}, {month}, {roman_month}, "
            "{year}. Angka boleh diberi nol di depan: {seq:04d}."
        ),
    )
    number_code = models.CharField(_("kode nomor"), max_length=30, blank=True)
    validity_days = models.PositiveIntegerField(
        _("masa berlaku (hari)"), null=True, blank=True, help_text=_("Kosong: tanpa batas.")
    )
    is_published = models.BooleanField(_("ditampilkan"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        indexes = [models.Index(fields=["is_published", "org_unit"])]

    def __str__(self):
        return self.name

    @property
    def is_online(self) -> bool:
        return self.delivery in {self.Delivery.ONLINE, self.Delivery.BOTH}


class Requirement(models.Model):
    """One persyaratan. A document requirement takes an upload with its own type and size limit."""

    class FileKind(models.TextChoices):
        PDF = "pdf", _("PDF")
        IMAGE = "image", _("Gambar (JPEG/PNG)")
        PDF_OR_IMAGE = "pdf_image", _("PDF atau gambar")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("layanan")
    )
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    is_document = models.BooleanField(_("unggah dokumen"), default=True)
    is_required = models.BooleanField(_("wajib"), default=True)
    file_kind = models.CharField(
        _("jenis berkas"), max_length=10, choices=FileKind.choices, default=FileKind.PDF_OR_IMAGE
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("ukuran maksimum (MB)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("persyaratan")
        verbose_name_plural = _("persyaratan")
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="requirement_code_per_service")
        ]

    def __str__(self):
        return self.name


class FormSchemaVersion(models.Model):
    """A numbered version of a service's application form.

    `schema` is a JSON Schema (draft 2020-12) object whose top-level properties are the fields;
    `ui` holds hints: {"steps": [{"title": ..., "fields": [...]}], "fields": {name: {"widget":
    "textarea"|"select"|"date"|"nik"|"kk"|"phone", "help": ...}}}. Once `published_at` is set
    the row is frozen (enforced in `save`).
    """

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="form_versions", verbose_name=_("layanan")
    )
    version = models.PositiveIntegerField(_("versi"))
    schema = models.JSONField(_("JSON Schema"))
    ui = models.JSONField(_("petunjuk tampilan"), default=dict, blank=True)
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "-version"]
        verbose_name = _("versi formulir")
        verbose_name_plural = _("versi formulir")
        constraints = [
            models.UniqueConstraint(fields=["service", "version"], name="form_version_unique")
        ]

    def __str__(self):
        return f"{self.service} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values("published_at").first()
            if stored and stored["published_at"] is not None:
                raise ValidationError(
                    _("Versi formulir yang sudah diterbitkan tidak dapat diubah; buat versi baru.")
                )
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class WorkflowStep(models.Model):
    """A step of a service's workflow, in order: who acts and within how many working days."""

    class Role(models.TextChoices):
        # Same values as org.Membership.Role
        OPERATOR = "operator", _("Operator (front office)")
        COORDINATOR = "koordinator", _("Verifikator / teknis")
        HEAD = "kepala", _("Kepala")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="steps", verbose_name=_("layanan")
    )
    order = models.PositiveSmallIntegerField(_("urutan"))
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama langkah"), max_length=120)
    role = models.CharField(_("peran yang bertindak"), max_length=20, choices=Role.choices)
    working_days = models.PositiveSmallIntegerField(
        _("batas (hari kerja)"), validators=[MinValueValidator(1)]
    )
    is_public = models.BooleanField(
        _("diberitahukan ke pemohon"),
        default=True,
        help_text=_("Pemohon diberi tahu saat langkah ini dimulai."),
    )
    # The step whose completion approves the application and issues the result document.
    is_approval = models.BooleanField(_("langkah persetujuan"), default=False)

    class Meta:
        ordering = ["service", "order"]
        verbose_name = _("langkah alur kerja")
        verbose_name_plural = _("langkah alur kerja")
        constraints = [
            models.UniqueConstraint(fields=["service", "order"], name="step_order_unique"),
            models.UniqueConstraint(fields=["service", "code"], name="step_code_unique"),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"


class ResultTemplate(models.Model):
    """The HTML of the result document, with placeholders (`{nomor}`, `{isian.nama_anak}`, …)
    filled from a flat dict of pre-formatted strings (catalog.placeholders), then made a PDF.
    The body is never rendered by a template engine: `{{ … }}` and `{% … %}` print as written.
    """

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, related_name="result_template", verbose_name=_("layanan")
    )
    title = models.CharField(_("judul dokumen"), max_length=200)
    body = models.TextField(
        _("isi (HTML dengan placeholder)"),
        help_text=_("Placeholder seperti {nomor} atau {isian.nama_anak}; daftar lengkap di bawah."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("templat dokumen hasil")
        verbose_name_plural = _("templat dokumen hasil")

    def __str__(self):
        return self.title
