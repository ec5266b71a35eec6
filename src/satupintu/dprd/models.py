"""The council as data: a term (periode), its bodies (pimpinan, komisi, badan, fraksi), its
members and their positions. Members are no staff of any org unit: a member's account never
holds a `Membership`, so it never sees SETWAN's (or anyone's) staff inbox."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    """A periode of the council, e.g. 2024–2029."""

    name = models.CharField(_("periode"), max_length=20, unique=True)
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"))
    end_year = models.PositiveSmallIntegerField(_("tahun selesai"))

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("periode DPRD")
        verbose_name_plural = _("periode DPRD")

    def __str__(self):
        return self.name


class Body(models.Model):
    """Pimpinan DPRD, a komisi, an alat kelengkapan (Banmus, Banggar…) or a fraksi."""

    class Kind(models.TextChoices):
        LEADERSHIP = "pimpinan", _("Pimpinan DPRD")
        COMMISSION = "komisi", _("Komisi")
        BODY = "badan", _("Alat kelengkapan")
        FACTION = "fraksi", _("Fraksi")

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="bodies")
    code = models.CharField(_("kode"), max_length=30)
    name = models.CharField(_("nama"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("bidang"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["term", "kind", "order", "code"]
        verbose_name = _("alat kelengkapan")
        verbose_name_plural = _("alat kelengkapan")
        constraints = [
            models.UniqueConstraint(fields=["term", "code"], name="dprd_body_code_per_term")
        ]

    def __str__(self):
        return self.name


class Member(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="members")
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    faction = models.ForeignKey(
        Body,
        verbose_name=_("fraksi"),
        on_delete=models.PROTECT,
        related_name="faction_members",
        limit_choices_to={"kind": Body.Kind.FACTION},
    )
    district = models.ForeignKey(
        "org.ElectoralDistrict",
        verbose_name=_("dapil"),
        on_delete=models.PROTECT,
        related_name="council_members",
    )
    # The office contact published on the member's page (not a private number).
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telepon kantor"), max_length=40, blank=True)
    photo = models.CharField(_("foto"), max_length=200, blank=True, help_text=_("Berkas statis."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_member",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("anggota DPRD")
        verbose_name_plural = _("anggota DPRD")

    def __str__(self):
        return self.name


class Position(models.Model):
    class Role(models.TextChoices):
        CHAIR = "ketua", _("Ketua")
        VICE = "wakil", _("Wakil ketua")
        SECRETARY = "sekretaris", _("Sekretaris")
        MEMBER = "anggota", _("Anggota")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="positions")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="positions")
    role = models.CharField(_("jabatan"), max_length=12, choices=Role.choices)

    class Meta:
        ordering = ["body", "role", "member__name"]
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        constraints = [
            models.UniqueConstraint(fields=["member", "body"], name="dprd_one_position_per_body")
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.body}"
