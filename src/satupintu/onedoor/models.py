"""What the notification centre remembers: which messages the person has read. The
messages themselves are the outbox (`notifications.OutboxMessage`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageRead(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        "notifications.OutboxMessage", on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(_("dibaca"), auto_now_add=True)

    class Meta:
        verbose_name = _("pesan dibaca")
        verbose_name_plural = _("pesan dibaca")
        constraints = [
            models.UniqueConstraint(fields=["user", "message"], name="unique_message_read")
        ]

    def __str__(self):
        return f"{self.user_id}:{self.message_id}"
