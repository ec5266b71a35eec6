"""Queues (antrean): sites, services and counters, opening hours, doctors' schedules, bookings
ahead of time and tickets taken on the day.

Capacity lives in counter rows (`SlotCounter`, `DayCounter`) that a booking or a walk-in
ticket increments with one conditional UPDATE (`... WHERE taken < capacity`): the database
refuses the place that is not there, whatever number of requests arrive at once. Status
changes are new rows (`BookingEvent`, `TicketEvent`) checked against `workflow.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.core.fields import EncryptedTextField

WEEKDAYS = [
    (0, _("Senin")),
    (1, _("Selasa")),
    (2, _("Rabu")),
    (3, _("Kamis")),
    (4, _("Jumat")),
    (5, _("Sabtu")),
    (6, _("Minggu")),
]


class Site(models.Model):
    """A place where people queue: the RSUD's outpatient building, Disdukcapil's office, the
    public service mall. Owned by one OPD (`org_unit`); its counters may belong to others."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Kantor layanan")
        HOSPITAL = "hospital", _("Rumah sakit")

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="queue_sites",
    )
    slug = models.SlugField(_("kode situs"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.OFFICE)
    announcement = models.CharField(_("teks berjalan"), max_length=300, blank=True)
    # Late-arrival rule: checked in more than N minutes after the slot began → back of the queue.
    late_after_minutes = models.PositiveSmallIntegerField(
        _("terlambat setelah (menit)"), default=15
    )
    # Priority rule: elderly, disabled and pregnant visitors are placed as if they had
    # arrived this many minutes earlier.
    priority_advance_minutes = models.PositiveSmallIntegerField(
        _("prioritas maju (menit)"), default=30
    )
    booking_days = models.PositiveSmallIntegerField(_("hari pemesanan ke depan"), default=14)
    is_active = models.BooleanField(_("aktif"), default=True)
    # Bumped on every call: the display board's ETag.
    board_version = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lokasi antrean")
        verbose_name_plural = _("lokasi antrean")

    def __str__(self):
        return self.name

    @property
    def is_hospital(self) -> bool:
        return self.kind == self.Kind.HOSPITAL


class QueueService(models.Model):
    """A service or polyclinic of a site, with its letter, slot length and daily quotas."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="services")
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    catalog_service = models.ForeignKey(
        "catalog.Service",
        verbose_name=_("layanan di katalog"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="queue_services",
    )
    name = models.CharField(_("nama"), max_length=150)
    prefix = models.CharField(_("huruf antrean"), max_length=2)
    slot_minutes = models.PositiveSmallIntegerField(_("lama slot (menit)"), default=15)
    slot_capacity = models.PositiveSmallIntegerField(_("tempat per slot"), default=3)
    online_quota = models.PositiveIntegerField(_("kuota daring per hari"), default=40)
    walkin_quota = models.PositiveIntegerField(_("kuota datang langsung per hari"), default=40)
    needs_practitioner = models.BooleanField(_("pilih dokter"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["site", "prefix"]
        verbose_name = _("layanan antrean")
        verbose_name_plural = _("layanan antrean")
        constraints = [
            models.UniqueConstraint(fields=["site", "prefix"], name="queues_service_prefix")
        ]

    def __str__(self):
        return f"{self.prefix} {self.name}"


class Counter(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="counters")
    # Whose counter it is: at the MPP, counters belong to several OPDs.
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.PositiveSmallIntegerField(_("nomor loket"))
    name = models.CharField(_("nama"), max_length=100, blank=True)
    services = models.ManyToManyField(QueueService, related_name="counters", blank=True)
    is_paused = models.BooleanField(_("dijeda"), default=False)

    class Meta:
        ordering = ["site", "number"]
        verbose_name = _("loket")
        verbose_name_plural = _("loket")
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="queues_counter_number")
        ]

    def __str__(self):
        return self.name or f"Loket {self.number}"


class OpeningHours(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=WEEKDAYS)
    opens = models.TimeField(_("buka"))
    closes = models.TimeField(_("tutup"))

    class Meta:
        ordering = ["site", "weekday", "opens"]
        verbose_name = _("jam buka")
        verbose_name_plural = _("jam buka")
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="queues_hours_weekday"),
            models.CheckConstraint(condition=Q(opens__lt=models.F("closes")), name="queues_hours"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class ClosedDay(models.Model):
    """The site's own closed days; national holidays and cuti bersama come from core."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("tanggal"))
    reason = models.CharField(_("alasan"), max_length=150, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari tutup")
        verbose_name_plural = _("hari tutup")
        constraints = [models.UniqueConstraint(fields=["site", "date"], name="queues_closed_day")]

    def __str__(self):
        return f"{self.date}"


class Practitioner(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="practitioners")
    name = models.CharField(_("nama"), max_length=150)
    # e.g. the SATUSEHAT IHS number or the SIP; shown to the SIMRS as Practitioner.identifier.
    identifier = models.CharField(_("nomor identitas tenaga kesehatan"), max_length=40, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("dokter")
        verbose_name_plural = _("dokter")

    def __str__(self):
        return self.name


class PracticeSchedule(models.Model):
    """Jadwal dokter: a doctor sees patients of a polyclinic on a weekday between two times."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="schedules"
    )
    service = models.ForeignKey(QueueService, on_delete=models.CASCADE, related_name="schedules")
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=WEEKDAYS)
    starts = models.TimeField(_("mulai"))
    ends = models.TimeField(_("selesai"))

    class Meta:
        ordering = ["service", "weekday", "starts"]
        verbose_name = _("jadwal praktik")
        verbose_name_plural = _("jadwal praktik")
        constraints = [
            models.CheckConstraint(condition=Q(starts__lt=models.F("ends")), name="queues_sched")
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"


class Leave(models.Model):
    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="leaves")
    starts = models.DateField(_("mulai"))
    ends = models.DateField(_("sampai"))
    reason = models.CharField(_("alasan"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts"]
        verbose_name = _("cuti dokter")
        verbose_name_plural = _("cuti dokter")

    def __str__(self):
        return f"{self.starts}–{self.ends}"


class DayCounter(models.Model):
    """One row per service (and doctor) and day: quotas taken and the next ticket number."""

    service = models.ForeignKey(QueueService, on_delete=models.CASCADE, related_name="+")
    practitioner_ref = models.PositiveBigIntegerField(default=0)  # 0: no doctor
    day = models.DateField()
    online_capacity = models.PositiveIntegerField()
    online_taken = models.PositiveIntegerField(default=0)
    walkin_capacity = models.PositiveIntegerField()
    walkin_taken = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "practitioner_ref", "day"], name="queues_day_counter"
            ),
            models.CheckConstraint(
                condition=Q(online_taken__lte=models.F("online_capacity")), name="queues_day_online"
            ),
            models.CheckConstraint(
                condition=Q(walkin_taken__lte=models.F("walkin_capacity")), name="queues_day_walkin"
            ),
        ]

    def __str__(self):
        return f"{self.service_id}/{self.practitioner_ref}/{self.day}"


class SlotCounter(models.Model):
    service = models.ForeignKey(QueueService, on_delete=models.CASCADE, related_name="+")
    practitioner_ref = models.PositiveBigIntegerField(default=0)
    day = models.DateField()
    starts = models.TimeField()
    capacity = models.PositiveSmallIntegerField()
    taken = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "practitioner_ref", "day", "starts"], name="queues_slot_counter"
            ),
            models.CheckConstraint(
                condition=Q(taken__lte=models.F("capacity")), name="queues_slot_taken"
            ),
        ]

    def __str__(self):
        return f"{self.service_id}/{self.practitioner_ref}/{self.day} {self.starts}"


class NumberCounter(models.Model):
    """The next ticket number of a service on a day (A-001, A-002…)."""

    service = models.ForeignKey(QueueService, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "day"], name="queues_number_counter")
        ]

    def __str__(self):
        return f"{self.service_id}/{self.day}"


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Terpesan")
        CHECKED_IN = "checked_in", _("Sudah hadir")
        DONE = "done", pgettext_lazy("queue status", "Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")
        NO_SHOW = "no_show", _("Tidak datang")

    class Payer(models.TextChoices):
        BPJS = "bpjs", _("BPJS Kesehatan")
        GENERAL = "umum", _("Umum (bayar sendiri)")

    code = models.CharField(_("kode booking"), max_length=16, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="bookings")
    service = models.ForeignKey(QueueService, on_delete=models.PROTECT, related_name="bookings")
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    day = models.DateField(_("tanggal"))
    slot_start = models.TimeField(_("jam"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="queue_bookings",
    )
    name = EncryptedTextField(_("nama"))
    phone = EncryptedTextField(_("nomor HP"), blank=True, default="")
    email = EncryptedTextField(_("e-mail"), blank=True, default="")
    nik = EncryptedTextField(_("NIK"), blank=True, default="")
    mrn = EncryptedTextField(_("nomor rekam medis"), blank=True, default="")
    # Blind index of who the person is (NIK, else record number, else phone, else account).
    identity_index = models.CharField(max_length=64)
    nik_index = models.CharField(max_length=64, blank=True, db_index=True)
    payer = models.CharField(_("penjamin"), max_length=8, choices=Payer.choices, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    # True while the booking holds its place (booked or checked in).
    holds_place = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reminder_sent = models.BooleanField(default=False)

    class Meta:
        ordering = ["day", "slot_start"]
        verbose_name = _("booking antrean")
        verbose_name_plural = _("booking antrean")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "day", "identity_index"],
                condition=Q(holds_place=True),
                name="queues_one_booking_per_person",
            )
        ]
        indexes = [models.Index(fields=["site", "day"], name="queues_booking_site_day")]

    def __str__(self):
        return self.code


class BookingEvent(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=Booking.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.status} {self.at}"


class Ticket(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Menunggu")
        CALLED = "called", _("Dipanggil")
        SERVING = "serving", _("Dilayani")
        DONE = "done", pgettext_lazy("queue status", "Selesai")
        NO_SHOW = "no_show", _("Tidak hadir")

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="tickets")
    service = models.ForeignKey(QueueService, on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField()
    number = models.PositiveIntegerField()
    label = models.CharField(_("nomor antrean"), max_length=8)
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="ticket"
    )
    walk_in = models.BooleanField(default=False)
    priority = models.BooleanField(_("prioritas"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    # Place in the queue: the lowest key is called first (rules in services/rules.py).
    queue_key = models.DateTimeField()
    absent_count = models.PositiveSmallIntegerField(default=0)
    counter = models.ForeignKey(
        Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets"
    )
    checked_in_at = models.DateTimeField()
    called_at = models.DateTimeField(null=True, blank=True)
    served_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Waiting and service time before a transfer, for the figures.
    transferred_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["queue_key", "pk"]
        verbose_name = _("tiket antrean")
        verbose_name_plural = _("tiket antrean")
        constraints = [
            models.UniqueConstraint(fields=["service", "day", "number"], name="queues_ticket_no")
        ]
        indexes = [
            models.Index(fields=["site", "day", "status"], name="queues_ticket_site_day"),
            models.Index(fields=["service", "day", "status", "queue_key"], name="queues_ticket_q"),
        ]

    def __str__(self):
        return self.label


class TicketEvent(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Ticket.Status.choices)
    counter = models.ForeignKey(
        Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["ticket", "at"], name="queues_ticket_event")]

    def __str__(self):
        return f"{self.action} {self.at}"


class FhirClient(models.Model):
    """A client system (the RSUD's SIMRS) reading and updating bookings through /fhir/R4/."""

    name = models.CharField(_("nama sistem"), max_length=100)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="fhir_clients")
    token_prefix = models.CharField(max_length=8, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    can_write = models.BooleanField(_("boleh mengubah"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("klien FHIR")
        verbose_name_plural = _("klien FHIR")

    def __str__(self):
        return self.name
