"""Staff set up TOTP only through a one-time, expiring link issued by an admin (issue #9, 3).

Whoever holds a fresh staff password must not be able to enrol their own authenticator.
"""

import io
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from satupintu.accounts import enrolment
from satupintu.accounts.models import TotpEnrolment
from satupintu.core.models import AuditEvent
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import TEST_PASSWORD, current_totp_code, make_staff

ACTIVATE = "/akun/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def newcomer(opd_a):
    return make_staff(opd_a, totp=False)


def log_in(client, user):
    client.post("/akun/login/", {"login": user.email, "password": TEST_PASSWORD})


def activate_with_code(client):
    client.post("/akun/reauthenticate/", {"password": TEST_PASSWORD})
    secret = client.get(ACTIVATE).context["form"].secret
    return client.post(ACTIVATE, {"code": current_totp_code(secret)})


def test_staff_cannot_enrol_totp_with_the_password_alone(client, newcomer):
    log_in(client, newcomer)
    client.post("/akun/reauthenticate/", {"password": TEST_PASSWORD})

    page = client.get(ACTIVATE)
    posted = client.post(ACTIVATE, {"code": "123456"})

    assert page.status_code == 403
    assert "tautan aktivasi" in page.content.decode()
    assert 'lang="id"' in page.content.decode()
    assert posted.status_code == 403
    assert not Authenticator.objects.filter(user=newcomer).exists()


def test_the_enrolment_link_opens_set_up_and_verifies_the_session(client, newcomer):
    token = enrolment.issue(actor=None, user=newcomer)
    log_in(client, newcomer)

    assert client.get(enrolment.enrolment_path(token))["Location"] == ACTIVATE
    response = activate_with_code(client)

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=newcomer, type="totp").exists()
    assert TotpEnrolment.objects.get(user=newcomer).used_at is not None
    assert client.get("/kantor/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.totp_enrolled").count() == 1


def test_the_link_asks_for_a_login_first(newcomer):
    token = enrolment.issue(actor=None, user=newcomer)
    client = Client()

    response = client.get(enrolment.enrolment_path(token))

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/?next=")


def test_a_link_works_once_for_its_own_account_until_it_expires(client, newcomer, opd_a):
    other = make_staff(opd_a, totp=False)
    token = enrolment.issue(actor=None, user=newcomer)

    log_in(client, other)
    assert client.get(enrolment.enrolment_path(token)).status_code == 404
    assert client.get(enrolment.enrolment_path("salah")).status_code == 404

    expired = enrolment.issue(actor=None, user=other)
    TotpEnrolment.objects.filter(user=other).update(expires_at=timezone.now() - timedelta(1))
    assert client.get(enrolment.enrolment_path(expired)).status_code == 404
    assert client.get(ACTIVATE).status_code == 403

    fresh = enrolment.issue(actor=None, user=other)
    client.get(enrolment.enrolment_path(fresh))
    activate_with_code(client)
    assert client.get(enrolment.enrolment_path(fresh)).status_code == 404


def test_a_new_link_replaces_the_open_one(newcomer):
    first = enrolment.issue(actor=None, user=newcomer)
    second = enrolment.issue(actor=None, user=newcomer)

    assert enrolment.find_usable(newcomer, first) is None
    assert enrolment.find_usable(newcomer, second) is not None


def test_only_the_hash_of_the_token_is_stored(newcomer):
    token = enrolment.issue(actor=None, user=newcomer)
    row = TotpEnrolment.objects.get(user=newcomer)

    assert token not in row.token_hash
    assert len(row.token_hash) == 64
    event = AuditEvent.objects.get(action="accounts.totp_enrolment_issued")
    assert token not in str(event.data) + event.object_label


def test_citizens_enrol_totp_without_a_link(client, citizen):
    client.force_login(citizen)

    response = client.get(ACTIVATE)

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/reauthenticate/")


def test_issue_enrolment_command_prints_a_working_link(client, newcomer):
    out = io.StringIO()
    call_command("issue_enrolment", newcomer.email.upper(), stdout=out)

    url = out.getvalue().splitlines()[0]
    assert "/akun/aktivasi-totp/" in url
    log_in(client, newcomer)
    path = url[url.index("/akun/") :]
    assert client.get(path)["Location"] == ACTIVATE
    with pytest.raises(CommandError):
        call_command("issue_enrolment", "tidak-ada@contoh.id", stdout=io.StringIO())


@pytest.fixture
def city_admin(reference_data):
    return make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.ADMIN)


def test_admin_action_issues_links_shown_once(client, city_admin, newcomer, staff_b):
    client.force_login(city_admin)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "issue_totp_enrolment", "_selected_action": [newcomer.pk, staff_b.pk]},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "/akun/aktivasi-totp/" in html
    assert TotpEnrolment.objects.filter(user=newcomer).count() == 1
    assert not TotpEnrolment.objects.filter(user=staff_b).exists()  # already has TOTP
    assert staff_b.email in html


def test_creating_staff_in_the_admin_shows_its_enrolment_link(client, city_admin):
    client.force_login(city_admin)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "pegawai.baru@contoh.id",
            "full_name": "Pegawai Baru",
            "password1": TEST_PASSWORD,
        },
    )

    assert response.status_code == 200
    assert "/akun/aktivasi-totp/" in response.content.decode()
    assert TotpEnrolment.objects.filter(user__email="pegawai.baru@contoh.id").exists()


def test_demo_loader_prints_enrolment_links(reference_data):
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)

    assert "admin@demo.satupintu.id: http" in out.getvalue()
    assert "/akun/aktivasi-totp/" in out.getvalue()
