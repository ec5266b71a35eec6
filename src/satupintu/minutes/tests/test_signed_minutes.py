"""Published minutes are signed (PAdES, the organising unit's seal), carry the QR and verify at
/verifikasi/; reopening published minutes revokes the signed PDF."""

import pytest
from django.urls import reverse

from satupintu.documents import pki
from satupintu.documents import services as document_services
from satupintu.documents.models import IssuedDocument
from satupintu.minutes import services, signing
from satupintu.minutes.tests.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def setwan_seal(setwan):
    key = pki.generate_key()
    ca = document_services.create_demo_ca(key=key)
    return document_services.issue_demo_identity(ca=ca, org_unit=setwan, key=key)


def _download(client, meeting) -> bytes:
    response = client.get(reverse("minutes:public_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_published_minutes_are_signed_and_verify(client, meeting, people, setwan_seal):
    published = publish(meeting, people)
    document = signing.signed_document(published)
    assert document is not None
    assert document.kind == IssuedDocument.Kind.MINUTES
    assert document.signer == setwan_seal
    assert document.org_unit.code == "SETWAN"
    data = _download(client, published)
    result = document_services.verify_pdf(data)
    assert result.is_valid, result.reason
    assert result.document == document
    # The QR's page answers too, and the public minutes page says it is signed.
    assert client.get(reverse("documents:verify_token", args=[document.token])).status_code == 200
    page = client.get(reverse("minutes:public_detail", args=[published.pk])).content.decode()
    assert document.number in page


def test_a_changed_byte_does_not_verify(client, meeting, people, setwan_seal):
    data = bytearray(_download(client, publish(meeting, people)))
    data[len(data) // 2] ^= 0x01
    assert not document_services.verify_pdf(bytes(data)).is_valid


def test_reopening_revokes_the_signed_pdf(client, meeting, people, setwan_seal):
    published = publish(meeting, people)
    document = signing.signed_document(published)
    services.transition(
        actor=people["chair"], meeting=published, action="reopen", note="Salah tulis keputusan"
    )
    document.refresh_from_db()
    assert document.status == IssuedDocument.Status.REVOKED
    assert signing.signed_document(published) is None


def test_without_a_seal_minutes_publish_unsigned(client, meeting, people):
    published = publish(meeting, people)
    assert signing.signed_document(published) is None
    response = client.get(reverse("minutes:public_pdf", args=[published.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_quorum_counts_present_members_only(client, meeting, people):
    from satupintu.minutes.models import Attendance
    from satupintu.minutes.selectors import quorum

    assert quorum(meeting) is None  # members not recorded: no quorum shown
    services.update_meeting(actor=people["notulis"], meeting=meeting, changes={"members_total": 3})
    meeting.refresh_from_db()
    rows = {row.user_id: row for row in meeting.attendances.all()}
    present = Attendance.Status.PRESENT
    entries = [{"attendance": rows[people["chair"].pk], "status": present}]
    services.record_attendance(actor=people["notulis"], meeting=meeting, entries=entries)
    assert quorum(meeting).present == 1 and not quorum(meeting).met
    entries = [{"attendance": rows[people["invitee"].pk], "status": present}]
    services.record_attendance(actor=people["notulis"], meeting=meeting, entries=entries)
    # The notulis is present too but is no member (not invited by name, not the chair).
    entries = [{"attendance": rows[people["notulis"].pk], "status": present}]
    services.record_attendance(actor=people["notulis"], meeting=meeting, entries=entries)
    result = quorum(meeting)
    assert (result.present, result.total, result.met) == (2, 3, True)
    published = publish(meeting, people)
    page = client.get(reverse("minutes:public_detail", args=[published.pk])).content.decode()
    assert "Kuorum: 2 dari 3 anggota hadir" in page and "kuorum terpenuhi" in page
