"""Wrong TOTP and recovery codes are limited per user (issue #9, item 1).

allauth's own limit is off (ACCOUNT_RATE_LIMITS["login_failed"] = False, axes owns password
failures); accounts.mfa limits second-factor guesses instead, drops the pending login at the
limit, audits every wrong code and lets axes count it toward the account's lockout.
"""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from satupintu.accounts import enrolment
from satupintu.core.models import AuditEvent
from satupintu.testing.factories import TEST_PASSWORD, current_totp_code, make_staff

LOGIN_URL = "/akun/login/"
MFA_URL = "/akun/2fa/authenticate/"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, user):
    response = client.post(LOGIN_URL, {"login": user.email, "password": TEST_PASSWORD})
    assert response["Location"] == MFA_URL
    return response


def wrong_code() -> str:
    return "000000" if current_totp_code() != "000000" else "111111"


def test_sixty_wrong_codes_are_refused_and_then_the_right_code_does_not_log_in(client, staff_a):
    log_in(client, staff_a)

    for _ in range(60):
        client.post(MFA_URL, {"code": wrong_code()})
        assert SESSION_KEY not in client.session
    response = client.post(MFA_URL, {"code": current_totp_code()})

    assert SESSION_KEY not in client.session
    assert response.status_code in (302, 429)
    assert client.get("/kantor/").status_code == 302


def test_at_the_limit_the_pending_login_is_dropped(client, staff_a):
    log_in(client, staff_a)
    for _ in range(4):
        response = client.post(MFA_URL, {"code": wrong_code()})
        assert response.status_code == 200
        assert response.context["form"].errors

    response = client.post(MFA_URL, {"code": wrong_code()})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    page = client.get(response["Location"])
    assert "Terlalu banyak kode yang salah" in page.content.decode()
    # The code step is gone: only a new password login reaches it again.
    assert client.get(MFA_URL)["Location"].startswith(LOGIN_URL)


def test_after_the_limit_a_new_password_login_still_cannot_use_the_right_code(client, staff_a):
    log_in(client, staff_a)
    for _ in range(5):
        client.post(MFA_URL, {"code": wrong_code()})

    log_in(client, staff_a)
    response = client.post(MFA_URL, {"code": current_totp_code()})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert SESSION_KEY not in client.session


def test_wrong_codes_are_audited_masked_and_counted_by_axes(client, staff_a):
    log_in(client, staff_a)
    for _ in range(3):
        client.post(MFA_URL, {"code": wrong_code()})

    events = AuditEvent.objects.filter(action="accounts.mfa_code_failed").order_by("seq")
    assert [e.data["failures"] for e in events] == [1, 2, 3]
    for event in events:
        assert event.data["user_id"] == staff_a.pk
        assert event.data["kind"] == "login"
        assert staff_a.full_name not in str(event.data) + event.object_label + event.actor_label
        assert staff_a.email not in str(event.data)
    attempt = AccessAttempt.objects.get(username=staff_a.email)
    assert attempt.failures_since_start == 3


def test_limit_and_window_come_from_settings(client, staff_a, settings):
    settings.MFA_CODE_FAILURE_LIMIT = 2
    log_in(client, staff_a)

    assert client.post(MFA_URL, {"code": wrong_code()}).status_code == 200
    response = client.post(MFA_URL, {"code": wrong_code()})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")


def test_a_right_code_under_the_limit_logs_in_and_clears_the_count(client, staff_a):
    log_in(client, staff_a)
    for _ in range(4):
        client.post(MFA_URL, {"code": wrong_code()})

    client.post(MFA_URL, {"code": current_totp_code()})

    assert client.session.get(SESSION_KEY) == str(staff_a.pk)
    from satupintu.accounts import mfa

    assert mfa.guess_allowed(staff_a)


def test_recovery_code_guesses_share_the_limit(client, staff_a):
    codes = RecoveryCodes.activate(staff_a).generate_codes()
    log_in(client, staff_a)
    for _ in range(5):
        client.post(MFA_URL, {"code": "ABCD1234"})

    log_in(client, staff_a)
    client.post(MFA_URL, {"code": codes[0]})

    assert SESSION_KEY not in client.session


def test_reauthentication_codes_are_limited(client, staff_a):
    client.force_login(staff_a)
    for _ in range(5):
        client.post(reverse("mfa_reauthenticate"), {"code": wrong_code()})

    response = client.post(reverse("mfa_reauthenticate"), {"code": current_totp_code()})

    assert response.status_code == 200
    assert "Terlalu banyak kode yang salah" in response.content.decode()


def test_totp_activation_guesses_are_limited(client, opd_a):
    staff = make_staff(opd_a, totp=False)
    client.post(LOGIN_URL, {"login": staff.email, "password": TEST_PASSWORD})
    client.get(enrolment.enrolment_path(enrolment.issue(actor=None, user=staff)))
    client.post("/akun/reauthenticate/", {"password": TEST_PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    good = current_totp_code(secret)
    wrong = "000000" if good != "000000" else "111111"
    for _ in range(5):
        client.post(reverse("mfa_activate_totp"), {"code": wrong})

    response = client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})

    assert response.status_code == 200
    assert "Terlalu banyak kode yang salah" in response.content.decode()
    assert not staff.authenticator_set.exists()
