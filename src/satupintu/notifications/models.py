from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from satupintu.core.fields import EncryptedTextField
from satupintu.core.masking import mask_email, mask_phone


class OutboxMessage(models.Model):
    """A message to a person, sent by a background task. Never sent twice: `dedupe_key`
    is unique, and a message is marked `sending` before the provider is called."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WHATSAPP = "whatsapp", _("WhatsApp")
        SMS = "sms", _("SMS")
        # The recipient is a PushSubscription's id; the body is the JSON the browser gets.
        PUSH = "push", _("Notifikasi web")

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    recipient = EncryptedTextField(_("penerima"))
    subject = models.CharField(_("subjek"), max_length=200, blank=True)
    # Encrypted: bodies carry personal details and reporters' private tracking links.
    body = EncryptedTextField(_("isi"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.CharField(_("galat terakhir"), max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=120, unique=True)
    reference = models.CharField(_("rujukan"), max_length=40, blank=True, db_index=True)
    provider_id = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("coba lagi pada"), null=True, blank=True)
    # When a worker marked it `sending`: a message still `sending` long after this was
    # abandoned by a worker that died mid-delivery (see services.release_abandoned).
    claimed_at = models.DateTimeField(_("mulai dikirim"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("pesan keluar")

    def __str__(self):
        return f"{self.get_channel_display()} {self.masked_recipient}"

    @property
    def masked_recipient(self) -> str:
        if self.channel == self.Channel.EMAIL:
            return mask_email(self.recipient)
        if self.channel == self.Channel.PUSH:
            return _("perangkat #%(id)s") % {"id": self.recipient}
        return mask_phone(self.recipient)


class PushSubscription(models.Model):
    """A browser that agreed to get Web Push notifications for an account (docs/pwa.md).

    The endpoint is a capability URL (whoever knows it, with the keys, can write to that
    browser) so all three are encrypted; `endpoint_index` is the blind index that finds the
    row again when the same browser subscribes twice or unsubscribes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = EncryptedTextField(_("alamat layanan push"))
    endpoint_index = models.CharField(max_length=64, unique=True)
    p256dh = EncryptedTextField()
    auth = EncryptedTextField()
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("terakhir dikirimi"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("langganan notifikasi web")
        verbose_name_plural = _("langganan notifikasi web")

    def __str__(self):
        return f"{self.user_id} #{self.pk}"
