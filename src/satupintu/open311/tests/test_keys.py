"""API keys: only a hash is kept, the key is shown once; the demo key exists in demo mode only."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from satupintu.core.models import AuditEvent
from satupintu.open311 import services
from satupintu.open311.models import ApiKey
from satupintu.org.models import Membership, OrgUnit
from satupintu.org.services import ROOT_UNIT_CODE
from satupintu.testing.factories import make_staff

BASE = "/open311/v2"


def post_with(client, raw):
    return client.post(
        f"{BASE}/requests.json",
        {"api_key": raw, "service_code": "sampah", "address_string": "Pasar Klandasan"},
    )


def test_only_a_hash_and_a_prefix_are_stored(db):
    api_key, raw = services.create_api_key(actor=None, name="Aplikasi Kelurahan")

    assert raw.startswith("sp311_") and len(raw) > 40
    stored = ApiKey.objects.get(pk=api_key.pk)
    assert stored.key_hash == services.hash_key(raw) != raw
    assert stored.key_prefix == raw[:10]
    assert raw not in str(ApiKey.objects.filter(pk=api_key.pk).values().get())
    assert services.authenticate(raw) == stored
    assert services.authenticate(raw + "x") is None
    assert services.authenticate("") is None
    assert AuditEvent.objects.filter(action="open311.key_created").count() == 1


def test_the_demo_key_exists_in_demo_mode_only(db):
    with override_settings(DEMO=False):
        assert services.ensure_demo_key() is None
    assert ApiKey.objects.count() == 0

    with override_settings(DEMO=True):
        demo = services.ensure_demo_key()
        assert services.ensure_demo_key() == demo  # once
    assert services.authenticate("demo-open311-key") == demo
    assert ApiKey.objects.count() == 1


def test_load_demo_data_adds_a_working_demo_key(client, categories):
    call_command("load_demo_data", stdout=io.StringIO())

    response = post_with(client, "demo-open311-key")
    assert response.status_code == 200, response.content


def test_load_demo_data_forced_outside_demo_mode_adds_no_key(categories):
    with override_settings(DEMO=False):
        call_command("load_demo_data", "--force", stdout=io.StringIO())

    assert not ApiKey.objects.exists()


def test_create_open311_key_command_prints_a_working_key(client, categories):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_open311_key", "Aplikasi Lapor RT", "--unit", "DPU", stdout=out, stderr=err)

    raw = out.getvalue().strip()
    api_key = ApiKey.objects.get()
    assert api_key.name == "Aplikasi Lapor RT" and api_key.org_unit.code == "DPU"
    assert api_key.key_prefix in err.getvalue()
    assert post_with(client, raw).status_code == 200


# --- Admin ----------------------------------------------------------------------------------


@pytest.fixture
def city_admin(reference_data):
    return make_staff(OrgUnit.objects.get(code=ROOT_UNIT_CODE), Membership.Role.ADMIN)


def test_city_admin_creates_a_key_and_sees_it_once(client, city_admin, categories):
    client.force_login(city_admin)

    response = client.post(
        "/admin/open311/apikey/add/", {"name": "Aplikasi Kecamatan", "is_active": "on"}
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = re.search(r'id="open311-key"[^>]*>([^<]+)<', response.content.decode()).group(1)
    api_key = ApiKey.objects.get()
    assert api_key.key_hash == services.hash_key(raw)
    assert AuditEvent.objects.filter(action="admin.add", object_id=str(api_key.pk)).exists()

    change_page = client.get(f"/admin/open311/apikey/{api_key.pk}/change/").content.decode()
    assert raw not in change_page and api_key.key_prefix in change_page
    assert raw not in client.get("/admin/open311/apikey/").content.decode()

    client.logout()
    assert post_with(client, raw).status_code == 200


def test_admin_action_deactivates_keys(client, city_admin, api_key):
    client.force_login(city_admin)

    client.post(
        "/admin/open311/apikey/",
        {"action": "deactivate", "_selected_action": [api_key.pk]},
    )

    api_key.refresh_from_db()
    assert not api_key.is_active
    assert AuditEvent.objects.filter(action="open311.key_deactivated").count() == 1


def test_other_staff_cannot_manage_keys(client, staff_a, api_key):
    client.force_login(staff_a)

    for url in ("/admin/open311/apikey/", "/admin/open311/apikey/add/"):
        assert client.get(url).status_code in (302, 403)
