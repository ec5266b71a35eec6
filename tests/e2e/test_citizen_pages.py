"""Every public citizen page: accessible, self-contained, and readable without JavaScript."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CITIZEN_PAGES = [
    "/",
    "/opd/",
    "/opd/DINKES/",
    "/wilayah/",
    "/wilayah/64.71.05/",
    "/cari/?q=sehat",
    "/akun/login/",
    "/akun/signup/",
    "/dprd/",
    "/dprd/dapil/6/",
    "/dprd/anggota/gita-contoh/",
    "/data/",
    "/dprd/aspirasi/",
    "/dprd/jadwal/",
]


@pytest.mark.parametrize("path", CITIZEN_PAGES)
def test_citizen_page_is_accessible_and_self_hosted(
    path, reference_data_live, page, assert_accessible, foreign_requests
):
    recorder = foreign_requests()
    page.on("request", recorder)

    response = page.goto(path, wait_until="load")

    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").first.inner_text().strip()
    assert_accessible(page)
    assert recorder.seen, "the request listener saw nothing"
    assert recorder.foreign == [], f"requests left the live server: {recorder.foreign}"


@pytest.mark.parametrize("path", CITIZEN_PAGES)
def test_citizen_page_renders_without_javascript(path, reference_data_live, new_context):
    page = new_context(java_script_enabled=False).new_page()

    response = page.goto(path)

    assert response is not None and response.status == 200
    heading = page.locator("h1").first
    expect(heading).to_be_visible()
    assert heading.inner_text().strip()
