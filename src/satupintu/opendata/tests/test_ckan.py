"""The CKAN Action API read by ckanapi (CKAN's own client) over HTTP from the live server,
as a national harvester would: the same calls a CKAN portal answers, the same errors."""

import pytest
import requests
from ckanapi import NotFound, RemoteCKAN, SearchQueryError, ValidationError

from satupintu.opendata import services
from satupintu.opendata.tests.conftest import csv_upload, metadata

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(dataset_a, opd_b, staff_b):
    """OPD A's published dataset, OPD B's published one and OPD B's unpublished draft."""
    b = services.create_dataset(
        actor=staff_b,
        org_unit=opd_b,
        metadata=metadata(title="Kunjungan puskesmas", frequency="bulanan"),
        tags=["kesehatan"],
        groups=[],
        upload=csv_upload("bulan,kunjungan\n2026-01,120\n"),
    )
    services.set_published(actor=staff_b, dataset=b, published=True)
    draft = services.create_dataset(
        actor=staff_b,
        org_unit=opd_b,
        metadata=metadata(title="Draf rahasia"),
        tags=[],
        groups=[],
        upload=csv_upload("a\n1\n"),
    )
    return {"a": dataset_a, "b": b, "draft": draft}


@pytest.fixture
def ckan(live_server):
    return RemoteCKAN(live_server.url, user_agent="satupintu-tests/1.0")


def test_package_list_and_show(ckan, catalogue):
    names = ckan.action.package_list()
    assert names == sorted([catalogue["a"].slug, catalogue["b"].slug])  # no draft
    package = ckan.action.package_show(id=catalogue["a"].slug)
    assert package["title"] == "Fasilitas kesehatan DPU"
    assert package["organization"]["name"] == "dpu"
    assert package["license_id"] == "cc-by" and package["license_title"]
    assert package["maintainer_email"] == "data.dpu@example.go.id"
    assert {t["name"] for t in package["tags"]} == {"kesehatan", "fasilitas"}
    assert [g["name"] for g in package["groups"]] == ["kesehatan"]
    assert {r["format"] for r in package["resources"]} == {"CSV", "JSON", "XLSX", "GeoJSON"}
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["walidata"] and extras["frekuensi"] == "tahunan"
    assert extras["periode_awal"] == "2026-01-01" and extras["periode_akhir"] == "2026-12-31"
    # By id too, as CKAN accepts either.
    assert ckan.action.package_show(id=package["id"])["name"] == catalogue["a"].slug
    # Every resource URL downloads the file.
    csv = next(r for r in package["resources"] if r["format"] == "CSV")
    body = requests.get(csv["url"], timeout=10).text
    assert body.startswith("nama_fasilitas,kelurahan")


def test_package_show_errors_as_ckan(ckan, catalogue):
    with pytest.raises(NotFound):
        ckan.action.package_show(id="tidak-ada")
    with pytest.raises(NotFound):
        ckan.action.package_show(id=catalogue["draft"].slug)  # unpublished: not there
    with pytest.raises(ValidationError) as error:
        ckan.action.package_show()
    assert "id" in error.value.error_dict


def test_package_search_q_fq_rows_start_sort(ckan, catalogue):
    everything = ckan.action.package_search()
    assert everything["count"] == 2 and len(everything["results"]) == 2
    found = ckan.action.package_search(q="puskesmas")
    assert [p["name"] for p in found["results"]] == [catalogue["b"].slug]
    found = ckan.action.package_search(fq="organization:dpu")
    assert [p["name"] for p in found["results"]] == [catalogue["a"].slug]
    found = ckan.action.package_search(fq='groups:"kesehatan" AND tags:fasilitas')
    assert found["count"] == 1
    found = ckan.action.package_search(fq="tags:kesehatan res_format:GeoJSON")
    assert [p["name"] for p in found["results"]] == [catalogue["a"].slug]
    by_name = ckan.action.package_search(sort="name asc", rows=1)
    assert by_name["count"] == 2 and len(by_name["results"]) == 1
    second = ckan.action.package_search(sort="name asc", rows=1, start=1)
    assert by_name["results"][0]["name"] < second["results"][0]["name"]
    by_title_desc = ckan.action.package_search(sort="title_string desc")
    titles = [p["title"] for p in by_title_desc["results"]]
    assert titles == sorted(titles, reverse=True)
    with pytest.raises(SearchQueryError):
        ckan.action.package_search(sort="harga desc")
    with pytest.raises(SearchQueryError):
        ckan.action.package_search(fq="pemilik:budi")
    with pytest.raises(ValidationError):
        ckan.action.package_search(rows="banyak")


