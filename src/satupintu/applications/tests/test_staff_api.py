"""Staff API for applications: queue, detail, actions (200/400/403/409), result, scope."""

import pytest

from satupintu.applications.tests.staff_fixtures import *  # noqa: F403
from satupintu.applications.tests.staff_fixtures import advance
from satupintu.cases.models import CaseEvent

pytestmark = pytest.mark.django_db

BASE = "/api/v1/kantor/permohonan/"


def _post(client, application, data):
    return client.post(
        f"{BASE}{application.case.tracking_code}/tindakan/", data, content_type="application/json"
    )


def test_list_and_detail(client, submitted_application, operator):
    from satupintu.applications.tests.conftest import VALID_NIK

    client.force_login(operator)
    response = client.get(BASE)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["tracking_code"] for r in rows] == [submitted_application.case.tracking_code]
    assert rows[0]["current_step"]["code"] == "loket"
    assert rows[0]["is_overdue"] is False
    detail = client.get(f"{BASE}{submitted_application.case.tracking_code}/").json()
    assert detail["actions"][:3] == ["advance", "request_correction", "reject"]
    assert [s["code"] for s in detail["steps"]] == [
        "loket",
        "verifikasi",
        "persetujuan",
        "penerbitan",
    ]
    assert VALID_NIK not in str(detail["answers"])
    assert detail["documents"][0]["url"].startswith("/kantor/permohonan/")


def test_list_filters(client, submitted_application, operator):
    client.force_login(operator)
    assert client.get(f"{BASE}?tenggat=overdue").json()["count"] == 0
    assert client.get(f"{BASE}?status=diajukan").json()["count"] == 1
    assert client.get(f"{BASE}?status=selesai").json()["count"] == 0


def test_other_unit_gets_404_and_empty_list(client, submitted_application, staff_b):
    client.force_login(staff_b)
    code = submitted_application.case.tracking_code
    assert client.get(BASE).json()["count"] == 0
    assert client.get(f"{BASE}{code}/").status_code == 404
    assert client.get(f"{BASE}{code}/dokumen-hasil/").status_code == 404
    assert _post(client, submitted_application, {"action": "advance"}).status_code == 404


def test_actions_200_400_403_409(client, submitted_application, operator, koordinator):
    step = submitted_application.current_step_id
    client.force_login(koordinator)
    response = _post(client, submitted_application, {"action": "advance", "expected_step_id": step})
    assert response.status_code == 403
    assert "hanya dapat diproses" in response.json()["detail"]
    client.force_login(operator)
    assert _post(client, submitted_application, {"action": "terbang"}).status_code == 400
    response = _post(client, submitted_application, {"action": "reject", "note": ""})
    assert response.status_code == 400
    response = _post(client, submitted_application, {"action": "advance", "expected_step_id": step})
    assert response.status_code == 200
    assert response.json()["current_step"]["code"] == "verifikasi"
    events = CaseEvent.objects.filter(case=submitted_application.case).count()
    response = _post(client, submitted_application, {"action": "advance", "expected_step_id": step})
    assert response.status_code == 409
    assert CaseEvent.objects.filter(case=submitted_application.case).count() == events


def test_request_correction_with_unknown_code_is_400(client, submitted_application, operator):
    client.force_login(operator)
    response = _post(
        client,
        submitted_application,
        {"action": "request_correction", "codes": ["bukan-kode"], "note": "Perbaiki."},
    )
    assert response.status_code == 400
    response = _post(
        client,
        submitted_application,
        {"action": "request_correction", "codes": ["kk"], "note": "Perbaiki KK."},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "perlu_perbaikan"


def test_result_document_metadata_and_revoke(client, issued_application, head, operator):
    code = issued_application.case.tracking_code
    client.force_login(operator)
    response = client.get(f"{BASE}{code}/dokumen-hasil/")
    assert response.status_code == 200
    data = response.json()
    assert data["number"] == issued_application.result_document.number
    assert data["status"] == "terbit"
    assert f"/verifikasi/{issued_application.result_document.token}/" in data["verify_url"]
    client.force_login(head)
    response = client.post(
        f"{BASE}{code}/dokumen-hasil/cabut/", {"reason": "Salah."}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "dicabut"


def test_no_result_yet_is_404(client, submitted_application, operator):
    client.force_login(operator)
    code = submitted_application.case.tracking_code
    assert client.get(f"{BASE}{code}/dokumen-hasil/").status_code == 404


def test_head_detail_offers_approve(client, submitted_application, operator, koordinator, head):
    advance(submitted_application, operator)
    advance(submitted_application, koordinator)
    client.force_login(head)
    detail = client.get(f"{BASE}{submitted_application.case.tracking_code}/").json()
    assert detail["actions"][0] == "approve"
