"""A new staff member cannot open the back office before setting up TOTP in the browser."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from satupintu.org.models import OrgUnit
from satupintu.testing.factories import TEST_PASSWORD, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def totp_code(secret: str) -> str:
    # TOTP_TOLERANCE is 0: never type a code in the last seconds of its 30-second window.
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_staff_sets_up_totp_before_the_back_office_opens(
    reference_data_live, page, assert_accessible
):
    unit = OrgUnit.objects.get(code="DPU")
    staff = make_staff(unit, totp=False, full_name="Budi Santoso")
    assert not Authenticator.objects.filter(user=staff).exists()

    page.goto("/akun/login/")
    login = page.locator("form[action='/akun/login/']")
    login.locator("[name='login']").fill(staff.email)
    login.locator("[name='password']").fill(TEST_PASSWORD)
    login.locator("button[type='submit']").click()
    page.wait_for_url("**/akun/")

    # The back office sends them to set up an authenticator app first.
    page.goto("/kantor/")
    # allauth asks for the password again before any authenticator is added (a fresh login
    # does not count as a reauthentication), then continues to the TOTP activation page.
    page.wait_for_url(re.compile(r"/akun/reauthenticate/\?next="))
    assert_accessible(page)
    reauth = page.locator("form[action^='/akun/reauthenticate/']")
    reauth.locator("[name='password']").fill(TEST_PASSWORD)
    reauth.locator("button[type='submit']").click()

    page.wait_for_url(re.compile(r"/akun/2fa/totp/activate/\?next=/kantor/$"))
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value().strip()
    assert len(secret) >= 16

    page.locator("input[name='code']").fill(totp_code(secret))
    page.locator("form[action*='totp/activate'] button[type='submit']").click()
    # allauth then shows the freshly generated recovery codes (it does not follow ?next=).
    page.wait_for_url("**/akun/2fa/recovery-codes/")
    assert_accessible(page)
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()

    # Now the back office opens.
    page.goto("/kantor/")
    assert page.url.endswith("/kantor/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Kantor"
    main = page.locator("main").inner_text()
    assert "Budi Santoso" in main
    assert f"Operator · {unit}" in main
    assert page.get_by_role("link", name="Kantor").is_visible()
    assert_accessible(page)
