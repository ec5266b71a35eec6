"""Sign-up and verification codes are limited per client address, per session and per
recipient; SMS codes respect the site's daily SMS budget."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from satupintu.accounts.models import User
from satupintu.accounts.tests.test_signup import (
    EMAIL_CODE_URL,
    LOGIN_URL,
    PHONE_CODE_URL,
    SIGNUP_URL,
    code_in,
    logged_in_user_id,
    signup_data,
)
from satupintu.notifications import sms
from satupintu.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    def set_limit(action, spec):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, action: spec}

    return set_limit


def _phone(n: int) -> str:
    return f"0812-3456-{n:04d}"


def test_one_address_cannot_make_us_text_any_number_all_day():
    # Default limits: 20 sign-ups an hour from one address, whatever the session.
    statuses = [
        Client().post(SIGNUP_URL, signup_data(full_name=f"Warga {n}", phone=_phone(n)))
        for n in range(21)
    ]

    assert [r.status_code for r in statuses[:20]] == [302] * 20
    assert statuses[20].status_code == 200
    assert "Terlalu banyak pengiriman" in statuses[20].content.decode()
    assert User.objects.count() == 20
    assert len(sms.outbox) == 20


def test_signup_refusal_is_a_form_error_keeping_what_was_typed(limits):
    limits("signup", "1/h/ip")
    Client().post(SIGNUP_URL, signup_data(full_name="Pertama", email="satu@contoh.id"))

    response = Client().post(
        SIGNUP_URL, signup_data(full_name="Siti Aminah", email="siti@contoh.id")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Terlalu banyak pengiriman dari jaringan atau perangkat Anda" in html
    assert "Coba lagi dalam 1 jam" in html
    assert 'value="Siti Aminah"' in html
    assert 'value="siti@contoh.id"' in html
    assert not User.objects.filter(email="siti@contoh.id").exists()
    assert len(mail.outbox) == 1


def test_signup_is_limited_per_session_too(limits, time_machine):
    limits("signup", "100/h/ip,1/h/session")
    browser = Client()
    browser.post(SIGNUP_URL, signup_data(full_name="Satu", phone=_phone(1)))
    # The pending sign-up (waiting for its code) expires; the session stays.
    time_machine.move_to(timezone.now() + timedelta(minutes=20))

    again = browser.post(SIGNUP_URL, signup_data(full_name="Dua", phone=_phone(2)))
    elsewhere = Client().post(SIGNUP_URL, signup_data(full_name="Tiga", phone=_phone(3)))

    assert again.status_code == 200
    assert "Terlalu banyak pengiriman" in again.content.decode()
    assert elsewhere.status_code == 302
    assert [m.phone for m in sms.outbox] == ["+6281234560001", "+6281234560003"]


def test_invalid_signups_do_not_use_up_the_allowance(limits):
    limits("signup", "1/h/ip")

    Client().post(SIGNUP_URL, signup_data(full_name="Tanpa Kontak"))
    response = Client().post(SIGNUP_URL, signup_data(phone=_phone(1)))

    assert response.status_code == 302


def test_sms_codes_to_one_number_are_limited_per_hour(limits, time_machine):
    limits("otp", "100/h/ip,100/h/session,2/h/key")
    Client().post(SIGNUP_URL, signup_data(phone=_phone(1)))  # code 1
    statuses = []
    for _ in range(2):
        time_machine.move_to(timezone.now() + timedelta(seconds=31))  # allauth's 30 s cooldown
        response = Client().post(LOGIN_URL, {"login": _phone(1), "password": TEST_PASSWORD})
        statuses.append(response.status_code)

    assert statuses == [302, 429]
    assert "Terlalu banyak pengiriman" in response.content.decode()
    assert len(sms.outbox) == 2


def test_codes_are_limited_per_address_across_numbers(limits):
    limits("otp", "1/h/ip")

    first = Client().post(SIGNUP_URL, signup_data(full_name="Satu", phone=_phone(1)))
    second = Client().post(SIGNUP_URL, signup_data(full_name="Dua", phone=_phone(2)))

    assert first.status_code == 302
    assert second.status_code == 429
    assert len(sms.outbox) == 1


def test_email_codes_are_limited_per_recipient(limits, time_machine):
    limits("otp", "100/h/ip,100/h/session,1/h/key")
    Client().post(SIGNUP_URL, signup_data(email="budi@contoh.id"))
    time_machine.move_to(timezone.now() + timedelta(minutes=4))  # allauth's own cooldown

    response = Client().post(LOGIN_URL, {"login": "budi@contoh.id", "password": TEST_PASSWORD})

    assert response.status_code == 429
    assert len(mail.outbox) == 1


# --- The site's SMS budget ---------------------------------------------------------------------


@pytest.fixture
def no_sms_left(settings):
    settings.SMS_DAILY_BUDGET = 1
    sms.send_sms("+6281100000001", "yang terakhir hari ini")
    sms.outbox.clear()


def test_phone_only_signup_over_the_sms_budget_is_refused_keeping_the_form(no_sms_left):
    response = Client().post(SIGNUP_URL, signup_data(full_name="Siti Aminah", phone=_phone(1)))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Batas pengiriman SMS harian" in html
    assert "Daftar dengan e-mail" in html
    assert 'value="Siti Aminah"' in html
    assert not User.objects.exists()
    assert sms.outbox == []


def test_signup_with_email_and_phone_over_the_budget_goes_on_by_email(client, no_sms_left):
    response = client.post(SIGNUP_URL, signup_data(email="budi@contoh.id", phone=_phone(1)))
    assert response["Location"] == EMAIL_CODE_URL

    response = client.post(EMAIL_CODE_URL, {"code": code_in(mail.outbox[0].body)}, follow=True)

    user = User.objects.get(email="budi@contoh.id")
    assert EmailAddress.objects.get(user=user).verified
    assert str(logged_in_user_id(client)) == str(user.pk)
    assert user.phone_verified is False
    assert "Nomor HP Anda belum diverifikasi" in response.content.decode()
    assert sms.outbox == []


def test_sms_code_over_the_budget_is_refused_with_a_clear_page(settings, time_machine):
    Client().post(SIGNUP_URL, signup_data(phone=_phone(1)))
    settings.SMS_DAILY_BUDGET = 1  # the sign-up's code used it up
    time_machine.move_to(timezone.now() + timedelta(seconds=31))

    response = Client().post(LOGIN_URL, {"login": _phone(1), "password": TEST_PASSWORD})

    assert response.status_code == 503
    html = response.content.decode()
    assert "Kode SMS tidak dapat dikirim" in html
    assert "Batas pengiriman SMS harian" in html
    assert len(sms.outbox) == 1
    assert sms.refused_today() == 0  # refused before trying, not counted as a provider refusal
    assert PHONE_CODE_URL not in response.get("Location", "")
