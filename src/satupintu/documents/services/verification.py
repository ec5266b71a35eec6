"""Verifying a document by its token or by the PDF itself, and logging each check."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from satupintu.core.context import current_request_meta
from satupintu.documents import pki, receipts, signing
from satupintu.documents.models import (
    IssuedDocument,
    VerificationLog,
    is_token_shaped,
)
from satupintu.documents.services.errors import PDF_MAGIC, Status
from satupintu.documents.services.identities import trust_roots

# --- Verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VerificationResult:
    status: str  # VerificationLog.Result: valid / revoked / unknown / invalid
    reason: str
    document: IssuedDocument | None = None
    sha256: str = ""
    signer_name: str = ""
    signed_at: datetime | None = None
    # Set when the file is an application receipt (never signed): the tracking code it names.
    receipt_code: str | None = None

    @property
    def is_valid(self) -> bool:
        return self.status == Status.VALID

    @property
    def is_receipt(self) -> bool:
        return self.receipt_code is not None


def _problem_message(problem: str) -> str:
    messages = {
        signing.Problem.UNREADABLE: _("Berkas PDF rusak atau tidak dapat dibaca."),
        signing.Problem.NO_SIGNATURE: _("Berkas ini tidak memiliki tanda tangan elektronik."),
        signing.Problem.SEVERAL_SIGNATURES: _(
            "Berkas ini memuat lebih dari satu tanda tangan: telah diubah atau ditandatangani "
            "ulang setelah diterbitkan."
        ),
        signing.Problem.NOT_INTACT: _("Isi berkas telah diubah setelah ditandatangani."),
        signing.Problem.MODIFIED_AFTER_SIGNING: _(
            "Berkas telah ditambah atau diubah setelah ditandatangani."
        ),
        signing.Problem.UNTRUSTED: _(
            "Tanda tangan tidak berasal dari sertifikat yang dipercaya %(site)s."
        )
        % {"site": settings.SITE_NAME},
    }
    return messages.get(problem, _("Tanda tangan elektronik tidak sah."))


def _receipt_message() -> str:
    return _(
        "Berkas ini adalah tanda terima permohonan. Tanda terima hanya bukti bahwa permohonan "
        "sudah kami terima: ia memang tidak ditandatangani secara elektronik dan bukan dokumen "
        "hasil layanan, sehingga tidak dapat diperiksa keasliannya di sini."
    )


def _issued(queryset):
    return queryset.select_related("org_unit", "signer").exclude(
        status=IssuedDocument.Status.PENDING
    )


def _result_for(document: IssuedDocument, **extra) -> VerificationResult:
    if document.status == IssuedDocument.Status.REVOKED:
        return VerificationResult(
            Status.REVOKED, _("Dokumen ini telah dicabut oleh penerbitnya."), document, **extra
        )
    return VerificationResult(
        Status.VALID,
        _("Dokumen asli: diterbitkan dan ditandatangani secara elektronik oleh %(unit)s.")
        % {"unit": document.org_unit.name},
        document,
        **extra,
    )


def verify_token(token: str) -> VerificationResult:
    """What the QR code's page says: valid / revoked / unknown."""
    document = None
    if is_token_shaped(token):
        document = _issued(IssuedDocument.objects.filter(token=token)).first()
    if document is None:
        return VerificationResult(
            Status.UNKNOWN, _("Kode verifikasi ini tidak dikenal: dokumen tidak terdaftar.")
        )
    return _result_for(document, signer_name=document.signer.subject_name)


def verify_pdf(data: bytes) -> VerificationResult:
    """Check an uploaded file. Valid only when (a) its single signature is intact and covers
    the whole file, (b) the signer's certificate chains to one of our trust roots, and (c)
    its SHA-256 is that of a document we issued. Revoked when (a)-(c) hold for a revoked one;
    unknown when (a) and (b) hold but we never issued these bytes; else invalid."""
    if not data.startswith(PDF_MAGIC):
        return VerificationResult(Status.INVALID, _("Berkas ini bukan PDF."))
    digest = hashlib.sha256(data).hexdigest()
    document = _issued(IssuedDocument.objects.filter(sha256=digest)).first()
    check = signing.check_signature(
        data,
        trust_roots=trust_roots(),
        # Our own record of when it was issued, not the time the file claims.
        moment=document.issued_at if document else None,
    )
    signer_name = ""
    if check.signer_certificate is not None:
        signer_name = pki.describe(check.signer_certificate).common_name
    extra = {"sha256": digest, "signer_name": signer_name, "signed_at": check.signed_at}
    if check.problem == signing.Problem.NO_SIGNATURE and document is None:
        code = receipts.receipt_code(data)
        if code is not None:
            return VerificationResult(
                Status.INVALID, _receipt_message(), receipt_code=code, **extra
            )
    if not check.ok:
        return VerificationResult(Status.INVALID, _problem_message(check.problem), **extra)
    if document is None:
        return VerificationResult(
            Status.UNKNOWN,
            _(
                "Tanda tangan elektronik sah, tetapi berkas ini tidak terdaftar sebagai "
                "dokumen terbitan %(site)s."
            )
            % {"site": settings.SITE_NAME},
            **extra,
        )
    if pki.fingerprint(check.signer_certificate) != document.signer.fingerprint_sha256:
        return VerificationResult(
            Status.INVALID, _("Penanda tangan berkas tidak sesuai dengan catatan dokumen."), **extra
        )
    return _result_for(document, **extra)


def log_verification(result: VerificationResult, *, method: str) -> VerificationLog:
    """One row per check: which document (if known), how, the verdict, and from which address."""
    return VerificationLog.objects.create(
        document=result.document,
        method=method,
        result=result.status,
        ip=current_request_meta().ip,
    )


def mask_name(name: str) -> str:
    """ "Siti Rahmawati" → "S*** R***": enough to recognise, not enough to learn a name."""
    return " ".join(f"{word[0]}***" for word in (name or "").split() if word)
