"""GET services.{json,xml} and services/<code>.{json,xml}."""

from satupintu.open311.tests.conftest import json_error, xml, xml_error
from satupintu.org.models import OrgUnit

BASE = "/open311/v2"


def test_service_list_json_has_the_active_complaint_categories(client, categories):
    response = client.get(f"{BASE}/services.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    services = response.json()
    assert [s["service_code"] for s in services] == ["jalan-rusak", "sampah", "lainnya"]
    road = services[0]
    assert road == {
        "service_code": "jalan-rusak",
        "service_name": "Jalan rusak atau berlubang",
        "description": "Laporan jalan rusak atau berlubang.",
        "metadata": True,
        "type": "realtime",
        "keywords": "jalan, rusak",
        "group": OrgUnit.objects.get(code="DPU").name,  # the default unit groups services
    }
    assert services[2]["group"] == "Pengaduan dan aspirasi"  # no default unit: the kind


def test_service_list_xml(client, categories):
    root = xml(client.get(f"{BASE}/services.xml"))

    assert root.tag == "services"
    services = root.findall("service")
    assert [s.findtext("service_code") for s in services] == ["jalan-rusak", "sampah", "lainnya"]
    first = services[0]
    assert first.findtext("service_name") == "Jalan rusak atau berlubang"
    assert first.findtext("metadata") == "true"
    assert first.findtext("type") == "realtime"
    for tag in ("description", "keywords", "group"):
        assert first.find(tag) is not None


def test_service_definition_json(client, categories):
    response = client.get(f"{BASE}/services/sampah.json")

    assert response.status_code == 200
    definition = response.json()
    assert definition["service_code"] == "sampah"
    (attribute,) = definition["attributes"]
    assert attribute["code"] == "subtype"
    assert attribute["datatype"] == "singlevaluelist"
    assert attribute["required"] is False and attribute["variable"] is True
    assert attribute["order"] == 1
    assert [v["key"] for v in attribute["values"]] == ["pengaduan", "aspirasi", "informasi"]


def test_service_definition_xml(client, categories):
    root = xml(client.get(f"{BASE}/services/sampah.xml"))

    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "sampah"
    attributes = root.find("attributes").findall("attribute")
    assert len(attributes) == 1
    assert attributes[0].findtext("code") == "subtype"
    assert attributes[0].findtext("required") == "false"
    values = attributes[0].find("values").findall("value")
    assert [v.findtext("key") for v in values] == ["pengaduan", "aspirasi", "informasi"]
    assert all(v.findtext("name") for v in values)


def test_unknown_inactive_or_foreign_service_is_404_in_both_formats(client, categories):
    json_error(client.get(f"{BASE}/services/tidak-ada.json"), 404)
    xml_error(client.get(f"{BASE}/services/tidak-ada.xml"), 404)
    json_error(client.get(f"{BASE}/services/lama.json"), 404)  # inactive
    json_error(client.get(f"{BASE}/services/ktp.json"), 404)  # not a complaint category


def test_unknown_format_and_wrong_method(client, categories):
    json_error(client.get(f"{BASE}/services.csv"), 404)
    response = client.post(f"{BASE}/services.xml")
    xml_error(response, 405)
    assert "GET" in response["Allow"]
