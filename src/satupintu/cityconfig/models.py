"""Which rows came from a city's configuration files (shown read-only in the admin)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedRecord(models.Model):
    """A row of another app that a configuration file created or last changed."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    file = models.CharField(_("berkas"), max_length=80)
    imported_at = models.DateTimeField(_("dimuat"))

    class Meta:
        verbose_name = _("data dari berkas konfigurasi")
        verbose_name_plural = _("data dari berkas konfigurasi")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="cityconfig_record_unique"
            )
        ]

    def __str__(self):
        return f"{self.file} ({self.content_type.model} {self.object_id})"
