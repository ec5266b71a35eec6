"""The applicant answers a correction request: only the asked documents, SLA resumes."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from satupintu.applications.tests.conftest import pdf_bytes, png_bytes, upload
from satupintu.applications.tests.helpers import js_pdf, login
from satupintu.applications.workflow import Status
from satupintu.cases import services as case_services
from satupintu.cases.models import Case
from satupintu.cases.workflow import UNIT
from satupintu.core import workdays

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=WITA)
TUESDAY = datetime(2026, 11, 3, 9, 0, tzinfo=WITA)
FRIDAY = datetime(2026, 11, 6, 10, 0, tzinfo=WITA)


@pytest.fixture
def asked(complete_draft, citizen, staff_a, django_capture_on_commit_callbacks):
    """Submitted on Monday; on Tuesday the operator asks for a new KK."""
    from satupintu.applications.services import citizen as citizen_services

    with (
        time_machine.travel(MONDAY, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application, _ = citizen_services.submit_draft(complete_draft, actor=citizen)
    with time_machine.travel(TUESDAY, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            case_services.perform(
                application.case,
                "request_correction",
                actor=staff_a,
                role=UNIT,
                note="Foto KK buram, unggah ulang.",
            )
        application.correction_codes = ["kk"]
        application.save(update_fields=["correction_codes"])
    application.refresh_from_db()
    return application


def url(application):
    return reverse("applications:correction", args=[application.case.tracking_code])


def test_correction_page_asks_only_for_the_codes(client, asked, citizen):
    login(client, citizen)
    page = client.get(url(asked)).content.decode()
    assert 'name="doc-kk"' in page
    assert 'name="doc-surat-lahir"' not in page and 'name="doc-ktp-ortu"' not in page
    assert "Foto KK buram" in page
    track = client.get(reverse("cases:track", args=[asked.case.tracking_code])).content.decode()
    assert url(asked) in track


def test_correction_resumes_and_extends_deadlines(
    client, asked, citizen, django_capture_on_commit_callbacks
):
    case = asked.case
    due_before, step_due_before = case.due_date, asked.step_due_date
    assert case.status == Status.CORRECTION and case.paused_at is not None
    old = {d.requirement.code: d for d in asked.documents.all()}
    login(client, citizen)
    with (
        time_machine.travel(FRIDAY, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            url(asked),
            {
                "doc-kk": upload("kk-jelas.png", png_bytes(), "image/png"),
                # Not asked for: ignored.
                "doc-surat-lahir": upload("lain.pdf", pdf_bytes(), "application/pdf"),
                "note": "Sudah saya foto ulang.",
            },
        )
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    asked.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and case.paused_at is None
    # Paused Tuesday → Friday: 3 working days, added by the engine to the case deadline.
    paused = workdays.working_days_between(TUESDAY.date(), FRIDAY.date())
    assert paused == 3
    assert case.due_date == workdays.add_working_days(due_before, paused)
    assert asked.step_due_date == workdays.add_working_days(step_due_before, paused)
    assert asked.correction_codes == []
    current = asked.documents.filter(superseded_at__isnull=True)
    assert {d.requirement.code: d.original_name for d in current} == {
        "surat-lahir": "surat-lahir.pdf",
        "kk": "kk-jelas.png",
        "ktp-ortu": "ktp.png",
    }
    old_kk = asked.documents.get(pk=old["kk"].pk)
    assert old_kk.superseded_at is not None  # kept for the record
    event = case.events.get(action="submit_correction")
    assert event.actor_role == "reporter" and event.note == "Sudah saya foto ulang."


def test_bad_or_missing_correction_file_writes_nothing(client, asked, citizen):
    login(client, citizen)
    response = client.post(url(asked), {"note": "x"})
    assert response.status_code == 400
    assert "Unggah berkas perbaikan untuk Kartu keluarga" in response.content.decode()
    response = client.post(url(asked), {"doc-kk": upload("kk.pdf", js_pdf())})
    assert response.status_code == 400
    assert "JavaScript" in response.content.decode()
    case = Case.objects.get(pk=asked.case.pk)
    assert case.status == Status.CORRECTION
    assert asked.documents.count() == 3
    assert not asked.documents.filter(superseded_at__isnull=False).exists()


def test_secret_link_holder_may_answer(client, asked, complete_draft):
    from satupintu.cases import codes

    secret = codes.new_secret()
    Case.objects.filter(pk=asked.case.pk).update(secret_hash=codes.hash_secret(secret))
    private = f"/permohonan/{asked.case.tracking_code}/{secret}/perbaikan/"
    page = client.get(private)
    assert page.status_code == 200 and page["Referrer-Policy"] == "strict-origin"
    assert 'name="k"' not in page.content.decode()
    # A page rendered under the earlier no-referrer policy posts with "Origin: null": the secret
    # in the path authorises the answer instead of the CSRF check.
    browser = Client(enforce_csrf_checks=True, HTTP_ORIGIN="null")
    response = browser.post(private, {"doc-kk": upload("kk.png", png_bytes(), "image/png")})
    assert response.status_code == 302
    assert response["Location"] == f"/lacak/{asked.case.tracking_code}/{secret}/"
    assert Case.objects.get(pk=asked.case.pk).status == Status.IN_PROGRESS


def test_no_correction_asked_redirects(client, submitted_application, citizen):
    login(client, citizen)
    response = client.get(url(submitted_application))
    assert response.status_code == 302


def test_withdraw(client, submitted_application, citizen):
    login(client, citizen)
    withdraw = reverse("applications:withdraw", args=[submitted_application.case.tracking_code])
    response = client.post(withdraw, {"note": "Salah layanan"})
    assert response.status_code == 400  # the confirmation box is required
    response = client.post(withdraw, {"note": "Salah layanan", "confirm": "on"})
    assert response.status_code == 302
    case = Case.objects.get(pk=submitted_application.case.pk)
    assert case.status == Status.WITHDRAWN and case.closed_at is not None
    response = client.get(withdraw)
    assert response.status_code == 302  # nothing more to withdraw
