"""What counts as a genuine document: intact, whole-file signature, our trust roots, our hash."""

from io import BytesIO

import pytest

from satupintu.core.models import AuditEvent
from satupintu.documents import pki, services, signing
from satupintu.documents.models import DocumentCA, IssuedDocument
from satupintu.documents.tests.conftest import HOLDER, stored_bytes
from satupintu.testing.factories import make_staff


def test_stored_signed_file_is_valid(issued):
    result = services.verify_pdf(stored_bytes(issued))
    assert result.status == "valid" and result.is_valid
    assert result.document == issued
    assert result.signer_name == issued.signer.subject_name
    assert result.sha256 == issued.sha256


def test_issue_records_audit_events_and_never_the_holder_name(issued):
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "documents.prepare" in actions and "documents.issue" in actions
    for event in AuditEvent.objects.all():
        assert HOLDER not in event.object_label and HOLDER not in str(event.data)


def test_holder_name_is_encrypted_at_rest(issued):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT holder_name FROM documents_issueddocument WHERE id = %s", [issued.pk]
        )
        assert HOLDER not in cursor.fetchone()[0]


def _content_stream_offset(data: bytes) -> int:
    return data.index(b"stream", data.index(b"/Length")) + 20


def test_one_flipped_byte_in_a_content_stream_is_invalid(issued):
    data = bytearray(stored_bytes(issued))
    offset = _content_stream_offset(bytes(data))
    data[offset] ^= 0x01
    result = services.verify_pdf(bytes(data))
    assert result.status == "invalid"
    assert result.document is None


def test_one_flipped_byte_in_the_middle_is_invalid(issued):
    data = bytearray(stored_bytes(issued))
    data[len(data) // 3] ^= 0x20
    assert services.verify_pdf(bytes(data)).status == "invalid"


def test_incremental_update_after_signing_is_not_valid(issued):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(stored_bytes(issued)))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = BytesIO()
    writer.write(out)

    result = services.verify_pdf(out.getvalue())
    assert result.status == "invalid"
    assert "setelah ditandatangani" in result.reason


def _rogue_identity(keys, name="Dinas Pekerjaan Umum"):
    """A CA with our demo CA's very name, and a certificate from it: not ours all the same."""
    rogue_ca = pki.make_root_ca(
        keys["rogue_ca"], common_name="Satu Pintu Demo Root CA", organization="Pemerintah Kota"
    )
    cert = pki.issue_signing_certificate(
        rogue_ca,
        keys["rogue_ca"],
        keys["rogue"].public_key(),
        common_name=name,
        organization="Pemerintah Kota Balikpapan",
    )
    return cert, rogue_ca


