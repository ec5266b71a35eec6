"""e-Risalah: meetings, their agenda, attendance, minutes per agenda item and follow-ups.

The minutes of a meeting are the discussion and decisions written on each agenda item; the
meeting's `status` is the status of those minutes (draft → review → approved → published).
Every write goes through `services`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.core.validators import no_markup

MINUTES_CLASSIFICATION = "000.1.5"  # Permendagri 83/2022: Notula/Risalah rapat


class Meeting(models.Model):
    class Kind(models.TextChoices):
        PLENARY = "paripurna", _("Rapat paripurna")
        WORKING = "kerja", _("Rapat kerja")
        COORDINATION = "koordinasi", _("Rapat koordinasi")
        INTERNAL = "internal", _("Rapat internal")
        HEARING = "dengar-pendapat", _("Rapat dengar pendapat")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIEW = "review", _("Menunggu persetujuan pimpinan")
        APPROVED = "approved", _("Disetujui pimpinan")
        PUBLISHED = "published", pgettext_lazy("minutes status", "Terbit")

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit penyelenggara"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(_("jenis rapat"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=250, validators=[no_markup])
    starts_at = models.DateTimeField(_("mulai"), db_index=True)
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=250, validators=[no_markup])
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pimpinan rapat"),
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("notulis"),
        on_delete=models.PROTECT,
        related_name="noted_meetings",
    )
    invited_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undangan (pegawai)"),
        related_name="meeting_invitations",
        blank=True,
    )
    invited_units = models.ManyToManyField(
        "org.OrgUnit",
        verbose_name=_("undangan (unit)"),
        related_name="meeting_invitations",
        blank=True,
    )
    is_public = models.BooleanField(
        _("rapat terbuka"),
        default=False,
        help_text=_("Risalah rapat terbuka yang telah terbit tampil di halaman publik."),
    )
    classification_code = models.CharField(
        _("kode klasifikasi"), max_length=30, default=MINUTES_CLASSIFICATION
    )
    summary = models.TextField(_("kesimpulan umum"), blank=True, validators=[no_markup])
    # Quorum: the members of the body that meets (a komisi's seats). The people invited by
    # name and the chair are its members; present ones are counted against this number.
    members_total = models.PositiveSmallIntegerField(
        _("jumlah anggota"),
        null=True,
        blank=True,
        help_text=_("Untuk kuorum: jumlah anggota alat kelengkapan atau badan yang rapat."),
    )
    status = models.CharField(
        _("status risalah"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    # Raised whenever the time or the place changes: invitations are sent once per version.
    schedule_version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    approved_at = models.DateTimeField(_("disetujui"), null=True, blank=True)
    published_at = models.DateTimeField(_("terbit"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    @property
    def reference(self) -> str:
        return f"RAPAT-{self.pk}"

    @property
    def is_locked(self) -> bool:
        """Approved or published minutes change only after the chair reopens them."""
        return self.status in (self.Status.APPROVED, self.Status.PUBLISHED)

    @property
    def is_on_public_page(self) -> bool:
        return self.is_public and self.status == self.Status.PUBLISHED


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("rapat"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    title = models.CharField(_("acara"), max_length=250, validators=[no_markup])
    presenter = models.CharField(_("penyaji"), max_length=200, blank=True, validators=[no_markup])
    discussion = models.TextField(_("pembahasan"), blank=True, validators=[no_markup])
    decisions = models.TextField(_("keputusan"), blank=True, validators=[no_markup])

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("acara rapat")
        verbose_name_plural = _("acara rapat")

    def __str__(self):
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        UNKNOWN = "unknown", _("Belum dicatat")
        PRESENT = "present", _("Hadir")
        EXCUSED = "excused", pgettext_lazy("attendance", "Izin")
        ABSENT = "absent", _("Tidak hadir")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("rapat"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
    )
    # A snapshot of how the attendee is listed in the minutes (guests have no account).
    name = models.CharField(_("nama"), max_length=150, validators=[no_markup])
    position = models.CharField(_("jabatan"), max_length=150, blank=True, validators=[no_markup])
    unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("kehadiran"), max_length=10, choices=Status.choices, default=Status.UNKNOWN
    )
    arrived_at = models.TimeField(_("jam datang"), null=True, blank=True)
    note = models.CharField(_("keterangan"), max_length=250, blank=True, validators=[no_markup])

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("daftar hadir")
        verbose_name_plural = _("daftar hadir")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="unique_attendance_per_user",
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.get_status_display()}"


class FollowUpAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        DONE = "done", pgettext_lazy("follow-up status", "Selesai")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("rapat"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("acara"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    description = models.TextField(_("tindak lanjut"), validators=[no_markup])
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penanggung jawab"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_follow_ups",
    )
    owner_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit penanggung jawab"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_follow_ups",
    )
    due_date = models.DateField(_("batas waktu"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    report = models.TextField(_("laporan tindak lanjut"), blank=True, validators=[no_markup])
    done_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    due_soon_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["status", "due_date", "pk"]
        verbose_name = _("tindak lanjut rapat")
        verbose_name_plural = _("tindak lanjut rapat")

    def __str__(self):
        return self.description[:80]

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_date < timezone.localdate()

    @property
    def done_on_time(self) -> bool | None:
        if self.done_at is None:
            return None
        return timezone.localdate(self.done_at) <= self.due_date


class DecisionLink(models.Model):
    """A decision of an agenda item answers a case of a higher app (a DPRD aspiration, an
    E-Pokir proposal), named by its tracking code. Minutes know no such app: the code is
    checked and turned into a page through `minutes.decision_refs`, where those apps register."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("acara"),
        on_delete=models.CASCADE,
        related_name="decision_links",
    )
    code = models.CharField(_("kode"), max_length=32, db_index=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["agenda_item", "code"]
        verbose_name = _("kaitan keputusan")
        verbose_name_plural = _("kaitan keputusan")
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "code"], name="minutes_one_link_per_code_and_item"
            )
        ]

    def __str__(self):
        return self.code

    @property
    def reference(self):
        """What the code names now (label and public page), or None when it is gone."""
        from satupintu.minutes import decision_refs

        return decision_refs.resolve(self.code)
