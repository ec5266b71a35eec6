"""GET requests.{json,xml}, requests/<id>.{json,xml} and tokens/<token>.{json,xml}."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from satupintu.cases import services as case_services
from satupintu.cases.models import Case
from satupintu.cases.workflow import COORDINATOR, REPORTER, UNIT
from satupintu.complaints.forms import Identity
from satupintu.open311 import selectors
from satupintu.open311.tests.conftest import (
    KELURAHAN_CODE,
    REPORTER_EMAIL,
    REPORTER_NAME,
    REPORTER_PHONE,
    json_error,
    xml,
    xml_error,
)

BASE = "/open311/v2"
FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["service_request_id"] for item in response.json()]


def backdate(case, days):
    Case.objects.filter(pk=case.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_request_list_json_fields(client, make_case):
    case = make_case("terverifikasi")

    response = client.get(f"{BASE}/requests.json")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    (item,) = response.json()
    assert set(item) == FIELDS
    assert item["service_request_id"] == case.tracking_code
    assert item["status"] == "open"
    assert item["service_code"] == "jalan-rusak"
    assert item["service_name"] == "Jalan rusak atau berlubang"
    # Verified without a summary: the neutral title, never the citizen's own words.
    assert item["description"] == "Pengaduan: Jalan rusak atau berlubang"
    assert item["agency_responsible"] == case.org_unit.name
    assert item["address"] == f"Jl. Mulawarman, {case.region}"
    assert item["address_id"] == KELURAHAN_CODE
    assert item["lat"] == pytest.approx(-1.2379) and item["long"] == pytest.approx(116.8529)
    assert item["zipcode"] is None and item["media_url"] is None
    assert item["service_notice"].startswith("Target penyelesaian")
    assert item["requested_datetime"] == timezone.localtime(case.created_at).isoformat(
        timespec="seconds"
    )
    assert item["requested_datetime"].endswith("+08:00")
    assert item["updated_datetime"] >= item["requested_datetime"]
    assert item["expected_datetime"].startswith(case.due_date.isoformat() + "T23:59:59")


def test_request_list_xml(client, make_case):
    case = make_case("dijawab")

    root = xml(client.get(f"{BASE}/requests.xml"))

    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert {child.tag for child in request} == FIELDS
    assert request.findtext("service_request_id") == case.tracking_code
    assert request.findtext("status") == "closed"
    assert request.findtext("status_notes") == "Sudah ditambal hari ini."
    assert request.findtext("zipcode") == ""
    assert float(request.findtext("lat")) == pytest.approx(-1.2379)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("terverifikasi", "open"),
        ("diproses", "open"),
        ("menunggu_info", "open"),
        ("dijawab", "closed"),
        ("selesai", "closed"),
    ],
)
def test_status_mapping(client, make_case, status, expected):
    case = make_case(status)

    (item,) = client.get(f"{BASE}/requests.json").json()

    assert item["service_request_id"] == case.tracking_code
    assert item["status"] == expected
    if status == "menunggu_info":
        assert item["expected_datetime"] is None  # the SLA clock is paused


def test_unverified_and_archived_cases_are_not_listed_but_found_by_id(client, make_case):
    listed = make_case("terverifikasi")
    new = make_case("baru")
    archived = make_case("diarsipkan")

    assert ids(client.get(f"{BASE}/requests.json")) == [listed.tracking_code]

    (item,) = client.get(f"{BASE}/requests/{new.tracking_code}.json").json()
    assert item["status"] == "open"
    assert item["agency_responsible"] is None  # not routed before verification
    (item,) = client.get(f"{BASE}/requests/{archived.tracking_code}.json").json()
    assert item["status"] == "closed"


def test_merged_case_points_at_the_case_it_joined(client, make_case):
    parent = make_case("terverifikasi")
    child = make_case("terverifikasi")
    case_services.perform(child, "merge", actor=None, role=COORDINATOR, parent=parent)

    assert ids(client.get(f"{BASE}/requests.json")) == [parent.tracking_code]
    (item,) = client.get(f"{BASE}/requests/{child.tracking_code}.json").json()
    assert item["status"] == "closed"
    assert parent.tracking_code in item["status_notes"]


def test_single_request_json_and_xml(client, make_case):
    case = make_case("diproses")

    response = client.get(f"{BASE}/requests/{case.tracking_code}.json")
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list) and len(body) == 1
    assert body[0]["service_request_id"] == case.tracking_code

    # Codes are read aloud and typed: lower case works too.
    lower = client.get(f"{BASE}/requests/{case.tracking_code.lower()}.json")
    assert lower.json()[0]["service_request_id"] == case.tracking_code

    root = xml(client.get(f"{BASE}/requests/{case.tracking_code}.xml"))
    assert root.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [
        case.tracking_code
    ]


def test_unknown_request_is_404_in_both_formats(client, db):
    assert "ADU-ZZZZZZ" in json_error(client.get(f"{BASE}/requests/ADU-ZZZZZZ.json"), 404)
    xml_error(client.get(f"{BASE}/requests/ADU-ZZZZZZ.xml"), 404)


def test_only_complaints_are_published(client, make_case, categories):
    make_case("terverifikasi")
    Case.objects.update(kind="application")

    assert ids(client.get(f"{BASE}/requests.json")) == []


# --- Filters --------------------------------------------------------------------------------


def test_filter_by_service_request_ids_overrides_other_filters(client, make_case):
    a, b, c = make_case("terverifikasi"), make_case("dijawab"), make_case("baru")
    backdate(a, 200)

    response = client.get(
        f"{BASE}/requests.json",
        {
            "service_request_id": f"{a.tracking_code}, {c.tracking_code},ADU-ZZZZZZ",
            "status": "closed",
            "service_code": "sampah",
        },
    )

    assert sorted(ids(response)) == sorted([a.tracking_code, c.tracking_code])
    assert b.tracking_code not in ids(response)


def test_filter_by_service_code(client, make_case):
    road = make_case("terverifikasi", category="jalan-rusak")
    rubbish = make_case("terverifikasi", category="sampah")
    make_case("terverifikasi", category="lainnya")

    assert ids(client.get(f"{BASE}/requests.json", {"service_code": "sampah"})) == [
        rubbish.tracking_code
    ]
    both = ids(client.get(f"{BASE}/requests.json", {"service_code": "sampah,jalan-rusak"}))
    assert sorted(both) == sorted([road.tracking_code, rubbish.tracking_code])
    assert ids(client.get(f"{BASE}/requests.json", {"service_code": "tidak-ada"})) == []


def test_filter_by_status(client, make_case):
    open_case = make_case("diproses")
    closed_case = make_case("selesai")

    assert ids(client.get(f"{BASE}/requests.json", {"status": "open"})) == [open_case.tracking_code]
    assert ids(client.get(f"{BASE}/requests.json", {"status": "closed"})) == [
        closed_case.tracking_code
    ]
    assert len(ids(client.get(f"{BASE}/requests.json", {"status": "open,closed"}))) == 2
    json_error(client.get(f"{BASE}/requests.json", {"status": "pending"}), 400)
    xml_error(client.get(f"{BASE}/requests.xml", {"status": "pending"}), 400)


def test_default_window_is_the_last_90_days(client, make_case):
    recent = make_case("terverifikasi")
    old = make_case("terverifikasi")
    backdate(old, 120)

    assert ids(client.get(f"{BASE}/requests.json")) == [recent.tracking_code]


def test_filter_by_dates(client, make_case):
    recent = make_case("terverifikasi")
    old = make_case("terverifikasi")
    backdate(old, 120)
    now = timezone.now()

    def window(start, end):
        params = {}
        if start is not None:
            params["start_date"] = start
        if end is not None:
            params["end_date"] = end
        return ids(client.get(f"{BASE}/requests.json", params))

    w3c = "%Y-%m-%dT%H:%M:%SZ"
    utc_now = now.astimezone(timezone.UTC)
    assert window((utc_now - timedelta(days=130)).strftime(w3c), None) == [old.tracking_code]
    assert window(None, (utc_now - timedelta(days=100)).strftime(w3c)) == [old.tracking_code]
    assert window(
        timezone.localtime(now - timedelta(days=1)).isoformat(),
        timezone.localtime(now + timedelta(days=1)).isoformat(),
    ) == [recent.tracking_code]
    # A date alone is a W3C date too.
    assert window((now - timedelta(days=125)).date().isoformat(), None) == [old.tracking_code]


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "kemarin"},
        {"end_date": "2026-13-45T00:00:00Z"},
        {"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"start_date": "2025-01-01T00:00:00Z", "end_date": "2025-06-01T00:00:00Z"},
    ],
)
def test_bad_dates_are_400(client, db, params):
    json_error(client.get(f"{BASE}/requests.json", params), 400)
    xml_error(client.get(f"{BASE}/requests.xml", params), 400)


def test_results_are_capped(client, make_case, monkeypatch):
    for _ in range(3):
        make_case("terverifikasi")
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)

    assert len(ids(client.get(f"{BASE}/requests.json"))) == 2


# --- What is published ----------------------------------------------------------------------


def test_status_notes_are_the_latest_public_staff_note(client, make_case):
    case = make_case("diproses")
    case_services.perform(case, "reply", actor=None, role=UNIT, note="Tim menuju lokasi.")
    case_services.perform(case, "note", actor=None, role=UNIT, note="Catatan internal saja.")
    case_services.perform(case, "request_info", actor=None, role=UNIT, note="Foto lagi?")
    case_services.perform(
        case, "provide_info", actor=None, role=REPORTER, note=f"Ini {REPORTER_NAME}, foto ada."
    )

    (item,) = client.get(f"{BASE}/requests/{case.tracking_code}.json").json()

    assert item["status_notes"] == "Foto lagi?"


@pytest.mark.parametrize("identity", [Identity.NAMED, Identity.CONFIDENTIAL, Identity.ANONYMOUS])
def test_no_personal_data_in_any_answer(client, make_case, identity):
    case = make_case("diproses", identity=identity)
    case_services.perform(case, "reply", actor=None, role=UNIT, note="Sedang dikerjakan.")
    named = make_case("diproses")
    urls = [
        f"{BASE}/requests.json",
        f"{BASE}/requests.xml",
        f"{BASE}/requests/{case.tracking_code}.json",
        f"{BASE}/requests/{case.tracking_code}.xml",
        f"{BASE}/tokens/{case.tracking_code}.json",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert case.tracking_code in body
        for secret in (REPORTER_NAME, "Budi", REPORTER_EMAIL, REPORTER_PHONE, "81234567890"):
            assert secret not in body, (url, secret)
        # The full text may name the reporter ("Saya Budi…"): only the title is published.
        assert "lubangnya besar sekali" not in body
        for word in ("anonim", "anonymous", "confidential", "rahasia", "reporter"):
            assert word not in body.lower(), (url, word)

    # An anonymous or confidential complaint looks like any other: same fields, same kinds
    # of values.
    items = {i["service_request_id"]: i for i in client.get(f"{BASE}/requests.json").json()}
    mine, other = items[case.tracking_code], items[named.tracking_code]
    assert set(mine) == set(other)
    assert {k for k, v in mine.items() if v is None} == {
        k for k, v in other.items() if v is None
    } - {"status_notes"}


def test_tokens_json_and_xml(client, make_case):
    case = make_case("baru")

    response = client.get(f"{BASE}/tokens/{case.tracking_code}.json")
    assert response.status_code == 200
    assert response.json() == [
        {"service_request_id": case.tracking_code, "token": case.tracking_code}
    ]
    root = xml(client.get(f"{BASE}/tokens/{case.tracking_code}.xml"))
    assert root.tag == "service_requests"
    assert root.find("request").findtext("service_request_id") == case.tracking_code
    assert root.find("request").findtext("token") == case.tracking_code

    json_error(client.get(f"{BASE}/tokens/ADU-ZZZZZZ.json"), 404)
    xml_error(client.get(f"{BASE}/tokens/ADU-ZZZZZZ.xml"), 404)


def test_other_methods_are_refused_in_the_spec_format(client, db):
    response = client.put(f"{BASE}/requests.json")
    json_error(response, 405)
    assert "POST" in response["Allow"]
    xml_error(client.delete(f"{BASE}/requests/ADU-ZZZZZZ.xml"), 405)


@override_settings(OPEN311_READS_PER_MINUTE=3)
def test_reads_are_throttled_per_address(client, db, frozen_minute):
    for _ in range(3):
        assert client.get(f"{BASE}/requests.json").status_code == 200
    response = client.get(f"{BASE}/requests.xml")
    xml_error(response, 429)
    assert int(response["Retry-After"]) > 0
