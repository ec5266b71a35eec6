"""django-axes: ten failed logins lock the targeted account (not the IP) for a while."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from satupintu.accounts.adapter import AccountAdapter
from satupintu.testing.factories import TEST_PASSWORD, UserFactory

LOGIN_URL = "/akun/login/"
WRONG = "bukan-sandinya-123"
PHONE = "+6281234567890"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # Locking does not depend on the hash; argon2 is covered in test_signup.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def phone_user():
    user = UserFactory(email=None)
    user.set_password(TEST_PASSWORD)
    user.save()
    AccountAdapter().set_phone(user, PHONE, verified=True)
    return user


def attempt(client, login, password=WRONG):
    return client.post(LOGIN_URL, {"login": login, "password": password})


def test_settings_lock_after_ten_failures():
    assert settings.AXES_ENABLED is True
    assert settings.AXES_FAILURE_LIMIT == 10
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username"]


def test_ten_failures_lock_the_account_with_an_indonesian_page(client, citizen):
    for n in range(9):
        response = attempt(client, citizen.email)
        assert response.status_code == 200, f"attempt {n + 1} already locked"

    response = attempt(client, citizen.email)

    assert response.status_code == 429
    html = response.content.decode()
    assert "dikunci" in html
    assert "30 menit" in html
    assert 'lang="id"' in html


def test_correct_password_is_refused_while_locked(client, citizen):
    for _n in range(10):
        attempt(client, citizen.email)

    response = attempt(client, citizen.email, TEST_PASSWORD)

    assert response.status_code == 429
    assert "dikunci" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_lock_holds_for_another_browser_and_ip(client, citizen):
    for _n in range(10):
        attempt(client, citizen.email)

    elsewhere = Client(REMOTE_ADDR="10.9.8.7")
    response = attempt(elsewhere, citizen.email.upper(), TEST_PASSWORD)

    assert response.status_code == 429
    assert SESSION_KEY not in elsewhere.session


def test_nine_failures_do_not_lock(client, citizen):
    for _n in range(9):
        assert attempt(client, citizen.email).status_code == 200

    response = attempt(client, citizen.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert client.session.get(SESSION_KEY) == str(citizen.pk)


def test_success_resets_the_failure_count(client, citizen):
    for _n in range(9):
        attempt(client, citizen.email)
    assert attempt(client, citizen.email, TEST_PASSWORD).status_code == 302
    client.logout()

    for _n in range(9):
        assert attempt(client, citizen.email).status_code == 200
    assert attempt(client, citizen.email, TEST_PASSWORD).status_code == 302


def test_lock_is_per_account_not_per_ip(client, citizen):
    # A kelurahan office shares one IP: one locked account must not lock the others.
    other = UserFactory()
    for _n in range(10):
        attempt(client, citizen.email)

    response = attempt(client, other.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert client.session.get(SESSION_KEY) == str(other.pk)


def test_failures_spread_over_accounts_lock_nobody(client, citizen):
    other = UserFactory()
    for _n in range(6):
        attempt(client, citizen.email)
        attempt(client, other.email)

    assert attempt(client, citizen.email, TEST_PASSWORD).status_code == 302


def test_phone_failures_in_any_spelling_count_for_the_same_account(client, phone_user):
    spellings = ["081234567890", "0812-3456-7890", "+62 812 3456 7890", "6281234567890"]
    for n in range(10):
        attempt(client, spellings[n % len(spellings)])

    response = attempt(client, "+6281234567890", TEST_PASSWORD)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_phone_login_works_below_the_limit(client, phone_user):
    for _n in range(9):
        attempt(client, "0812 3456 7890")

    response = attempt(client, "0812 3456 7890", TEST_PASSWORD)

    assert response.status_code == 302
    assert client.session.get(SESSION_KEY) == str(phone_user.pk)


def test_lock_expires_after_the_cool_off(client, citizen, time_machine):
    for _n in range(10):
        attempt(client, citizen.email)
    assert attempt(client, citizen.email, TEST_PASSWORD).status_code == 429

    time_machine.move_to(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1))

    response = attempt(client, citizen.email, TEST_PASSWORD)
    assert response.status_code == 302
    assert client.session.get(SESSION_KEY) == str(citizen.pk)


def test_lockout_stores_no_phone_number_in_clear(client, phone_user):
    from axes.models import AccessAttempt

    for _n in range(3):
        attempt(client, "0812-3456-7890")

    usernames = list(AccessAttempt.objects.values_list("username", flat=True))
    assert usernames
    for username in usernames:
        assert "81234567890" not in username
        assert username.startswith("phone:")
