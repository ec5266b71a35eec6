"""A citizen switches language, signs up with e-mail, fills in a profile and takes their data."""

import json
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Jalan-Sudirman-Kuat-2026"
EMAIL = "siti.rahma@contoh.id"
NIK = "6471054107900001"
# allauth's e-mail verification codes: two dashed groups from the RFC 8628 alphabet.
CODE_RE = re.compile(r"\b[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}\b")


def switch_language(page, code):
    page.locator(f"footer form.lang button[name='language'][value='{code}']").click()


def test_citizen_signs_up_fills_profile_and_exports_data(
    reference_data_live, page, assert_accessible
):
    # Indonesian first, whatever the browser prefers.
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Layanan publik")

    # To English with the footer switch, and the page comes back in English.
    switch_language(page, "en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("footer button[value='en']").get_attribute("aria-current") == "true"
    page.goto("/akun/signup/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Sign up"

    # And back to Indonesian from the sign-up page, which stays where it was.
    switch_language(page, "id")
    page.wait_for_function("document.documentElement.lang === 'id'")
    assert page.url.endswith("/akun/signup/")
    assert page.locator("footer button[value='id']").get_attribute("aria-current") == "true"
    assert page.get_by_role("heading", level=1).inner_text().strip() != "Sign up"

    # Sign up with an e-mail address.
    signup = page.locator("form[action='/akun/signup/']")
    signup.locator("[name='full_name']").fill("Siti Rahmawati")
    signup.locator("[name='email']").fill(EMAIL)
    signup.locator("[name='password1']").fill(PASSWORD)
    signup.locator("[name='password2']").fill(PASSWORD)
    signup.locator("button[type='submit']").click()

    # The verification code arrives by e-mail (locmem outbox: same process as live_server).
    code_input = page.locator("input[name='code']")
    code_input.wait_for()
    assert_accessible(page)
    messages = [m for m in mail.outbox if EMAIL in m.to]
    assert len(messages) == 1
    code = CODE_RE.search(messages[0].body).group(0)
    code_input.fill(code)
    page.get_by_role("button", name="Konfirmasi").click()

    # Logged in, on "Akun saya".
    page.wait_for_url("**/akun/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Akun saya"
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    assert_accessible(page)

    # Fill in the profile.
    page.get_by_role("link", name="Ubah profil").click()
    page.wait_for_url("**/akun/profil/")
    assert_accessible(page)
    page.get_by_label("NIK").fill(NIK)
    page.get_by_label("Kelurahan").select_option(label="Sepinggan — Balikpapan Selatan")
    page.get_by_label("RT", exact=True).fill("7")
    page.get_by_label("Jalan dan nomor rumah").fill("Jl. Marsma R. Iswahyudi No. 12")
    page.get_by_role("button", name="Simpan").click()

    # The profile shows the NIK masked, never in full.
    page.wait_for_url("**/akun/")
    assert page.locator("#nik-masked").inner_text().strip() == "6471********0001"
    assert NIK not in page.content()
    main = page.locator("main").inner_text()
    assert "Profil disimpan." in main
    assert "Jl. Marsma R. Iswahyudi No. 12, RT 007" in main
    assert "Sepinggan" in main
    assert_accessible(page)

    # The data export carries everything, the full NIK included.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh data saya").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    with open(download.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["format"] == "satupintu.personal-data/1"
    assert data["account"]["email"] == EMAIL
    assert data["account"]["full_name"] == "Siti Rahmawati"
    assert data["profile"]["nik"] == NIK
    assert data["profile"]["kelurahan"] == "Sepinggan"
    assert data["profile"]["rt"] == "007"
