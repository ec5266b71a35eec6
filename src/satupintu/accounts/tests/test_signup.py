"""Citizen sign-up through allauth: by e-mail or mobile number, each verified by a code."""

import re
from datetime import timedelta

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone

from satupintu.accounts.models import User
from satupintu.accounts.phone import phone_index
from satupintu.notifications import sms
from satupintu.testing.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/akun/signup/"
LOGIN_URL = "/akun/login/"
EMAIL_CODE_URL = "/akun/confirm-email/"
PHONE_CODE_URL = "/akun/phone/verify/"
CODE_RE = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b")


def signup_data(**overrides):
    data = {
        "full_name": "Budi Santoso",
        "email": "",
        "phone": "",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
    }
    data.update(overrides)
    return data


def code_in(text: str) -> str:
    match = CODE_RE.search(text)
    assert match, f"no verification code in {text!r}"
    return match.group(1)


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


def raw_column(user_id: int, column: str):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM accounts_user WHERE id = %s", [user_id])  # noqa: S608
        return cursor.fetchone()[0]


# --- E-mail ------------------------------------------------------------------------------------


def test_signup_page_shows_the_fields_in_indonesian(client):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("full_name", "email", "phone", "password1", "password2"):
        assert f'name="{name}"' in html
    assert "Nama lengkap" in html
    assert "Nomor HP" in html


def test_email_signup_requires_the_mailed_code_then_logs_in(client):
    response = client.post(SIGNUP_URL, signup_data(email="Budi@Contoh.id"))

    assert response.status_code == 302
    assert response["Location"] == EMAIL_CODE_URL
    user = User.objects.get(email="budi@contoh.id")
    assert user.full_name == "Budi Santoso"
    assert not EmailAddress.objects.get(user=user).verified
    # Mandatory verification: not logged in until the code is entered.
    assert logged_in_user_id(client) is None
    assert client.get("/akun/").status_code == 302

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["budi@contoh.id"]
    code = code_in(message.body)

    page = client.get(EMAIL_CODE_URL)
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()

    response = client.post(EMAIL_CODE_URL, {"code": code})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert str(logged_in_user_id(client)) == str(user.pk)
    assert client.get("/akun/").status_code == 200


def test_wrong_email_code_does_not_verify_or_log_in(client):
    client.post(SIGNUP_URL, signup_data(email="salah@contoh.id"))
    real = code_in(mail.outbox[0].body)
    wrong = "AAAA-AAAA" if real != "AAAA-AAAA" else "BBBB-BBBB"

    response = client.post(EMAIL_CODE_URL, {"code": wrong})

    assert response.status_code == 200
    assert not EmailAddress.objects.get(email="salah@contoh.id").verified
    assert logged_in_user_id(client) is None


