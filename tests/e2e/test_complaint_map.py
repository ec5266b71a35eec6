"""The map point picker on /aduan/baru/: Leaflet loads only when the citizen opens the map,
tiles come from this site's MBTiles endpoint, a click fills the coordinates, and the case
keeps them. Nothing is requested from another host, and axe finds no violation."""

import io
import math
import re
from decimal import Decimal

import pytest
from PIL import Image
from playwright.sync_api import expect

from satupintu.cases.models import Case, Category, SlaTier
from satupintu.complaints.workflow import KIND
from satupintu.core import maptiles
from satupintu.org.models import OrgUnit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CATEGORY = "Jalan rusak atau berlubang"
KELURAHAN = "Sepinggan — Balikpapan Selatan"
CENTRE = (-1.2379, 116.8529)
ZOOM = 13


def tile_png(color) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), color).save(buffer, format="PNG")
    return buffer.getvalue()


def xyz(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    n = 2**zoom
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


@pytest.fixture
def city_tiles(tmp_path, settings):
    """A tiny MBTiles around the city centre at the picker's zoom."""
    cx, cy = xyz(*CENTRE, ZOOM)
    colors = ["#cfe8cf", "#d8e4f0"]
    tiles = {
        (ZOOM, x, y): tile_png(colors[(x + y) % 2])
        for x in range(cx - 3, cx + 4)
        for y in range(cy - 3, cy + 4)
    }
    path = tmp_path / "balikpapan.mbtiles"
    maptiles.write_mbtiles(
        path,
        tiles,
        {"name": "Uji", "format": "png", "minzoom": str(ZOOM), "maxzoom": str(ZOOM)},
    )
    settings.MAP_MBTILES = str(path)
    settings.MAP_TILE_URL = ""
    settings.MAP_CENTER = CENTRE
    settings.MAP_ZOOM = ZOOM
    settings.MAP_ATTRIBUTION = "Peta uji"
    return path


@pytest.fixture
def category(reference_data_live, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    tier, _ = SlaTier.objects.get_or_create(
        code="normatif", defaults={"name": "Normatif", "working_days": 5}
    )
    return Category.objects.create(
        kind=KIND,
        code="jalan-rusak",
        name=CATEGORY,
        sla_tier=tier,
        default_org_unit=OrgUnit.objects.get(code="DPU"),
    )


def fill_form(page):
    page.get_by_label("Pengaduan", exact=True).check()
    page.get_by_label("Kategori").select_option(label=CATEGORY)
    page.get_by_label("Judul singkat").fill("Jalan berlubang dekat pasar")
    page.get_by_label("Apa yang terjadi?").fill(
        "Lubang besar di jalur lambat dekat pasar, sudah seminggu, motor sering terperosok."
    )
    page.get_by_label("Kelurahan").select_option(label=KELURAHAN)
    page.get_by_label("RT", exact=True).fill("12")
    page.get_by_label("Jalan / patokan").fill("Jl. Jenderal Sudirman, depan pasar")
    page.get_by_label("Anonim: tidak ada yang tahu siapa saya").check()


def open_form(new_context, foreign_requests):
    page = new_context().new_page()
    seen = foreign_requests()
    page.on("request", seen)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto("/aduan/baru/")
    return page, seen, console


def test_point_picked_on_the_map_is_filed_with_the_case(
    city_tiles, category, new_context, foreign_requests, assert_accessible
):
    page, seen, console = open_form(new_context, foreign_requests)
    # Leaflet is not part of the page until the map is opened.
    assert not any("leaflet" in url for url in seen.seen)
    fill_form(page)

    opener = page.get_by_role("button", name="Pilih titik di peta")
    assert opener.get_attribute("aria-expanded") == "false"
    opener.click()
    assert opener.get_attribute("aria-expanded") == "true"
    map_box = page.get_by_role("region", name="Peta untuk memilih lokasi laporan")
    page.wait_for_selector("#map.leaflet-container img.leaflet-tile-loaded")
    assert any(url.endswith("/leaflet.js") for url in seen.seen)
    assert any(re.search(rf"/peta/ubin/{ZOOM}/\d+/\d+$", url) for url in seen.seen)
    assert page.locator("#map-no-tiles").is_hidden()
    assert page.get_by_label("Lintang").input_value() == ""

    # A click a little right of and below the centre: east and south of it.
    box = map_box.bounding_box()
    map_box.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2 + 30})
    latitude = float(page.get_by_label("Lintang").input_value())
    longitude = float(page.get_by_label("Bujur").input_value())
    assert CENTRE[0] - 0.02 < latitude < CENTRE[0]
    assert CENTRE[1] < longitude < CENTRE[1] + 0.02
    assert page.locator("#map .leaflet-marker-icon").count() == 1
    assert "Titik dipilih" in page.locator("#map-status").inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url(re.compile(r"/aduan/terkirim/ADU-[2-9A-Z]{6}/$"))
    case = Case.objects.get()
    assert case.latitude == Decimal(f"{latitude:.6f}")
    assert case.longitude == Decimal(f"{longitude:.6f}")
    assert case.region.name == "Sepinggan"

    assert seen.foreign == []
    assert not [text for text in console if "Content Security Policy" in text]


def test_without_tiles_the_picker_says_so_and_still_sets_a_point(
    category, settings, new_context, foreign_requests, assert_accessible
):
    settings.MAP_MBTILES = ""
    settings.MAP_TILE_URL = ""
    page, seen, console = open_form(new_context, foreign_requests)
    page.get_by_role("button", name="Pilih titik di peta").click()
    page.wait_for_selector("#map.leaflet-container")
    expect(page.locator("#map-no-tiles")).to_be_visible()
    # Keyboard users: the map can be panned with the arrow keys, then its centre marked.
    page.get_by_role("button", name="Tandai titik tengah peta").click()
    assert page.get_by_label("Lintang").input_value() == "-1.237900"
    assert page.get_by_label("Bujur").input_value() == "116.852900"
    page.get_by_role("button", name="Hapus titik").click()
    assert page.get_by_label("Lintang").input_value() == ""
    # Typed coordinates move the marker.
    page.get_by_label("Lintang").fill("-1.25")
    page.get_by_label("Bujur").fill("116.86")
    page.get_by_label("Bujur").dispatch_event("change")
    assert page.locator("#map .leaflet-marker-icon").count() == 1
    assert_accessible(page)
    assert seen.foreign == []
    assert not [text for text in console if "Content Security Policy" in text]


def test_without_javascript_the_form_files_with_a_kelurahan_only(
    category, city_tiles, new_context, foreign_requests
):
    page = new_context(java_script_enabled=False).new_page()
    seen = foreign_requests()
    page.on("request", seen)
    page.goto("/aduan/baru/")
    assert page.locator("#map-picker").is_hidden()
    fill_form(page)
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url(re.compile(r"/aduan/terkirim/ADU-[2-9A-Z]{6}/$"))
    case = Case.objects.get()
    assert case.latitude is None and case.region.name == "Sepinggan"
    assert not any("leaflet" in url or "/peta/ubin/" in url for url in seen.seen)
    assert seen.foreign == []
