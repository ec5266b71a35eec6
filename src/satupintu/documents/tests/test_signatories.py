"""The designated signatory (jabatan, name, NIP) printed under a unit's documents."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from satupintu.documents import services
from satupintu.documents.models import IssuedDocument, Signatory
from satupintu.documents.selectors import signatory_for
from satupintu.documents.tests.conftest import stored_bytes
from satupintu.testing.factories import OrgUnitFactory

RESULT = IssuedDocument.Kind.SERVICE_RESULT


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def kadis(opd_a):
    return Signatory.objects.create(
        org_unit=opd_a,
        kind=RESULT,
        title="Kepala Dinas Pekerjaan Umum",
        name="Ir. Rahmat Hidayatullah, M.T.",
        rank="Pembina Utama Muda (IV/c)",
        nip="196908141995031003",
    )


def test_a_bidang_uses_its_dinas_signatory_unless_it_has_its_own(opd_a, opd_b, kadis):
    bidang = OrgUnitFactory(parent=opd_a, code="DPU-BM", name="Bidang Bina Marga")
    assert signatory_for(bidang, RESULT) == kadis
    assert signatory_for(bidang, RESULT, inherit=False) is None
    assert signatory_for(opd_a, IssuedDocument.Kind.LETTER) is None  # another kind of document
    assert signatory_for(opd_b, RESULT) is None  # another OPD
    own = Signatory.objects.create(org_unit=bidang, kind=RESULT, title="Kabid", name="Budi")
    assert signatory_for(bidang, RESULT) == own
    own.is_active = False
    own.save()
    assert signatory_for(bidang, RESULT) == kadis


def test_nip_is_eighteen_digits(opd_a):
    signatory = Signatory(org_unit=opd_a, kind=RESULT, title="Kepala", name="X", nip="1969-08")
    with pytest.raises(ValidationError) as caught:
        signatory.full_clean()
    assert "nip" in caught.value.message_dict


def test_the_signature_block_prints_jabatan_name_and_nip(issue, kadis):
    document = issue()
    context = services.verification_context(document)
    assert context["signatory"] == kadis
    pdf = services.render_pdf("documents/pdf/example.html", context | {"facts": []})
    text = _text(pdf)
    assert "Kepala Dinas Pekerjaan Umum" in text
    assert "Ir. Rahmat Hidayatullah, M.T." in text
    assert "NIP. 196908141995031003" in text and "Pembina Utama Muda (IV/c)" in text


def test_without_a_signatory_the_certificate_name_is_printed(issue, identity):
    document = issue()
    context = services.verification_context(document)
    assert context["signatory"] is None
    text = _text(services.render_pdf("documents/pdf/example.html", context | {"facts": []}))
    assert " ".join(identity.subject_name.split()) in " ".join(text.split())
    assert "NIP." not in text
    assert stored_bytes(document).startswith(b"%PDF")
