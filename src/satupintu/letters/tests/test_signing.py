"""Signing through the documents app: PAdES PDF with QR; an altered copy fails verification."""

import pytest

from satupintu.documents import services as documents
from satupintu.letters import services
from satupintu.letters.models import Letter, LetterFile
from satupintu.letters.tests.test_outgoing import to_sign


@pytest.fixture
def identity(org):
    ca = documents.create_demo_ca()
    return documents.issue_demo_identity(ca=ca, org_unit=org.dpu, user=org.kadis_dpu)


def test_signed_letter_has_a_verifiable_pdf(org, code, identity):
    letter = services.sign_outgoing(actor=org.kadis_dpu, letter=to_sign(org))
    signed = letter.files.get(kind=LetterFile.Kind.SIGNED)
    data = signed.file.open("rb").read()
    assert data.startswith(b"%PDF")
    assert documents.verify_pdf(data).is_valid
    tampered = data.replace(b"Dengan hormat", b"Dengan hormaT", 1)
    if tampered == data:  # compressed content stream: flip a byte in the middle instead
        middle = len(data) // 2
        tampered = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]
    assert not documents.verify_pdf(tampered).is_valid
    # Dispatched: the recipient unit gets the signed PDF as its scan.
    services.dispatch_outgoing(actor=org.kadis_dpu, letter=letter)
    delivered = Letter.objects.get(source_letter=letter, org_unit=org.dinkes)
    assert delivered.files.get(kind=LetterFile.Kind.SCAN).sha256 == signed.sha256
