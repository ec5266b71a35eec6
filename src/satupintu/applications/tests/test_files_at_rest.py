"""Uploaded KTP/KK scans, receipts and result PDFs are encrypted on disk; the applicant and
the unit's staff download exactly the bytes that were uploaded."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from satupintu.applications.tests.conftest import pdf_bytes, upload
from satupintu.applications.tests.helpers import login
from satupintu.core import filecrypto

pytestmark = pytest.mark.django_db

MARKER = b"KTP-6471054107900001-SITI-AMINAH"


def _on_disk(name: str) -> bytes:
    with open(default_storage.path(name), "rb") as handle:
        return handle.read()


@pytest.fixture
def big_ktp():
    # ~1 MB across many chunks, with personal text repeated throughout.
    return pdf_bytes(size=2**20 + 12_345, extra=MARKER * 4)


def test_uploaded_scan_is_encrypted_and_downloads_identically(client, draft, citizen, big_ktp):
    from satupintu.applications.services import citizen as citizen_services

    errors = citizen_services.upload_documents(
        draft, {"kk": upload("kk.pdf", big_ktp, "application/pdf")}, actor=citizen
    )
    assert not errors
    document = draft.documents.get()

    raw = _on_disk(document.file.name)
    assert raw.startswith(filecrypto.MAGIC)
    assert MARKER not in raw and b"%PDF" not in raw
    # The recorded hash and size are the plaintext's.
    assert document.sha256 == hashlib.sha256(big_ktp).hexdigest()
    assert document.size == len(big_ktp)

    login(client, citizen)
    url = reverse("applications:draft_document", args=[draft.public_id, document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert int(response["Content-Length"]) == len(big_ktp)
    assert b"".join(response.streaming_content) == big_ktp


def test_submitted_documents_and_receipt_are_encrypted(client, submitted_application, citizen):
    names = [d.file.name for d in submitted_application.documents.all()]
    assert submitted_application.receipt
    names.append(submitted_application.receipt.name)
    for name in names:
        assert _on_disk(name).startswith(filecrypto.MAGIC), name
    assert b"%PDF" not in _on_disk(submitted_application.receipt.name)

    login(client, citizen)
    code = submitted_application.case.tracking_code
    document = submitted_application.documents.first()
    response = client.get(reverse("applications:document", args=[code, document.pk]))
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == document.sha256
    receipt = client.get(reverse("applications:receipt", args=[code]))
    assert b"".join(receipt.streaming_content).startswith(b"%PDF")
