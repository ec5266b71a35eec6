"""/api/v1/dprd/: staff actions through the same services and checks as the pages, and the
public status of an aspiration."""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from satupintu.dprd.tests.test_aspiration import file, komisi
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db
BASE = "/api/v1/dprd/"


def post(client, url, data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data, content_type="application/json")


def test_proposal_through_rkpd_over_the_api(client, proposal, setwan_staff, selatan_member):
    code = proposal.case.tracking_code
    url = f"{BASE}usulan/{code}/tindakan/"
    client.force_login(setwan_staff)
    verified = post(client, url, {"action": "verify"})
    assert verified.status_code == 200, verified.content
    assert verified.json() == {
        "code": code,
        "status": "diverifikasi",
        "status_label": "Diverifikasi",
    }
    client.force_login(selatan_member.user)
    assert post(client, url, {"action": "adopt"}).json()["status"] == "diadopsi"
    proposal.refresh_from_db()
    assert proposal.adopted_by == selatan_member
    client.force_login(setwan_staff)
    for action, status in (("propose", "diusulkan"), ("accept", "diterima")):
        assert post(client, url, {"action": action}).json()["status"] == status
    for action, status in (("budget", "dianggarkan"), ("implement", "dilaksanakan")):
        assert post(client, url, {"action": action}).json()["status"] == status
    # Every change is public, with its date.
    history = client.get(f"/dprd/usulan/{code}/").content.decode()
    assert "Dianggarkan" in history and "Dilaksanakan" in history
    listed = client.get(f"{BASE}kantor/usulan/").json()["results"]
    assert [p["code"] for p in listed] == [code] and listed[0]["adopted_by"] == selatan_member.slug


def test_reject_needs_a_reason_and_wrong_status_is_refused(client, proposal, setwan_staff):
    url = f"{BASE}usulan/{proposal.case.tracking_code}/tindakan/"
    client.force_login(setwan_staff)
    missing = post(client, url, {"action": "reject", "note": "  "})
    assert missing.status_code == 400 and "alasan" in missing.json()["detail"]
    early = post(client, url, {"action": "budget"})
    assert early.status_code == 409
    assert post(client, url, {"action": "terbang"}).status_code == 400
    assert post(client, url, {"action": "verify", "note": "<script>x</script>"}).status_code == 400
    rejected = post(client, url, {"action": "reject", "note": "Bukan kewenangan kota."})
    assert rejected.json()["status"] == "ditolak"
    assert (
        "Bukan kewenangan kota."
        in client.get(f"/dprd/usulan/{proposal.case.tracking_code}/").content.decode()
    )


def test_who_may_act_on_a_proposal(client, proposal, setwan_staff, selatan_member, utara_member):
    url = f"{BASE}usulan/{proposal.case.tracking_code}/tindakan/"
    # A member of another dapil, an OPD officer, a citizen: not found / refused, nothing changes.
    client.force_login(utara_member.user)
    assert post(client, url, {"action": "adopt"}).status_code == 404
    client.force_login(make_staff(OrgUnit.objects.get(code="DPU")))
    assert post(client, url, {"action": "verify"}).status_code == 403
    client.logout()
    assert post(client, url, {"action": "verify"}).status_code in (401, 403)
    # The member of the dapil may adopt but not verify (SETWAN's step).
    client.force_login(selatan_member.user)
    assert post(client, url, {"action": "verify"}).status_code in (403, 409)
    proposal.case.refresh_from_db()
    assert proposal.case.status == "diajukan"
    assert (
        post(client, f"{BASE}usulan/POK-TIDAK-ADA/tindakan/", {"action": "adopt"}).status_code
        == 404
    )


def test_setwan_forwards_and_answers_an_aspiration(client, reference_data):
    aspiration = file()
    code = aspiration.case.tracking_code
    setwan = make_staff(OrgUnit.objects.get(code="SETWAN"), full_name="Staf Setwan")
    client.force_login(setwan)
    url = f"{BASE}aspirasi/{code}/tindakan/"
    no_commission = post(client, url, {"action": "verify", "target": "komisi"})
    assert no_commission.status_code == 400
    unknown = post(client, url, {"action": "verify", "target": "komisi", "commission": "KOMISI-IX"})
    assert unknown.status_code == 400
    forwarded = post(
        client, url, {"action": "verify", "target": "komisi", "commission": "komisi-iii"}
    )
    assert forwarded.status_code == 200, forwarded.content
    assert forwarded.json()["status"] == "diteruskan"
    aspiration.refresh_from_db()
    assert aspiration.commission == komisi()
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    bad_hearing = post(
        client,
        url,
        {
            "action": "hearing",
            "hearing": {
                "title": "RDP drainase",
                "starts_at": start.isoformat(),
                "ends_at": (start - timedelta(hours=1)).isoformat(),
                "place": "Ruang Komisi III",
            },
        },
    )
    assert bad_hearing.status_code == 400
    assert post(client, url, {"action": "hearing"}).status_code == 400
    hearing = post(
        client,
        url,
        {
            "action": "hearing",
            "hearing": {
                "title": "RDP drainase",
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(hours=2)).isoformat(),
                "place": "Ruang Komisi III",
            },
        },
    )
    assert hearing.json()["status"] == "rdp"
    aspiration.refresh_from_db()
    assert aspiration.meeting is not None and aspiration.meeting.title == "RDP drainase"
    answered = post(client, url, {"action": "answer", "note": "Drainase dikerjakan Dinas PU."})
    assert answered.json()["status"] == "dijawab"
    # The public status: where it went and what became of it, never who sent it.
    public = client.get(f"{BASE}aspirasi/{code.lower()}/").json()
    assert public["status"] == "dijawab" and public["commission"] == "KOMISI-III"
    text = str(public)
    assert "Warga Contoh" not in text and "warga@contoh.id" not in text
    assert "Drainase Jl. Sepinggan" not in text


def test_others_cannot_act_on_an_aspiration(client, reference_data, utara_member):
    aspiration = file()
    url = f"{BASE}aspirasi/{aspiration.case.tracking_code}/tindakan/"
    client.force_login(utara_member.user)
    assert post(client, url, {"action": "verify"}).status_code == 404
    client.force_login(make_staff(OrgUnit.objects.get(code="DPU")))
    assert post(client, url, {"action": "verify"}).status_code == 403
    aspiration.case.refresh_from_db()
    assert aspiration.case.status == "baru"
    assert client.get(f"{BASE}aspirasi/ASP-TIDAK-ADA/").status_code == 404
