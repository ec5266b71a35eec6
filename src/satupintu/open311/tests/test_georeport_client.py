"""Conformance: an existing GeoReport v2 client library, unchanged, over real HTTP.

`georeport` (PyPI, pinned in requirements.txt) is a thin client for Open311 GeoReport v2.
It only reads (services, service definitions, requests), so the request it then reads back
is created with a plain form POST through `requests`, the library georeport itself uses.
(The other Python client, `open311` 1.1, is Python 2 only and cannot be imported on 3.12.)
"""

import pytest
import requests
from georeport import GeoReport

from satupintu.open311.tests.conftest import KELURAHAN_CODE


@pytest.fixture
def root_address(live_server):
    # live_server makes the test transactional (the database is flushed afterwards); the
    # fixtures create what they need, so no serialized rollback is needed.
    return f"{live_server.url}/open311/v2/"


def create(root_address, api_key, **extra):
    response = requests.post(
        f"{root_address.rstrip('/')}/requests.json",
        data={
            "api_key": api_key.raw,
            "service_code": "sampah",
            "lat": "-1.2650",
            "long": "116.8310",
            "address_string": "Jl. Jenderal Sudirman",
            "address_id": KELURAHAN_CODE,
            "email": "warga@contoh.id",
            "first_name": "Siti",
            "description": "Sampah menumpuk di pinggir jalan sejak Senin.",
            **extra,
        },
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()[0]["service_request_id"]


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_client_reads_everything(root_address, api_key, make_case, output_format):
    listed = make_case("diproses")
    code = create(root_address, api_key, **{"attribute[subtype]": "aspirasi"})
    client = GeoReport(root_address, output_format=output_format)

    services = client.get_service_list()
    if isinstance(services, dict):  # xmltodict: one element is a dict, several a list
        services = [services]
    assert [s["service_code"] for s in services] == ["jalan-rusak", "sampah", "lainnya"]
    assert str(services[0]["metadata"]).lower() == "true"

    definition = client.get_service_definition("sampah")
    attributes = definition["attributes"]
    if output_format == "xml":
        attributes = [attributes["attribute"]]
    assert attributes[0]["code"] == "subtype"

    # The new request waits for verification: found by id, not yet in the public list.
    mine = client.get_service_request(code)
    assert mine["service_request_id"] == code
    assert mine["status"] == "open"
    assert mine["service_code"] == "sampah"
    # Not verified yet: a neutral title from the subtype and category, not the text sent.
    assert mine["description"] == "Aspirasi: Sampah tidak diangkut"
    assert "warga@contoh.id" not in str(mine) and "Siti" not in str(mine)

    found = client.get_service_requests(status="open", service_code="jalan-rusak")
    if isinstance(found, dict):
        found = [found]
    assert [r["service_request_id"] for r in found] == [listed.tracking_code]
    assert found[0]["agency_responsible"]

    both = client.get_service_requests(service_request_id=f"{code},{listed.tracking_code}")
    assert {r["service_request_id"] for r in both} == {code, listed.tracking_code}


def test_georeport_client_sees_spec_errors_as_http_errors(root_address, categories):
    client = GeoReport(root_address)

    with pytest.raises(requests.HTTPError) as raised:
        client.get_service_definition("tidak-ada")
    assert raised.value.response.status_code == 404
    assert raised.value.response.json()[0]["code"] == 404

    with pytest.raises(requests.HTTPError) as raised:
        client.get_service_requests(status="semua")
    assert raised.value.response.status_code == 400
