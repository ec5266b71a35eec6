"""Issue 16: staff type their password once, and the TOTP set-up page shows a QR code drawn on
the server with the secret in a box that wraps and can be copied."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from satupintu.accounts import enrolment
from satupintu.testing.factories import TEST_PASSWORD, UserFactory, current_totp_code, make_staff

pytestmark = pytest.mark.django_db
ACTIVATE = "/akun/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def newcomer(opd_a):
    return make_staff(opd_a, totp=False)


def log_in(client, user):
    response = client.post("/akun/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def open_enrolment(client, user):
    token = enrolment.issue(actor=None, user=user)
    return client.get(enrolment.enrolment_path(token))


def test_a_fresh_login_is_not_asked_for_the_password_again(client, newcomer):
    log_in(client, newcomer)
    assert open_enrolment(client, newcomer)["Location"] == reverse("mfa_activate_totp")
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(ACTIVATE, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=newcomer, type=Authenticator.Type.TOTP).exists()


def test_an_old_login_is_asked_for_the_password(client, newcomer, time_machine):
    from allauth.account import app_settings

    time_machine.move_to("2026-06-01 09:00 +08:00", tick=False)
    log_in(client, newcomer)
    time_machine.shift(timedelta(seconds=app_settings.REAUTHENTICATION_TIMEOUT + 1))
    open_enrolment(client, newcomer)
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/reauthenticate/")


def test_a_session_without_a_password_login_is_still_asked(client, db):
    citizen = UserFactory()
    client.force_login(citizen)  # no password typed in this session
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/reauthenticate/")


def test_the_password_alone_still_cannot_enrol_staff(client, newcomer):
    log_in(client, newcomer)
    response = client.get(ACTIVATE)
    assert response.status_code == 403  # the admin's enrolment link is still needed


def test_the_qr_code_is_inline_svg_and_the_secret_wraps(client, newcomer):
    log_in(client, newcomer)
    open_enrolment(client, newcomer)
    page = client.get(ACTIVATE)
    body = page.content.decode()
    secret = page.context["form"].secret
    assert 'role="img" aria-label="Kode QR untuk aplikasi autentikator"><svg' in body
    assert 'class="totp-qr-code"' in body and "<path" in body
    assert "data:image/svg" not in body and "<img" not in body
    assert "style=" not in body.split('class="totp-qr"')[1].split("</div>")[0]
    box = re.search(r'<textarea id="authenticator_secret"[^>]*>([^<]*)</textarea>', body)
    assert box is not None and box.group(1) == secret
    assert "readonly" in box.group(0) and 'class="totp-secret mono"' in box.group(0)
    assert "Salin kunci" in body and "/static/js/copy-secret.js" in body
    assert secret in page.context["totp_url"]


def test_the_qr_code_encodes_the_otpauth_address():
    import segno

    from satupintu.accounts.mfa_adapter import MfaAdapter

    url = "otpauth://totp/Satu%20Pintu:budi?secret=ABCDEFGHIJKLMNOP&issuer=Satu%20Pintu"
    svg = MfaAdapter().build_totp_svg(url)
    expected = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgclass="totp-qr-code", lineclass=None
    )
    assert svg == expected and svg.startswith("<svg")
    assert 'viewBox="0 0 ' in svg


def test_removing_an_authenticator_still_asks_again(client, opd_a):
    staff = make_staff(opd_a)  # TOTP set up
    log_in(client, staff)
    client.post("/akun/2fa/authenticate/", {"code": current_totp_code()})
    response = client.get("/akun/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]
