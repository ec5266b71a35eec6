"""Applications (drafts, documents) in "Urusan saya", and the notification centre."""

import pytest
from django.urls import reverse

from satupintu.applications.services import citizen as citizen_services
from satupintu.applications.tests.conftest import (
    STEP_ONE,
    STEP_TWO,
    make_service,
    pdf_bytes,
    png_bytes,
    upload,
)
from satupintu.cases.tests.helpers import file_case
from satupintu.notifications.models import OutboxMessage
from satupintu.onedoor.models import MessageRead
from satupintu.testing.factories import UserFactory


@pytest.fixture
def citizen(db):
    return UserFactory(email="pemohon@contoh.id")


@pytest.fixture
def service(opd_a):
    return make_service(opd_a)


def answered_draft(service, citizen):
    draft = citizen_services.start_draft(user=citizen, service=service)
    for index, answers in enumerate([STEP_ONE, STEP_TWO]):
        assert citizen_services.save_step(draft, index, answers, actor=citizen).is_valid()
    return draft


def submitted(service, citizen, capture):
    draft = answered_draft(service, citizen)
    files = {
        "surat-lahir": upload("surat-lahir.pdf", pdf_bytes(), "application/pdf"),
        "kk": upload("kk.pdf", pdf_bytes(), "application/pdf"),
        "ktp-ortu": upload("ktp.png", png_bytes(), "image/png"),
    }
    assert not citizen_services.upload_documents(draft, files, actor=citizen)
    type(draft).objects.filter(pk=draft.pk).update(current_step=3)
    draft.refresh_from_db()
    with capture(execute=True):
        application, _secret = citizen_services.submit_draft(draft, actor=citizen)
    return application


def test_drafts_and_applications_with_their_documents(
    client, citizen, service, django_capture_on_commit_callbacks
):
    application = submitted(service, citizen, django_capture_on_commit_callbacks)
    # A draft of another service, not sent yet.
    other = make_service(service.org_unit, slug="surat-lain", name="Surat keterangan lain")
    citizen_services.start_draft(user=citizen, service=other)
    client.force_login(citizen)

    body = client.get(reverse("onedoor:mine")).content.decode()

    assert "Draf permohonan" in body and "Lanjutkan mengisi dan kirim" in body
    assert "Surat keterangan lain" in body
    code = application.case.tracking_code
    assert code in body
    doc = application.documents.first()
    assert reverse("applications:document", args=[code, doc.pk]) in body
    assert "surat-lahir.pdf" in body


def test_the_notification_centre_lists_messages_to_the_person_with_read_marks(
    client, citizen, service, django_capture_on_commit_callbacks
):
    application = submitted(service, citizen, django_capture_on_commit_callbacks)
    code = application.case.tracking_code
    mine = list(OutboxMessage.objects.filter(reference=code))
    assert mine
    # A message about the same application to someone else (staff) stays out.
    staff_copy = OutboxMessage.objects.create(
        channel="email",
        recipient="petugas@contoh.id",
        subject="Permohonan baru ZQXSTAFF",
        body="Untuk petugas",
        dedupe_key="test-staff-copy",
        reference=code,
    )
    client.force_login(citizen)

    page = client.get(reverse("onedoor:notifications"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "ZQXSTAFF" not in body
    assert page.context["unread"] == len(mine)
    assert "Belum dibaca" in body

    first = mine[0]
    detail = client.get(reverse("onedoor:notification", args=[first.pk]))
    assert detail.status_code == 200
    assert MessageRead.objects.filter(user=citizen, message=first).exists()
    assert client.get(reverse("onedoor:notification", args=[staff_copy.pk])).status_code == 404

    client.post(reverse("onedoor:mark_all_read"))
    assert client.get(reverse("onedoor:notifications")).context["unread"] == 0
    assert "pesan" in client.get(reverse("onedoor:mine")).content.decode().lower()


def test_another_citizen_cannot_open_the_message(client, citizen, category_free):
    case, _ = file_case(category_free, user=citizen, reporter_email="pemohon@contoh.id")
    message = OutboxMessage.objects.create(
        channel="email",
        recipient="pemohon@contoh.id",
        subject="Laporan diterima",
        body="Isi pesan",
        dedupe_key="test-one",
        reference=case.tracking_code,
    )
    other = UserFactory()
    client.force_login(other)
    assert client.get(reverse("onedoor:notification", args=[message.pk])).status_code == 404
    assert "Laporan diterima" not in client.get(reverse("onedoor:notifications")).content.decode()
    client.force_login(citizen)
    assert client.get(reverse("onedoor:notification", args=[message.pk])).status_code == 200


@pytest.fixture
def category_free(reference_data):
    from satupintu.cases.tests.helpers import make_category

    return make_category()


def test_mark_all_read_needs_a_post(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("onedoor:mark_all_read")).status_code == 405
