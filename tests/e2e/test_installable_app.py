"""Issue 12, item 7 in the browser (docs/pwa.md): the site registers its service worker and
passes Chromium's installability checks; a citizen's tracking page, once opened, opens again
without a network and says it is offline and since when; a page never opened shows the
offline page; a form sent without a network says so and keeps what was typed.

Installability is checked in a persistent (non-incognito) profile, as on a phone: Chromium
never offers to install from an incognito window."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from satupintu.cases.models import Case, SlaTier
from satupintu.cases.tests.helpers import file_case, make_category
from satupintu.testing.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def tracked(reference_data_live, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    SlaTier.objects.get_or_create(code="normatif", defaults={"name": "Normatif", "working_days": 5})
    case, secret = file_case(make_category())
    return case, secret


@pytest.fixture
def phone(persistent_context):
    return persistent_context(viewport=PHONE, is_mobile=True, has_touch=True)


def controlled(page):
    """Wait until the service worker is active and controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def kept(page, path):
    """Wait until the service worker has stored `path` (it does so after answering)."""
    page.wait_for_function(
        "path => caches.match(new URL(path, location.href).href).then(r => Boolean(r))",
        arg=path,
    )


def test_install_and_read_a_tracking_page_offline(phone, tracked, assert_accessible):
    case, secret = tracked
    page = phone.pages[0] if phone.pages else phone.new_page()
    page.goto("/")
    controlled(page)
    cdp = phone.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], errors
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert not manifest.get("errors"), manifest

    private = f"/lacak/{case.tracking_code}/{secret}/"
    page.goto(private)
    assert case.tracking_code in page.locator("main h1").inner_text() or (
        case.tracking_code in page.locator("main").inner_text()
    )
    assert page.locator("#sp-offline").is_hidden()
    kept(page, private)

    phone.set_offline(True)
    page.reload()
    note = page.locator("#sp-offline")
    expect(note).to_be_visible()
    assert note.inner_text().startswith("Anda sedang luring, terakhir diperbarui ")
    assert page.locator("html").get_attribute("data-offline") == "1"  # from the kept copy
    assert case.tracking_code in page.locator("main").inner_text()
    assert_accessible(page)

    # A page never opened on this phone: the offline page, not the browser's error.
    page.goto("/panduan/")
    assert page.locator("main h1").inner_text() == "Anda sedang luring"
    assert "belum pernah dibuka" in page.locator("main").inner_text()

    # Staff pages are never kept, even when opened before.
    assert (
        page.evaluate(
            "caches.keys().then(names => Promise.all(names.map(n => caches.open(n)"
            ".then(c => c.keys())))).then(lists => lists.flat().map(r => r.url))"
            ".then(urls => urls.filter(u => u.includes('/kantor/') || u.includes('/akun/')))"
        )
        == []
    )


def test_a_form_sent_offline_says_so_and_keeps_the_input(phone, reference_data_live):
    page = phone.pages[0] if phone.pages else phone.new_page()
    page.goto("/aduan/baru/")
    controlled(page)
    before = Case.objects.count()
    page.get_by_label("Judul singkat").fill("Lampu jalan mati di Jl. Sepinggan Raya")
    page.get_by_label("Apa yang terjadi?").fill("Sudah tiga malam gelap total, rawan kecelakaan.")

    phone.set_offline(True)
    page.get_by_role("button", name="Kirim laporan").click()
    alert = page.locator("form .form-offline[role=alert]")
    expect(alert).to_be_visible()
    assert "formulir ini belum dikirim" in alert.inner_text()
    assert page.url.endswith("/aduan/baru/")
    assert page.get_by_label("Judul singkat").input_value() == (
        "Lampu jalan mati di Jl. Sepinggan Raya"
    )
    assert Case.objects.count() == before

    # Back online, the same form goes.
    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_load_state()
    assert page.locator(".form-offline").count() == 0


def test_logging_out_forgets_the_kept_pages(phone, tracked, live_server, settings):
    case, secret = tracked
    client = Client()
    client.force_login(UserFactory())
    name = settings.SESSION_COOKIE_NAME
    phone.add_cookies([{"name": name, "value": client.cookies[name].value, "url": live_server.url}])
    page = phone.pages[0] if phone.pages else phone.new_page()
    page.goto("/")
    controlled(page)
    private = f"/lacak/{case.tracking_code}/{secret}/"
    page.goto(private)
    kept(page, private)

    page.goto("/layanan/")
    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("link", name="Masuk").wait_for()  # logged out
    assert page.evaluate(
        "path => caches.match(new URL(path, location.href).href).then(r => r === undefined)",
        private,
    )
