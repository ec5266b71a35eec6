"""Back-office pages for applications: queue, application page, actions, documents."""

from datetime import timedelta

import pytest
from django.utils import timezone

from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.applications.tests.staff_fixtures import advance
from satupintu.applications.workflow import Status
from satupintu.cases.models import CaseEvent
from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


def _url(application, suffix=""):
    return f"/kantor/permohonan/{application.case.tracking_code}/{suffix}"


def test_backoffice_home_lists_the_module(client, operator):
    client.force_login(operator)
    response = client.get("/kantor/")
    assert response.status_code == 200
    assert "/kantor/permohonan/" in response.content.decode()


def test_queue_shows_own_units_applications_with_overdue_flag(
    client, submitted_application, operator, staff_b
):
    submitted_application.step_due_date = timezone.localdate() - timedelta(days=3)
    submitted_application.save(update_fields=["step_due_date"])
    client.force_login(operator)
    page = client.get("/kantor/permohonan/").content.decode()
    code = submitted_application.case.tracking_code
    assert code in page
    assert "terlambat" in page
    assert "is-overdue" in page
    overdue = client.get("/kantor/permohonan/?tenggat=overdue").content.decode()
    assert code in overdue
    soon = client.get("/kantor/permohonan/?tenggat=soon").content.decode()
    assert code not in soon
    client.force_login(staff_b)
    assert code not in client.get("/kantor/permohonan/").content.decode()


def test_queue_filters_by_service_and_step(client, submitted_application, operator):
    client.force_login(operator)
    code = submitted_application.case.tracking_code
    service = submitted_application.service
    other_step = service.steps.get(code="verifikasi")
    page = client.get(f"/kantor/permohonan/?layanan={service.pk}").content.decode()
    assert code in page
    page = client.get(
        f"/kantor/permohonan/?layanan={service.pk}&langkah={other_step.pk}"
    ).content.decode()
    assert code not in page


def test_city_coordinator_sees_every_unit(client, submitted_application, reference_data):
    from satupintu.org.models import OrgUnit

    coordinator = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.COORDINATOR)
    client.force_login(coordinator)
    assert (
        submitted_application.case.tracking_code
        in client.get("/kantor/permohonan/").content.decode()
    )
    assert client.get(_url(submitted_application)).status_code == 200


def test_application_page_masks_personal_numbers(client, submitted_application, operator):
    from satupintu.applications.tests.conftest import VALID_KK, VALID_NIK

    client.force_login(operator)
    response = client.get(_url(submitted_application))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pemeriksaan berkas" in page
    assert VALID_NIK not in page
    assert VALID_KK not in page
    assert VALID_NIK[:4] + "********" in page
    assert 'name="expected_step_id"' in page
    assert "Budi Santoso" in page  # a plain answer


def test_other_units_staff_get_404_everywhere(client, submitted_application, staff_b):
    client.force_login(staff_b)
    document = submitted_application.documents.first()
    assert client.get(_url(submitted_application)).status_code == 404
    assert client.get(_url(submitted_application, f"dokumen/{document.pk}/")).status_code == 404
    assert client.get(_url(submitted_application, "hasil/")).status_code == 404
    response = client.post(
        _url(submitted_application, "tindakan/"),
        {"action": "advance", "expected_step_id": submitted_application.current_step_id},
    )
    assert response.status_code == 404
    assert client.post(_url(submitted_application, "cabut/"), {"reason": "x"}).status_code == 404
    submitted_application.refresh_from_db()
    assert submitted_application.current_step.code == "loket"


def test_staff_downloads_an_uploaded_document(client, submitted_application, operator):
    client.force_login(operator)
    document = submitted_application.documents.first()
    response = client.get(_url(submitted_application, f"dokumen/{document.pk}/"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF") or document.content_type


def test_advance_through_the_page(client, submitted_application, operator):
    client.force_login(operator)
    response = client.post(
        _url(submitted_application, "tindakan/"),
        {"action": "advance", "expected_step_id": submitted_application.current_step_id},
    )
    assert response.status_code == 302
    submitted_application.refresh_from_db()
    assert submitted_application.current_step.code == "verifikasi"


def test_wrong_role_on_the_page_is_403_with_a_message(client, submitted_application, koordinator):
    client.force_login(koordinator)
    response = client.post(
        _url(submitted_application, "tindakan/"),
        {"action": "advance", "expected_step_id": submitted_application.current_step_id},
    )
    assert response.status_code == 403
    assert "hanya dapat diproses oleh peran" in response.content.decode()


def test_double_submit_on_the_page_is_409_and_writes_once(client, submitted_application, operator):
    client.force_login(operator)
    data = {"action": "advance", "expected_step_id": submitted_application.current_step_id}
    assert client.post(_url(submitted_application, "tindakan/"), data).status_code == 302
    events = CaseEvent.objects.filter(case=submitted_application.case).count()
    response = client.post(_url(submitted_application, "tindakan/"), data)
    assert response.status_code == 409
    assert "sudah diproses oleh orang lain" in response.content.decode()
    assert CaseEvent.objects.filter(case=submitted_application.case).count() == events


def test_reject_without_reason_keeps_the_form(client, submitted_application, operator):
    client.force_login(operator)
    response = client.post(
        _url(submitted_application, "tindakan/"),
        {"action": "reject", "note": "", "expected_step_id": submitted_application.current_step_id},
    )
    assert response.status_code == 400
    assert "Alasan penolakan wajib diisi" in response.content.decode()
    submitted_application.case.refresh_from_db()
    assert submitted_application.case.status == Status.SUBMITTED


def test_request_correction_through_the_page(client, submitted_application, operator):
    client.force_login(operator)
    response = client.post(
        _url(submitted_application, "tindakan/"),
        {
            "action": "request_correction",
            "codes": ["kk", "ktp-ortu"],
            "note": "Unggah ulang yang terbaca.",
            "expected_step_id": submitted_application.current_step_id,
        },
    )
    assert response.status_code == 302
    submitted_application.refresh_from_db()
    assert submitted_application.correction_codes == ["kk", "ktp-ortu"]
    assert submitted_application.case.paused_at is not None
    page = client.get(_url(submitted_application)).content.decode()
    assert "Kartu keluarga" in page


def test_issued_application_page_offers_download_and_revoke(
    client, issued_application, head, operator
):
    client.force_login(head)
    page = client.get(_url(issued_application)).content.decode()
    assert issued_application.result_document.number in page
    assert _url(issued_application, "cabut/") in page
    response = client.get(_url(issued_application, "hasil/"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response = client.post(_url(issued_application, "cabut/"), {"reason": ""})
    assert response.status_code == 400
    response = client.post(_url(issued_application, "cabut/"), {"reason": "Salah ketik nama."})
    assert response.status_code == 302
    issued_application.result_document.refresh_from_db()
    assert issued_application.result_document.status == "dicabut"
    token = issued_application.result_document.token
    assert "dicabut" in client.get(f"/verifikasi/{token}/").content.decode()


def test_head_sees_the_approve_button_only_on_the_approval_step(
    client, submitted_application, operator, koordinator, head
):
    advance(submitted_application, operator)
    advance(submitted_application, koordinator)
    client.force_login(head)
    page = client.get(_url(submitted_application)).content.decode()
    assert "Setujui (Persetujuan kepala)" in page
    client.force_login(operator)
    page = client.get(_url(submitted_application)).content.decode()
    assert "Setujui (Persetujuan kepala)" not in page
    assert "Langkah ini diproses oleh peran Kepala" in page
