"""SPBE self-evaluation: the framework (domains, aspects, indicators, weights, predicates) as
data loaded from a file, and per year the indicators assigned to OPDs, their answers
(level, justification, evidence) and the coordinator's review (status rows)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Framework(models.Model):
    """One version of an evaluation framework, loaded whole from a file."""

    code = models.SlugField(_("kode"), max_length=60)
    version = models.PositiveIntegerField(_("versi"))
    name = models.CharField(_("nama"), max_length=200)
    weights_verified = models.BooleanField(_("bobot terverifikasi"), default=False)
    note = models.TextField(_("catatan"), blank=True)
    levels = models.JSONField(_("definisi tingkat"))  # {"1": text, ... "5": text}
    predicates = models.JSONField(_("predikat"))  # [{"name": ..., "min": "4.2"}, ...] high→low
    source_sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="spbe_framework_version")
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"


class Domain(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    weight = models.DecimalField(max_digits=7, decimal_places=4)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Aspect(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="aspects")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    weight = models.DecimalField(max_digits=7, decimal_places=4)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Indicator(models.Model):
    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    weight = models.DecimalField(max_digits=7, decimal_places=4)
    criteria = models.JSONField(default=dict, blank=True)  # per-level text; empty: the general

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Evaluation(models.Model):
    """One year's self-evaluation, against one framework version."""

    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField()

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"SPBE {self.year}"


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "ditugaskan", _("Ditugaskan")
    SUBMITTED = "diajukan", _("Diajukan")
    RETURNED = "dikembalikan", _("Dikembalikan")
    ACCEPTED = "diterima", _("Diterima")


class Assignment(models.Model):
    """One indicator of one year in the hands of one OPD."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="assignments")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD")
    )
    status = models.CharField(
        max_length=15, choices=AssignmentStatus.choices, default=AssignmentStatus.ASSIGNED
    )  # the latest StatusChange's, kept here for lists
    level = models.PositiveSmallIntegerField(_("tingkat"), null=True, blank=True)
    justification = models.TextField(_("penjelasan"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "indicator"], name="spbe_one_assignment_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.evaluation.year}/{self.indicator.number}"


class StatusChange(models.Model):
    """Every status an assignment went through (checked against services.TRANSITIONS)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=15, choices=AssignmentStatus.choices)
    note = models.TextField(blank=True)
    level = models.PositiveSmallIntegerField(null=True, blank=True)  # the level at that moment
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.assignment} → {self.status}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        FILE = "berkas", _("Berkas")
        LINK = "tautan", _("Tautan")
        FIGURE = "angka", _("Angka platform")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=200)
    file = models.FileField(upload_to="spbe/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("tautan"), blank=True)
    figure = models.CharField(max_length=60, blank=True)  # a key of evidence.LIVE_FIGURES
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.title


class EvaluationReport(models.Model):
    """A signed PDF of one year's index."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="reports")
    document = models.OneToOneField(
        "documents.IssuedDocument", on_delete=models.PROTECT, related_name="+"
    )
    index = models.DecimalField(max_digits=5, decimal_places=2)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.evaluation} #{self.pk}"
