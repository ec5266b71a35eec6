"""Issue 16 in the browser: a citizen files a complaint, sees the confirmation with the private
link (and gets it by e-mail), opens the tracking page and sees where the case stands: steps,
deadlines in words, the photo as a thumbnail, the point on a server-drawn map. An anonymous
reporter has the link sent to them; an unknown code stays on the form."""

import re

import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from satupintu.cases.models import Case, Category, SlaTier
from satupintu.complaints.workflow import KIND
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import OrgUnit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CATEGORY = "Jalan rusak atau berlubang"
KELURAHAN = "Sepinggan — Balikpapan Selatan"
DESCRIPTION = "Lubang besar di depan SD 012, sudah dua minggu, motor sering jatuh di sana."


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


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "lubang.jpg"
    Image.new("RGB", (1600, 1200), (120, 90, 60)).save(path, format="JPEG")
    return path


def fill(page, *, identity, email="", files=(), point=None):
    page.get_by_label("Pengaduan", exact=True).check()
    page.get_by_label("Kategori").select_option(label=CATEGORY)
    page.get_by_label("Judul singkat").fill("Jalan berlubang di depan SD 012")
    page.get_by_label("Apa yang terjadi?").fill(DESCRIPTION)
    page.get_by_label("Kelurahan").select_option(label=KELURAHAN)
    if files:
        page.get_by_label("Foto atau dokumen").set_input_files(list(files))
    if point:
        page.get_by_label("Lintang").fill(point[0])
        page.get_by_label("Bujur").fill(point[1])
    page.get_by_label(identity).check()
    if email:
        page.get_by_label("Nama", exact=True).fill("Siti Rahmawati")
        page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url(re.compile(r"/aduan/terkirim/ADU-[2-9A-Z]{6}/$"))
    return page.locator("#tracking-code").inner_text().strip()


def image_loaded(page, selector) -> bool:
    """Whether the image loads, waiting for it (up to 10 s): a one-shot check failed once on
    a loaded machine while the thumbnail was still on its way."""
    try:
        page.wait_for_function(
            "sel => { const img = document.querySelector(sel);"
            " return !!img && img.complete && img.naturalWidth > 0; }",
            arg=selector,
            timeout=10_000,
        )
    except PlaywrightTimeoutError:
        return False
    return True


def test_file_confirm_and_track(category, new_context, photo, assert_accessible, live_server):
    citizen = new_context(viewport={"width": 390, "height": 844})
    page = citizen.new_page()
    foreign = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url) if not r.url.startswith((live_server.url, "data:")) else None
        ),
    )

    # File a named complaint with a photo and a point.
    page.goto("/aduan/baru/")
    code = fill(
        page,
        identity="Biasa",
        email="siti.rahma@contoh.id",
        files=[photo],
        point=("-1.265432", "116.831234"),
    )

    # The confirmation: the private link, and where it was sent.
    link = page.locator("#secret-link a").get_attribute("href")
    assert re.fullmatch(rf"{re.escape(live_server.url)}/lacak/{code}/[\w-]{{20,}}/", link)
    assert "s***@contoh.id" in page.locator("#link-sent").inner_text()
    assert_accessible(page)
    message = OutboxMessage.objects.get(reference=code)
    assert message.channel == "email" and message.recipient == "siti.rahma@contoh.id"
    assert link in message.body

    # The private link: steps, who holds it, deadlines in words, the photo, the map.
    page.goto(link)
    steps = page.locator("#steps li")
    assert steps.count() == 5
    assert "Diterima" in steps.nth(0).inner_text()
    assert steps.nth(1).get_attribute("aria-current") == "step"
    assert "Diverifikasi" in steps.nth(1).inner_text()
    status = page.locator("section[aria-labelledby='status-h']").inner_text()
    assert "Koordinator kota" in status
    assert "Batas verifikasi" in status and "hari kerja" in status
    thumb = "img[src$='/kecil/']"
    assert image_loaded(page, thumb)
    assert page.eval_on_selector(thumb, "img => img.naturalWidth") == 320
    assert image_loaded(page, "img[src$='/peta.png']")
    assert "Tindakan Anda" in page.locator("main").inner_text()
    assert_accessible(page)

    # Without JavaScript the page says the same.
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto(link)
    assert plain.locator("#steps li").count() == 5
    assert "hari kerja" in plain.locator("main").inner_text()

    # The private page's own forms post with a real Origin: under "no-referrer" the browser
    # sends "null", and the CSRF-checked forms of every page (log-out, language) are refused.
    with plain.expect_response(lambda r: r.request.method == "POST") as posted:
        plain.locator("#more-files").set_input_files([photo])
        plain.get_by_role("button", name="Unggah").click()
    assert posted.value.status in (200, 302, 303)
    assert posted.value.request.header_value("origin") == live_server.url
    plain.wait_for_load_state()
    assert Case.objects.get(tracking_code=code).attachments.count() == 2

    # The public page: the same steps, no photo, no actions.
    page.goto(f"/lacak/{code}/")
    assert page.locator("#steps li").count() == 5
    assert page.locator("img[src$='/kecil/']").count() == 0
    assert "Tindakan Anda" not in page.locator("main").inner_text()

    assert foreign == []


def test_an_anonymous_reporter_has_the_link_sent(category, page, assert_accessible):
    page.goto("/aduan/baru/")
    code = fill(page, identity="Anonim")
    assert Case.objects.get(tracking_code=code).reporter_email == ""

    form = page.locator("form[action$='/kirim-tautan/']")
    assert "Kirim tautan ini ke saya" in page.locator("main").inner_text()
    assert_accessible(page)

    form.get_by_label("E-mail atau nomor HP").fill("bukan kontak")
    form.get_by_role("button", name="Kirim tautan").click()
    page.wait_for_load_state()
    form = page.locator("form[action$='/kirim-tautan/']")
    assert "Tulis alamat e-mail" in form.inner_text()
    assert form.get_by_label("E-mail atau nomor HP").input_value() == "bukan kontak"
    assert_accessible(page)

    form.get_by_label("E-mail atau nomor HP").fill("diam@contoh.id")
    form.get_by_role("button", name="Kirim tautan").click()
    page.wait_for_url(re.compile(rf"/aduan/terkirim/{code}/$"))
    assert "d***@contoh.id" in page.locator("#link-sent").inner_text()
    assert page.locator("form[action$='/kirim-tautan/']").count() == 0
    (message,) = OutboxMessage.objects.all()  # recipients are encrypted: read, not filtered
    assert message.recipient == "diam@contoh.id"
    assert page.locator("#secret-link a").get_attribute("href") in message.body


def test_an_unknown_code_stays_on_the_form(category, page, assert_accessible):
    page.goto("/lacak/")
    page.get_by_label("Kode lacak").fill("ADU-ZZZZZZ")
    with page.expect_response(re.compile(r"/lacak/\?code=")) as answer:
        page.get_by_role("button", name="Lacak").click()

    assert answer.value.status == 404
    assert "Kode tidak ditemukan" in page.locator("main").inner_text()
    assert page.get_by_label("Kode lacak").input_value() == "ADU-ZZZZZZ"
    assert_accessible(page)