def test_second_signature_appended_is_not_valid(issued, identity, monkeypatch):
    """Even a second signature made with one of our own keys: the file is no longer the one
    we issued (pyHanko itself refuses to sign after a no-changes certification, so that
    check is switched off here to play the forger)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    monkeypatch.setattr(
        signers.PdfSigner, "_enforce_certification_constraints", lambda self, reader: None
    )
    signer = signers.SimpleSigner(
        signing_cert=signing._asn1_cert(pki.load_cert(identity.certificate_pem)),
        signing_key=signing._asn1_key(pki.load_key(identity.private_key_pem)),
        cert_registry=SimpleCertificateStore.from_certs(
            [signing._asn1_cert(c) for c in services.chain_for(identity)]
        ),
    )
    writer = IncrementalPdfFileWriter(BytesIO(stored_bytes(issued)))
    data = (
        signers.PdfSigner(signers.PdfSignatureMetadata(field_name="Kedua"), signer=signer)
        .sign_pdf(writer)
        .getvalue()
    )
    result = services.verify_pdf(data)
    assert result.status == "invalid"
    assert "lebih dari satu tanda tangan" in result.reason


def test_resigned_with_a_key_not_from_our_ca_is_not_valid(issued, keys, sample_pdf):
    cert, rogue_ca = _rogue_identity(keys)
    url = services.verification_url(issued.token)

    def stamp(writer):
        from satupintu.documents.pdf import stamp_verification_qr

        stamp_verification_qr(writer, url)

    forged = signing.sign_pdf(
        sample_pdf, key=keys["rogue"], certificate=cert, chain=[rogue_ca], before_signing=stamp
    )
    result = services.verify_pdf(forged)
    assert result.status == "invalid"
    assert "dipercaya" in result.reason


def test_signed_with_our_identity_but_never_issued_is_unknown(identity, sample_pdf):
    data = signing.sign_pdf(
        sample_pdf,
        key=pki.load_key(identity.private_key_pem),
        certificate=pki.load_cert(identity.certificate_pem),
        chain=services.chain_for(identity),
    )
    result = services.verify_pdf(data)
    assert result.status == "unknown"
    assert result.document is None


def test_untrusting_the_ca_makes_its_documents_invalid(issued, demo_ca):
    DocumentCA.objects.filter(pk=demo_ca.pk).update(is_active=False)
    assert services.verify_pdf(stored_bytes(issued)).status == "invalid"


def test_unsigned_pdf_and_non_pdf_are_invalid(db, sample_pdf):
    result = services.verify_pdf(sample_pdf)
    assert result.status == "invalid" and "tidak memiliki tanda tangan" in result.reason
    assert services.verify_pdf(b"GIF89a...").status == "invalid"
    assert services.verify_pdf(b"%PDF-1.7\nrusak").status == "invalid"


def test_revoke(issued, staff_a):
    revoked = services.revoke(issued, reason="Diterbitkan ganda", actor=staff_a)
    assert revoked.status == IssuedDocument.Status.REVOKED
    assert revoked.revoked_by == staff_a and revoked.revoked_at is not None
    result = services.verify_pdf(stored_bytes(issued))
    assert result.status == "revoked" and result.document == issued
    assert services.verify_token(issued.token).status == "revoked"
    assert AuditEvent.objects.filter(action="documents.revoke").count() == 1
    with pytest.raises(services.DocumentError):
        services.revoke(revoked, reason="lagi", actor=staff_a)


def test_revoke_needs_a_reason(issued, staff_a):
    with pytest.raises(services.DocumentError, match="Alasan"):
        services.revoke(issued, reason="  ", actor=staff_a)


def test_verify_token(issued):
    assert services.verify_token(issued.token).status == "valid"
    assert services.verify_token("tidak-ada").status == "unknown"
    assert services.verify_token("x" * 500).status == "unknown"


def test_open_signed_pdf(issued):
    data = stored_bytes(issued)
    assert data.startswith(b"%PDF-")
    import hashlib

    assert hashlib.sha256(data).hexdigest() == issued.sha256


def test_log_verification_keeps_no_personal_data(issued):
    log = services.log_verification(services.verify_token(issued.token), method="halaman")
    assert log.document == issued and log.result == "valid"
    assert {f.name for f in log._meta.fields} == {
        "id",
        "document",
        "method",
        "result",
        "ip",
        "created_at",
    }


@pytest.mark.parametrize(
    ("name", "masked"),
    [("Siti Rahmawati", "S*** R***"), ("budi", "b***"), ("  ", ""), ("", "")],
)
def test_mask_name(name, masked):
    assert services.mask_name(name) == masked


def test_prepare_rejects_bad_input(identity, opd_a, opd_b, staff_a):
    base = {
        "title": "Uji",
        "number": "1",
        "holder_name": HOLDER,
        "org_unit": opd_a,
        "signer": identity,
        "kind": IssuedDocument.Kind.LETTER,
        "actor": staff_a,
    }
    with pytest.raises(services.DocumentError, match="Jenis"):
        services.prepare_document(**{**base, "kind": "sertifikat"})
    with pytest.raises(services.DocumentError, match="unit penerbit"):
        services.prepare_document(**{**base, "org_unit": opd_b})
    with pytest.raises(services.DocumentError, match="wajib"):
        services.prepare_document(**{**base, "number": " "})
    identity.is_active = False
    identity.save()
    with pytest.raises(services.DocumentError, match="tidak aktif"):
        services.prepare_document(**base)


def test_sign_and_store_only_once(identity, opd_a, staff_a, sample_pdf, issued):
    with pytest.raises(services.DocumentError, match="sudah ditandatangani"):
        services.sign_and_store(issued, sample_pdf, actor=staff_a)
    document = services.prepare_document(
        title="Uji",
        number="2",
        holder_name=HOLDER,
        org_unit=opd_a,
        signer=identity,
        kind=IssuedDocument.Kind.MINUTES,
        actor=staff_a,
    )
    with pytest.raises(services.DocumentError, match="bukan PDF"):
        services.sign_and_store(document, b"<html>", actor=staff_a)


def test_issue_by_an_official_with_a_personal_certificate(demo_ca, opd_a, keys, sample_pdf):
    from satupintu.org.models import Membership

    head = make_staff(opd_a, Membership.Role.HEAD, full_name="Budi Santoso")
    identity = services.issue_demo_identity(
        ca=demo_ca, org_unit=opd_a, user=head, key=keys["signer"]
    )
    document = services.issue_document(
        pdf=sample_pdf,
        title="Surat Undangan",
        number="005/3/DPU/2026",
        holder_name="Dinas Kesehatan",
        org_unit=opd_a,
        signer=identity,
        kind=IssuedDocument.Kind.LETTER,
        actor=head,
    )
    result = services.verify_pdf(stored_bytes(document))
    assert result.status == "valid" and result.signer_name == "Budi Santoso"


def test_personal_certificate_signs_only_for_its_holder(demo_ca, opd_a, keys, sample_pdf, staff_a):
    from satupintu.org.models import Membership

    head = make_staff(opd_a, Membership.Role.HEAD)
    identity = services.issue_demo_identity(
        ca=demo_ca, org_unit=opd_a, user=head, key=keys["signer"]
    )
    with pytest.raises(services.DocumentError, match="pemiliknya"):
        services.issue_document(
            pdf=sample_pdf,
            title="Surat",
            number="1",
            holder_name="Dinas Kesehatan",
            org_unit=opd_a,
            signer=identity,
            kind=IssuedDocument.Kind.LETTER,
            actor=staff_a,
        )
    assert not IssuedDocument.objects.exists()
