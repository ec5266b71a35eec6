"""/verifikasi/ explains a receipt (tanda terima) instead of calling it "tidak sah" (issue 16)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satupintu.documents import receipts
from satupintu.documents.models import VerificationLog


def pdf_with(head: str) -> bytes:
    """A small unsigned PDF whose <head> is `head` (title, keywords)."""
    import weasyprint

    html = f"<html><head>{head}</head><body><p>Tanda terima</p></body></html>"
    return weasyprint.HTML(string=html).write_pdf()


def upload(client, data):
    return client.post(
        reverse("documents:verify_upload"),
        {"file": SimpleUploadedFile("berkas.pdf", data, content_type="application/pdf")},
    )


def test_receipt_keywords_name_the_marker_and_the_code():
    assert receipts.keywords("PMH-ABC234") == "satupintu-tanda-terima, PMH-ABC234"


@pytest.mark.parametrize(
    ("head", "code"),
    [
        (
            '<title>x</title><meta name="keywords" content="satupintu-tanda-terima, PMH-ABC234">',
            "PMH-ABC234",
        ),
        ('<meta name="keywords" content="satupintu-tanda-terima">', ""),
        ("<title>Tanda terima PMH-XYZ789</title>", "PMH-XYZ789"),  # rendered before the marker
        ("<title>Surat biasa</title>", None),
        ('<meta name="keywords" content="laporan, PMH-ABC234">', None),
    ],
)
def test_receipt_code_from_the_metadata(head, code):
    assert receipts.receipt_code(pdf_with(head)) == code


def test_an_unreadable_file_is_not_a_receipt():
    assert receipts.receipt_code(b"%PDF-1.4 rusak") is None


def test_verifying_a_receipt_explains_what_it_is(client, db):
    data = pdf_with(f'<meta name="keywords" content="{receipts.keywords("PMH-ABC234")}">')

    response = upload(client, data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tanda terima, bukan dokumen hasil" in body
    assert "Dokumen tidak sah" not in body
    assert "tidak ditandatangani secara elektronik" in body
    assert "/lacak/?code=PMH-ABC234" in body
    assert VerificationLog.objects.get().result == "invalid"  # never counted as valid


def test_an_unsigned_pdf_that_is_not_a_receipt_is_still_not_valid(client, db):
    response = upload(client, pdf_with("<title>Surat biasa</title>"))

    body = response.content.decode()
    assert "Dokumen tidak sah" in body
    assert "tidak memiliki tanda tangan elektronik" in body
