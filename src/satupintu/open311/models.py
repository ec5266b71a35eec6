"""API keys of the applications that file complaints through Open311 GeoReport v2."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """One client application. Only a SHA-256 hash of the key is kept, plus a short prefix
    so that staff can tell keys apart; the key itself is shown once, when it is made."""

    name = models.CharField(_("nama aplikasi"), max_length=100)
    key_prefix = models.CharField(_("awalan kunci"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit pemilik"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Opsional: unit yang bertanggung jawab atas aplikasi ini."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("kunci API Open311")
        verbose_name_plural = _("kunci API Open311")

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"
