"""Issuing signed documents: prepare, sign and store (QR inside the signed bytes), revoke."""

import hashlib
import secrets
from datetime import date

from cryptography import x509
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.documents import pki, signing
from satupintu.documents.models import (
    IssuedDocument,
    SigningIdentity,
)
from satupintu.documents.pdf import qr_data_uri, verification_url
from satupintu.documents.selectors import signatory_for
from satupintu.documents.services.errors import PDF_MAGIC, DocumentError
from satupintu.documents.services.identities import (
    root_unit_name,
)
from satupintu.org.models import OrgUnit

# --- Issuing ---------------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_urlsafe(16)


def _check_personal_signer(signer: SigningIdentity, actor) -> None:
    # A personal certificate signs only when its holder acts; a unit seal may be applied by
    # whoever the calling app lets issue documents for the unit.
    if signer.user_id is not None and getattr(actor, "pk", None) != signer.user_id:
        raise DocumentError(
            _("Sertifikat pribadi hanya dapat dipakai oleh pemiliknya untuk menandatangani.")
        )


def prepare_document(
    *,
    title: str,
    number: str,
    holder_name: str,
    org_unit: OrgUnit,
    signer: SigningIdentity,
    kind: str,
    valid_until: date | None = None,
    reference: str = "",
    actor,
) -> IssuedDocument:
    """Step one: a document row with its verification token, not yet signed (the public
    page does not know it). Render the PDF with `qr_data_uri(document.token)`, then call
    `sign_and_store`."""
    if kind not in IssuedDocument.Kind.values:
        raise DocumentError(_("Jenis dokumen tidak dikenal: %(kind)s") % {"kind": kind})
    if not (title.strip() and number.strip() and holder_name.strip()):
        raise DocumentError(_("Judul, nomor dan nama pemegang dokumen wajib diisi."))
    if not signer.is_usable():
        raise DocumentError(_("Sertifikat penanda tangan tidak aktif atau tidak berlaku."))
    if not org_unit.path.startswith(signer.org_unit.path):
        raise DocumentError(_("Penanda tangan bukan dari unit penerbit atau unit di atasnya."))
    _check_personal_signer(signer, actor)
    with transaction.atomic():
        document = IssuedDocument.objects.create(
            token=_new_token(),
            kind=kind,
            title=title.strip()[:300],
            number=number.strip()[:120],
            holder_name=holder_name.strip(),
            org_unit=org_unit,
            signer=signer,
            reference=reference[:200],
            valid_until=valid_until,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            "documents.prepare",
            actor=actor,
            obj=document,
            data={"kind": kind, "unit": org_unit.code, "reference": document.reference},
        )
    return document


def verification_context(document: IssuedDocument) -> dict:
    """What `documents/pdf/base.html` needs: the document, its QR code as a data URI, the
    verification address, the government's name (for the letterhead) and the designated
    signatory (jabatan, name, NIP for the signature block; None prints the certificate's name)."""
    return {
        "document": document,
        "signatory": signatory_for(document.org_unit, document.kind),
        "qr": qr_data_uri(document.token),
        "verify_url": verification_url(document.token),
        "government_name": root_unit_name(),
    }


def chain_for(identity: SigningIdentity) -> list[x509.Certificate]:
    chain = pki.load_certs(identity.chain_pem)
    if identity.ca is not None:
        ca_cert = pki.load_cert(identity.ca.certificate_pem)
        if all(pki.fingerprint(c) != pki.fingerprint(ca_cert) for c in chain):
            chain.append(ca_cert)
    return chain


def sign_and_store(document: IssuedDocument, pdf: bytes, *, actor, stamp_qr: bool = False):
    """Step two: sign `pdf` (PAdES, the signer's certificate and chain embedded), store the
    signed file privately, record its SHA-256 and mark the document issued.

    With `stamp_qr` the verification QR code is drawn on the last page first (what
    `issue_document` does); otherwise the PDF is expected to show it already."""
    if not pdf.startswith(PDF_MAGIC):
        raise DocumentError(_("Isi yang akan ditandatangani bukan PDF."))
    if document.status != IssuedDocument.Status.PENDING:
        raise DocumentError(_("Dokumen ini sudah ditandatangani."))
    identity = document.signer
    if not identity.is_usable():
        raise DocumentError(_("Sertifikat penanda tangan tidak aktif atau tidak berlaku."))
    _check_personal_signer(identity, actor)

    url = verification_url(document.token)

    def stamp(writer):
        from satupintu.documents.pdf import stamp_verification_qr

        stamp_verification_qr(writer, url)

    signed = signing.sign_pdf(
        pdf,
        key=pki.load_key(identity.private_key_pem),
        certificate=pki.load_cert(identity.certificate_pem),
        chain=chain_for(identity),
        reason=f"{document.get_kind_display()} {document.number}",
        location=root_unit_name(),
        name=identity.subject_name,
        before_signing=stamp if stamp_qr else None,
    )
    digest = hashlib.sha256(signed).hexdigest()
    name = default_storage.save(
        f"documents/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.pdf", ContentFile(signed)
    )
    try:
        with transaction.atomic():
            locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
            if locked.status != IssuedDocument.Status.PENDING:
                raise DocumentError(_("Dokumen ini sudah ditandatangani."))
            locked.file = name
            locked.sha256 = digest
            locked.size = len(signed)
            locked.issued_at = timezone.now()
            locked.status = IssuedDocument.Status.ISSUED
            locked.save(update_fields=["file", "sha256", "size", "issued_at", "status"])
            audit.record(
                "documents.issue",
                actor=actor,
                obj=locked,
                data={"sha256": digest, "signer": identity.pk, "serial": identity.serial_number},
            )
    except BaseException:
        default_storage.delete(name)
        raise
    return locked


def issue_document(
    *,
    pdf: bytes,
    title: str,
    number: str,
    holder_name: str,
    org_unit: OrgUnit,
    signer: SigningIdentity,
    kind: str,
    valid_until: date | None = None,
    reference: str = "",
    actor,
) -> IssuedDocument:
    """One step, one transaction: register the document, stamp its verification QR code on
    the last page of `pdf` (lower-left corner: leave a bottom margin of ≥ 25 mm), sign and
    store it."""
    with transaction.atomic():
        document = prepare_document(
            title=title,
            number=number,
            holder_name=holder_name,
            org_unit=org_unit,
            signer=signer,
            kind=kind,
            valid_until=valid_until,
            reference=reference,
            actor=actor,
        )
        return sign_and_store(document, pdf, actor=actor, stamp_qr=True)


def open_signed_pdf(document: IssuedDocument) -> File:
    """The stored signed PDF, opened for reading (binary). Callers check permission first
    and close it (FileResponse does)."""
    if document.status == IssuedDocument.Status.PENDING or not document.file:
        raise DocumentError(_("Dokumen ini belum ditandatangani."))
    return default_storage.open(document.file.name, "rb")


def revoke(document: IssuedDocument, *, reason: str, actor) -> IssuedDocument:
    """Withdraw an issued document: its QR page and file check say "dicabut" from now on.
    The reason is shown to the public: no personal data in it."""
    reason = (reason or "").strip()
    if not reason:
        raise DocumentError(_("Alasan pencabutan wajib diisi."))
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != IssuedDocument.Status.ISSUED:
            raise DocumentError(
                _("Hanya dokumen yang sudah terbit dan belum dicabut yang dapat dicabut.")
            )
        locked.status = IssuedDocument.Status.REVOKED
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.revocation_reason = reason[:2000]
        locked.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
        audit.record("documents.revoke", actor=actor, obj=locked, data={"reason": reason[:500]})
    return locked
