"""Resumable uploads (tus 1.0.0): an upload in progress, its received parts, the finished file.

An upload belongs to whoever created it: the account when logged in, and always the browser
session (a random id kept in the session, see `selectors.session_owner`). The bytes arrive as
parts, one per PATCH request, each saved through the default storage (so encrypted at rest like
every private file); when the last byte is in, the parts are joined into one file, checked by
content (`core.filechecks`) and the parts deleted. A form then attaches the finished upload by
its id; the upload is deleted once the form used it, or when it expires.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Upload(models.Model):
    class State(models.TextChoices):
        RECEIVING = "receiving", _("Sedang diterima")
        COMPLETE = "complete", pgettext_lazy("upload state", "Selesai")
        REJECTED = "rejected", _("Ditolak")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE
    )
    owner_session = models.CharField(max_length=64, db_index=True)
    length = models.PositiveBigIntegerField()
    offset = models.PositiveBigIntegerField(default=0)
    filename = models.CharField(max_length=200, blank=True)
    declared_type = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RECEIVING)
    # Set when complete: the joined file and what the content checks found.
    file = models.FileField(blank=True, max_length=200)
    content_type = models.CharField(max_length=100, blank=True)
    extension = models.CharField(max_length=10, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    message = models.CharField(max_length=300, blank=True)  # why a rejected upload was refused
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("unggahan")
        verbose_name_plural = _("unggahan")

    def __str__(self):
        return f"{self.public_id} ({self.offset}/{self.length})"

    @property
    def is_complete(self) -> bool:
        return self.state == self.State.COMPLETE


class UploadPart(models.Model):
    """The bytes of one PATCH request, until the upload is complete and joined."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="parts")
    offset = models.PositiveBigIntegerField()
    size = models.PositiveIntegerField()
    file = models.FileField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["upload", "offset"], name="uploads_part_unique_offset")
        ]
        ordering = ["offset"]

    def __str__(self):
        return f"{self.upload_id}@{self.offset}+{self.size}"
