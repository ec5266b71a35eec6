"""State the intake channels keep: WhatsApp dialogues and the webhook messages already handled."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from satupintu.core.fields import EncryptedTextField
from satupintu.core.masking import mask_phone


class WhatsAppConversation(models.Model):
    """One citizen's dialogue with the WhatsApp number, one row per phone number.

    The number is encrypted; `phone_index` (a blind index) finds the row again.
    """

    class State(models.TextChoices):
        IDLE = "idle", _("Tidak ada laporan yang sedang dibuat")
        DESCRIPTION = "description", _("Menunggu cerita kejadian")
        CATEGORY = "category", _("Menunggu pilihan kategori")
        LOCATION = "location", _("Menunggu lokasi")

    phone = EncryptedTextField(_("nomor WhatsApp"))
    phone_index = models.CharField(max_length=64, unique=True, editable=False)
    contact_name = EncryptedTextField(_("nama profil"), blank=True, default="")
    state = models.CharField(_("tahap"), max_length=20, choices=State.choices, default=State.IDLE)
    description = models.TextField(_("cerita"), blank=True)
    category = models.ForeignKey(
        "cases.Category",
        verbose_name=_("kategori"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Numbers offered in the last list (categories or kelurahan) and photo media ids.
    data = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(_("dimulai"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True, db_index=True)
    last_case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("laporan terakhir"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("percakapan WhatsApp")
        verbose_name_plural = _("percakapan WhatsApp")

    def __str__(self):
        return self.masked_phone

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class WhatsAppInboundMessage(models.Model):
    """A webhook message already handled, by its WhatsApp id (wamid): replays do nothing."""

    wamid = models.CharField(max_length=255, unique=True)
    message_type = models.CharField(_("jenis"), max_length=20)
    sent_at = models.DateTimeField(_("dikirim"))
    received_at = models.DateTimeField(_("diterima"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("pesan WhatsApp masuk")
        verbose_name_plural = _("pesan WhatsApp masuk")

    def __str__(self):
        return self.wamid
