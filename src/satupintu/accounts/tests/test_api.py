"""/api/v1/akun/ (the logged-in user, masked) and the OpenAPI schema."""

import json

import pytest

from satupintu.accounts import services
from satupintu.accounts.adapter import AccountAdapter
from satupintu.org.models import Region
from satupintu.testing.factories import UserFactory

ME_URL = "/api/v1/akun/"
NIK = "6471054107900001"
PHONE = "+6281234567890"


def test_me_requires_login(client, db):
    response = client.get(ME_URL)

    assert response.status_code == 403
    assert "detail" in response.json()


def test_me_returns_masked_nik_and_phone(client, reference_data):
    user = UserFactory(email="siti@contoh.id", full_name="Siti Aminah")
    AccountAdapter().set_phone(user, PHONE, verified=True)
    services.update_profile(
        user=user,
        full_name="Siti Aminah",
        nik=NIK,
        kelurahan=Region.objects.get(code="64.71.05.1002"),
        rt="007",
        street="Jl. Sudirman 12",
    )
    client.force_login(user)

    response = client.get(ME_URL)

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "id": user.pk,
        "full_name": "Siti Aminah",
        "email": "siti@contoh.id",
        "phone": "+62812*****890",
        "nik": "6471********0001",
        "kelurahan_code": "64.71.05.1002",
        "is_staff": False,
    }
    raw = response.content.decode()
    assert NIK not in raw
    assert "81234567890" not in raw


def test_me_for_a_user_without_profile_or_phone(client, citizen):
    client.force_login(citizen)

    body = client.get(ME_URL).json()

    assert body["id"] == citizen.pk
    assert body["nik"] == ""
    assert body["phone"] == ""
    assert body["kelurahan_code"] is None


def test_me_marks_staff(client, staff_a):
    client.force_login(staff_a)

    assert client.get(ME_URL).json()["is_staff"] is True


def test_me_is_read_only(client, citizen):
    client.force_login(citizen)

    response = client.post(
        ME_URL, json.dumps({"full_name": "Diubah"}), content_type="application/json"
    )

    assert response.status_code == 405
    citizen.refresh_from_db()
    assert citizen.full_name != "Diubah"


def test_api_session_post_without_csrf_token_is_refused(citizen):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(citizen)

    response = strict.post(ME_URL, {}, content_type="application/json")

    assert response.status_code == 403


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_is_an_openapi_document(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Satu Pintu API"


def test_schema_lists_public_and_staff_endpoints(schema):
    paths = schema["paths"]
    for path in (
        "/api/v1/opd/",
        "/api/v1/akun/",
        "/api/v1/kantor/audit/",
        "/api/v1/kantor/unit/{code}/pegawai/",
    ):
        assert path in paths
    assert "get" in paths["/api/v1/kantor/audit/"]


def test_schema_default_format_is_yaml_with_the_same_paths(client, db):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "openapi:" in text
    assert "/api/v1/opd/:" in text
    assert "/api/v1/kantor/audit/:" in text


def test_api_docs_page_opens(client, db):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]
