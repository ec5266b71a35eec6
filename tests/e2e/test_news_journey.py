"""City information in the browser, on a phone: the Dinas PU editor writes a news item with a
photo (alt text required), submits it; the head of Dinas PU publishes it; a resident finds it
from the home page and through a typo'd search with JavaScript off. Every page passes axe-core
and loads nothing from other hosts."""

from io import BytesIO

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from satupintu.news.models import Item
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff
from tests.e2e.test_complaints_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TITLE = "Pembangunan jalan di Sepinggan dimulai pekan ini"


def photo() -> dict:
    out = BytesIO()
    PILImage.new("RGB", (1200, 800), (70, 110, 160)).save(out, "JPEG")
    return {"name": "jalan.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


@pytest.fixture
def cast(reference_data_live):
    dpu = OrgUnit.objects.get(code="DPU")
    return {
        "editor": make_staff(dpu, Membership.Role.OPERATOR, full_name="Eka Editor"),
        "head": make_staff(dpu, Membership.Role.HEAD, full_name="Kepala Dinas PU"),
    }


def test_editor_publishes_and_a_resident_finds_it_with_a_typo(
    cast, new_context, assert_accessible, foreign_requests
):
    editor = log_in(new_context, cast["editor"], **PHONE)
    recorder = foreign_requests()
    editor.on("request", recorder)

    # 1. The editor writes a draft on the phone.
    editor.goto("/kantor/berita/")
    assert_accessible(editor)
    editor.get_by_role("link", name="Tulis informasi baru").click()
    editor.get_by_label("Perangkat daerah").select_option(label="Dinas Pekerjaan Umum")
    editor.get_by_label("Jenis").select_option(label="Berita")
    editor.get_by_label("Judul").fill(TITLE)
    editor.get_by_label("Ringkasan").fill("Dinas PU melebarkan jalan di Kelurahan Sepinggan.")
    editor.get_by_label("Isi", exact=True).fill(
        "<p>Pekerjaan berlangsung empat bulan.</p><script>alert(1)</script>"
    )
    editor.get_by_role("button", name="Simpan draf").click()
    editor.wait_for_url("**/kantor/berita/*/")
    item = Item.objects.get(title=TITLE)
    assert item.body == "<p>Pekerjaan berlangsung empat bulan.</p>"

    # 2. A photo without alt text is refused and the page says why; with it, it is kept.
    editor.locator("input[name=image]").set_input_files(photo())
    editor.get_by_role("button", name="Simpan gambar").click()
    expect(editor.get_by_text("Tuliskan teks alternatif").first).to_be_visible()
    editor.locator("input[name=image]").set_input_files(photo())
    editor.get_by_label("Teks alternatif").fill("Alat berat meratakan jalan di Sepinggan")
    editor.get_by_role("button", name="Simpan gambar").click()
    editor.wait_for_url(f"**/kantor/berita/{item.pk}/")
    assert editor.locator("img[alt='Alat berat meratakan jalan di Sepinggan']").count() == 1
    assert_accessible(editor)
    editor.get_by_role("button", name="Kirim untuk ditinjau").click()
    expect(editor.get_by_text("Menunggu tinjauan").first).to_be_visible()
    assert editor.get_by_role("button", name="Terbitkan", exact=True).count() == 0

    # 3. The head of Dinas PU publishes it.
    head = log_in(new_context, cast["head"], **PHONE)
    head.goto(f"/kantor/berita/{item.pk}/")
    head.get_by_role("button", name="Terbitkan", exact=True).click()
    head.wait_for_url(f"**/kantor/berita/{item.pk}/")
    item.refresh_from_db()
    assert item.status == Item.Status.PUBLISHED

    # 4. A resident, JavaScript off, sees it on the home page and finds it with a typo.
    resident = new_context(java_script_enabled=False, **PHONE).new_page()
    resident.on("request", recorder)
    resident.goto("/")
    expect(resident.get_by_role("link", name=TITLE).first).to_be_visible()
    resident.goto("/cari/")
    resident.get_by_label("Kata kunci").fill("pembangunn jalan sepinggan")
    resident.get_by_role("button", name="Cari").click()
    expect(
        resident.get_by_role("heading", name="Berita, pengumuman dan agenda (1)")
    ).to_be_visible()
    resident.get_by_role("link", name=TITLE).click()
    resident.wait_for_url(f"**/berita/{item.slug}/")
    expect(resident.get_by_text("Pekerjaan berlangsung empat bulan.")).to_be_visible()
    expect(resident.locator("img[alt='Alat berat meratakan jalan di Sepinggan']")).to_be_visible()

    # 5. The public pages pass axe-core (JavaScript on, as the checker needs it).
    visitor = new_context(**PHONE).new_page()
    visitor.on("request", recorder)
    for path in (
        "/",
        f"/berita/{item.slug}/",
        "/berita/",
        "/pengumuman/",
        "/agenda/",
        "/berita/opd/DPU/",
    ):
        response = visitor.goto(path)
        assert response is not None and response.status == 200, path
        assert_accessible(visitor)
        if path.endswith(f"{item.slug}/"):
            image = visitor.locator("img[alt='Alat berat meratakan jalan di Sepinggan']")
            assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert recorder.seen and recorder.foreign == []
