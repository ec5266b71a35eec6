"""Demo letters come with the scan of the paper letter (issue 16): a leader can open and read
it before disposing."""

import io

import pytest
from pypdf import PdfReader

from satupintu.letters import demo, services
from satupintu.letters.models import Letter, LetterFile
from satupintu.letters.tests.conftest import ensure_codes
from satupintu.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_letters(reference_data, django_capture_on_commit_callbacks):
    from satupintu.demo.data import DIVISIONS
    from satupintu.org import services as org_services
    from satupintu.org.models import OrgUnit

    ensure_codes()
    for parent, code, name in DIVISIONS[:3]:  # the asisten, as load_demo_data makes them
        org_services.create_org_unit(
            actor=None,
            code=code,
            name=name,
            kind=OrgUnit.Kind.DIVISION,
            parent=OrgUnit.objects.get(code=parent),
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert demo.load(password=TEST_PASSWORD, domain="demo.test") == 3
    return Letter.objects.filter(org_unit__code="SETDA").order_by("pk")


def text_of(stored: LetterFile) -> str:
    with stored.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


def test_every_demo_letter_has_a_readable_scan(demo_letters):
    for letter in demo_letters:
        [scan] = letter.files.filter(kind=LetterFile.Kind.SCAN)
        assert scan.content_type == "application/pdf" and scan.size > 5000
        text = text_of(scan)
        assert letter.external_number in text
        assert letter.subject.split()[0] in text
        assert "DITERIMA" in text and "data demo" in text
        assert "Yth." in text and "Tembusan" in text


def test_the_sekda_opens_the_scan_from_the_letter_page(client, demo_letters):
    from allauth.mfa.totp.internal.auth import TOTP

    from satupintu.accounts.models import User
    from satupintu.testing.factories import TOTP_SECRET

    letter = demo_letters[0]
    sekda = User.objects.get(email="sekda@demo.test")
    TOTP.activate(sekda, TOTP_SECRET)
    client.force_login(sekda)
    page = client.get(f"/kantor/surat/{letter.pk}/").content.decode()
    scan = letter.files.get(kind=LetterFile.Kind.SCAN)
    assert f"/kantor/surat/{letter.pk}/berkas/{scan.pk}/" in page
    response = client.get(f"/kantor/surat/{letter.pk}/berkas/{scan.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_demo_letters_registered_before_get_their_scan_once(
    demo_letters, django_capture_on_commit_callbacks
):
    LetterFile.objects.filter(letter__in=demo_letters).delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert demo.load(password=TEST_PASSWORD, domain="demo.test") == 0
        demo.load(password=TEST_PASSWORD, domain="demo.test")
    for letter in demo_letters:
        assert letter.files.filter(kind=LetterFile.Kind.SCAN).count() == 1


def test_only_an_agenda_officer_may_add_a_scan(demo_letters):
    from satupintu.accounts.models import User

    letter = demo_letters[0]
    sekda = User.objects.get(email="sekda@demo.test")
    upload = demo.scan_upload(
        letter.external_number,
        subject=letter.subject,
        sifat=letter.sifat,
        sent=letter.external_date,
        received=letter.external_date,
        receiver="Sekretariat Daerah",
    )
    with pytest.raises(services.LetterError):
        services.add_scans(actor=sekda, letter=letter, scans=[upload])
    assert letter.files.count() == 1
