"""Signed, verifiable PDF documents: the API other apps use.

Issuing, one step (any PDF; the QR code is stamped in the lower-left corner of the last page)::

    document = issue_document(pdf=pdf_bytes, title=..., number=..., holder_name=...,
                              org_unit=unit, signer=signing_identity_for(unit), kind=...,
                              actor=request.user)

Issuing, two steps (the template places the QR code itself)::

    document = prepare_document(title=..., number=..., holder_name=..., org_unit=unit,
                                signer=identity, kind=..., actor=request.user)
    pdf = render_pdf("myapp/result.html", {"qr": qr_data_uri(document.token),
                                           "verify_url": verification_url(document.token), ...})
    document = sign_and_store(document, pdf, actor=request.user)

Either way the QR code is inside the signed bytes. Every write is one transaction with one
audit event; verifications are logged in `VerificationLog` (not in the audit trail).
"""

import asyncio
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from cryptography import x509
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.core.context import current_request_meta
from satupintu.documents import pki, receipts, signing
from satupintu.documents.models import (
    DocumentCA,
    IssuedDocument,
    SigningIdentity,
    VerificationLog,
    is_token_shaped,
)
from satupintu.documents.pdf import qr_data_uri, qr_svg, render_pdf, verification_url
from satupintu.documents.selectors import signatory_for
from satupintu.org.models import Membership, OrgUnit

__all__ = [
    "DocumentError",
    "VerificationResult",
    "add_trust_root",
    "create_demo_ca",
    "import_pkcs12",
    "issue_demo_identity",
    "issue_document",
    "log_verification",
    "mask_name",
    "open_signed_pdf",
    "prepare_document",
    "qr_data_uri",
    "qr_svg",
    "render_pdf",
    "revoke",
    "setup_demo_signing",
    "sign_and_store",
    "signing_identity_for",
    "verification_context",
    "verification_url",
    "verify_pdf",
    "verify_token",
]

