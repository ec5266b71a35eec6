"""Applications filed for a citizen by an officer at a counter (kelurahan office, MPP, OPD).

The application itself is an ordinary one (`applications`): the citizen is its applicant and
receives the private link; this record says who filed it, at which counter, that the
citizen's identity was checked there and that they consented, and where the link was sent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from satupintu.core.fields import EncryptedTextField
from satupintu.core.masking import mask_email, mask_phone


class AssistedFiling(models.Model):
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas loket"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    counter_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("loket"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("warga"),
        on_delete=models.PROTECT,
        related_name="assisted_filings",
    )
    # True when the account was created at the counter for this filing.
    citizen_created = models.BooleanField(_("akun dibuat di loket"), default=False)
    service = models.ForeignKey(
        "catalog.Service", verbose_name=_("layanan"), on_delete=models.PROTECT, related_name="+"
    )
    # The draft the officer fills in; the application once submitted. The draft row stays
    # after submission (applications keeps it for idempotency) but may be erased with the
    # citizen's account, hence SET_NULL.
    draft = models.OneToOneField(
        "applications.ApplicationDraft",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assisted_filing",
    )
    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assisted_filing",
    )
    identity_checked = models.BooleanField(_("identitas diperiksa di loket"), default=False)
    consent_version = models.CharField(_("versi teks persetujuan"), max_length=20)
    consent_given_at = models.DateTimeField(_("persetujuan diberikan"))
    # Where the tracking link goes: typed at the counter, or the account's own contacts.
    contact_email = EncryptedTextField(_("e-mail untuk kabar"), blank=True, default="")
    contact_phone = EncryptedTextField(_("nomor HP untuk kabar"), blank=True, default="")
    created_at = models.DateTimeField(_("dimulai"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("permohonan lewat loket")
        verbose_name_plural = _("permohonan lewat loket")
        indexes = [
            models.Index(fields=["counter_unit", "-created_at"], name="assisted_unit_created")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(identity_checked=True), name="assisted_identity_checked"
            )
        ]

    def __str__(self):
        return f"#{self.pk}"

    @property
    def masked_contact(self) -> str:
        return " · ".join(
            v for v in (mask_phone(self.contact_phone), mask_email(self.contact_email)) if v
        )
