"""A new staff member cannot open the back office before setting up TOTP in the browser, and
sets it up only through the one-time enrolment link an admin issued."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from satupintu.accounts import enrolment
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

    # The back office sends them to set up an authenticator app first, which the password
    # alone does not allow: an admin's enrolment link is needed.
    page.goto("/kantor/")
    page.wait_for_url(re.compile(r"/akun/2fa/totp/activate/\?next=/kantor/$"))
    assert "tautan aktivasi" in page.locator("main").inner_text()
    assert_accessible(page)

    # The admin's one-time link opens the set-up at once: the password typed at log-in a
    # moment ago counts, it is not asked a second time (issue 16).
    page.goto(enrolment.enrolment_path(enrolment.issue(actor=None, user=staff)))
    page.wait_for_url(re.compile(r"/akun/2fa/totp/activate/$"))
    assert_accessible(page)
    # The QR code is drawn on the server (inline SVG), the secret wraps in a copyable box.
    expect(page.locator(".totp-qr svg")).to_be_visible()
    assert page.locator("img[src^='data:']").count() == 0
    secret = page.locator("#authenticator_secret").input_value().strip()
    assert len(secret) >= 16
    assert page.locator("#authenticator_secret").get_attribute("readonly") is not None
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Salin kunci").click()
    # The status is written when the clipboard promise settles: wait for it, then compare.
    expect(page.locator("#copy-secret-status")).to_have_text("Kunci disalin.")

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
    expect(page.get_by_role("link", name="Kantor")).to_be_visible()
    assert_accessible(page)
