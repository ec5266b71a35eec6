"""Naskah dinas: incoming and outgoing letters, agenda/letter numbering, dispositions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satupintu.letters import circles
from satupintu.org.models import OrgUnit

USER = settings.AUTH_USER_MODEL

DEFAULT_NUMBER_TEMPLATE = "{klasifikasi}/{urut}/{unit}/{tahun}"


class ClassificationCode(models.Model):
    """A row of the archive classification table (Permendagri 83/2022), loaded as data."""

    class FinalDisposition(models.TextChoices):
        DESTROY = "musnah", _("Musnah")
        PERMANENT = "permanen", _("Permanen")
        REVIEW = "dinilai_kembali", _("Dinilai kembali")

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=300)
    active_years = models.PositiveSmallIntegerField(
        _("retensi aktif (tahun)"), null=True, blank=True
    )
    inactive_years = models.PositiveSmallIntegerField(
        _("retensi inaktif (tahun)"), null=True, blank=True
    )
    final_disposition = models.CharField(
        _("keterangan akhir"), max_length=20, choices=FinalDisposition.choices, blank=True
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kode klasifikasi arsip")
        verbose_name_plural = _("kode klasifikasi arsip")

    def __str__(self):
        return f"{self.code} {self.name}"


class UnitLetterSettings(models.Model):
    """Per-unit kop surat (letterhead) and letter number template, edited in the admin."""

    org_unit = models.OneToOneField(
        OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="letter_settings"
    )
    number_code = models.CharField(
        _("kode unit pada nomor surat"),
        max_length=40,
        blank=True,
        help_text=_("Kosong: singkatan atau kode unit."),
    )
    number_template = models.CharField(
        _("templat nomor surat"),
        max_length=120,
        default=DEFAULT_NUMBER_TEMPLATE,
        help_text=_("Bagian yang tersedia: {klasifikasi} {urut} {unit} {tahun} {bulan_romawi}."),
    )
    letterhead_government = models.CharField(
        _("kop: pemerintah"), max_length=150, default="PEMERINTAH KOTA BALIKPAPAN"
    )
    letterhead_name = models.CharField(_("kop: nama unit"), max_length=200, blank=True)
    letterhead_address = models.CharField(_("kop: alamat"), max_length=300, blank=True)
    letterhead_contact = models.CharField(
        _("kop: telepon, e-mail, situs"), max_length=300, blank=True
    )
    coordinated_units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("unit yang dikoordinasikan"),
        blank=True,
        related_name="coordinated_by",
        help_text=_(
            "Untuk asisten: kepala unit ini boleh mendisposisikan surat ke unit-unit ini "
            "(dan pegawainya) walau tidak berada di bawahnya dalam struktur."
        ),
    )

    class Meta:
        verbose_name = _("pengaturan surat unit")
        verbose_name_plural = _("pengaturan surat unit (kop dan nomor)")

    def __str__(self):
        return str(self.org_unit)


class LetterSequence(models.Model):
    """The last number given in a unit for a year: agenda (incoming) or letter (outgoing)."""

    class Kind(models.TextChoices):
        INCOMING = "masuk", _("Agenda surat masuk")
        OUTGOING = "keluar", _("Nomor surat keluar")

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("urutan nomor")
        verbose_name_plural = _("urutan nomor")
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "kind"], name="letters_sequence_unique"
            )
        ]

    def __str__(self):
        return f"{self.org_unit} {self.year} {self.kind}: {self.last_number}"


class LetterType(models.TextChoices):
    """Jenis naskah dinas of an outgoing letter (Permendagri 1/2023 tata naskah dinas)."""

    OFFICIAL = "surat_dinas", _("Surat Dinas")
    INVITATION = "undangan", _("Surat Undangan")
    MEMO = "nota_dinas", _("Nota Dinas")
    CIRCULAR = "surat_edaran", _("Surat Edaran")
    ASSIGNMENT = "surat_tugas", _("Surat Tugas")
    STATEMENT = "surat_keterangan", _("Surat Keterangan")
    ANNOUNCEMENT = "pengumuman", _("Pengumuman")


class LetterTemplate(models.Model):
    """A body template for a letter type: city-wide (no unit) or for one unit and its subtree.

    Placeholders filled when the drafter picks it: {perihal} {unit} {kota} {tanggal}."""

    name = models.CharField(_("nama templat"), max_length=150)
    letter_type = models.CharField(
        _("jenis naskah"), max_length=20, choices=LetterType.choices, db_index=True
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosong: berlaku untuk semua unit."),
    )
    body = models.TextField(
        _("isi templat"),
        help_text=_("Bagian yang diisi otomatis: {perihal} {unit} {kota} {tanggal}."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["letter_type", "name"]
        verbose_name = _("templat surat")
        verbose_name_plural = _("templat surat")

    def __str__(self):
        return f"{self.get_letter_type_display()}: {self.name}"


class Letter(models.Model):
    class Direction(models.TextChoices):
        INCOMING = "masuk", _("Surat masuk")
        OUTGOING = "keluar", _("Surat keluar")

    class Sifat(models.TextChoices):
        ORDINARY = "biasa", _("Biasa")
        IMPORTANT = "penting", _("Penting")
        VERY_IMPORTANT = "sangat_penting", _("Sangat Penting")
        SECRET = "rahasia", _("Rahasia")

    class Status(models.TextChoices):
        REGISTERED = "terdaftar", _("Terdaftar")
        DRAFT = "konsep", _("Konsep")
        REVIEW = "verifikasi", _("Dalam paraf/verifikasi")
        TO_SIGN = "siap_ttd", _("Menunggu tanda tangan")
        SIGNED = "ditandatangani", _("Ditandatangani")
        SENT = "terkirim", _("Terkirim")

    direction = models.CharField(_("arah"), max_length=10, choices=Direction.choices, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="letters",
        help_text=_("Surat masuk: unit penerima. Surat keluar: unit pembuat."),
    )
    subject = models.CharField(_("perihal"), max_length=300)
    sifat = models.CharField(
        _("sifat"), max_length=20, choices=Sifat.choices, default=Sifat.ORDINARY
    )
    classification = models.ForeignKey(
        ClassificationCode,
        verbose_name=_("kode klasifikasi"),
        on_delete=models.PROTECT,
        related_name="letters",
    )
    # Incoming: who sent it (outside body, or a unit of the city for internal letters).
    sender_name = models.CharField(_("pengirim"), max_length=300, blank=True)
    sender_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit pengirim"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    external_number = models.CharField(_("nomor surat pengirim"), max_length=120, blank=True)
    external_date = models.DateField(_("tanggal surat"), null=True, blank=True)
    # Normalised copy of sender + number for the duplicate check.
    duplicate_key = models.CharField(max_length=200, blank=True, db_index=True)
    agenda_number = models.PositiveIntegerField(_("nomor agenda"), null=True, blank=True)
    agenda_year = models.PositiveSmallIntegerField(_("tahun agenda"), null=True, blank=True)
    received_at = models.DateTimeField(_("diterima"), null=True, blank=True)
    registered_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_copy = models.BooleanField(_("tembusan"), default=False)
    source_letter = models.ForeignKey(
        "self",
        verbose_name=_("surat asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    # Outgoing.
    letter_type = models.CharField(
        _("jenis naskah"), max_length=20, choices=LetterType.choices, default=LetterType.OFFICIAL
    )
    body = models.TextField(_("isi surat"), blank=True)
    external_recipients = models.TextField(
        _("penerima di luar pemerintah kota"), blank=True, help_text=_("Satu penerima per baris.")
    )
    external_copies = models.TextField(_("tembusan di luar"), blank=True)
    external_emails = models.TextField(
        _("e-mail penerima di luar"),
        blank=True,
        help_text=_(
            "Satu alamat per baris; PDF bertanda tangan dikirim lewat e-mail saat dikirim."
        ),
    )
    returned_note = models.TextField(_("catatan pengembalian terakhir"), blank=True)
    returned_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    drafted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signer = models.ForeignKey(
        USER,
        verbose_name=_("penandatangan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    letter_number = models.CharField(_("nomor surat"), max_length=120, blank=True)
    sequence_number = models.PositiveIntegerField(null=True, blank=True)
    sequence_year = models.PositiveSmallIntegerField(null=True, blank=True)
    signed_at = models.DateTimeField(_("ditandatangani"), null=True, blank=True)
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    signed_document_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Lowercased subject, sender, numbers and text extracted from PDF files: the one column
    # the archive search scans (kept by services.refresh_search_text).
    search_text = models.TextField(blank=True, editable=False)

    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("surat")
        verbose_name_plural = _("surat")
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "agenda_year", "agenda_number"],
                name="letters_agenda_unique",
                condition=models.Q(agenda_number__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["org_unit", "sequence_year", "sequence_number"],
                name="letters_number_unique",
                condition=models.Q(sequence_number__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["org_unit", "direction", "-created_at"], name="letter_unit_dir"),
            # The inbox counters (new copies, letters still to act on) read is_copy for every
            # letter of a unit: in the index they need no row of the table.
            models.Index(
                fields=["org_unit", "direction", "is_copy", "-created_at"],
                name="letter_unit_dir_copy",
            ),
            # The archive search finds a letter by its agenda number alone (any unit, year).
            models.Index(fields=["agenda_number"], name="letter_agenda_number"),
        ]

    def __str__(self):
        return self.reference or self.subject[:60]

    @property
    def reference(self) -> str:
        if self.letter_number:
            return self.letter_number
        if self.agenda_number:
            return f"Agenda {self.agenda_number}/{self.agenda_year}"
        return ""

    @property
    def is_secret(self) -> bool:
        return self.sifat == self.Sifat.SECRET

    @property
    def is_locked(self) -> bool:
        """Signed or sent outgoing letters (and every incoming letter's content) are final."""
        return self.direction == self.Direction.OUTGOING and self.status in (
            self.Status.SIGNED,
            self.Status.SENT,
        )


class LetterFile(models.Model):
    class Kind(models.TextChoices):
        SCAN = "pindaian", _("Pindaian surat")
        ATTACHMENT = "lampiran", _("Lampiran")
        SIGNED = "tte", _("PDF bertanda tangan elektronik")
        REPORT = "laporan", _("Berkas laporan tindak lanjut")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="files")
    disposition = models.ForeignKey(
        "Disposition", on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="letters/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    extracted_text = models.TextField(_("teks hasil ekstraksi"), blank=True, editable=False)
    text_extracted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("berkas surat")
        verbose_name_plural = _("berkas surat")

    def __str__(self):
        return self.original_name


class LetterRecipient(models.Model):
    """An internal addressee (or tembusan) of an outgoing letter; it arrives registered there."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="recipients")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    is_copy = models.BooleanField(_("tembusan"), default=False)
    delivered_letter = models.ForeignKey(
        Letter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["is_copy", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "org_unit"], name="letters_recipient_once")
        ]

    def __str__(self):
        return f"{self.letter_id} → {self.org_unit}"


class Review(models.Model):
    """One paraf/verifikasi step of an outgoing letter, taken in `order`."""

    class Kind(models.TextChoices):
        INITIAL = "paraf", _("Paraf")
        VERIFY = "verifikasi", _("Verifikasi")

    class Decision(models.TextChoices):
        PENDING = "menunggu", _("Menunggu")
        APPROVED = "setuju", _("Setuju")
        RETURNED = "dikembalikan", _("Dikembalikan")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="reviews")
    order = models.PositiveSmallIntegerField()
    reviewer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INITIAL)
    decision = models.CharField(max_length=12, choices=Decision.choices, default=Decision.PENDING)
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "order"], name="letters_review_order")
        ]

    def __str__(self):
        return f"{self.letter_id} #{self.order} {self.reviewer_id}"


class LetterRead(models.Model):
    """Read receipt: when a person first opened a letter."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["letter", "user"], name="letters_read_once")]

    def __str__(self):
        return f"{self.letter_id} read by {self.user_id}"


INSTRUCTIONS = [
    ("diketahui", _("Untuk diketahui")),
    ("ditindaklanjuti", _("Ditindaklanjuti")),
    ("siapkan_bahan", _("Siapkan bahan/jawaban")),
    ("hadiri", _("Hadiri/wakili")),
    ("koordinasikan", _("Koordinasikan")),
    ("pelajari", _("Teliti/pelajari")),
    ("selesaikan", _("Untuk diselesaikan")),
    ("proses", _("Proses sesuai prosedur")),
    ("agendakan", _("Agendakan")),
    ("arsip", _("File/arsip")),
    ("bicarakan", _("Bicarakan dengan saya")),
]
INSTRUCTION_LABELS = dict(INSTRUCTIONS)


class Disposition(models.Model):
    """A leader forwards a letter to one person or unit below them; dispositions form a tree."""

    class Urgency(models.TextChoices):
        ORDINARY = "biasa", _("Biasa")
        URGENT = "segera", _("Segera")
        VERY_URGENT = "sangat_segera", _("Sangat Segera")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="dispositions")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    from_user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    from_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A group of people outside the org tree (a DPRD komisi, fraksi, badan): a key only the
    # circle that registered it interprets (letters/circles.py).
    to_group = models.CharField(max_length=60, blank=True, default="", db_index=True)
    instructions = models.JSONField(_("instruksi"), default=list)
    urgency = models.CharField(
        _("sifat disposisi"), max_length=20, choices=Urgency.choices, default=Urgency.ORDINARY
    )
    due_date = models.DateField(_("batas waktu"))
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    report = models.TextField(_("laporan tindak lanjut"), blank=True)
    acted_at = models.DateTimeField(
        null=True, blank=True, help_text="First further disposition or report."
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_user__isnull=False)
                | models.Q(to_unit__isnull=False)
                | ~models.Q(to_group=""),
                name="letters_disposition_has_recipient",
            )
        ]
        indexes = [
            models.Index(fields=["to_user", "done_at"], name="disp_to_user"),
            models.Index(fields=["to_unit", "done_at"], name="disp_to_unit"),
            models.Index(fields=["from_user", "done_at"], name="disp_from_user"),
        ]

    def __str__(self):
        return f"{self.letter_id}: {self.from_user_id} → {self.recipient_label}"

    @property
    def recipient_label(self) -> str:
        if self.to_user_id:
            return str(self.to_user)
        if self.to_group:
            return circles.label(self.to_group)
        return str(self.to_unit)

    @property
    def instruction_labels(self) -> list[str]:
        return [str(INSTRUCTION_LABELS.get(code, code)) for code in self.instructions]

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None

    @property
    def state(self) -> str:
        if self.withdrawn_at:
            return "ditarik"
        if self.done_at:
            return "selesai"
        if self.read_at:
            return "dibaca"
        return "belum_dibaca"

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.withdrawn_at is None and self.done_at is None and self.due_date < today


class InboxEntry(models.Model):
    """A letter in a person's inbox, with their read state and what is left for them to act
    on. Derived data, kept in step by letters/inbox.py (the definition is
    selectors._inbox_q); the inbox page and its counters read one person's rows."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="inbox_entries")
    letter_created_at = models.DateTimeField()
    is_copy = models.BooleanField(default=False)
    is_read = models.BooleanField(default=False)
    actions = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "letter"], name="letters_inbox_entry_once")
        ]
        indexes = [
            # The page: unread first, newest first; the unread and new-copy counts.
            models.Index(
                fields=["user", "is_read", "-letter_created_at", "-letter"],
                name="inbox_user_read_new",
            ),
            # The "to act on" count and tab.
            models.Index(
                fields=["user", "actions"],
                name="inbox_user_actions",
                condition=models.Q(actions__gt=0),
            ),
        ]

    def __str__(self):
        return f"{self.letter_id} in the inbox of {self.user_id}"
