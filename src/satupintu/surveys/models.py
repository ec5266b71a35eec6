"""Survei Kepuasan Masyarakat: invitations sent when a case or application is finished,
the responses (the nine elements, respondent data, a suggestion), and the signed reports."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from satupintu.surveys.elements import ELEMENTS


class Source(models.TextChoices):
    CASE = "case", _("Pengaduan")
    APPLICATION = "application", _("Permohonan layanan")
    QUEUE = "queue", _("Kunjungan antrean")


class Invitation(models.Model):
    """One finished business (a closed case or application): at most one response. The
    link carries a signed token naming this row; counting these gives the population served
    in a period."""

    source = models.CharField(max_length=12, choices=Source.choices)
    source_ref = models.CharField(max_length=40)
    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    service_label = models.CharField(_("layanan"), max_length=200)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_ref"], name="survey_invite_once")
        ]

    def __str__(self):
        return f"{self.source}:{self.source_ref}"


def _answer_field(element):
    return models.PositiveSmallIntegerField(
        element.code.upper(), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


class Response(models.Model):
    class Channel(models.TextChoices):
        LINK = "link", _("Tautan undangan")
        KIOSK = "kiosk", _("Kios di lokasi")

    class Sex(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    class AgeGroup(models.TextChoices):
        UNDER_20 = "<20", _("Di bawah 20 tahun")
        A20 = "20-29", _("20–29 tahun")
        A30 = "30-39", _("30–39 tahun")
        A40 = "40-49", _("40–49 tahun")
        A50 = "50-59", _("50–59 tahun")
        A60 = "60+", _("60 tahun ke atas")

    class Education(models.TextChoices):
        SD = "sd", _("SD ke bawah")
        SMP = "smp", _("SMP")
        SMA = "sma", _("SMA/SMK")
        D3 = "d3", _("D1–D3")
        S1 = "s1", _("D4/S1")
        S2 = "s2", _("S2 ke atas")

    class Occupation(models.TextChoices):
        PNS = "pns", _("PNS/ASN")
        TNI = "tni", _("TNI/Polri")
        PRIVATE = "swasta", _("Pegawai swasta")
        BUSINESS = "wirausaha", _("Wirausaha")
        STUDENT = "pelajar", _("Pelajar/mahasiswa")
        OTHER = "lainnya", _("Lainnya")

    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    service_label = models.CharField(_("layanan"), max_length=200)
    source = models.CharField(max_length=12, choices=Source.choices)
    source_ref = models.CharField(max_length=40)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    age_group = models.CharField(_("usia"), max_length=6, choices=AgeGroup.choices)
    education = models.CharField(_("pendidikan"), max_length=10, choices=Education.choices)
    occupation = models.CharField(_("pekerjaan"), max_length=10, choices=Occupation.choices)
    suggestion = models.TextField(_("saran"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_ref"], name="survey_answer_once")
        ]
        indexes = [models.Index(fields=["org_unit", "submitted_at"])]

    def __str__(self):
        return f"#{self.pk}"

    def answers(self) -> dict[str, int]:
        return {e.code: getattr(self, e.code) for e in ELEMENTS}


for _element in ELEMENTS:
    Response.add_to_class(_element.code, _answer_field(_element))


class Report(models.Model):
    """A published, signed IKM report of one unit for one year."""

    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    document = models.OneToOneField(
        "documents.IssuedDocument", on_delete=models.PROTECT, related_name="+"
    )
    respondents = models.PositiveIntegerField()
    ikm = models.DecimalField(max_digits=5, decimal_places=2)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-year", "-created_at"]

    def __str__(self):
        return f"IKM {self.year} #{self.pk}"
