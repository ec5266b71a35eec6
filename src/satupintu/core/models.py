from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One row per write. Rows form a keyed hash chain: editing or deleting one breaks it.

    Nothing here is a foreign key, so that erasing a user (PDP) never rewrites the trail.
    Personal data never goes in `data` unmasked, and labels carry codes and ids only.
    """

    seq = models.PositiveBigIntegerField(_("nomor urut"), unique=True)
    created_at = models.DateTimeField(_("waktu"), db_index=True)
    actor_id = models.BigIntegerField(_("pelaku (id)"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("pelaku"), max_length=200, blank=True)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    object_label = models.CharField(_("objek"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    data = models.JSONField(_("rincian"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # 1: plain SHA-256 (rows written before the chain was keyed), 2: HMAC-SHA256 under the
    # audit key named by `key_id` (see core.audit).
    hash_version = models.PositiveSmallIntegerField(default=1)
    key_id = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        # Not the label: one recorded before labels carried codes only may hold a secret.
        return f"#{self.seq} {self.action} {self.object_type} {self.object_id}".strip()


class PeriodicTaskRun(models.Model):
    """When a periodic task was last enqueued (see `core.periodic`)."""

    name = models.CharField(max_length=200, unique=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tugas berkala")
        verbose_name_plural = _("tugas berkala")

    def __str__(self):
        return self.name


class Holiday(models.Model):
    """A non-working day on top of the national holidays: cuti bersama or a local holiday."""

    class Kind(models.TextChoices):
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        LOCAL = "local", _("Libur daerah")
        NATIONAL_EXTRA = "national_extra", _("Libur nasional tambahan")

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(
        _("jenis"), max_length=20, choices=Kind.choices, default=Kind.CUTI_BERSAMA
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur dan cuti bersama")

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.name}"
