"""Applications (permohonan layanan): drafts before submission, then a case of kind "application".

A draft lives on the server so a citizen can resume it on another device; submitting turns it
into a `Case` (tracking code, SLA, timeline) plus the `Application` row that ties the case to the
service, the form version used, the answers and the uploaded documents.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationDraft(models.Model):
    """Answers and documents saved step by step, before submission."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application_drafts"
    )
    service = models.ForeignKey("catalog.Service", on_delete=models.PROTECT, related_name="+")
    form_version = models.ForeignKey(
        "catalog.FormSchemaVersion", on_delete=models.PROTECT, related_name="drafts"
    )
    data = models.JSONField(default=dict, blank=True)
    # Index of the furthest step the applicant reached (0-based), to resume where they were.
    current_step = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the draft became an application; the draft is kept (read-only) for idempotency:
    # a double-submitted final step finds it and answers with the same case.
    submitted_case = models.OneToOneField(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Deleting a draft only sets this: the applicant can undo it for
    # `settings.APPLICATION_DRAFT_UNDO_HOURS`, then a periodic task deletes the row and its files
    # (services/drafts.py).
    deleted_at = models.DateTimeField(_("dihapus"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("draf permohonan")
        verbose_name_plural = _("draf permohonan")

    def __str__(self):
        return f"{self.service} ({self.applicant_id})"


class Application(models.Model):
    """The service-specific half of an application case."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="application")
    service = models.ForeignKey(
        "catalog.Service", on_delete=models.PROTECT, related_name="applications"
    )
    form_version = models.ForeignKey(
        "catalog.FormSchemaVersion", on_delete=models.PROTECT, related_name="applications"
    )
    # Answers as validated against form_version.schema. Personal numbers (NIK, KK, phone) are
    # encrypted inside `data` by the services layer and masked when shown in lists.
    data = models.JSONField(default=dict)
    current_step = models.ForeignKey(
        "catalog.WorkflowStep",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    step_started_at = models.DateTimeField(null=True, blank=True)
    step_due_date = models.DateField(null=True, blank=True, db_index=True)
    # Requirement codes the applicant was asked to correct (empty when nothing is asked).
    correction_codes = models.JSONField(default=list, blank=True)
    result_document = models.OneToOneField(
        "documents.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
    )
    receipt = models.FileField(upload_to="applications/receipts/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        indexes = [models.Index(fields=["service", "current_step"])]

    def __str__(self):
        return f"{self.case.tracking_code} — {self.service}"


class ApplicationDocument(models.Model):
    """A document uploaded for one requirement. A corrected upload supersedes the old one,
    which is kept for the record."""

    requirement = models.ForeignKey(
        "catalog.Requirement", on_delete=models.PROTECT, related_name="+"
    )
    draft = models.ForeignKey(
        ApplicationDraft, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    file = models.FileField(upload_to="applications/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requirement__sort_order", "uploaded_at"]
        verbose_name = _("dokumen permohonan")
        verbose_name_plural = _("dokumen permohonan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(draft__isnull=False) | models.Q(application__isnull=False),
                name="application_document_has_owner",
            )
        ]

    def __str__(self):
        return self.original_name
