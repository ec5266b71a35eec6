from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """An administrative area with its Kemendagri code (kota → kecamatan → kelurahan)."""

    class Level(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        CITY = "kota", _("Kota")
        REGENCY = "kabupaten", _("Kabupaten")
        DISTRICT = "kecamatan", _("Kecamatan")
        URBAN_VILLAGE = "kelurahan", _("Kelurahan")
        VILLAGE = "desa", _("Desa")

    code = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, db_index=True)
    name = models.CharField(_("nama"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self):
        return f"{self.get_level_display()} {self.name}"


class ElectoralDistrict(models.Model):
    """A DPRD daerah pemilihan (dapil): a group of kecamatan electing a number of seats."""

    number = models.PositiveSmallIntegerField(_("nomor dapil"), unique=True)
    name = models.CharField(_("nama"), max_length=100)
    seats = models.PositiveSmallIntegerField(_("jumlah kursi"))
    districts = models.ManyToManyField(
        Region,
        verbose_name=_("kecamatan"),
        related_name="electoral_districts",
        limit_choices_to={"level": Region.Level.DISTRICT},
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("daerah pemilihan")
        verbose_name_plural = _("daerah pemilihan")

    def __str__(self):
        return self.name


class OrgUnit(models.Model):
    """A perangkat daerah (OPD) or one of its units; the tree's root is the city government."""

    class Kind(models.TextChoices):
        GOVERNMENT = "pemda", _("Pemerintah daerah")
        SECRETARIAT = "sekretariat", _("Sekretariat")
        INSPECTORATE = "inspektorat", _("Inspektorat")
        AGENCY = "badan", _("Badan")
        OFFICE = "dinas", _("Dinas")
        DISTRICT = "kecamatan", _("Kecamatan")
        URBAN_VILLAGE = "kelurahan", _("Kelurahan")
        HOSPITAL = "rsud", _("Rumah sakit daerah")
        DIVISION = "bidang", _("Bidang / bagian")
        SECTION = "seksi", _("Seksi / subbagian")
        SERVICE_UNIT = "upt", _("Unit pelaksana teknis")

    OPD_KINDS = (
        Kind.SECRETARIAT,
        Kind.INSPECTORATE,
        Kind.AGENCY,
        Kind.OFFICE,
        Kind.DISTRICT,
        Kind.HOSPITAL,
    )

    code = models.CharField(
        _("kode"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9.\-]*$", _("Gunakan huruf besar, angka, titik atau tanda hubung.")
            )
        ],
    )
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # "/1/7/23/": ids from the root; lets a unit's whole subtree be found with one prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="org_units",
        help_text=_("Untuk kantor kecamatan dan kelurahan."),
    )
    description = models.TextField(_("tugas dan fungsi"), blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon kantor"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    office_hours = models.CharField(_("jam layanan"), max_length=200, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit organisasi")
        verbose_name_plural = _("unit organisasi (OPD)")

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        expected = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if self.path != expected:
            self.path = expected
            OrgUnit.objects.filter(pk=self.pk).update(path=expected)
            for child in self.children.all():
                child.save()

    def clean(self):
        super().clean()
        # The tree must stay a tree: a unit under itself or its own subtree makes save() loop.
        if self.pk is None or self.parent_id is None:
            return
        if self.parent_id == self.pk or (self.path and self.parent.path.startswith(self.path)):
            raise ValidationError(
                {"parent": _("Induk tidak boleh unit ini sendiri atau unit di bawahnya.")}
            )

    @property
    def is_opd(self) -> bool:
        return self.kind in self.OPD_KINDS


class Membership(models.Model):
    """A staff member's place in an org unit, with the role they act in there."""

    class Role(models.TextChoices):
        OPERATOR = "operator", _("Operator")
        COORDINATOR = "koordinator", _("Koordinator / verifikator")
        HEAD = "kepala", _("Kepala")
        ADMIN = "admin", _("Admin")
        AUDITOR = "auditor", _("Auditor")
        # Front-office staff at a kelurahan office, the MPP or an OPD counter: they file
        # applications for citizens who cannot do it alone (the assisted app), nothing else.
        COUNTER = "loket", _("Petugas loket")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    title = models.CharField(_("jabatan"), max_length=150, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["org_unit__name", "role"]
        verbose_name = _("keanggotaan unit")
        verbose_name_plural = _("keanggotaan unit")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "org_unit", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} {self.org_unit}"
