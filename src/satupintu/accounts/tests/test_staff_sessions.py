"""Staff sessions: TOTP-verified everywhere, path_info, idle and absolute limits (issue #9)."""

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from satupintu.accounts.middleware import LOGIN_AT_KEY, SEEN_AT_KEY
from satupintu.org import permissions
from satupintu.testing.factories import TEST_PASSWORD, UserFactory, make_staff
from satupintu.testing.sessions import _original_force_login


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _age_session(client, *, idle: float = 0, since_login: float = 0):
    session = client.session
    now = time.time()
    session[SEEN_AT_KEY] = now - idle
    session[LOGIN_AT_KEY] = now - since_login
    session.save()


# --- One place: org.permissions --------------------------------------------------------------


def test_an_unverified_session_holds_no_staff_rights(staff_a, opd_a):
    assert permissions.is_staff_member(staff_a)

    permissions.mark_staff_session(staff_a, verified=False)

    assert not permissions.is_staff_member(staff_a)
    assert not permissions.visible_units(staff_a).exists()
    assert not permissions.works_in(staff_a, opd_a)
    assert permissions.is_staff_account(staff_a)


def test_an_unverified_superuser_is_no_superuser(db):
    boss = UserFactory(is_superuser=True, is_staff=True)
    assert permissions.is_superuser(boss)

    permissions.mark_staff_session(boss, verified=False)

    assert not permissions.is_superuser(boss)
    assert not permissions.is_admin(boss)
    assert not permissions.visible_units(boss).exists()


def test_staff_area_is_guarded_by_path_info_behind_a_script_prefix(opd_a):
    staff = make_staff(opd_a, totp=False)
    client = Client()
    client.force_login(staff)

    response = client.get("/kantor/", SCRIPT_NAME="/satupintu")

    assert response.status_code == 302
    assert "/akun/2fa/totp/activate/" in response["Location"]


def test_superuser_admin_needs_a_verified_session(db):
    boss = UserFactory(is_superuser=True, is_staff=True)
    from allauth.mfa.totp.internal.auth import TOTP

    from satupintu.testing.factories import TOTP_SECRET

    TOTP.activate(boss, TOTP_SECRET)
    client = Client()
    _original_force_login(client, boss)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/2fa/reauthenticate/")
    assert client.get("/api/v1/kantor/audit/").status_code == 403


# --- Timeouts -------------------------------------------------------------------------------


def test_staff_session_ends_after_thirty_idle_minutes(client, staff_a):
    client.force_login(staff_a)
    assert client.get("/kantor/").status_code == 200
    _age_session(client, idle=31 * 60, since_login=31 * 60)

    response = client.get("/kantor/")

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"])
    assert "Sesi pegawai Anda telah berakhir" in page.content.decode()


def test_staff_session_ends_twelve_hours_after_login_even_when_active(client, staff_a):
    client.force_login(staff_a)
    _age_session(client, idle=60, since_login=12 * 3600 + 60)

    response = client.get("/kantor/")

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_active_staff_session_continues(client, staff_a):
    client.force_login(staff_a)
    _age_session(client, idle=29 * 60, since_login=11 * 3600)

    assert client.get("/kantor/").status_code == 200
    assert client.session.get(SESSION_KEY) == str(staff_a.pk)


def test_limits_come_from_settings(client, staff_a, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 5 * 60
    client.force_login(staff_a)
    _age_session(client, idle=6 * 60, since_login=6 * 60)

    assert client.get("/kantor/").status_code == 302
    assert SESSION_KEY not in client.session


def test_citizen_sessions_keep_their_length(client, citizen):
    client.force_login(citizen)
    _age_session(client, idle=3 * 24 * 3600, since_login=3 * 24 * 3600)

    assert client.get("/akun/").status_code == 200
    assert client.session.get(SESSION_KEY) == str(citizen.pk)


def test_login_starts_the_staff_session_clock(client, opd_a):
    staff = make_staff(opd_a, totp=False)
    before = time.time()

    client.post("/akun/login/", {"login": staff.email, "password": TEST_PASSWORD})

    assert client.session[LOGIN_AT_KEY] >= before
