"""Public pages and the public API for OPD, wilayah and dapil: no login, no personal data."""

import pytest

from satupintu.org.models import OrgUnit, Region
from satupintu.org.services import ROOT_UNIT_CODE
from satupintu.testing.factories import OrgUnitFactory

OPD_COUNT = 30
KECAMATAN_OFFICES = 6


def _text(response) -> str:
    return response.content.decode()


# --- pages ---------------------------------------------------------------------------------


def test_opd_list_page(client, reference_data):
    response = client.get("/opd/")

    assert response.status_code == 200
    body = _text(response)
    assert "Dinas Pekerjaan Umum" in body
    assert "Rumah Sakit Umum Daerah Beriman" in body
    assert "Kecamatan Balikpapan Timur" in body
    assert 'href="/opd/DPU/"' in body
    assert "Kelurahan Manggar" not in body  # kelurahan offices are not OPD
    assert "Pemerintah Kota Balikpapan" not in body.split("<main", 1)[-1]


def test_opd_list_hides_inactive_units(client, opd_a):
    OrgUnit.objects.filter(pk=opd_a.pk).update(is_active=False)

    body = _text(client.get("/opd/"))

    assert "Dinas Pekerjaan Umum" not in body


def test_opd_list_on_an_empty_database(client, db):
    response = client.get("/opd/")

    assert response.status_code == 200
    assert "Belum ada perangkat daerah" in _text(response)


def test_opd_detail_page_lists_active_children(client, opd_a):
    OrgUnitFactory(code="DPU-BM", name="Bidang Bina Marga", kind="bidang", parent=opd_a)
    OrgUnitFactory(code="DPU-OLD", name="Bidang Lama", kind="bidang", parent=opd_a, is_active=False)

    response = client.get("/opd/DPU/")

    assert response.status_code == 200
    body = _text(response)
    assert "<h1>Dinas Pekerjaan Umum</h1>" in body
    assert "Bidang Bina Marga" in body
    assert 'href="/opd/DPU-BM/"' in body
    assert "Bidang Lama" not in body


def test_opd_detail_code_is_case_insensitive(client, opd_a):
    response = client.get("/opd/dpu/")

    assert response.status_code == 200
    assert "Dinas Pekerjaan Umum" in _text(response)


def test_kecamatan_office_page_links_its_region(client, reference_data):
    response = client.get("/opd/KEC-64.71.01/")

    assert response.status_code == 200
    body = _text(response)
    assert "Kecamatan Balikpapan Timur" in body
    assert 'href="/wilayah/64.71.01/"' in body
    assert "Kelurahan Manggar" in body


@pytest.mark.parametrize("code", ["NOPE", "DPU-X", "%3Cscript%3E"])
def test_opd_detail_unknown_code_is_404(client, reference_data, code):
    assert client.get(f"/opd/{code}/").status_code == 404


def test_opd_detail_inactive_unit_is_404(client, opd_a):
    OrgUnit.objects.filter(pk=opd_a.pk).update(is_active=False)

    assert client.get("/opd/DPU/").status_code == 404


def test_public_pages_only_answer_get(client, reference_data):
    assert client.post("/opd/").status_code == 405
    assert client.post("/wilayah/").status_code == 405


def test_regions_page(client, reference_data):
    response = client.get("/wilayah/")

    assert response.status_code == 200
    body = _text(response)
    assert "Wilayah Kota Balikpapan" in body
    assert "6 kecamatan" in body
    for name in ("Balikpapan Timur", "Balikpapan Barat", "Manggar", "Lamaru"):
        assert name in body
    assert 'href="/wilayah/64.71.01/"' in body
    assert "Daerah pemilihan DPRD" in body
    assert "Balikpapan 4" in body
    assert "<td>11</td>" in body


def test_region_detail_for_a_kecamatan(client, reference_data):
    response = client.get("/wilayah/64.71.01/")

    assert response.status_code == 200
    body = _text(response)
    assert "Kecamatan Balikpapan Timur" in body
    assert "64.71.01" in body
    for village in ("Manggar", "Lamaru", "Teritip", "Manggar Baru"):
        assert village in body
    assert 'href="/wilayah/64.71.01.1001/"' in body
    assert 'href="/opd/KEC-64.71.01/"' in body  # the kecamatan office


def test_region_detail_for_a_kelurahan(client, reference_data):
    response = client.get("/wilayah/64.71.01.1001/")

    assert response.status_code == 200
    body = _text(response)
    assert "Kelurahan Manggar" in body
    assert 'href="/wilayah/64.71.01/"' in body  # breadcrumb to its kecamatan
    assert 'href="/opd/KEL-64.71.01.1001/"' in body


@pytest.mark.parametrize("code", ["64.71.99", "99", "bukan-kode"])
def test_region_detail_unknown_code_is_404(client, reference_data, code):
    assert client.get(f"/wilayah/{code}/").status_code == 404


def test_search_finds_opd_and_regions(client, reference_data):
    response = client.get("/cari/", {"q": "kesehatan"})

    assert response.status_code == 200
    body = _text(response)
    assert "Dinas Kesehatan" in body
    assert 'href="/opd/DINKES/"' in body