def test_organizations_groups_resources_status(ckan, catalogue):
    assert ckan.action.organization_list() == ["dinkes", "dpu"]
    organizations = ckan.action.organization_list(all_fields=True)
    dpu = next(o for o in organizations if o["name"] == "dpu")
    assert dpu["title"] == catalogue["a"].org_unit.name and dpu["package_count"] == 1
    assert dpu["is_organization"] is True
    assert ckan.action.group_list() == ["kesehatan"]
    groups = ckan.action.group_list(all_fields=True)
    assert groups[0]["package_count"] == 1 and groups[0]["title"] == "Kesehatan"
    resource = catalogue["a"].resources.get(format="XLSX")
    shown = ckan.action.resource_show(id=str(resource.uuid))
    assert shown["format"] == "XLSX" and shown["package_id"] == str(catalogue["a"].uuid)
    with pytest.raises(NotFound):
        ckan.action.resource_show(id="00000000-0000-0000-0000-000000000000")
    status = ckan.action.status_show()
    assert status["ckan_version"].startswith("2.")


def test_get_requests_and_the_envelope(live_server, catalogue):
    """Harvesters also call the API with GET and read the envelope themselves."""
    url = f"{live_server.url}/api/3/action/package_search"
    body = requests.get(url, params={"fq": "organization:dinkes", "rows": 5}, timeout=10).json()
    assert body["success"] is True and "package_search" in body["help"]
    assert body["result"]["count"] == 1
    response = requests.get(f"{live_server.url}/api/3/action/package_show?id=x", timeout=10)
    assert response.status_code == 404
    assert response.json()["error"]["__type"] == "Not Found Error"
    assert response.json()["success"] is False
    response = requests.get(f"{live_server.url}/api/3/action/package_hapus", timeout=10)
    assert response.status_code == 400 and response.json()["success"] is False
    response = requests.post(url, data=b"{rusak", timeout=10)
    assert response.status_code == 400


def test_reads_are_throttled(client, settings, catalogue):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open_data_api": "2/m/ip"}
    url = "/api/3/action/package_list"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(url).json()["success"] is False


def test_harvesters_ask_for_changes_since_their_last_run(ckan, catalogue):
    """CKAN's harvester asks `metadata_modified:[<last run> TO *]` and sorts by id."""
    from datetime import timedelta

    from django.utils import timezone

    from satupintu.opendata.models import Dataset

    Dataset.objects.filter(pk=catalogue["b"].pk).update(
        modified_at=timezone.now() - timedelta(days=10)
    )
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    found = ckan.action.package_search(fq=f"metadata_modified:[{since} TO *]", sort="id asc")
    assert [p["name"] for p in found["results"]] == [catalogue["a"].slug]
    older = ckan.action.package_search(fq=f"metadata_modified:[* TO {since}]")
    assert [p["name"] for p in older["results"]] == [catalogue["b"].slug]
    with pytest.raises(SearchQueryError):
        ckan.action.package_search(fq="metadata_modified:[kemarin TO *]")
    assert "package_search" not in ckan.action.help_show(name="package_show")
    assert ckan.action.help_show(name="package_search").startswith("Datasets matching")


def test_facets_as_ckan_front_ends_ask_for_them(ckan, catalogue):
    found = ckan.action.package_search(
        **{"facet.field": ["organization", "tags", "res_format", "groups", "license_id"]}
    )
    assert found["facets"]["organization"] == {"dinkes": 1, "dpu": 1}
    assert found["facets"]["tags"] == {"kesehatan": 2, "fasilitas": 1}
    assert found["facets"]["res_format"] == {"CSV": 2, "JSON": 2, "XLSX": 2, "GeoJSON": 1}
    assert found["facets"]["groups"] == {"kesehatan": 1}
    items = found["search_facets"]["organization"]["items"]
    assert {i["display_name"] for i in items} == {
        catalogue["a"].org_unit.name,
        catalogue["b"].org_unit.name,
    }
    narrowed = ckan.action.package_search(fq="organization:dpu", **{"facet.field": ["tags"]})
    assert narrowed["facets"]["tags"] == {"kesehatan": 1, "fasilitas": 1}
    with pytest.raises(ValidationError):
        ckan.action.package_search(**{"facet.field": "organization"})
