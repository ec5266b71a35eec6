"""DCAT (JSON-LD) read by a JSON-LD processor; the citizens' pages, downloads and one search."""

import pytest
from django.urls import reverse
from pyld import jsonld

from satupintu.opendata import services
from satupintu.opendata.tests.conftest import csv_upload, metadata

pytestmark = pytest.mark.django_db

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _triples(document):
    quads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    return [line for line in quads.splitlines() if line]


def test_dcat_catalogue_expands_to_the_expected_triples(client, dataset_a):
    response = client.get(reverse("opendata:catalog"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = response.json()
    expanded = jsonld.expand(document)
    assert expanded[0]["@type"] == [f"{DCAT}Catalog"]
    lines = _triples(document)
    dataset_uri = f"<http://testserver/data/{dataset_a.slug}/>"
    assert f"{dataset_uri} <{RDF_TYPE}> <{DCAT}Dataset> ." in lines
    assert f'{dataset_uri} <{DCT}title> "Fasilitas kesehatan DPU"@id .' in lines
    assert any(
        line.startswith(f"{dataset_uri} <{DCT}license> <https://creativecommons.org")
        for line in lines
    )
    assert any(f"<{DCT}accrualPeriodicity>" in l and "ANNUAL" in l for l in lines)  # noqa: E741
    distributions = [l for l in lines if l.endswith(f"<{RDF_TYPE}> <{DCAT}Distribution> .")]  # noqa: E741
    assert len(distributions) == 4
    downloads = [l for l in lines if f"<{DCAT}downloadURL>" in l]  # noqa: E741
    assert any(f"/data/{dataset_a.slug}/unduh/geojson/" in l for l in downloads)  # noqa: E741
    assert any(f'<{DCAT}startDate> "2026-01-01"' in l for l in lines)  # noqa: E741
    assert any("foaf/0.1/name" in l and dataset_a.org_unit.name in l for l in lines)  # noqa: E741


def test_unpublished_datasets_are_nowhere_public(client, staff_a, opd_a):
    draft = services.create_dataset(
        actor=staff_a, org_unit=opd_a, metadata=metadata(title="Draf ZQXDRAF"), tags=[],
        groups=[], upload=csv_upload(),
    )  # fmt: skip
    assert client.get(reverse("opendata:detail", args=[draft.slug])).status_code == 404
    assert client.get(reverse("opendata:download", args=[draft.slug, "csv"])).status_code == 404
    assert "ZQXDRAF" not in client.get(reverse("opendata:catalog")).content.decode()
    assert "ZQXDRAF" not in client.get(reverse("opendata:list")).content.decode()
    found = client.get(reverse("portal:search"), {"q": "ZQXDRAF"}).content.decode()
    assert reverse("opendata:detail", args=[draft.slug]) not in found


def test_list_detail_and_downloads(client, dataset_a):
    page = client.get(reverse("opendata:list"), {"q": "fasilitas", "opd": "dpu"}).content.decode()
    assert dataset_a.title in page
    assert (
        dataset_a.title
        not in client.get(reverse("opendata:list"), {"opd": "dinkes"}).content.decode()
    )
    detail = client.get(reverse("opendata:detail", args=[dataset_a.slug])).content.decode()
    for text in ("Produsen data", "Walidata", "Frekuensi pemutakhiran", "Lisensi", "Narahubung",
                 "data.dpu@example.go.id", "Puskesmas Sepinggan", "GeoJSON"):  # fmt: skip
        assert text in detail
    response = client.get(reverse("opendata:download", args=[dataset_a.slug, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert b"".join(response).startswith(b"PK")
    assert client.get(reverse("opendata:download", args=[dataset_a.slug, "pdf"])).status_code == 404


def test_one_search_finds_datasets(client, dataset_a):
    page = client.get(reverse("portal:search"), {"q": "fasilitas kesehatan"}).content.decode()
    assert "Data terbuka" in page
    assert reverse("opendata:detail", args=[dataset_a.slug]) in page
