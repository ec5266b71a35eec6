"""Issue 12, "Urusan saya", in the browser on a phone (390 × 844): a citizen without an account
files a complaint with their e-mail and an anonymous one, signs up with the same e-mail, links
both in "Urusan saya" (the first because the e-mail is now confirmed, the second with its
private link), sees them with their status, and reads the confirmation in the notification
centre, and finds the report again by typing its code into one search. axe-core finds nothing
on the new pages; the page works without JavaScript."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from satupintu.accounts.models import User
from satupintu.cases.models import Case, CaseHolder, Category, SlaTier
from satupintu.complaints.workflow import KIND
from satupintu.org.models import OrgUnit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
EMAIL = "dewi.lestari@contoh.id"
PASSWORD = "Jalan-Sepinggan-Kuat-2026"
CATEGORY = "Jalan rusak atau berlubang"
KELURAHAN = "Sepinggan — Balikpapan Selatan"
CODE_RE = re.compile(r"\b[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}\b")


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


def file_complaint(page, *, title, identity, email=""):
    page.goto("/aduan/baru/")
    page.get_by_label("Pengaduan", exact=True).check()
    page.get_by_label("Kategori").select_option(label=CATEGORY)
    page.get_by_label("Judul singkat").fill(title)
    page.get_by_label("Apa yang terjadi?").fill(
        "Lubang besar di depan SD 012, sudah dua minggu, motor sering jatuh di sana."
    )
    page.get_by_label("Kelurahan").select_option(label=KELURAHAN)
    page.get_by_label("RT", exact=True).fill("7")
    page.get_by_label("Jalan / patokan").fill("Jl. Marsma R. Iswahyudi")
    page.get_by_label(identity).check()
    if identity == "Biasa":
        page.get_by_label("Nama", exact=True).fill("Dewi Lestari")
        page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url(re.compile(r"/aduan/terkirim/ADU-[2-9A-Z]{6}/$"))
    code = page.locator("#tracking-code").inner_text().strip()
    return code, page.locator("#secret-link a").get_attribute("href")


def sign_up(page):
    page.goto("/akun/signup/")
    form = page.locator("form[action='/akun/signup/']")
    form.locator("[name='full_name']").fill("Dewi Lestari")
    form.locator("[name='email']").fill(EMAIL)
    form.locator("[name='password1']").fill(PASSWORD)
    form.locator("[name='password2']").fill(PASSWORD)
    form.locator("button[type='submit']").click()
    code_input = page.locator("input[name='code']")
    code_input.wait_for()
    message = [m for m in mail.outbox if EMAIL in m.to][-1]
    code_input.fill(CODE_RE.search(message.body).group(0))
    page.get_by_role("button", name="Konfirmasi").click()
    page.wait_for_url("**/akun/")


def test_file_without_account_sign_up_and_find_everything_in_urusan_saya(
    category, new_context, live_server, assert_accessible
):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    named, _link = file_complaint(
        page, title="Jalan berlubang di Sepinggan", identity="Biasa", email=EMAIL
    )
    anonymous, private_link = file_complaint(
        page, title="Pungutan di loket parkir pasar", identity="Anonim"
    )
    assert private_link and anonymous in private_link

    sign_up(page)
    page.get_by_role("link", name="Urusan saya").first.click()
    page.wait_for_url("**/akun/urusan/")
    assert_accessible(page)
    main = page.locator("main")
    assert named not in main.inner_text()
    assert "sebelum Anda punya akun" in main.inner_text()

    # The e-mail is confirmed: the report filed with it is linked with one button.
    page.get_by_role("button", name="Tautkan ke akun saya").click()
    page.wait_for_url("**/akun/urusan/")
    assert named in main.inner_text()
    assert "Menunggu verifikasi" in main.inner_text()

    # A wrong private link is refused and kept; the right one links the anonymous report.
    page.get_by_label("Tautan pribadi laporan").fill("https://contoh/lacak/ADU-XXXXXX/salah/")
    page.get_by_role("button", name="Tautkan laporan").click()
    assert "Tautan pribadi tidak dikenali" in main.inner_text()
    assert page.get_by_label("Tautan pribadi laporan").input_value().endswith("/salah/")
    assert_accessible(page)
    page.get_by_label("Tautan pribadi laporan").fill(private_link)
    page.get_by_role("button", name="Tautkan laporan").click()
    page.wait_for_url("**/akun/urusan/")
    assert anonymous in main.inner_text()
    user = User.objects.get(email=EMAIL)
    assert CaseHolder.objects.filter(user=user).count() == 2
    assert Case.objects.get(tracking_code=anonymous).is_anonymous

    # The item opens its tracking page.
    page.get_by_role("link", name="Jalan berlubang di Sepinggan").click()
    page.wait_for_url(re.compile(rf"/lacak/{named}/"))

    # The confirmation of the named report is in the notification centre, unread.
    page.goto("/akun/notifikasi/")
    assert_accessible(page)
    assert "Belum dibaca" in page.locator("main").inner_text()
    page.locator("main ul.letter-list a").first.click()
    page.wait_for_url(re.compile(r"/akun/notifikasi/\d+/$"))
    assert named in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto("/akun/notifikasi/")
    assert "Belum dibaca" not in page.locator("main").inner_text()

    # One search: the tracking code typed (lower case) opens its page, whatever its kind.
    page.goto("/cari/")
    page.get_by_label("Kata kunci").fill(f" {named.lower()} ")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url(re.compile(rf"/lacak/{named}/$"))


def test_urusan_saya_works_without_javascript(category, new_context, live_server):
    from satupintu.testing.factories import UserFactory

    user = UserFactory(email=EMAIL)
    client = Client()
    client.force_login(user)
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto("/akun/urusan/")
    page.get_by_label("Tautan pribadi laporan").fill("bukan tautan")
    page.get_by_role("button", name="Tautkan laporan").click()
    assert "Tautan pribadi tidak dikenali" in page.locator("main").inner_text()
