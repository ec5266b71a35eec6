"""UU 27/2022 PDP data-subject rights: a copy of one's data, and erasure of the account."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY

from satupintu.accounts import services
from satupintu.accounts.adapter import AccountAdapter
from satupintu.accounts.models import CitizenProfile, User
from satupintu.core.models import AuditEvent
from satupintu.org.models import Region
from satupintu.testing.factories import TEST_PASSWORD, UserFactory, make_staff

EXPORT_URL = "/akun/data-saya/"
DELETE_URL = "/akun/hapus/"
NIK = "6471054107900001"
PHONE = "+6281234567890"


@pytest.fixture
def filled_citizen(reference_data):
    """A citizen with e-mail, phone and a full profile saved through the service."""
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
    return user


def export(client):
    response = client.get(EXPORT_URL)
    assert response.status_code == 200
    return response, json.loads(response.content.decode("utf-8"))


# --- Export ------------------------------------------------------------------------------------


def test_export_requires_login(client, db):
    response = client.get(EXPORT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")
    assert not AuditEvent.objects.filter(action="accounts.personal_data_exported").exists()


def test_export_is_a_json_attachment_with_the_users_own_data(client, filled_citizen):
    client.force_login(filled_citizen)

    response, data = export(client)

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="data-saya-satupintu-' in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert data["format"] == "satupintu.personal-data/1"
    account = data["account"]
    assert account["id"] == filled_citizen.pk
    assert account["full_name"] == "Siti Aminah"
    assert account["email"] == "siti@contoh.id"
    assert account["phone"] == PHONE  # in full: it is the subject's own copy
    assert account["phone_verified"] is True
    assert {"email": "siti@contoh.id", "verified": True, "primary": True} in account[
        "email_addresses"
    ]
    profile = data["profile"]
    assert profile["nik"] == NIK
    assert profile["kelurahan"] == "Sepinggan"
    assert profile["kelurahan_code"] == "64.71.05.1002"
    assert profile["rt"] == "007"
    assert profile["street"] == "Jl. Sudirman 12"
    actions = [item["action"] for item in data["activity"]]
    assert "accounts.profile_updated" in actions
    assert data["memberships"] == []


def test_export_contains_nothing_of_other_users(client, filled_citizen):
    other = UserFactory(email="lain@contoh.id", full_name="Orang Lain")
    services.update_profile(
        user=other, full_name="Orang Lain", nik="6471051505850003", kelurahan=None, rt="", street=""
    )
    client.force_login(filled_citizen)

    response, _data = export(client)

    body = response.content.decode("utf-8")
    assert "lain@contoh.id" not in body
    assert "Orang Lain" not in body
    assert "6471051505850003" not in body


def test_export_writes_an_audit_event_without_personal_data(client, filled_citizen):
    client.force_login(filled_citizen)

    export(client)

    event = AuditEvent.objects.get(action="accounts.personal_data_exported")
    assert event.actor_id == filled_citizen.pk
    assert event.object_id == str(filled_citizen.pk)
    assert NIK not in json.dumps(event.data)
    assert "siti@contoh.id" not in event.actor_label  # masked in the trail
    # A second export lists the first one as activity.
    _response, data = export(client)
    assert "accounts.personal_data_exported" in [item["action"] for item in data["activity"]]


def test_export_for_a_fresh_account_without_profile(client, db):
    user = UserFactory(email="baru@contoh.id")
    client.force_login(user)

    _response, data = export(client)

    assert data["account"]["email"] == "baru@contoh.id"
    assert data["account"]["phone"] is None
    assert data["profile"] is None
    assert data["activity"] == []


def test_export_lists_staff_memberships(client, opd_a):
    staff = make_staff(opd_a)
    client.force_login(staff)

    _response, data = export(client)

    assert data["memberships"] == [
        {"org_unit": opd_a.name, "role": "operator", "title": "", "active": True}
    ]
    assert data["account"]["two_factor_methods"] == ["totp"]


# --- Erasure -----------------------------------------------------------------------------------


def test_delete_requires_login(client, db):
    response = client.post(DELETE_URL, {"confirm": "HAPUS"})

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")


def test_delete_page_explains_what_happens(client, citizen):
    client.force_login(citizen)

    response = client.get(DELETE_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Hapus akun" in html
    assert 'name="confirm"' in html


@pytest.mark.parametrize("word", ["", "YA", "hapus akun", "DELETE", "HAPUSS"])
def test_wrong_confirmation_word_erases_nothing(client, filled_citizen, word):
    client.force_login(filled_citizen)

    response = client.post(DELETE_URL, {"confirm": word})

    assert response.status_code == 200
    assert response.context["form"].errors
    user = User.objects.get(pk=filled_citizen.pk)
    assert user.is_active
    assert user.email == "siti@contoh.id"
    assert user.phone == PHONE
    assert user.full_name == "Siti Aminah"
    assert CitizenProfile.objects.get(user=user).nik == NIK
    assert client.session.get(SESSION_KEY) == str(user.pk)
    assert not AuditEvent.objects.filter(action="accounts.account_erased").exists()


def test_hapus_erases_personal_data_closes_account_and_logs_out(client, filled_citizen):
    client.force_login(filled_citizen)

    response = client.post(DELETE_URL, {"confirm": "HAPUS"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(pk=filled_citizen.pk)  # the row stays for the audit trail
    assert user.is_active is False
    assert user.erased_at is not None
    assert user.email is None
    assert user.full_name == ""
    assert user.phone == ""
    assert user.phone_index is None
    assert user.phone_verified is False
    assert not user.has_usable_password()
    assert not CitizenProfile.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    # Logged out.
    assert SESSION_KEY not in client.session
    assert client.get("/akun/").status_code == 302
    # Audited, without the erased data.
    event = AuditEvent.objects.get(action="accounts.account_erased")
    assert event.actor_id == user.pk
    assert event.data["user_id"] == user.pk
    assert event.object_label == f"#{user.pk}"
    assert "siti" not in event.object_label.lower()
    assert NIK not in event.object_label


def test_erased_account_cannot_log_in_again(client, filled_citizen):
    client.force_login(filled_citizen)
    client.post(DELETE_URL, {"confirm": "HAPUS"})

    for login in ("siti@contoh.id", "0812 3456 7890"):
        client.post("/akun/login/", {"login": login, "password": TEST_PASSWORD})
        assert SESSION_KEY not in client.session


def test_email_and_nik_are_free_again_after_erasure(client, filled_citizen):
    client.force_login(filled_citizen)
    client.post(DELETE_URL, {"confirm": "HAPUS"})

    newcomer = UserFactory(email="siti@contoh.id")
    services.update_profile(
        user=newcomer, full_name="Siti", nik=NIK, kelurahan=None, rt="", street=""
    )
    assert CitizenProfile.objects.get(user=newcomer).nik == NIK


def test_staff_member_cannot_erase_themselves(client, opd_a):
    staff = make_staff(opd_a, full_name="Pegawai DPU")
    client.force_login(staff)

    response = client.post(DELETE_URL, {"confirm": "HAPUS"})

    assert response.status_code == 200
    assert "Akun pegawai ditutup oleh admin" in response.content.decode()
    staff.refresh_from_db()
    assert staff.is_active
    assert staff.full_name == "Pegawai DPU"
    assert staff.email
    assert staff.erased_at is None
    assert client.session.get(SESSION_KEY) == str(staff.pk)
    assert not AuditEvent.objects.filter(action="accounts.account_erased").exists()


def test_is_staff_flag_alone_also_blocks_self_erasure(client, db):
    user = UserFactory(is_staff=True)
    client.force_login(user)

    # is_staff without TOTP is sent to set up TOTP only in staff areas; /akun/hapus/ renders.
    response = client.post(DELETE_URL, {"confirm": "HAPUS"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.is_active
