"""The council as data: a term (periode), its bodies (pimpinan, komisi, badan, fraksi), its
members and their positions. Members are no staff of any org unit: a member's account never
holds a `Membership`, so it never sees SETWAN's (or anyone's) staff inbox."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from satupintu.core.fields import EncryptedTextField


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


class SubmissionWindow(models.Model):
    """When E-Pokir proposals for a planning year are taken: it closes before Musrenbang RKPD.
    A proposal made after a window closes goes to the next open window's year."""

    planning_year = models.PositiveSmallIntegerField(_("tahun perencanaan"), unique=True)
    opens_on = models.DateField(_("dibuka"))
    closes_on = models.DateField(_("ditutup"))

    class Meta:
        ordering = ["planning_year"]
        verbose_name = _("masa pengajuan pokir")
        verbose_name_plural = _("masa pengajuan pokir")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="dprd_window_closes_after_opening",
            )
        ]

    def __str__(self):
        return str(self.planning_year)


class Proposal(models.Model):
    """What an E-Pokir case carries beyond the case itself: what SIPD asks for."""

    class Source(models.TextChoices):
        CITIZEN = "warga", _("Warga")
        NEIGHBOURHOOD = "rt", _("RT / kelurahan")
        RECESS = "reses", _("Reses anggota DPRD")

    class WorkType(models.TextChoices):
        PHYSICAL = "fisik", _("Fisik")
        NON_PHYSICAL = "nonfisik", _("Non-fisik")

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="proposal")
    district = models.ForeignKey(
        "org.ElectoralDistrict",
        verbose_name=_("dapil"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    planning_year = models.PositiveSmallIntegerField(_("tahun perencanaan"), db_index=True)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    work_type = models.CharField(_("jenis kegiatan"), max_length=10, choices=WorkType.choices)
    affair = models.CharField(_("urusan / bidang"), max_length=150)
    proposed_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("OPD yang diusulkan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    boundaries = models.CharField(_("batas lokasi"), max_length=300)
    volume = models.DecimalField(_("volume"), max_digits=12, decimal_places=2)
    volume_unit = models.CharField(_("satuan"), max_length=30)
    estimated_cost = models.DecimalField(
        _("perkiraan biaya (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    beneficiaries = models.CharField(_("penerima manfaat"), max_length=200, blank=True)
    # A line on the map (a road, a drain): [[lat, lng], …]; empty for a point.
    line = models.JSONField(_("garis"), default=list, blank=True)
    support_count = models.PositiveIntegerField(_("dukungan"), default=0)
    adopted_by = models.ForeignKey(
        Member,
        verbose_name=_("diadopsi oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_proposals",
    )

    class Meta:
        ordering = ["-support_count", "-id"]
        verbose_name = _("usulan pokir")
        verbose_name_plural = _("usulan pokir")
        indexes = [
            models.Index(
                fields=["district", "planning_year", "-support_count"], name="dprd_proposal_rank"
            ),
            # The public dapil page's order (selectors.public_proposals): a page of 25 is read
            # straight off this index instead of sorting every proposal of the dapil.
            models.Index(
                fields=["district", "-planning_year", "-support_count", "-id"],
                name="dprd_proposal_dapil_page",
            ),
        ]

    def __str__(self):
        return self.case.tracking_code


class Support(models.Model):
    """One verified account's "dukung" on a proposal: once per account (a unique row, so two
    clicks at the same moment still count once). Who supported is never public."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dukungan")
        verbose_name_plural = _("dukungan")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="dprd_one_support_per_user")
        ]

    def __str__(self):
        return f"{self.proposal_id}:{self.user_id}"


class Aspiration(models.Model):
    """Whom an aspiration case (kind "aspirasi_dprd") is addressed to, and its hearing.

    The citizen chooses the whole council, a komisi, or the members of their dapil (found from
    the kelurahan); SETWAN may change it when it verifies and forwards."""

    class Target(models.TextChoices):
        COUNCIL = "dprd", _("Seluruh DPRD")
        COMMISSION = "komisi", _("Komisi")
        DISTRICT = "dapil", _("Anggota DPRD dapil saya")

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="aspiration")
    target = models.CharField(_("tujuan"), max_length=10, choices=Target.choices)
    commission = models.ForeignKey(
        Body,
        verbose_name=_("komisi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aspirations",
        limit_choices_to={"kind": Body.Kind.COMMISSION},
    )
    # The dapil of the citizen's kelurahan (kept for every target: the secretariat's figures).
    district = models.ForeignKey(
        "org.ElectoralDistrict",
        verbose_name=_("dapil"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aspirations",
    )
    # The hearing (RDP) in e-Risalah; its published minutes show on the tracking page.
    meeting = models.ForeignKey(
        "minutes.Meeting",
        verbose_name=_("rapat dengar pendapat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aspirations",
    )

    class Meta:
        verbose_name = _("aspirasi DPRD")
        verbose_name_plural = _("aspirasi DPRD")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(target="komisi") | models.Q(commission__isnull=False),
                name="dprd_aspiration_commission_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(target="dapil") | models.Q(district__isnull=False),
                name="dprd_aspiration_district_target",
            ),
        ]

    def __str__(self):
        return self.case.tracking_code

    def addressee_label(self) -> str:
        if self.target == self.Target.COMMISSION and self.commission_id:
            return self.commission.name
        if self.target == self.Target.DISTRICT and self.district_id:
            return str(_("Anggota DPRD %(dapil)s") % {"dapil": self.district.name})
        return str(_("Seluruh DPRD"))


# E-Reses: what members hear in their dapil during the recess of each masa sidang.


class SittingPeriod(models.Model):
    """A masa sidang of a term's year (three a year): its dates are data, set by SETWAN."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="sitting_periods")
    year = models.PositiveSmallIntegerField(_("tahun"))
    number = models.PositiveSmallIntegerField(_("masa sidang ke-"))
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("masa sidang")
        verbose_name_plural = _("masa sidang")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "year", "number"], name="dprd_one_sitting_period_number"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="dprd_sitting_period_ends_after_start",
            ),
        ]

    def __str__(self):
        return str(
            _("Masa sidang %(number)s tahun %(year)s") % {"number": self.number, "year": self.year}
        )


class Recess(models.Model):
    """One reses meeting of a member: scheduled by SETWAN, held, then reported."""

    class Status(models.TextChoices):
        SCHEDULED = "dijadwalkan", _("Dijadwalkan")
        HELD = "dilaksanakan", _("Dilaksanakan")
        REPORTED = "dilaporkan", _("Dilaporkan")
        CANCELLED = "dibatalkan", _("Dibatalkan")

    member = models.ForeignKey(
        Member, verbose_name=_("anggota DPRD"), on_delete=models.PROTECT, related_name="recesses"
    )
    period = models.ForeignKey(
        SittingPeriod,
        verbose_name=_("masa sidang"),
        on_delete=models.PROTECT,
        related_name="recesses",
    )
    kelurahan = models.ForeignKey(
        "org.Region", verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("tempat"), max_length=200)
    held_on = models.DateField(_("tanggal"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    attendance = models.PositiveIntegerField(_("jumlah hadir"), null=True, blank=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    cancel_reason = models.CharField(_("alasan pembatalan"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("reses")
        verbose_name_plural = _("reses")
        indexes = [models.Index(fields=["member", "period"], name="dprd_recess_member_period")]

    def __str__(self):
        return f"{self.member} — {self.held_on}"


class RecessStatusChange(models.Model):
    """Each status change of a reses, a new row checked against `reses_services.TRANSITIONS`."""

    recess = models.ForeignKey(Recess, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    note = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("perubahan status reses")
        verbose_name_plural = _("perubahan status reses")

    def __str__(self):
        return f"{self.recess_id}: {self.from_status} → {self.to_status}"

    def to_label(self) -> str:
        return Recess.Status(self.to_status).label


class RecessHeard(models.Model):
    """An aspiration heard at a reses: filed as an E-Pokir proposal (source "reses") or as an
    aspiration case; a proposal that lacks what SIPD needs stays here as a draft."""

    class Outcome(models.TextChoices):
        PROPOSAL = "usulan", _("Usulan pokir")
        ASPIRATION = "aspirasi", _("Aspirasi")

    recess = models.ForeignKey(Recess, on_delete=models.CASCADE, related_name="heard")
    idempotency_key = models.CharField(max_length=80, unique=True)
    outcome = models.CharField(_("dicatat sebagai"), max_length=10, choices=Outcome.choices)
    title = models.CharField(_("judul"), max_length=150)
    description = models.TextField(_("uraian"))
    # Who spoke: personal data, encrypted, never public (the case keeps its own copy).
    speaker_name = EncryptedTextField(_("nama warga"), blank=True)
    kelurahan = models.ForeignKey(
        "org.Region", verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    # What a proposal needs (kept for a draft until it is complete).
    work_type = models.CharField(_("jenis kegiatan"), max_length=10, blank=True)
    affair = models.CharField(_("urusan / bidang"), max_length=150, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    street = models.CharField(_("alamat (jalan / patokan)"), max_length=200, blank=True)
    boundaries = models.CharField(_("batas lokasi"), max_length=300, blank=True)
    volume = models.DecimalField(
        _("volume"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    volume_unit = models.CharField(_("satuan"), max_length=30, blank=True)
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recess_heard",
    )
    # Why a proposal is still a draft (the proposal service's message).
    draft_reason = models.CharField(_("belum diajukan karena"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("aspirasi reses")
        verbose_name_plural = _("aspirasi reses")

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.case_id is None


class RecessPhoto(models.Model):
    """A photo of a reses, or of the location an aspiration heard there is about; checked by
    content on upload (`core.filechecks.check_upload`)."""

    recess = models.ForeignKey(Recess, on_delete=models.CASCADE, related_name="photos")
    heard = models.ForeignKey(
        RecessHeard, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    file = models.FileField(max_length=255)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("foto reses")
        verbose_name_plural = _("foto reses")

    def __str__(self):
        return self.original_name or str(self.pk)


class RecessReport(models.Model):
    """The laporan reses of a member for a masa sidang; its signed PDF is an issued document
    of the documents app (reference `reses:<id>`), verifiable at /verifikasi/."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="recess_reports")
    period = models.ForeignKey(SittingPeriod, on_delete=models.PROTECT, related_name="reports")
    generated_at = models.DateTimeField(auto_now=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-period__year", "-period__number"]
        verbose_name = _("laporan reses")
        verbose_name_plural = _("laporan reses")
        constraints = [
            models.UniqueConstraint(fields=["member", "period"], name="dprd_one_recess_report")
        ]

    def __str__(self):
        return f"{self.member} — {self.period}"


class RecessApiWrite(models.Model):
    """An E-Reses write of the staff API made under an `Idempotency-Key` (the client's key
    scoped to the user and the action, hashed): created in the write's own transaction, so a
    retry with the same key answers with what the first request made and does nothing again."""

    class Action(models.TextChoices):
        SCHEDULE = "schedule", _("jadwalkan")
        HELD = "held", _("catat pelaksanaan")
        CANCEL = "cancel", _("batalkan")
        COMPLETE = "complete", _("lengkapi usulan")
        REPORT = "report", _("laporan reses")

    key = models.CharField(max_length=80, unique=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    recess = models.ForeignKey(
        Recess, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    heard = models.ForeignKey(
        RecessHeard, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    report = models.ForeignKey(
        RecessReport, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penulisan API reses")
        verbose_name_plural = _("penulisan API reses")

    def __str__(self):
        return f"{self.action}: {self.key[:12]}"


class CouncilLetter(models.Model):
    """A letter of the e-office that is council correspondence: an incoming letter SETWAN's
    agenda officer registered for the DPRD (the Pimpinan DPRD disposes it to komisi, fraksi,
    badan and members), or an outgoing letter drafted for the council under SETWAN's
    letterhead and number template. The letter itself lives in `letters`, in SETWAN's unit;
    this row only marks it (docs/dprd.md, "Council correspondence")."""

    letter = models.OneToOneField(
        "letters.Letter", on_delete=models.CASCADE, related_name="council", verbose_name=_("surat")
    )
    term = models.ForeignKey(
        Term, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="letters"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("surat DPRD")
        verbose_name_plural = _("surat DPRD")

    def __str__(self):
        return str(self.letter)
