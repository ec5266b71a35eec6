"""Signed documents: who may sign (certificates and keys), what was issued, who checked it.

Private keys live only in `EncryptedTextField`s (Fernet under SP_FIELD_KEYS, rotated with
`manage.py rotate_field_keys`) and are never shown by the admin.
"""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satupintu.core.fields import EncryptedTextField

# A verification token as issued (token_urlsafe); anything else (NUL, slashes, unicode,
# overlong) is unknown without asking the database, which refuses NUL on PostgreSQL.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_token_shaped(token: str) -> bool:
    return bool(token) and TOKEN_SHAPE.fullmatch(token) is not None


class DocumentCA(models.Model):
    """A certificate authority whose certificates we trust for signed documents.

    Either our own demo root (created by `manage.py create_demo_ca`, with its key, only in demo
    mode), or a root uploaded by an admin in production (e.g. the Root CA behind BSrE), which
    has no private key here.
    """

    name = models.CharField(_("nama"), max_length=200)
    certificate_pem = models.TextField(_("sertifikat (PEM)"))
    # Only our own demo CA has a key here; a trusted outside CA never does.
    private_key_pem = EncryptedTextField(_("kunci privat"), blank=True, default="")
    subject = models.CharField(_("subjek"), max_length=500)
    serial_number = models.CharField(_("nomor seri"), max_length=80)
    fingerprint_sha256 = models.CharField(_("sidik jari SHA-256"), max_length=64, unique=True)
    not_before = models.DateTimeField(_("berlaku mulai"))
    not_after = models.DateTimeField(_("berlaku sampai"))
    is_demo = models.BooleanField(_("CA demo"), default=False)
    is_active = models.BooleanField(
        _("dipercaya"),
        default=True,
        help_text=_("Tanda tangan yang berantai ke CA ini diterima saat verifikasi."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("CA tepercaya")
        verbose_name_plural = _("CA tepercaya")

    def __str__(self):
        return self.name


class SigningIdentity(models.Model):
    """A certificate and its private key with which an OPD (or one official in it) signs."""

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="signing_identities",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pejabat penanda tangan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signing_identities",
        help_text=_("Kosongkan untuk sertifikat unit (segel elektronik OPD)."),
    )
    label = models.CharField(_("keterangan"), max_length=200, blank=True)
    subject_name = models.CharField(_("nama subjek"), max_length=500)
    issuer_name = models.CharField(_("penerbit"), max_length=500)
    serial_number = models.CharField(_("nomor seri"), max_length=80)
    fingerprint_sha256 = models.CharField(_("sidik jari SHA-256"), max_length=64, unique=True)
    not_before = models.DateTimeField(_("berlaku mulai"))
    not_after = models.DateTimeField(_("berlaku sampai"))
    certificate_pem = models.TextField(_("sertifikat (PEM)"))
    # Intermediate CA certificates (PEM, concatenated), embedded in every signature.
    chain_pem = models.TextField(_("rantai sertifikat (PEM)"), blank=True, default="")
    private_key_pem = EncryptedTextField(_("kunci privat"))
    ca = models.ForeignKey(
        DocumentCA,
        verbose_name=_("diterbitkan oleh CA"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="identities",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["org_unit__name", "-not_after"]
        verbose_name = _("identitas penanda tangan")
        verbose_name_plural = _("identitas penanda tangan")

    def __str__(self):
        return self.label or self.subject_name

    def is_usable(self, at=None) -> bool:
        at = at or timezone.now()
        return self.is_active and self.not_before <= at <= self.not_after


class IssuedDocument(models.Model):
    """A document we signed, found by the unguessable token in its QR code."""

    class Kind(models.TextChoices):
        SERVICE_RESULT = "hasil_layanan", _("Dokumen hasil layanan")
        LETTER = "surat_keluar", _("Surat keluar")
        MINUTES = "risalah", _("Risalah rapat")
        OTHER = "lainnya", _("Dokumen lainnya")

    class Status(models.TextChoices):
        # Token handed out, PDF not yet signed (two-step issuing): unknown to the public.
        PENDING = "disiapkan", _("Disiapkan")
        ISSUED = "terbit", pgettext_lazy("document status", "Terbit")
        REVOKED = "dicabut", _("Dicabut")

    token = models.CharField(_("token verifikasi"), max_length=64, unique=True, editable=False)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("judul / layanan"), max_length=300)
    number = models.CharField(_("nomor dokumen"), max_length=120, db_index=True)
    # The person or body the document is for: personal data, shown masked to the public.
    holder_name = EncryptedTextField(_("atas nama"))
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit penerbit"),
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    signer = models.ForeignKey(
        SigningIdentity,
        verbose_name=_("penanda tangan"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    reference = models.CharField(
        _("rujukan"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Rujukan internal pemanggil, mis. kode lacak permohonan atau id surat."),
    )
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    file = models.FileField(_("berkas PDF bertanda tangan"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256 berkas"), max_length=64, blank=True, db_index=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicabut oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revocation_reason = models.TextField(_("alasan pencabutan"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dokumen terbit")
        verbose_name_plural = _("dokumen terbit")
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"], condition=~Q(sha256=""), name="unique_issued_document_sha256"
            )
        ]

    def __str__(self):
        # No holder name: this label is written into the audit trail.
        return self.number or self.title

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()


class VerificationLog(models.Model):
    """One check of a document, by its QR page or by uploading the file. No personal data
    beyond the address the check came from."""

    class Method(models.TextChoices):
        PAGE = "halaman", _("Halaman QR")
        UPLOAD = "unggah", _("Unggah berkas")

    class Result(models.TextChoices):
        VALID = "valid", _("Asli")
        REVOKED = "revoked", _("Dicabut")
        UNKNOWN = "unknown", _("Tidak dikenal")
        INVALID = "invalid", _("Tidak sah")

    document = models.ForeignKey(
        IssuedDocument,
        verbose_name=_("dokumen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verifications",
    )
    method = models.CharField(_("cara"), max_length=10, choices=Method.choices)
    result = models.CharField(_("hasil"), max_length=10, choices=Result.choices)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("log verifikasi")
        verbose_name_plural = _("log verifikasi")

    def __str__(self):
        return f"{self.get_method_display()} {self.get_result_display()}"


class Signatory(models.Model):
    """Who signs a unit's documents of one kind, as the signature block prints it.

    City configuration (exported to `signatories.yaml`), not a secret: the jabatan, name, NIP
    and pangkat of the official whose position signs, e.g. "Kepala Dinas Pekerjaan Umum" for
    the DPU's service results. The certificate and its key stay in `SigningIdentity`. A unit
    without its own row uses its nearest parent's (a bidang's results carry the Kepala Dinas).
    """

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="signatories",
    )
    kind = models.CharField(_("jenis dokumen"), max_length=20, choices=IssuedDocument.Kind.choices)
    title = models.CharField(
        _("jabatan"),
        max_length=200,
        help_text=_("Sebagaimana tercetak di atas tanda tangan, mis. Kepala Dinas Kesehatan."),
    )
    name = models.CharField(_("nama pejabat"), max_length=150)
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{18}$", _("NIP terdiri dari 18 angka."))],
    )
    rank = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["org_unit__code", "kind"]
        verbose_name = _("penanda tangan unit")
        verbose_name_plural = _("penanda tangan unit")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "kind"], name="documents_signatory_unique")
        ]

    def __str__(self):
        return f"{self.title} — {self.name}"
