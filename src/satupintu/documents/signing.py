"""PAdES signatures with pyHanko: making them, and checking the one in an uploaded file.

No database here: callers pass keys, certificates and trust roots (see `services`).
"""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from cryptography import x509
from cryptography.hazmat.primitives import serialization

FIELD_NAME = "TandaTanganElektronik"


class Problem:
    """Why a file's signature is not accepted (codes; `services` words them for people)."""

    UNREADABLE = "unreadable"
    NO_SIGNATURE = "no_signature"
    SEVERAL_SIGNATURES = "several_signatures"
    NOT_INTACT = "not_intact"
    MODIFIED_AFTER_SIGNING = "modified_after_signing"
    UNTRUSTED = "untrusted"


@dataclass(frozen=True)
class SignatureCheck:
    problem: str | None
    signer_certificate: x509.Certificate | None = None
    signed_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def outside_event_loop(function, *args, **kwargs):
    """pyHanko's blocking API calls `asyncio.run`, which fails in a thread whose event loop is
    running (async views, Playwright tests): run it in a worker thread there."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def _asn1_cert(cert: x509.Certificate):
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(key):
    from asn1crypto import keys as asn1_keys

    return asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def sign_pdf(
    pdf: bytes,
    *,
    key,
    certificate: x509.Certificate,
    chain: list[x509.Certificate],
    reason: str = "",
    location: str = "",
    name: str = "",
    before_signing: Callable | None = None,
) -> bytes:
    """A PAdES B-B certification signature (no later changes allowed) over the whole file.

    `before_signing(writer)` may change the document first (e.g. stamp the QR code): those
    changes are written in the same revision as the signature, so they are signed too.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    if before_signing is not None:
        before_signing(writer)
    signer = signers.SimpleSigner(
        signing_cert=_asn1_cert(certificate),
        signing_key=_asn1_key(key),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(c) for c in chain]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
        name=name or None,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    output = outside_event_loop(signers.PdfSigner(meta, signer=signer).sign_pdf, writer)
    return output.getvalue()


def check_signature(
    data: bytes,
    *,
    trust_roots: list[x509.Certificate],
    other_certs: list[x509.Certificate] = (),
    moment: datetime | None = None,
) -> SignatureCheck:
    """Accept only a file with exactly one signature that is cryptographically intact,
    covers every byte of the file (nothing appended after signing), and whose signer
    certificate chains to one of `trust_roots` at `moment` (default: now)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - any parser failure means "not a usable PDF"
        return SignatureCheck(Problem.UNREADABLE)
    if not signatures:
        return SignatureCheck(Problem.NO_SIGNATURE)
    if len(signatures) > 1:
        return SignatureCheck(Problem.SEVERAL_SIGNATURES)
    embedded = signatures[0]
    if not trust_roots:
        return SignatureCheck(Problem.UNTRUSTED)
    context = ValidationContext(
        trust_roots=[_asn1_cert(c) for c in trust_roots],
        other_certs=[_asn1_cert(c) for c in other_certs],
        moment=moment,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    try:
        status = outside_event_loop(
            validate_pdf_signature,
            embedded,
            context,
            key_usage_settings=_key_usage(),
            skip_diff=True,
        )
    except Exception:  # noqa: BLE001 - malformed signature dictionaries, broken CMS …
        return SignatureCheck(Problem.NOT_INTACT)
    signer = x509.load_der_x509_certificate(status.signing_cert.dump())
    signed_at = getattr(status, "signer_reported_dt", None)
    if not (status.intact and status.valid):
        return SignatureCheck(Problem.NOT_INTACT, signer, signed_at)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SignatureCheck(Problem.MODIFIED_AFTER_SIGNING, signer, signed_at)
    if not status.trusted:
        return SignatureCheck(Problem.UNTRUSTED, signer, signed_at)
    return SignatureCheck(None, signer, signed_at)


def _key_usage():
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    # Either usage marks a signing certificate; BSrE and other CAs set one or both.
    return KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )
