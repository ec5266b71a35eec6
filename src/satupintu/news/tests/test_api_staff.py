"""Staff API of city information: drafts, the editorial flow, idempotent creates, Indonesian
refusals and OPD scoping (OPD B's staff get 404 on OPD A's items)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.news.models import Item
from satupintu.news.tests.conftest import write

pytestmark = pytest.mark.django_db
BASE = "/api/v1/kantor/berita/"
DRAFT = {
    "opd": "DPU",
    "kind": "berita",
    "title": "Pembangunan jalan Sepinggan dimulai",
    "summary": "Dinas PU melebarkan jalan di Sepinggan.",
    "body": "<p>Empat bulan.</p><script>alert(1)</script>",
}


def post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def test_editor_writes_submits_and_reviewer_schedules(client, editor_a, reviewer_a):
    client.force_login(editor_a)
    created = post(client, BASE, DRAFT)
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["status"] == "draft" and item["opd_code"] == "DPU"
    assert item["body"] == "<p>Empat bulan.</p>"  # the same allow-list as the pages
    assert item["actions"] == ["submit"]
    url = f"{BASE}{item['id']}/"
    changed = client.patch(url, {"title": "Jalan Sepinggan dilebarkan"}, "application/json")
    assert changed.status_code == 200 and changed.json()["title"] == "Jalan Sepinggan dilebarkan"
    submitted = post(client, f"{url}tindakan/", {"action": "submit"})
    assert submitted.status_code == 200 and submitted.json()["status"] == "review"
    refused = post(client, f"{url}tindakan/", {"action": "publish"})
    assert refused.status_code == 403 and "peninjau" in refused.json()["detail"]
    client.force_login(reviewer_a)
    at = timezone.now() + timedelta(days=2)
    published = post(client, f"{url}tindakan/", {"action": "publish", "publish_at": at.isoformat()})
    assert published.status_code == 200
    stored = Item.objects.get(pk=item["id"])
    assert stored.status == Item.Status.PUBLISHED and stored.published_at > timezone.now()
    assert client.get(f"/berita/{stored.slug}/").status_code == 404  # scheduled: not yet
    assert AuditEvent.objects.filter(action="news.publish").exists()
    listed = client.get(BASE, {"status": "published"}).json()["results"]
    assert [row["id"] for row in listed] == [item["id"]]


def test_idempotency_key_makes_no_twin(client, editor_a, editor_b):
    client.force_login(editor_a)
    first = post(client, BASE, DRAFT, **{"Idempotency-Key": "abc-1"})
    again = post(client, BASE, DRAFT, **{"Idempotency-Key": "abc-1"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Item.objects.count() == 1
    too_long = post(client, BASE, DRAFT, **{"Idempotency-Key": "x" * 81})
    assert too_long.status_code == 400 and "Idempotency-Key" in too_long.json()["detail"]
    # Another user's same key is another request.
    client.force_login(editor_b)
    other = post(client, BASE, {**DRAFT, "opd": "DINKES"}, **{"Idempotency-Key": "abc-1"})
    assert other.status_code == 201 and Item.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**DRAFT, "kind": "gosip"}, "kind"),
        ({**DRAFT, "title": ""}, "title"),
        ({**DRAFT, "title": "<b>x</b>"}, "title"),
        ({k: v for k, v in DRAFT.items() if k != "summary"}, "summary"),
        ({**DRAFT, "kind": "agenda"}, "detail"),  # an event needs a time and a place
        ({**DRAFT, "starts_at": "kemarin"}, "starts_at"),
    ],
)
def test_bad_input_is_400_in_indonesian(client, editor_a, data, field):
    client.force_login(editor_a)
    response = post(client, BASE, data)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Item.objects.exists()


def test_bad_json_and_bad_action(client, opd_a, editor_a):
    client.force_login(editor_a)
    broken = client.post(BASE, "{judul:", content_type="application/json")
    assert broken.status_code == 400 and "JSON" in broken.json()["detail"]
    listed = client.post(BASE, "[1, 2]", content_type="application/json")
    assert listed.status_code == 400
    item = write(editor_a, opd_a)
    unknown = post(client, f"{BASE}{item.pk}/tindakan/", {"action": "hapus"})
    assert unknown.status_code == 400 and "action" in unknown.json()
    late = post(client, f"{BASE}{item.pk}/tindakan/", {"action": "withdraw"})
    assert late.status_code in (403, 409)
    assert Item.objects.get(pk=item.pk).status == Item.Status.DRAFT


def test_other_opd_gets_404(client, opd_a, editor_a, editor_b):
    item = write(editor_a, opd_a)
    client.force_login(editor_b)
    assert client.get(f"{BASE}{item.pk}/").status_code == 404
    assert client.patch(f"{BASE}{item.pk}/", {"title": "x"}, "application/json").status_code == 404
    assert post(client, f"{BASE}{item.pk}/tindakan/", {"action": "submit"}).status_code == 404
    assert post(client, BASE, DRAFT).status_code == 404  # DPU is not their unit
    assert client.get(BASE).json()["results"] == []
    assert Item.objects.get(pk=item.pk).status == Item.Status.DRAFT


def test_citizens_and_anonymous_are_refused(client, citizen):
    assert post(client, BASE, DRAFT).status_code in (401, 403)
    client.force_login(citizen)
    assert post(client, BASE, DRAFT).status_code == 403
    assert not Item.objects.exists()
