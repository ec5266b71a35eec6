"""The case engine: anything a citizen asks of the city that staff must answer in time.

Kinds (complaint, application, proposal) register their statuses and transitions in
`workflow.py`; this module only stores cases, their history and their files.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from satupintu.core.fields import EncryptedTextField


class SlaTier(models.Model):
    """A deadline class in working days (e.g. 2 / 5 / 14 / 60 hari kerja)."""

    code = models.SlugField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    working_days = models.PositiveSmallIntegerField(_("hari kerja"))
    description = models.CharField(_("keterangan"), max_length=300, blank=True)

    class Meta:
        ordering = ["working_days"]
        verbose_name = _("tingkat SLA")
        verbose_name_plural = _("tingkat SLA")

    def __str__(self):
        return f"{self.name} ({self.working_days} hari kerja)"


class Category(models.Model):
    kind = models.CharField(_("jenis kasus"), max_length=30, db_index=True)
    code = models.SlugField(_("kode"), max_length=50)
    name = models.CharField(_("nama"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    sla_tier = models.ForeignKey(
        SlaTier, verbose_name=_("tingkat SLA"), on_delete=models.PROTECT, related_name="+"
    )
    default_org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit bawaan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Dipakai bila tidak ada aturan penerusan yang cocok."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    class Meta:
        ordering = ["kind", "sort_order", "name"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="unique_category_code")
        ]

    def __str__(self):
        return self.name


class RoutingRule(models.Model):
    """category × region → org unit. The most specific region wins, then the priority."""

    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), on_delete=models.CASCADE, related_name="rules"
    )
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("wilayah"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kecamatan atau kelurahan; kosong = seluruh kota."),
    )
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("unit tujuan"), on_delete=models.CASCADE, related_name="+"
    )
    priority = models.PositiveSmallIntegerField(_("prioritas"), default=100)

    class Meta:
        ordering = ["category", "priority"]
        verbose_name = _("aturan penerusan")
        verbose_name_plural = _("aturan penerusan")

    def __str__(self):
        return f"{self.category} / {self.region or '*'} → {self.org_unit}"


class Case(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", _("Situs web")
        PHONE = "phone", _("Telepon")
        WALK_IN = "walk_in", _("Datang langsung")
        EMAIL = "email", _("E-mail")
        WHATSAPP = "whatsapp", _("WhatsApp")
        SMS = "sms", _("SMS")
        OPEN311 = "open311", _("Open311")

    kind = models.CharField(_("jenis"), max_length=30, db_index=True)
    tracking_code = models.CharField(_("kode lacak"), max_length=20, unique=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    # The private link's secret itself, encrypted with the field keys, so that every message
    # about the case can carry the link (docs/tracking.md, "The private link and PDP"). The
    # hash above still decides who holds the link; empty for cases filed before this column.
    secret_token = EncryptedTextField(blank=True, default="", editable=False)
    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), on_delete=models.PROTECT, null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=30, db_index=True)
    channel = models.CharField(_("saluran"), max_length=20, choices=Channel.choices)
    subtype = models.CharField(_("tipe"), max_length=30, blank=True)
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    # What the public sees instead of the title the citizen typed: written or approved by the
    # coordinator at verification (empty until then; see cases/public.py).
    public_summary = models.CharField(_("ringkasan publik"), max_length=200, blank=True)

    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelapor (akun)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    is_anonymous = models.BooleanField(_("anonim"), default=False)
    is_confidential = models.BooleanField(_("rahasia"), default=False)
    reporter_name = EncryptedTextField(_("nama pelapor"), blank=True, default="")
    reporter_email = EncryptedTextField(_("e-mail pelapor"), blank=True, default="")
    reporter_phone = EncryptedTextField(_("HP pelapor"), blank=True, default="")
    # Blind indexes of the contacts above (cases/contacts.py), so that a person who later
    # confirms the same e-mail or phone in an account finds the reports ("Urusan saya").
    reporter_email_index = models.CharField(
        max_length=64, blank=True, default="", db_index=True, editable=False
    )
    reporter_phone_index = models.CharField(
        max_length=64, blank=True, default="", db_index=True, editable=False
    )

    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    street = models.CharField(_("jalan / patokan"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit penanggung jawab"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_cases",
    )

    created_at = models.DateTimeField(_("masuk"), db_index=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    verify_due_date = models.DateField(_("batas verifikasi"), null=True, blank=True)
    due_date = models.DateField(_("batas waktu"), null=True, blank=True, db_index=True)
    paused_at = models.DateTimeField(_("dijeda sejak"), null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    due_soon_notified_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    rating = models.PositiveSmallIntegerField(_("nilai"), null=True, blank=True)
    rating_comment = models.TextField(_("komentar penilaian"), blank=True)
    idempotency_key = models.CharField(max_length=80, unique=True, null=True, blank=True)
    attributes = models.JSONField(_("atribut"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        indexes = [
            models.Index(fields=["org_unit", "status", "due_date"], name="case_unit_status_due"),
            models.Index(fields=["org_unit", "-created_at"], name="case_unit_created"),
            # The unit inbox (open cases of a few units, by deadline). Counted from this
            # index alone (status last, for the triage exclusion); SQLite pages with it too.
            models.Index(
                fields=["org_unit", "closed_at", "due_date", "-created_at", "status"],
                name="case_unit_open_due",
            ),
            # PostgreSQL pages with this one: open cases already in the inbox's order. Without
            # it the planner walks the due_date index through every closed case (seconds at
            # a million), since "closed_at IS NULL" does not count as equality for ordering.
            models.Index(
                fields=["due_date", "-created_at", "org_unit", "status"],
                condition=models.Q(closed_at__isnull=True),
                name="case_open_due",
            ),
            # A unit's inbox, exactly: its open cases in the inbox's order, so PostgreSQL reads
            # a page's 50 rows and stops at any table size (with case_open_due it walked the
            # open cases of every unit until it had 50 of this one's). The pager's count is an
            # index-only scan of the unit's open cases alone. See docs/cases.md.
            models.Index(
                fields=["org_unit", "due_date", "-created_at", "status"],
                condition=models.Q(closed_at__isnull=True),
                name="case_unit_open_queue",
            ),
            models.Index(fields=["kind", "status", "-created_at"], name="case_kind_status"),
            # The dashboards' daily rollup (cases.selectors.rollup_rows) reads one day of
            # filings, closings and first answers, and the cases closed after it: ranges on
            # these times. Without them each day was four scans of the whole table.
            models.Index(fields=["created_at"], name="case_created_at"),
            models.Index(fields=["closed_at"], name="case_closed_at"),
            models.Index(fields=["first_response_at"], name="case_first_response_at"),
        ]

    def __str__(self):
        return self.tracking_code

    def save(self, *args, **kwargs):
        from satupintu.cases.contacts import email_index, phone_index

        self.reporter_email_index = email_index(self.reporter_email)
        self.reporter_phone_index = phone_index(self.reporter_phone)
        fields = kwargs.get("update_fields")
        if fields is not None and {"reporter_email", "reporter_phone"} & set(fields):
            kwargs["update_fields"] = {
                *fields,
                "reporter_email_index",
                "reporter_phone_index",
            }
        super().save(*args, **kwargs)


class CaseEvent(models.Model):
    """One step in a case's history. Status changes are new rows, never updates."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("waktu"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_role = models.CharField(_("sebagai"), max_length=20)
    action = models.CharField(_("tindakan"), max_length=30)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    is_public = models.BooleanField(_("publik"), default=False)
    # What the reporter may read (the public answer, or what the reporter wrote): shown on the
    # tracking page and in notifications when the event is public.
    note = models.TextField(_("catatan"), blank=True)
    # Staff only, whatever `is_public` says: never on the tracking page, in a notification,
    # the public API or an export for the reporter (cases/services.py keeps it apart).
    internal_note = models.TextField(_("catatan internal"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("riwayat kasus")
        verbose_name_plural = _("riwayat kasus")
        indexes = [models.Index(fields=["case", "created_at"], name="caseevent_case_time")]

    def __str__(self):
        return f"{self.case} {self.action}"


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        CaseEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to="cases/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    is_public = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by_role = models.CharField(max_length=20)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self):
        return self.original_name


class CaseHolder(models.Model):
    """An account that holds a case it did not file while logged in: a report filed before
    the person had an account (linked once they confirmed its e-mail or phone), or an
    anonymous report linked through its private link. The case stays as it was filed (an
    anonymous one stays anonymous to staff); only its owner sees it in "Urusan saya"."""

    class Via(models.TextChoices):
        CONTACT = "contact", _("Kontak yang sama")
        SECRET_LINK = "secret_link", _("Tautan pribadi")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="holders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_cases"
    )
    via = models.CharField(_("ditautkan lewat"), max_length=20, choices=Via.choices)
    created_at = models.DateTimeField(_("ditautkan"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pemegang kasus")
        verbose_name_plural = _("pemegang kasus")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="unique_case_holder")]

    def __str__(self):
        return f"{self.case} / {self.user_id}"