def test_email_user_cannot_log_in_before_verifying(client, time_machine):
    client.post(SIGNUP_URL, signup_data(email="belum@contoh.id"))
    client.logout()
    mail.outbox.clear()
    time_machine.move_to(timezone.now() + timedelta(minutes=4))  # past the resend cooldown

    response = client.post(LOGIN_URL, {"login": "belum@contoh.id", "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == EMAIL_CODE_URL
    assert logged_in_user_id(client) is None
    assert len(mail.outbox) == 1  # a fresh code is mailed
    code = code_in(mail.outbox[0].body)
    client.post(EMAIL_CODE_URL, {"code": code})
    assert EmailAddress.objects.get(email="belum@contoh.id").verified
    assert logged_in_user_id(client) is not None


def test_signup_with_existing_email_creates_no_second_account(client):
    UserFactory(email="ada@contoh.id")

    client.post(SIGNUP_URL, signup_data(email="ADA@contoh.id"))

    assert User.objects.filter(email__iexact="ada@contoh.id").count() == 1
    assert logged_in_user_id(client) is None


# --- Mobile number -----------------------------------------------------------------------------


def test_phone_only_signup_stores_normalised_encrypted_number_and_sends_sms(client):
    response = client.post(SIGNUP_URL, signup_data(phone="0812-3456-7890"))

    assert response.status_code == 302
    assert response["Location"] == PHONE_CODE_URL
    user = User.objects.get(full_name="Budi Santoso")
    assert user.email is None
    assert user.phone == "+6281234567890"
    assert user.phone_index == phone_index("+6281234567890")
    assert user.phone_verified is False
    raw = raw_column(user.pk, "phone")
    assert raw
    assert "81234567890" not in raw
    assert "+62" not in raw
    # Found through the blind index, never by decrypting every row.
    assert User.objects.get(phone_index=phone_index("+6281234567890")) == user

    assert len(mail.outbox) == 0
    assert len(sms.outbox) == 1
    assert sms.outbox[0].phone == "+6281234567890"
    assert "Kode verifikasi" in sms.outbox[0].text
    assert logged_in_user_id(client) is None


def test_phone_code_verifies_the_number_and_logs_in(client):
    client.post(SIGNUP_URL, signup_data(phone="0812 3456 7890"))
    code = code_in(sms.outbox[0].text)

    page = client.get(PHONE_CODE_URL)
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()

    response = client.post(PHONE_CODE_URL, {"code": code})

    assert response.status_code == 302
    user = User.objects.get(phone_index=phone_index("+6281234567890"))
    assert user.phone_verified is True
    assert str(logged_in_user_id(client)) == str(user.pk)
    assert client.get("/akun/").status_code == 200


def test_wrong_phone_code_keeps_the_number_unverified(client):
    client.post(SIGNUP_URL, signup_data(phone="0812 3456 7890"))
    real = code_in(sms.outbox[0].text)
    wrong = "AAAA-AAAA" if real != "AAAA-AAAA" else "BBBB-BBBB"

    response = client.post(PHONE_CODE_URL, {"code": wrong})

    assert response.status_code == 200
    assert User.objects.get(full_name="Budi Santoso").phone_verified is False
    assert logged_in_user_id(client) is None


def test_login_by_phone_and_password_after_verification(client):
    client.post(SIGNUP_URL, signup_data(phone="0812-3456-7890"))
    client.post(PHONE_CODE_URL, {"code": code_in(sms.outbox[0].text)})
    user = User.objects.get(phone_index=phone_index("+6281234567890"))
    client.logout()
    assert logged_in_user_id(client) is None

    # Typed differently from sign-up: still the same account.
    response = client.post(LOGIN_URL, {"login": "+62 812 3456 7890", "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert str(logged_in_user_id(client)) == str(user.pk)


def test_login_by_phone_with_wrong_password_fails(client):
    client.post(SIGNUP_URL, signup_data(phone="0812-3456-7890"))
    client.post(PHONE_CODE_URL, {"code": code_in(sms.outbox[0].text)})
    client.logout()

    response = client.post(LOGIN_URL, {"login": "081234567890", "password": "bukan-sandinya-123"})

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_second_phone_only_signup_gets_its_own_account(client):
    # Both have no e-mail: stored as NULL, so the unique e-mail column does not collide.
    client.post(SIGNUP_URL, signup_data(full_name="Satu", phone="0812-3456-7890"))
    client.logout()
    other = Client()
    response = other.post(SIGNUP_URL, signup_data(full_name="Dua", phone="0812-3456-7891"))

    assert response.status_code == 302
    assert response["Location"] == PHONE_CODE_URL
    assert User.objects.filter(email__isnull=True).count() == 2
    assert [m.phone for m in sms.outbox] == ["+6281234567890", "+6281234567891"]


def test_signup_with_a_phone_already_registered_creates_no_second_account(client, time_machine):
    client.post(SIGNUP_URL, signup_data(phone="0812-3456-7890"))
    client.logout()
    sms.outbox.clear()
    time_machine.move_to(timezone.now() + timedelta(minutes=1))  # past the SMS cooldown

    response = client.post(
        SIGNUP_URL, signup_data(full_name="Orang Lain", phone="+62 812 3456 7890")
    )

    # Looks like a normal sign-up (no enumeration), but nothing is created.
    assert response.status_code == 302
    assert response["Location"] == PHONE_CODE_URL
    assert User.objects.filter(phone_index=phone_index("+6281234567890")).count() == 1
    assert not User.objects.filter(full_name="Orang Lain").exists()
    assert logged_in_user_id(client) is None
    # Nothing is texted (allauth's enumeration prevention): anyone could otherwise make us
    # send SMS to any registered number.
    assert sms.outbox == []


def test_double_submitted_phone_signup_is_rate_limited_not_a_server_error(client):
    client.post(SIGNUP_URL, signup_data(phone="0812-3456-7890"))
    client.logout()

    response = client.post(SIGNUP_URL, signup_data(phone="0812-3456-7890"))

    assert response.status_code == 429
    assert User.objects.count() == 1
    assert len(sms.outbox) == 1


def test_many_phone_signups_from_one_office_ip_all_get_their_code(db):
    # One kelurahan office connection, many citizens: the SMS limit is per number, not per IP.
    statuses = []
    for n in range(5):
        response = Client().post(
            SIGNUP_URL, signup_data(full_name=f"Warga {n}", phone=f"0812-3456-780{n}")
        )
        statuses.append(response.status_code)

    assert statuses == [302] * 5
    assert len(sms.outbox) == 5
    assert len({message.phone for message in sms.outbox}) == 5


def test_resending_a_code_to_the_same_number_at_once_is_rate_limited_not_a_server_error(db):
    Client().post(SIGNUP_URL, signup_data(full_name="Warga", phone="0812-3456-7800"))
    user = User.objects.get()
    # A second code to the same number within 30 s is refused by the per-number limit.
    request = RequestFactory().post("/")
    allowed = ratelimit.consume(request, action="verify_phone", key=user.phone)
    assert allowed is False
    assert get_adapter().get_phone(user) == ("+6281234567800", False)
    assert len(sms.outbox) == 1


# --- Bad input ---------------------------------------------------------------------------------


def test_signup_without_email_or_phone_is_refused_and_keeps_typed_name(client):
    response = client.post(SIGNUP_URL, signup_data(full_name="Siti Aminah"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Isi e-mail atau nomor HP" in html
    assert 'value="Siti Aminah"' in html
    assert not User.objects.exists()
    assert len(mail.outbox) == 0
    assert len(sms.outbox) == 0


@pytest.mark.parametrize("phone", ["12345", "0812", "abc", "021-1234567", "+1 202 555 0143"])
def test_signup_with_invalid_phone_shows_indonesian_error(client, phone):
    response = client.post(SIGNUP_URL, signup_data(full_name="Siti Aminah", phone=phone))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nomor HP tidak valid" in html
    assert 'value="Siti Aminah"' in html
    assert not User.objects.exists()
    assert len(sms.outbox) == 0


def test_signup_with_mismatched_passwords_is_refused(client):
    response = client.post(
        SIGNUP_URL, signup_data(email="budi@contoh.id", password2=TEST_PASSWORD + "x")
    )

    assert response.status_code == 200
    assert not User.objects.exists()
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("password", ["pendek1", "1234567890123", "password123"])
def test_signup_with_weak_password_is_refused(client, password):
    response = client.post(
        SIGNUP_URL, signup_data(email="budi@contoh.id", password1=password, password2=password)
    )

    assert response.status_code == 200
    assert not User.objects.exists()


def test_signup_without_full_name_is_refused(client):
    response = client.post(SIGNUP_URL, signup_data(full_name="", email="budi@contoh.id"))

    assert response.status_code == 200
    assert not User.objects.exists()


def test_signup_with_invalid_email_is_refused(client):
    response = client.post(SIGNUP_URL, signup_data(email="bukan-email"))

    assert response.status_code == 200
    assert not User.objects.exists()
    assert len(mail.outbox) == 0


# --- Passwords ---------------------------------------------------------------------------------


def test_signup_password_is_hashed_with_argon2(client):
    client.post(SIGNUP_URL, signup_data(email="budi@contoh.id"))

    user = User.objects.get(email="budi@contoh.id")
    assert user.password.startswith("argon2")
    assert TEST_PASSWORD not in user.password
    assert user.check_password(TEST_PASSWORD)


def test_factory_and_manager_passwords_are_argon2():
    assert UserFactory().password.startswith("argon2")
    user = User.objects.create_user(email="manajer@contoh.id", password=TEST_PASSWORD)
    assert user.password.startswith("argon2$")
