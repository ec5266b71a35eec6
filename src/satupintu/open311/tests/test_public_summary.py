"""Open311 publishes the coordinator's public summary, never what the citizen typed, and only
a coarse place for confidential and anonymous complaints (issue #9, item 8).

Read with the `georeport` client library over real HTTP, in JSON and XML, as in
test_georeport_client.py.
"""

from decimal import Decimal

import pytest
from georeport import GeoReport

from satupintu.complaints.forms import Identity
from satupintu.open311.tests.conftest import REPORTER_NAME, REPORTER_PHONE

PHONE_TITLE = "Jalan amblas depan rumah, hubungi 0812-3456-7890"
PRIVATE_STREET = "Jl. Mawar Gg. Buntu No. 7"


@pytest.fixture
def root_address(live_server):
    return f"{live_server.url}/open311/v2/"


def _read(root_address, output_format, code) -> dict:
    return GeoReport(root_address, output_format=output_format).get_service_request(code)


@pytest.mark.parametrize("output_format", ["json", "xml"])
@pytest.mark.parametrize("identity", [Identity.CONFIDENTIAL, Identity.ANONYMOUS])
def test_a_confidential_or_anonymous_complaint_shows_no_typed_text_and_a_coarse_place(
    root_address, make_case, output_format, identity
):
    case = make_case(
        "baru",
        identity=identity,
        title=PHONE_TITLE,
        street=PRIVATE_STREET,
        latitude=Decimal("-1.237949"),
        longitude=Decimal("116.852951"),
    )

    item = _read(root_address, output_format, case.tracking_code)

    text = str(item)
    assert item["description"] == "Pengaduan: Jalan rusak atau berlubang"
    for private in ("0812", "3456-7890", "amblas", PRIVATE_STREET, "Mawar", REPORTER_NAME):
        assert private not in text
    assert item["address"] == str(case.region)
    assert float(item["lat"]) == pytest.approx(-1.238)
    assert float(item["long"]) == pytest.approx(116.853)
    assert "1.237949" not in text and "116.852951" not in text


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_coordinators_summary_is_published_with_phone_and_nik_masked(
    root_address, make_case, output_format
):
    case = make_case(
        "terverifikasi",
        identity=Identity.CONFIDENTIAL,
        title=PHONE_TITLE,
        street=PRIVATE_STREET,
        summary="Jalan amblas, pelapor 0812-3456-7890, NIK 6471051234560001",
    )

    item = _read(root_address, output_format, case.tracking_code)

    assert item["description"].startswith("Jalan amblas, pelapor 0812******90")
    assert "3456-7890" not in item["description"]
    assert "6471********0001" in item["description"]
    assert "6471051234560001" not in str(item)
    assert REPORTER_PHONE not in str(item)
    assert PRIVATE_STREET not in str(item)


def test_a_named_public_complaint_keeps_street_and_exact_coordinates(client, make_case):
    case = make_case("terverifikasi", summary="Jalan berlubang di depan sekolah")

    (item,) = client.get(f"/open311/v2/requests/{case.tracking_code}.json").json()

    assert item["description"] == "Jalan berlubang di depan sekolah"
    assert item["address"] == f"Jl. Mulawarman, {case.region}"
    assert item["lat"] == pytest.approx(-1.2379) and item["long"] == pytest.approx(116.8529)


@pytest.mark.parametrize(
    "code", ["ADU-%00", "a%2Fb", "ADU-ÄÖÜ", "ADU-" + "X" * 500, "%F0%9F%92%A9"]
)
def test_odd_request_ids_are_not_found(client, categories, code):
    response = client.get(f"/open311/v2/requests/{code}.json")

    # A NUL byte never reaches the view: the request guard refuses it as bad input (400).
    assert response.status_code == (400 if "%00" in code else 404)
    assert client.get(f"/open311/v2/requests.json?service_request_id={code}").status_code in (
        200,
        400,
    )
