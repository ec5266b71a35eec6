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

The writes are split by concern: `identities` (trust roots, the demo CA, seals and personal
certificates), `issuing` (prepare, sign and store, revoke) and `verification` (by token or
by the PDF itself); `errors` holds what they refuse. Other apps import from this package.
"""

from satupintu.documents.pdf import qr_data_uri, qr_svg, render_pdf, verification_url
from satupintu.documents.services.errors import MAX_PDF_BYTES, PDF_MAGIC, DocumentError, Status
from satupintu.documents.services.identities import (
    DEMO_UNIT_KINDS,
    DemoSetup,
    add_trust_root,
    ca_fields,
    chains_to_trust_root,
    check_unit_user,
    create_demo_ca,
    identity_fields,
    import_pkcs12,
    issue_demo_identity,
    root_unit_name,
    setup_demo_signing,
    signing_identity_for,
    trust_roots,
)
from satupintu.documents.services.issuing import (
    chain_for,
    issue_document,
    open_signed_pdf,
    prepare_document,
    revoke,
    sign_and_store,
    verification_context,
)
from satupintu.documents.services.verification import (
    VerificationResult,
    log_verification,
    mask_name,
    verify_pdf,
    verify_token,
)

__all__ = [
    "DEMO_UNIT_KINDS",
    "MAX_PDF_BYTES",
    "PDF_MAGIC",
    "DemoSetup",
    "DocumentError",
    "Status",
    "VerificationResult",
    "add_trust_root",
    "ca_fields",
    "chain_for",
    "chains_to_trust_root",
    "check_unit_user",
    "create_demo_ca",
    "identity_fields",
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
    "root_unit_name",
    "setup_demo_signing",
    "sign_and_store",
    "signing_identity_for",
    "trust_roots",
    "verification_context",
    "verification_url",
    "verify_pdf",
    "verify_token",
]
