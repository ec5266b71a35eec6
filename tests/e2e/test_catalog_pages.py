"""The service catalogue: accessible, self-contained, and searchable without JavaScript."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = ["/layanan/", "/layanan/akta-kelahiran/", "/layanan/?q=akte+kelahiran"]


@pytest.fixture
def catalog_live(reference_data_live):
    from satupintu.cityconfig.demo import load_catalogue

    load_catalogue()


@pytest.mark.parametrize("path", PAGES)
def test_catalog_page_is_accessible_and_self_hosted(
    path, catalog_live, page, assert_accessible, foreign_requests
):
    recorder = foreign_requests()
    page.on("request", recorder)

    response = page.goto(path, wait_until="load")

    assert response is not None and response.status == 200
    assert page.locator("h1").first.inner_text().strip()
    assert_accessible(page)
    assert recorder.foreign == [], f"requests left the live server: {recorder.foreign}"


def test_search_works_without_javascript(catalog_live, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/layanan/")
    page.get_by_label("Cari layanan").fill("akte kelahiran")
    page.get_by_role("button", name="Cari").click()

    assert "q=akte+kelahiran" in page.url
    first = page.locator("#hasil + ul li a").first
    assert first.inner_text() == "Penerbitan Akta Kelahiran"
    first.click()

    assert page.locator("h1").inner_text() == "Penerbitan Akta Kelahiran"
    expect(page.get_by_role("heading", name="4. Biaya/tarif")).to_be_visible()
    apply = page.get_by_role("link", name="Ajukan permohonan online")
    assert apply.get_attribute("href") == "/permohonan/baru/akta-kelahiran/"


def test_filter_by_life_event_without_javascript(catalog_live, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/layanan/")
    page.get_by_label("Peristiwa hidup", exact=True).select_option("kematian")
    page.get_by_role("button", name="Cari").click()

    assert "peristiwa=kematian" in page.url
    expect(page.get_by_role("link", name="Penerbitan Akta Kematian")).to_be_visible()
    assert page.get_by_role("link", name="Penerbitan Akta Kelahiran").count() == 0
