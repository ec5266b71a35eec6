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


def test_the_letter_prints_the_designation_of_the_unit_its_signer_heads(org, code, identity):
    from io import BytesIO

    from pypdf import PdfReader

    from satupintu.documents.models import IssuedDocument, Signatory
    from satupintu.letters.signing import signatory_of

    kind = IssuedDocument.Kind.LETTER
    kadis = Signatory.objects.create(
        org_unit=org.dpu,
        kind=kind,
        title="Kepala Dinas Pekerjaan Umum",
        name="Ir. Rahmat Hidayatullah, M.T.",
        nip="196908141995031003",
    )
    # The bidang's own designation is the Kabid's; the Kadis signs this bidang letter.
    Signatory.objects.create(org_unit=org.dpu_bm, kind=kind, title="Kepala Bidang", name="Kabid")
    letter = to_sign(org)
    assert signatory_of(letter) == kadis
    letter = services.sign_outgoing(actor=org.kadis_dpu, letter=letter)
    data = letter.files.get(kind=LetterFile.Kind.SIGNED).file.open("rb").read()
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages).split()
    )
    assert "Kepala Dinas Pekerjaan Umum" in text and "NIP. 196908141995031003" in text
    assert "Kepala Bidang" not in text
