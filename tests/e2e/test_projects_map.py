"""Development projects and the city map in a phone browser (issue 12, items 4 and 5): the
public pages pass axe-core and load nothing from other hosts; the map shows Balikpapan
Selatan's projects with JavaScript on, and its list fallback works with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SEPINGGAN = "64.71.05.1002"


@pytest.fixture
def demo_projects(reference_data_live, settings, tmp_path):
    from satupintu.geo import demo as geo_demo
    from satupintu.projects import demo as projects_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    assert projects_demo.load() == 15
    assert geo_demo.load() == 1


PAGES = [
    "/proyek/",
    "/proyek/pembangunan-jalan-sepinggan/",
    f"/proyek/kelurahan/{SEPINGGAN}/",
    "/proyek/opd/DPU/",
    "/peta/",
    "/peta/?lapisan=proyek&wilayah=64.71.05",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_accessible_and_self_hosted(
    path, demo_projects, new_context, assert_accessible, foreign_requests
):
    page = new_context(viewport=PHONE).new_page()
    recorder = foreign_requests()
    page.on("request", recorder)
    response = page.goto(path, wait_until="load")
    assert response is not None and response.status == 200
    assert page.locator("h1").first.inner_text().strip()
    assert_accessible(page)
    assert recorder.foreign == [], f"requests left the live server: {recorder.foreign}"


def test_map_shows_balikpapan_selatan_projects(demo_projects, new_context):
    page = new_context(viewport=PHONE).new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/peta/")
    page.get_by_label("Kecamatan / kelurahan").select_option(label="Balikpapan Selatan")
    for key in ("aduan", "pokir", "opd-fasilitas-umum"):
        page.locator(f'input[name="lapisan"][value="{key}"]').uncheck()
    # "Tampilkan" submits the form (a new page); match the new page's own request by its
    # wilayah, never the first page's, whose body is gone once the browser navigates away.
    selatan = re.compile(r"/peta/lapisan/proyek\.geojson\?.*wilayah=64\.71\.05(&|$)")
    with page.expect_response(selatan) as answer:
        page.get_by_role("button", name="Tampilkan").click()
    data = answer.value.json()
    titles = {f["properties"].get("title") for f in data["features"]}
    count = sum(f["properties"]["count"] for f in data["features"])
    assert count == 5  # Balikpapan Selatan's five demo projects, clustered or not
    assert "Pembangunan Jalan Sepinggan" in titles or any(
        f["properties"].get("cluster") for f in data["features"]
    )
    canvas = page.locator("#city-map-canvas")
    expect(canvas).to_be_visible()
    page.wait_for_selector(".map-point-proyek, .map-cluster-proyek, path.map-shape-proyek")
    expect(page.locator("#daftar")).to_be_visible()
    assert "Pembangunan Jalan Sepinggan" in page.locator("ol.list").inner_text()
    assert "Jalan Manggar" not in page.locator("ol.list").inner_text()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_list_fallback_works_without_javascript(demo_projects, new_context):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto("/peta/")
    assert page.locator("#city-map").is_hidden()
    assert page.locator("ol.list li").count() == 25  # one page of the list
    page.get_by_label("Kecamatan / kelurahan").select_option(label="Balikpapan Selatan")
    page.locator('input[name="lapisan"][value="opd-fasilitas-umum"]').uncheck()
    page.get_by_role("button", name="Tampilkan").click()
    listing = page.locator("ol.list").inner_text()
    assert "Pembangunan Jalan Sepinggan" in listing
    assert "Pelebaran Jalan Manggar" not in listing
    page.get_by_role("link", name="Pembangunan Jalan Sepinggan").click()
    assert page.locator("h1").inner_text() == "Pembangunan Jalan Sepinggan"
    assert "kemajuan 65%" in page.content()
