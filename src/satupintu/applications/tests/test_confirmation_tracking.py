"""Applications: the confirmation with the private link, the link in later messages, and the
application's own steps on the tracking page (issue 16)."""

import pytest
from django.utils import timezone

from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.applications.tests.staff_fixtures import advance
from satupintu.cases.progress import CURRENT, DONE, TODO, progress_of
from satupintu.notifications.models import OutboxMessage

BASE = "https://layanan.contoh.go.id"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.PUBLIC_BASE_URL = BASE


@pytest.fixture
def submitted(complete_draft, citizen, django_capture_on_commit_callbacks):
    from satupintu.applications.services import citizen as citizen_services

    with django_capture_on_commit_callbacks(execute=True):
        application, secret = citizen_services.submit_draft(complete_draft, actor=citizen)
    application.refresh_from_db()
    return application, secret


def test_submitting_an_application_sends_the_confirmation_with_the_private_link(submitted, citizen):
    application, secret = submitted
    code = application.case.tracking_code

    message = OutboxMessage.objects.get(reference=code)
    assert (message.channel, message.recipient) == ("email", citizen.email)
    assert message.subject == f"Permohonan Anda tercatat: {code}"
    assert code in message.body
    assert f"{BASE}/lacak/{code}/{secret}/" in message.body
    assert "Batas penyelesaian:" in message.body


def test_an_applicant_with_a_phone_only_gets_an_sms(
    complete_draft, citizen, django_capture_on_commit_callbacks
):
    from satupintu.applications.services import citizen as citizen_services

    type(citizen).objects.filter(pk=citizen.pk).update(email=None, phone="+6281355556666")
    citizen.refresh_from_db()
    complete_draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        application, secret = citizen_services.submit_draft(complete_draft, actor=citizen)

    message = OutboxMessage.objects.get(reference=application.case.tracking_code)
    assert (message.channel, message.recipient) == ("sms", "+6281355556666")
    assert f"/lacak/{application.case.tracking_code}/{secret}/" in message.body


def test_later_application_messages_carry_the_private_link(
    submitted, operator, django_capture_on_commit_callbacks
):
    application, secret = submitted
    with django_capture_on_commit_callbacks(execute=True):
        advance(application, operator)  # loket → verifikasi (internal steps say nothing)
        from satupintu.applications.services import processing

        processing.act(application, "reply", actor=operator, note="Mohon tunggu.")

    bodies = [m.body for m in OutboxMessage.objects.order_by("pk")][1:]
    assert bodies, "the reply reaches the applicant"
    for body in bodies:
        assert f"{BASE}/lacak/{application.case.tracking_code}/{secret}/" in body


def test_the_done_page_shows_the_link_on_the_configured_address(client, submitted, citizen):
    application, secret = submitted
    client.force_login(citizen)
    session = client.session
    session["application_secrets"] = {application.case.tracking_code: secret}
    session.save()

    page = client.get(f"/permohonan/{application.case.tracking_code}/terkirim/")

    body = page.content.decode()
    assert f'href="{BASE}/lacak/{application.case.tracking_code}/{secret}/"' in body
    assert 'id="link-sent"' in body


# --- Steps --------------------------------------------------------------------------------------


def test_the_step_list_is_the_service_workflow(submitted):
    application, _secret = submitted

    progress = progress_of(application.case)

    labels = [step.label for step in progress.steps]
    assert labels == [
        "Diterima",
        "Pemeriksaan berkas",
        "Verifikasi teknis",
        "Persetujuan kepala",
        "Penerbitan dokumen",
        "Selesai, dokumen hasil terbit",
    ]
    assert [step.state for step in progress.steps] == [DONE, CURRENT, TODO, TODO, TODO, TODO]
    assert progress.steps[1].reached_at is not None  # current since submission
    assert progress.holder == application.service.org_unit.name
    assert [d.label for d in progress.deadlines] == ["Batas tahap ini", "Batas penyelesaian"]
    assert "Pemeriksaan berkas" in progress.deadlines[0].meaning
    assert "5 hari kerja" in progress.deadlines[1].meaning


def test_advancing_moves_the_current_step_with_its_date(submitted, operator):
    application, _secret = submitted

    advance(application, operator)
    progress = progress_of(application.case)

    assert [s.state for s in progress.steps][:4] == [DONE, DONE, CURRENT, TODO]
    # The step's moment is stored in UTC; the citizen sees it on the city's calendar.
    assert timezone.localtime(progress.steps[2].reached_at).date() == timezone.localdate()


def test_an_issued_application_has_every_step_done(issued_application):
    progress = progress_of(issued_application.case)

    assert all(step.state == DONE for step in progress.steps)
    assert progress.deadlines == []


def test_a_rejected_application_ends_off_the_path(submitted, operator):
    from satupintu.applications.services import processing

    application, _secret = submitted
    processing.act(application, "reject", actor=operator, note="Berkas tidak lengkap.")
    application.case.refresh_from_db()

    progress = progress_of(application.case)

    assert progress.ending == "Ditolak"
    assert all(step.state == DONE for step in progress.steps)


def test_the_tracking_page_shows_the_application_steps(client, submitted):
    application, secret = submitted

    body = client.get(f"/lacak/{application.case.tracking_code}/{secret}/").content.decode()

    assert 'id="steps"' in body
    assert "Verifikasi teknis" in body
    assert 'aria-current="step"' in body
    assert "Batas tahap ini" in body and "hari kerja" in body
    # Withdrawing lives in the application's own block: no empty "Tindakan Anda" card.
    assert "Tindakan Anda" not in body


def test_a_receipt_is_explained_not_called_invalid(client, submitted):
    from satupintu.applications.tasks import receipt_pdf

    application, _secret = submitted
    pdf = receipt_pdf(application)

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/verifikasi/",
        {"file": SimpleUploadedFile("tanda-terima.pdf", pdf, content_type="application/pdf")},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tanda terima, bukan dokumen hasil" in body
    assert "tidak sah" not in body.lower()
    assert "tidak ditandatangani secara elektronik" in body
    assert f"?code={application.case.tracking_code}" in body