Status = VerificationLog.Result
MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class DocumentError(Exception):
    """A request the documents service refuses; `message` is for people (Indonesian)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


# --- Trust roots, the demo CA, signing identities --------------------------------------------


def _root_unit_name() -> str:
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
    return root.name if root else settings.SITE_NAME


def trust_roots() -> list[x509.Certificate]:
    return [
        pki.load_cert(pem)
        for pem in DocumentCA.objects.filter(is_active=True).values_list(
            "certificate_pem", flat=True
        )
    ]


def _ca_fields(cert: x509.Certificate) -> dict:
    info = pki.describe(cert)
    return {
        "certificate_pem": pki.cert_to_pem(cert),
        "subject": info.subject,
        "serial_number": info.serial_number,
        "fingerprint_sha256": info.fingerprint_sha256,
        "not_before": info.not_before,
        "not_after": info.not_after,
    }


def create_demo_ca(*, key=None, actor=None) -> DocumentCA:
    """The demo root CA (created once, with its key, trusted). Only for demo mode."""
    existing = (
        DocumentCA.objects.filter(is_demo=True, is_active=True)
        .exclude(private_key_pem="")
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        return existing
    key = key or pki.generate_key()
    name = f"{settings.SITE_NAME} Demo Root CA"
    cert = pki.make_root_ca(key, common_name=name, organization=_root_unit_name())
    with transaction.atomic():
        ca = DocumentCA.objects.create(
            name=name,
            private_key_pem=pki.key_to_pem(key),
            is_demo=True,
            is_active=True,
            **_ca_fields(cert),
        )
        audit.record(
            "documents.ca_create", actor=actor, obj=ca, data={"fingerprint": ca.fingerprint_sha256}
        )
    return ca


def add_trust_root(*, certificate: bytes, name: str, actor) -> DocumentCA:
    """Trust an outside CA (e.g. the root behind BSrE): its certificate only, no key."""
    try:
        cert = pki.read_certificate(certificate)
    except pki.CertificateError as exc:
        raise DocumentError(str(exc)) from exc
    fields = _ca_fields(cert)
    if DocumentCA.objects.filter(fingerprint_sha256=fields["fingerprint_sha256"]).exists():
        raise DocumentError(_("Sertifikat CA ini sudah terdaftar."))
    with transaction.atomic():
        ca = DocumentCA.objects.create(name=name or pki.describe(cert).common_name, **fields)
        audit.record(
            "documents.trust_root_add",
            actor=actor,
            obj=ca,
            data={"fingerprint": ca.fingerprint_sha256},
        )
    return ca


def _identity_fields(cert: x509.Certificate, key, chain: list[x509.Certificate]) -> dict:
    info = pki.describe(cert)
    return {
        "subject_name": info.common_name,
        "issuer_name": info.issuer,
        "serial_number": info.serial_number,
        "fingerprint_sha256": info.fingerprint_sha256,
        "not_before": info.not_before,
        "not_after": info.not_after,
        "certificate_pem": pki.cert_to_pem(cert),
        "chain_pem": pki.certs_to_pem(chain),
        "private_key_pem": pki.key_to_pem(key),
    }


def _check_unit_user(org_unit: OrgUnit, user) -> None:
    if (
        user is not None
        and not Membership.objects.filter(user=user, org_unit=org_unit, is_active=True).exists()
    ):
        raise DocumentError(_("Pejabat penanda tangan harus anggota aktif unit tersebut."))


def issue_demo_identity(
    *, ca: DocumentCA, org_unit: OrgUnit, user=None, label: str = "", key=None, actor=None
) -> SigningIdentity:
    """A signing certificate from the demo CA for a unit (its seal) or one official in it."""
    if not ca.private_key_pem:
        raise DocumentError(_("CA ini tidak menyimpan kunci privat, tidak dapat menerbitkan."))
    _check_unit_user(org_unit, user)
    key = key or pki.generate_key()
    organization = _root_unit_name()
    if user is not None:
        common_name = user.full_name or str(user)
        cert = pki.issue_signing_certificate(
            pki.load_cert(ca.certificate_pem),
            pki.load_key(ca.private_key_pem),
            key.public_key(),
            common_name=common_name,
            organization=organization,
            unit=org_unit.name,
            email=user.email or "",
        )
    else:
        cert = pki.issue_signing_certificate(
            pki.load_cert(ca.certificate_pem),
            pki.load_key(ca.private_key_pem),
            key.public_key(),
            common_name=org_unit.name,
            organization=organization,
        )
    with transaction.atomic():
        identity = SigningIdentity.objects.create(
            org_unit=org_unit,
            user=user,
            label=label or (f"{common_name} — {org_unit}" if user is not None else ""),
            ca=ca,
            **_identity_fields(cert, key, [pki.load_cert(ca.certificate_pem)]),
        )
        audit.record(
            "documents.identity_create",
            actor=actor,
            obj=identity,
            data={"unit": org_unit.code, "demo": True, "serial": identity.serial_number},
        )
    return identity


def import_pkcs12(
    *, data: bytes, passphrase: str, org_unit: OrgUnit, user=None, label: str = "", actor
) -> SigningIdentity:
    """A certificate and key from a real CA (BSrE or another), as a PKCS#12 (.p12/.pfx) file.

    The passphrase only opens the file; the key is kept encrypted with the field keys."""
    try:
        key, cert, others = pki.read_pkcs12(data, passphrase)
    except pki.CertificateError as exc:
        raise DocumentError(str(exc)) from exc
    if cert.not_valid_after_utc < timezone.now():
        raise DocumentError(_("Sertifikat dalam berkas ini sudah kedaluwarsa."))
    _check_unit_user(org_unit, user)
    fields = _identity_fields(cert, key, others)
    if SigningIdentity.objects.filter(fingerprint_sha256=fields["fingerprint_sha256"]).exists():
        raise DocumentError(_("Sertifikat ini sudah terdaftar."))
    with transaction.atomic():
        identity = SigningIdentity.objects.create(
            org_unit=org_unit, user=user, label=label, **fields
        )
        audit.record(
            "documents.identity_create",
            actor=actor,
            obj=identity,
            data={"unit": org_unit.code, "demo": False, "serial": identity.serial_number},
        )
    return identity


def chains_to_trust_root(identity: SigningIdentity) -> bool:
    """True when the identity's certificate validates now up to an active trust root."""
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    roots = trust_roots()
    if not roots:
        return False
    context = ValidationContext(
        trust_roots=[signing._asn1_cert(c) for c in roots],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    validator = CertificateValidator(
        signing._asn1_cert(pki.load_cert(identity.certificate_pem)),
        intermediate_certs=[signing._asn1_cert(c) for c in pki.load_certs(identity.chain_pem)],
        validation_context=context,
    )
    try:
        signing.outside_event_loop(asyncio.run, validator.async_validate_path())
    except (PathBuildingError, PathValidationError):
        return False
    return True


def signing_identity_for(org_unit: OrgUnit, *, user=None) -> SigningIdentity | None:
    """The newest usable identity: the official's own in this unit when `user` is given, else
    the unit's seal, else the nearest parent unit's seal (a bidang signs with its OPD's)."""
    now = timezone.now()
    usable = SigningIdentity.objects.filter(
        is_active=True, not_before__lte=now, not_after__gte=now
    ).order_by("-created_at")
    if user is not None:
        own = usable.filter(org_unit=org_unit, user=user).first()
        if own is not None:
            return own
    unit = org_unit
    while unit is not None:
        seal = usable.filter(org_unit=unit, user__isnull=True).first()
        if seal is not None:
            return seal
        unit = unit.parent
    return None


@dataclass(frozen=True)
class DemoSetup:
    ca: DocumentCA
    created: list[SigningIdentity]


# Kelurahan, bidang and UPT sign with their parent's seal (see `signing_identity_for`).
DEMO_UNIT_KINDS = (*OrgUnit.OPD_KINDS, OrgUnit.Kind.GOVERNMENT)


def setup_demo_signing(
    *,
    unit_codes: list[str] | None = None,
    user_emails: list[str] | None = None,
    key_factory: Callable | None = None,
    actor=None,
) -> DemoSetup:
    """The demo CA, a seal for each unit and a personal certificate for each official.

    Without arguments: every active OPD (kecamatan included) and the city root, and every
    active kepala in their unit. Units and officials that already have a usable identity are
    skipped, so running it again only fills gaps.
    """
    from django.contrib.auth import get_user_model

    make_key = key_factory or pki.generate_key
    ca = create_demo_ca(key=make_key(), actor=actor)
    if unit_codes is None and user_emails is None:
        units = list(OrgUnit.objects.filter(is_active=True, kind__in=DEMO_UNIT_KINDS))
        officials = [
            (m.org_unit, m.user)
            for m in Membership.objects.filter(
                role=Membership.Role.HEAD, is_active=True, user__is_active=True
            ).select_related("org_unit", "user")
        ]
    else:
        units = list(OrgUnit.objects.filter(code__in=unit_codes or []))
        missing = set(unit_codes or []) - {u.code for u in units}
        if missing:
            raise DocumentError(
                _("Unit tidak ditemukan: %(codes)s") % {"codes": ", ".join(sorted(missing))}
            )
        users = list(get_user_model().objects.filter(email__in=user_emails or []))
        missing = set(user_emails or []) - {u.email for u in users}
        if missing:
            raise DocumentError(
                _("Pengguna tidak ditemukan: %(emails)s") % {"emails": ", ".join(sorted(missing))}
            )
        officials = [
            (m.org_unit, m.user)
            for m in Membership.objects.filter(user__in=users, is_active=True).select_related(
                "org_unit", "user"
            )
        ]
    now = timezone.now()
    usable = SigningIdentity.objects.filter(is_active=True, not_after__gt=now)
    created = []
    for unit in units:
        if not usable.filter(org_unit=unit, user__isnull=True).exists():
            created.append(issue_demo_identity(ca=ca, org_unit=unit, key=make_key(), actor=actor))
    seen = set()
    for unit, user in officials:
        if (unit.pk, user.pk) in seen or usable.filter(org_unit=unit, user=user).exists():
            continue
        seen.add((unit.pk, user.pk))
        created.append(
            issue_demo_identity(ca=ca, org_unit=unit, user=user, key=make_key(), actor=actor)
        )
    return DemoSetup(ca, created)


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
        "government_name": _root_unit_name(),
    }


def _chain_for(identity: SigningIdentity) -> list[x509.Certificate]:
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
        chain=_chain_for(identity),
        reason=f"{document.get_kind_display()} {document.number}",
        location=_root_unit_name(),
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
