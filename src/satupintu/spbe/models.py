"""SPBE application inventory: every application the city runs, its owner, hosting, data,
integrations and its place in the plan to merge applications into Satu Pintu."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Application(models.Model):
    class Scope(models.TextChoices):
        GENERAL = "umum", _("Aplikasi umum")
        SPECIFIC = "khusus", _("Aplikasi khusus")

    class Users(models.TextChoices):
        PUBLIC = "publik", _("Publik")
        INTERNAL = "internal", _("Internal")
        BOTH = "keduanya", _("Publik dan internal")

    class Hosting(models.TextChoices):
        NATIONAL = "pdn", _("Pusat Data Nasional")
        CITY = "kota", _("Pusat data kota")
        CLOUD = "cloud", _("Cloud")

    class Classification(models.TextChoices):
        OPEN = "terbuka", _("Terbuka")
        LIMITED = "terbatas", _("Terbatas")
        SECRET = "rahasia", _("Rahasia")

    class Status(models.TextChoices):
        ACTIVE = "aktif", _("Aktif")
        PLANNED = "rencana", _("Direncanakan")
        RETIRED = "pensiun", _("Dihentikan")
        MERGED = "digabung", _("Digabung ke Satu Pintu")

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    owner = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("pemilik")
    )
    scope = models.CharField(_("jenis"), max_length=10, choices=Scope.choices)
    purpose = models.TextField(_("fungsi"), blank=True)
    users = models.CharField(_("pengguna"), max_length=10, choices=Users.choices)
    url = models.URLField(_("alamat"), blank=True)
    hosting = models.CharField(_("hosting"), max_length=10, choices=Hosting.choices)
    technology = models.CharField(_("teknologi"), max_length=150, blank=True)
    personal_data = models.BooleanField(_("memuat data pribadi"), default=False)
    classification = models.CharField(
        _("klasifikasi data"), max_length=10, choices=Classification.choices
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    merge_stage = models.PositiveSmallIntegerField(_("tahap penggabungan"), null=True, blank=True)
    contact = models.CharField(_("kontak pengelola"), max_length=150, blank=True)
    security_test_date = models.DateField(_("uji keamanan terakhir"), null=True, blank=True)
    security_test_result = models.CharField(_("hasil uji keamanan"), max_length=200, blank=True)
    is_platform_module = models.BooleanField(_("modul Satu Pintu"), default=False)
    integrations = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="integrated_by"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.code


from satupintu.spbe.evaluation_models import (  # noqa: E402 - the evaluation's models
    Aspect,
    Assignment,
    AssignmentStatus,
    Domain,
    Evaluation,
    EvaluationReport,
    Evidence,
    Framework,
    Indicator,
    StatusChange,
)

__all__ = [
    "Application",
    "Aspect",
    "Assignment",
    "AssignmentStatus",
    "Domain",
    "Evaluation",
    "EvaluationReport",
    "Evidence",
    "Framework",
    "Indicator",
    "StatusChange",
]
