"""The installable app's pieces served by Django (docs/pwa.md): the manifest, the service
worker at the site root, the offline page, the icons, and what every page carries."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from satupintu.pwa import offline
from satupintu.pwa.icons import ICONS, png_bytes
from satupintu.pwa.theme import colours

pytestmark = pytest.mark.django_db

STATIC = Path(settings.PACKAGE_DIR) / "static"


def test_the_manifest_says_what_a_phone_needs_to_install_the_app(client, reference_data):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["short_name"] == "Satu Pintu"
    assert data["name"] == "Satu Pintu Kota Balikpapan"
    assert "Kota Balikpapan" in data["description"]
    assert data["lang"] == "id"
    assert data["start_url"] == "/"
    assert data["scope"] == "/"
    assert data["id"] == "/"
    assert data["display"] == "standalone"
    assert data["theme_color"] == "#0b5a4a"
    assert data["background_color"] == "#f6f7f8"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    assert {s["url"] for s in data["shortcuts"]} == {"/lacak/", "/aduan/baru/", "/antrean/"}


def test_the_manifest_follows_the_site_name(client, settings):
    settings.SITE_NAME = "Pintu Kota"
    data = client.get("/manifest.webmanifest").json()
    assert data["short_name"] == "Pintu Kota"
    assert data["name"] == "Pintu Kota"  # no city in the reference data


def test_the_colours_are_the_stylesheets():
    css = (STATIC / "css" / "satupintu.css").read_text()
    assert f"--brand: {colours()['brand']};" in css
    assert f"--bg: {colours()['bg']};" in css


@pytest.mark.parametrize(("name", "size", "maskable"), ICONS)
def test_the_committed_icons_are_what_the_code_draws(name, size, maskable):
    committed = (STATIC / "img" / name).read_bytes()
    image = Image.open(BytesIO(committed))
    assert image.size == (size, size)
    assert image.format == "PNG"
    assert committed == png_bytes(size, maskable=maskable), "run manage.py app_icons"
    brand = tuple(int(colours()["brand"][i : i + 2], 16) for i in (1, 3, 5))
    # A maskable icon's corner is the brand colour (launchers cut it); the other has a tile.
    assert image.convert("RGB").getpixel((size // 10, size // 2)) == brand


def test_the_service_worker_is_served_at_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    version = re.search(r'const VERSION = "([0-9a-f]{12})";', body)
    assert version, body[:300]
    assert '"/luring/"' in body
    assert "__SP_VERSION__" not in body
    assert client.post("/sw.js").status_code == 405


def test_the_worker_is_versioned_by_what_it_does(client, settings):
    first = client.get("/sw.js").content
    assert client.get("/sw.js").content == first  # stable: browsers do not reinstall it
    settings.SITE_NAME = "Satu Pintu Baru"
    assert client.get("/sw.js").content != first


def test_the_csp_is_unchanged_and_has_no_unsafe_inline(client):
    for path in ("/", "/sw.js", "/luring/", "/manifest.webmanifest"):
        policy = client.get(path)["Content-Security-Policy"]
        assert "unsafe-inline" not in policy, path
        assert "script-src 'self'" in policy
        assert "worker-src" not in policy  # workers fall back to script-src 'self'


def test_every_page_links_the_manifest_and_the_static_script(client):
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#0b5a4a">' in html
    assert 'src="/static/js/pwa.js"' in html
    assert "<script>" not in html  # nothing inline
    note = re.search(r'<p class="offline-note" id="sp-offline"[^>]*hidden[^>]*>([^<]*)</p>', html)
    assert note, "the offline note is on every page, hidden"
    assert note.group(1).startswith("Anda sedang luring, terakhir diperbarui ")


def test_the_offline_page_says_what_to_do(client):
    response = client.get("/luring/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anda sedang luring" in html
    assert "formulir itu belum terkirim" in html
    assert 'id="sp-offline"' not in html  # no "last updated" on the offline page itself


def test_offline_rules_never_keep_staff_or_personal_pages():
    for prefix in ("/kantor/", "/akun/", "/permohonan/", "/api/", "/admin/"):
        assert prefix in offline.NEVER
    track, ticket = (re.compile(p) for p in offline.own_pages())
    assert track.match("/lacak/LPR-2026-000123/")
    assert track.match("/lacak/LPR-2026-000123/Zx9_ab-c/")
    assert not track.match("/lacak/LPR-2026-000123/berkas/4/")
    assert not track.match("/lacak/")
    assert ticket.match("/antrean/b/AB12CD/")
    assert not ticket.match("/kantor/antrean/b/AB12CD/")
    for path in offline.precache():
        assert not any(path.startswith(p) for p in offline.NEVER)


def test_the_static_scripts_hold_no_words_of_their_own():
    """Every message comes from the page (translated there), so English pages say English."""
    for name in ("pwa.js", "push.js"):
        script = (STATIC / "js" / name).read_text()
        assert "luring" not in script and "Notifikasi" not in script


def test_pages_shown_to_a_logged_in_person_are_marked_not_to_be_kept(client):
    from satupintu.testing.factories import UserFactory

    assert "X-Offline-Copy" not in client.get("/")
    client.force_login(UserFactory())
    assert client.get("/")["X-Offline-Copy"] == "no"
    assert client.get("/akun/urusan/")["X-Offline-Copy"] == "no"
    # The citizen's own tracking page and queue ticket are what they want on the way.
    assert "X-Offline-Copy" not in client.get("/lacak/LPR-2026-000123/")
    assert "X-Offline-Copy" not in client.get("/antrean/b/ANT-XYZ123/")
    assert 'headers.get("X-Offline-Copy") === "no"' in client.get("/sw.js").content.decode()
