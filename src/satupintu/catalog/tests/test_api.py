from satupintu.catalog.models import Service


def test_list_is_public_and_paginated(demo_catalog, client):
    response = client.get("/api/v1/layanan/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 12
    first = body["results"][0]
    assert {"slug", "name", "opd_code", "delivery", "fee_amount", "life_events"} <= set(first)


def test_list_search_and_filters(demo_catalog, client):
    body = client.get("/api/v1/layanan/", {"q": "akte kelahiran"}).json()
    assert body["results"][0]["slug"] == "akta-kelahiran"
    body = client.get("/api/v1/layanan/", {"opd": "DINSOS"}).json()
    assert [r["slug"] for r in body["results"]] == ["sktm"]
    body = client.get("/api/v1/layanan/", {"peristiwa": "kematian"}).json()
    assert [r["slug"] for r in body["results"]] == ["akta-kematian"]


def test_detail_has_requirements_steps_and_form(demo_catalog, client):
    body = client.get("/api/v1/layanan/akta-kelahiran/").json()
    assert body["apply_url"].endswith("/permohonan/baru/akta-kelahiran/")
    assert body["requirements"][0]["code"] == "suket-lahir"
    assert [s["order"] for s in body["steps"]] == [1, 2, 3, 4]
    assert body["form"]["version"] == 1
    assert "nama_anak" in body["form"]["schema"]["properties"]
    assert body["fee_amount"] == 0


def test_unpublished_detail_is_404(demo_catalog, client):
    Service.objects.filter(slug="sktm").update(is_published=False)
    assert client.get("/api/v1/layanan/sktm/").status_code == 404
    slugs = [r["slug"] for r in client.get("/api/v1/layanan/", {"q": "sktm"}).json()["results"]]
    assert "sktm" not in slugs