def test_search_finds_a_kelurahan(client, reference_data):
    body = _text(client.get("/cari/", {"q": "manggar"}))

    assert 'href="/wilayah/64.71.01.1001/"' in body
    assert 'href="/wilayah/64.71.01.1004/"' in body  # Manggar Baru


def test_search_needs_every_word(client, reference_data):
    body = _text(client.get("/cari/", {"q": "dinas kesehatan"}))

    assert "Dinas Kesehatan" in body
    assert "Dinas Sosial" not in body


def test_search_without_results(client, reference_data):
    response = client.get("/cari/", {"q": "zzzzz"})

    assert response.status_code == 200
    assert "Tidak ada hasil" in _text(response)


def test_search_never_returns_the_government_root(client, reference_data):
    body = _text(client.get("/cari/", {"q": "Pemerintah Kota"}))

    assert f'href="/opd/{ROOT_UNIT_CODE}/"' not in body


def test_search_escapes_the_query(client, reference_data):
    response = client.get("/cari/", {"q": "<script>alert(1)</script>"})

    assert response.status_code == 200
    body = _text(response)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_search_with_empty_or_too_short_query(client, reference_data):
    assert client.get("/cari/").status_code == 200
    body = _text(client.get("/cari/", {"q": "a"}))
    assert "Dinas" not in body.split("</form>", 1)[1]


def test_search_with_very_long_query(client, reference_data):
    response = client.get("/cari/", {"q": "kesehatan " * 200})

    assert response.status_code == 200


# --- API -----------------------------------------------------------------------------------


def test_api_opd_list(client, reference_data):
    response = client.get("/api/v1/opd/")

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == OPD_COUNT + KECAMATAN_OFFICES
    codes = {unit["code"] for unit in data["results"]}
    assert {"DPU", "DINKES", "KEC-64.71.01"} <= codes
    assert ROOT_UNIT_CODE not in codes
    assert not any(code.startswith("KEL-") for code in codes)
    dpu = next(unit for unit in data["results"] if unit["code"] == "DPU")
    assert dpu["name"] == "Dinas Pekerjaan Umum"
    assert dpu["kind"] == "dinas"
    assert dpu["parent_code"] == ROOT_UNIT_CODE
    assert dpu["region_code"] is None


def test_api_opd_list_needs_no_login_and_ignores_session_cookies(client, staff_a):
    client.force_login(staff_a)

    assert client.get("/api/v1/opd/").status_code == 200


def test_api_opd_list_is_read_only(client, reference_data):
    response = client.post("/api/v1/opd/", {"code": "X", "name": "X"})

    assert response.status_code == 405
    assert not OrgUnit.objects.filter(code="X").exists()


def test_api_opd_detail_with_units(client, opd_a):
    OrgUnitFactory(code="DPU-BM", name="Bidang Bina Marga", kind="bidang", parent=opd_a)

    response = client.get("/api/v1/opd/DPU/")

    assert response.status_code == 200
    data = response.json()
    assert data["code"] == "DPU"
    assert data["name"] == "Dinas Pekerjaan Umum"
    assert [unit["code"] for unit in data["units"]] == ["DPU-BM"]
    assert data["units"][0]["parent_code"] == "DPU"


def test_api_kecamatan_office_detail_lists_kelurahan_offices(client, reference_data):
    data = client.get("/api/v1/opd/KEC-64.71.01/").json()

    assert data["region_code"] == "64.71.01"
    assert len(data["units"]) == 4
    assert all(unit["kind"] == "kelurahan" for unit in data["units"])


def test_api_opd_detail_unknown_is_404(client, reference_data):
    response = client.get("/api/v1/opd/NOPE/")

    assert response.status_code == 404


def test_api_regions(client, reference_data):
    response = client.get("/api/v1/wilayah/")

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 41
    first = data["results"][0]
    assert first == {
        "code": "64.71",
        "level": "kota",
        "name": "Kota Balikpapan",
        "parent_code": None,
    }
    manggar = next(r for r in data["results"] if r["code"] == "64.71.01.1001")
    assert manggar == {
        "code": "64.71.01.1001",
        "level": "kelurahan",
        "name": "Manggar",
        "parent_code": "64.71.01",
    }


def test_api_regions_are_paginated(client, db):
    for n in range(55):
        Region.objects.create(code=f"64.{n:02d}", level="kabupaten", name=f"Kab {n}")

    data = client.get("/api/v1/wilayah/").json()

    assert data["count"] == 55
    assert len(data["results"]) == 50
    assert data["next"]
    assert len(client.get(data["next"]).json()["results"]) == 5


def test_api_electoral_districts(client, reference_data):
    response = client.get("/api/v1/dapil/")

    assert response.status_code == 200
    data = response.json()
    assert isinstance(data, list)  # not paginated: a city has a handful
    assert [d["number"] for d in data] == [1, 2, 3, 4, 5, 6]
    assert sum(d["seats"] for d in data) == 45
    assert data[0] == {
        "number": 1,
        "name": "Balikpapan 1",
        "seats": 5,
        "district_codes": ["64.71.06"],
    }


def test_api_on_an_empty_database(client, db):
    assert client.get("/api/v1/opd/").json()["count"] == 0
    assert client.get("/api/v1/wilayah/").json()["count"] == 0
    assert client.get("/api/v1/dapil/").json() == []
