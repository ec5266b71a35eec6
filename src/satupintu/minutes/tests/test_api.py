"""/api/v1/kantor/rapat/: same rules and services as the pages; in the OpenAPI schema."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from satupintu.minutes.models import Meeting
from satupintu.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

BASE = "/api/v1/kantor/rapat/"


def test_meeting_from_invitation_to_publication_over_the_api(client, people, setwan):
    client.force_login(people["notulis"])
    start = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    created = client.post(
        BASE,
        {
            "org_unit": "SETWAN",
            "kind": "paripurna",
            "title": "Rapat paripurna penyampaian LKPJ",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=3)).isoformat(),
            "place": "Ruang Paripurna DPRD",
            "chair": people["chair"].pk,
            "secretary": people["notulis"].pk,
            "invited_users": [people["invitee"].pk],
            "is_public": True,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    data = created.json()
    pk = data["id"]
    assert data["classification_code"] == "000.1.5" and data["status"] == "draft"
    assert OutboxMessage.objects.filter(reference=f"RAPAT-{pk}").count() == 1

    item = client.post(
        f"{BASE}{pk}/acara/",
        {"title": "Penyampaian LKPJ Wali Kota", "discussion": "Wali Kota menyampaikan LKPJ."},
        content_type="application/json",
    )
    assert item.status_code == 201
    patched = client.patch(
        f"{BASE}{pk}/acara/{item.json()['id']}/",
        {"decisions": "LKPJ diterima untuk dibahas pansus."},
        content_type="application/json",
    )
    assert patched.json()["decisions"].startswith("LKPJ diterima")

    rows = client.get(f"{BASE}{pk}/").json()["attendance"]
    marked = client.post(
        f"{BASE}{pk}/hadir/",
        {"entries": [{"id": r["id"], "status": "present", "arrived_at": "09:00"} for r in rows]},
        content_type="application/json",
    )
    assert marked.status_code == 200 and {r["status"] for r in marked.json()} == {"present"}

    past = client.post(
        f"{BASE}{pk}/tindak-lanjut/",
        {"description": "Bentuk pansus", "due_date": "2020-01-01", "owner_unit": "SETWAN"},
        content_type="application/json",
    )
    assert past.status_code == 400 and "masa lalu" in past.json()["detail"]
    follow = client.post(
        f"{BASE}{pk}/tindak-lanjut/",
        {
            "description": "Bentuk pansus",
            "due_date": (date.today() + timedelta(days=7)).isoformat(),
            "owner_unit": "SETWAN",
        },
        content_type="application/json",
    )
    assert follow.status_code == 201

    assert client.post(f"{BASE}{pk}/tindakan/", {"action": "submit"}).status_code == 200
    refused = client.post(f"{BASE}{pk}/tindakan/", {"action": "approve"})
    assert refused.status_code == 403 and "pimpinan" in refused.json()["detail"]
    early = client.post(f"{BASE}{pk}/tindakan/", {"action": "publish"})
    assert early.status_code == 409

    client.force_login(people["chair"])
    approved = client.post(f"{BASE}{pk}/tindakan/", {"action": "approve"})
    assert approved.status_code == 200 and approved.json()["actions"] == ["publish", "reopen"]
    locked = client.patch(
        f"{BASE}{pk}/acara/{item.json()['id']}/",
        {"decisions": "x"},
        content_type="application/json",
    )
    assert locked.status_code == 409
    assert (
        client.post(f"{BASE}{pk}/tindakan/", {"action": "publish"}).json()["status"] == "published"
    )
    assert Meeting.objects.get(pk=pk).is_on_public_page

    client.force_login(people["colleague"])  # SETWAN staff: the follow-up's unit
    follow_ups = client.get(f"{BASE}tindak-lanjut/").json()["results"]
    assert [f["id"] for f in follow_ups] == [follow.json()["id"]]
    done = client.post(
        f"{BASE}tindak-lanjut/{follow.json()['id']}/selesai/", {"report": "Pansus dibentuk."}
    )
    assert done.status_code == 200 and done.json()["status"] == "done"


def test_other_opd_cannot_create_in_setwan(client, people):
    client.force_login(people["dinkes"])
    start = timezone.now() + timedelta(days=1)
    response = client.post(
        BASE,
        {
            "org_unit": "SETWAN",
            "kind": "internal",
            "title": "Rapat",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
            "place": "Aula",
            "chair": people["dinkes"].pk,
            "secretary": people["dinkes"].pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 403


def test_search_and_follow_up_lists_are_scoped(client, published, people):
    client.force_login(people["notulis"])
    assert client.get(f"{BASE}?q=drainase").json()["count"] == 1
    client.force_login(people["dinkes"])
    assert client.get(f"{BASE}?q=drainase").json()["count"] == 0
    assert client.get(f"{BASE}tindak-lanjut/?status=all").json()["count"] == 0


def test_schema_has_the_minutes_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in [
        "/api/v1/kantor/rapat/",
        "/api/v1/kantor/rapat/{id}/",
        "/api/v1/kantor/rapat/{id}/tindakan/",
        "/api/v1/kantor/rapat/tindak-lanjut/",
    ]:
        assert any(p.replace("{pk}", "{id}") == path for p in paths), path
