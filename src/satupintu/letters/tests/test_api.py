from datetime import timedelta

from django.utils import timezone

from satupintu.letters.models import Disposition, Letter
from satupintu.letters.tests.conftest import register


def _due(days=2):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_register_dispose_withdraw_report_via_api(client, org, code):
    client.force_login(org.tu_setda)
    response = client.post(
        "/api/v1/kantor/surat/",
        {
            "unit": "SETDA",
            "sender_name": "DPRD",
            "external_number": "170/1/DPRD",
            "external_date": "2026-01-03",
            "subject": "Undangan paripurna",
            "classification": "000.1.5",
        },
    )
    assert response.status_code == 201, response.content
    letter_id = response.json()["id"]
    assert response.json()["agenda_number"] == 1

    client.force_login(org.sekda)
    assert client.get("/api/v1/kantor/surat/ringkasan/").json()["unread"] == 1
    url = f"/api/v1/kantor/surat/{letter_id}/disposisi/"
    refused = client.post(
        url,
        {"to_users": [org.tu_dinkes.pk], "instructions": ["arsip"], "due_date": _due()},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "hierarki" in refused.json()["detail"]
    past = client.post(
        url,
        {"to_users": [org.asisten1.pk], "instructions": ["arsip"], "due_date": _due(-1)},
        content_type="application/json",
    )
    assert past.status_code == 400
    made = client.post(
        url,
        {
            "to_users": [org.asisten1.pk],
            "to_units": ["SETDA-ASS2"],
            "instructions": ["ditindaklanjuti"],
            "urgency": "sangat_segera",
            "due_date": _due(),
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    by_unit = {d["to_unit"]: d for d in made.json()}
    first, second = by_unit[None], by_unit["SETDA-ASS2"]
    assert client.post(f"/api/v1/kantor/surat/disposisi/{first['id']}/tarik/").status_code == 200

    client.force_login(org.asisten2)
    mine = client.get("/api/v1/kantor/surat/disposisi/").json()["results"]
    assert [d["id"] for d in mine] == [second["id"]]
    detail = client.get(f"/api/v1/kantor/surat/{letter_id}/").json()
    assert len(detail["dispositions"]) == 2
    client.force_login(org.sekda)
    late = client.post(f"/api/v1/kantor/surat/disposisi/{second['id']}/tarik/")
    assert late.status_code == 400  # read by asisten II through the API
    client.force_login(org.asisten2)
    done = client.post(
        f"/api/v1/kantor/surat/disposisi/{second['id']}/selesai/",
        {"report": "Selesai dikoordinasikan"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["state"] == "selesai"
    assert Disposition.objects.get(pk=second["id"]).done_by == org.asisten2


def test_search_filters(client, org, code):
    register(org.tu_setda, org.setda, subject="Laporan banjir", number="1/BJ", sifat="penting")
    register(org.tu_setda, org.setda, subject="Undangan", number="2/UN")
    client.force_login(org.sekda)
    rows = client.get("/api/v1/kantor/surat/", {"q": "banjir"}).json()["results"]
    assert [r["subject"] for r in rows] == ["Laporan banjir"]
    rows = client.get("/api/v1/kantor/surat/", {"sifat": "penting"}).json()["results"]
    assert len(rows) == 1
    rows = client.get("/api/v1/kantor/surat/", {"klasifikasi": "000.5"}).json()["results"]
    assert len(rows) == 2
    rows = client.get("/api/v1/kantor/surat/", {"unit": "DPU"}).json()["results"]
    assert rows == []
    assert Letter.objects.count() == 2


def test_schema_lists_the_letter_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/kantor/surat/{id}/disposisi/" in schema
