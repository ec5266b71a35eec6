"""Complaints in the browser: filing, triage, the unit's answer, the reporter's secret link.

Staff log in the way they do in production: e-mail and password on /akun/login/, then the
TOTP code on allauth's second step. `make_staff` activates TOTP with the shared test secret;
allauth remembers a used code per user only, so several staff members may log in within the
same 30-second window. `login_code()` never hands out a code in the last seconds of its window
(TOTP_TOLERANCE is 0), and a refused code is retried once with the next window's code, so the
real login is as robust as injecting a `force_login` session cookie, and it also exercises the
MFA step that a copied cookie would skip.
"""

import re
import time

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from satupintu.cases import services as case_services
from satupintu.cases.models import Case, CaseAttachment, Category, SlaTier
from satupintu.cases.workflow import COORDINATOR
from satupintu.complaints.services import file_complaint
from satupintu.complaints.workflow import KIND
from satupintu.org.models import Membership, OrgUnit, Region
from satupintu.testing.factories import TEST_PASSWORD, current_totp_code, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CODE_RE = re.compile(r"^ADU-[2-9A-Z]{6}$")
KELURAHAN = "Sepinggan — Balikpapan Selatan"
CATEGORY = "Jalan rusak atau berlubang"
DESCRIPTION = "Lubang besar di depan SD 012, sudah dua minggu, motor sering jatuh di sana."


# --- Fixtures and helpers ----------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads land in the test's own directory, not in var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


@pytest.fixture
def categories(reference_data_live, media_root):
    # The SLA tiers come from a data migration, which a transactional test's flush wipes.
    tier, _ = SlaTier.objects.get_or_create(
        code="normatif", defaults={"name": "Normatif", "working_days": 5}
    )
    dpu = OrgUnit.objects.get(code="DPU")
    return [
        Category.objects.create(
            kind=KIND, code=code, name=name, sla_tier=tier, default_org_unit=dpu, sort_order=i
        )
        for i, (code, name) in enumerate(
            [("jalan-rusak", CATEGORY), ("drainase-banjir", "Drainase tersumbat / banjir")]
        )
    ]


@pytest.fixture
def staff(categories):
    return {
        "coordinator": make_staff(
            OrgUnit.objects.get(code="PEMKOT"),
            Membership.Role.COORDINATOR,
            full_name="Kartika Koordinator",
        ),
        "dpu": make_staff(OrgUnit.objects.get(code="DPU"), full_name="Dedi Pekerjaan"),
        "dinkes": make_staff(OrgUnit.objects.get(code="DINKES"), full_name="Dewi Kesehatan"),
    }


@pytest.fixture
def png_file(tmp_path):
    def make(name="foto-lubang.png", color="red"):
        path = tmp_path / name
        Image.new("RGB", (16, 16), color).save(path, format="PNG")
        return path

    return make


def login_code() -> str:
    # TOTP_TOLERANCE is 0: never type a code in the last seconds of its 30-second window.
    if time.time() % 30 > 24:
        time.sleep(30 - time.time() % 30 + 0.5)
    return current_totp_code()


def log_in(new_context, user, **context_options):
    """A fresh browser context with `user` logged in through the password and TOTP steps."""
    page = new_context(**context_options).new_page()
    page.goto("/akun/login/")
    login = page.locator("form[action='/akun/login/']")
    login.locator("[name='login']").fill(user.email)
    login.locator("[name='password']").fill(TEST_PASSWORD)
    login.locator("button[type='submit']").click()
    page.wait_for_url("**/akun/2fa/authenticate/")
    for _attempt in range(2):
        page.locator("input[name='code']").fill(login_code())
        with page.expect_navigation():
            page.get_by_role("button", name="Masuk").click()
        if "/2fa/authenticate/" not in page.url:
            break
        # Refused: the window turned between reading the clock and the server's check.
    page.wait_for_url("**/akun/")
    return page


def fill_complaint(page, *, title, identity="Biasa", name="", email="", phone="", files=()):
    page.get_by_label("Pengaduan", exact=True).check()
    page.get_by_label("Kategori").select_option(label=CATEGORY)
    page.get_by_label("Judul singkat").fill(title)
    page.get_by_label("Apa yang terjadi?").fill(DESCRIPTION)
    page.get_by_label("Kelurahan").select_option(label=KELURAHAN)
    page.get_by_label("RT", exact=True).fill("7")
    page.get_by_label("Jalan / patokan").fill("Jl. Marsma R. Iswahyudi, depan SD 012")
    if files:
        page.get_by_label("Foto atau dokumen").set_input_files(list(files))
    page.get_by_label(identity).check()
    page.get_by_label("Nama", exact=True).fill(name)
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Nomor HP / WhatsApp").fill(phone)


def submit_complaint(page):
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url(re.compile(r"/aduan/terkirim/ADU-[2-9A-Z]{6}/$"))
    code = page.locator("#tracking-code").inner_text().strip()
    assert CODE_RE.match(code)
    return code


def staff_action(page, label, *, note="", internal="", unit=None, files=()):
    """Take an action on a staff case page: open its own small form (one <details> per
    action, issue 16) and fill only what that action asks for. `note` is the answer for the
    reporter, or the internal note on an action the reporter never sees."""
    details = page.locator("details.action-form").filter(
        has=page.locator("summary", has_text=re.compile(f"^{re.escape(label)}$"))
    )
    details.locator("summary").click()
    form = details.locator("form")
    public = form.get_by_label("Jawaban untuk pelapor")
    if note and public.count():
        public.fill(note)
    elif note:
        form.get_by_label("Catatan internal").fill(note)
    if internal:
        form.get_by_label("Catatan internal").fill(internal)
    if unit:
        form.get_by_label("Unit tujuan").select_option(value=unit)
    if files:
        form.get_by_label("Berkas").set_input_files(list(files))
    with page.expect_navigation():
        form.get_by_role("button", name=label, exact=True).click()
    messages = page.locator("main .messages")
    assert "Tersimpan." in messages.inner_text(), page.locator("main").inner_text()


def summary_value(page, term):
    return page.locator(f"dl.facts dt:text-is('{term}') + dd").inner_text().strip()


def make_case(**extra):
    """A complaint filed straight through the service, with its secret."""
    values = {
        "channel": Case.Channel.WEB,
        "subtype": "pengaduan",
        "category": Category.objects.get(kind=KIND, code="jalan-rusak"),
        "title": "Saluran air tersumbat di Jl. Soekarno-Hatta",
        "description": DESCRIPTION,
        "reporter_name": "Andi Saputra",
        "reporter_email": "andi.saputra@contoh.id",
        "kelurahan": Region.objects.get(code="64.71.05.1002"),
        "rt": "007",
        "street": "Jl. Soekarno-Hatta km 3",
    }
    values.update(extra)
    return file_complaint(**values)


# --- 1. The whole journey --------------------------------------------------------------------


def test_complaint_from_filing_through_triage_and_answer_to_rating(
    staff, new_context, png_file, assert_accessible
):
    citizen = new_context().new_page()

    # A logged-out citizen files a complaint with a photo and an e-mail address.
    citizen.goto("/aduan/baru/")
    fill_complaint(
        citizen,
        title="Jalan berlubang di Jl. Marsma R. Iswahyudi",
        name="Siti Rahmawati",
        email="siti.rahma@contoh.id",
        files=[png_file()],
    )
    code = submit_complaint(citizen)
    assert_accessible(citizen)
    secret_link = citizen.locator("#secret-link a")
    secret_url = secret_link.get_attribute("href")
    assert re.search(rf"/lacak/{code}/[\w-]{{20,}}/$", secret_url)
    assert secret_link.inner_text().strip() == secret_url
    case = Case.objects.get(tracking_code=code)
    assert case.org_unit.code == "DPU" and case.status == "baru"
    assert case.reporter_name == "Siti Rahmawati"
    assert CaseAttachment.objects.filter(case=case, original_name="foto-lubang.png").count() == 1

    # The coordinator verifies it and sends it to DPU.
    coordinator = log_in(new_context, staff["coordinator"])
    coordinator.goto(f"/kantor/kasus/{code}/")
    assert summary_value(coordinator, "Status") == "Menunggu verifikasi"
    assert "Siti Rahmawati" in summary_value(coordinator, "Pelapor")
    expect(coordinator.get_by_role("link", name="foto-lubang.png")).to_be_visible()
    assert_accessible(coordinator)
    staff_action(coordinator, "Verifikasi dan teruskan", unit="DPU")
    assert summary_value(coordinator, "Status") == "Diteruskan ke unit"
    assert summary_value(coordinator, "Unit") == "DPU"

    # A DPU operator finds it in the inbox; a DINKES operator cannot open it.
    operator = log_in(new_context, staff["dpu"])
    operator.goto("/kantor/kasus/")
    operator.get_by_role("link", name=code).click()
    operator.wait_for_url(f"**/kantor/kasus/{code}/")
    assert summary_value(operator, "Status") == "Diteruskan ke unit"
    outsider = log_in(new_context, staff["dinkes"])
    response = outsider.goto(f"/kantor/kasus/{code}/")
    assert response.status == 404
    outsider.goto("/kantor/kasus/")
    assert code not in outsider.locator("main").inner_text()

    # DPU replies in public, then gives the final answer.
    reply = "Tim kami akan meninjau lokasi pada hari Kamis."
    answer = "Lubang sudah ditambal dengan aspal pada hari Kamis."
    staff_action(operator, "Balasan publik", note=reply)
    staff_action(operator, "Beri jawaban akhir", note=answer)
    assert summary_value(operator, "Status") == "Sudah dijawab"
    assert_accessible(operator)
    assert any(code in m.subject for m in mail.outbox if "siti.rahma@contoh.id" in m.to)

    # The citizen opens the secret link, reads the answers and rates the handling.
    response = citizen.goto(secret_url)
    # The secret (in the path) is never sent as a Referer, and the page's own forms still
    # work although the browser posts them with "Origin: null".
    assert response.headers["referrer-policy"] == "strict-origin"
    timeline = citizen.locator("ol.timeline").inner_text()
    assert reply in timeline and answer in timeline
    assert citizen.locator("#status-h .status").inner_text().strip() == "Sudah dijawab"
    assert "Siti Rahmawati" not in citizen.content()
    assert_accessible(citizen)
    citizen.get_by_role("radio", name="5").check()
    citizen.get_by_label("Komentar (opsional)").fill("Cepat dan rapi, terima kasih.")
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="Kirim penilaian").click()
    main = citizen.locator("main").inner_text()
    assert "Terima kasih, sudah kami terima." in main
    assert "Penilaian Anda: 5 dari 5. Terima kasih." in main
    assert citizen.get_by_role("button", name="Kirim penilaian").count() == 0
    assert_accessible(citizen)
    case.refresh_from_db()
    assert case.rating == 5 and case.rating_comment == "Cepat dan rapi, terima kasih."

    # Staff see the rating too.
    operator.reload()
    assert summary_value(operator, "Penilaian").startswith("5/5")


# --- 2. Anonymous ----------------------------------------------------------------------------


def test_anonymous_complaint_needs_no_contact_and_hides_the_reporter(
    staff, new_context, assert_accessible
):
    citizen = new_context().new_page()
    citizen.goto("/aduan/baru/")
    # A name typed before choosing "Anonim" is dropped; no e-mail or phone is needed.
    fill_complaint(citizen, title="Pungutan di loket parkir pasar", identity="Anonim", name="Rudi")
    code = submit_complaint(citizen)
    expect(citizen.locator("#secret-link a")).to_be_visible()
    case = Case.objects.get(tracking_code=code)
    assert case.is_anonymous and case.reporter_name == "" and case.submitter is None

    coordinator = log_in(new_context, staff["coordinator"])
    coordinator.goto(f"/kantor/kasus/{code}/")
    assert summary_value(coordinator, "Pelapor") == "Anonim"
    assert "Rudi" not in coordinator.locator("main").inner_text()
    assert_accessible(coordinator)


# --- 3. Request for information --------------------------------------------------------------


def test_request_for_information_round_trip(staff, new_context, png_file, assert_accessible):
    case, secret = make_case()
    case_services.perform(
        case, "verify", actor=staff["coordinator"], role=COORDINATOR, org_unit=case.org_unit
    )
    code = case.tracking_code

    question = "Di sisi jalan yang mana saluran tersumbat? Mohon kirim foto lokasinya."
    operator = log_in(new_context, staff["dpu"])
    operator.goto(f"/kantor/kasus/{code}/")
    staff_action(operator, "Minta informasi pelapor", note=question)
    assert summary_value(operator, "Status") == "Menunggu informasi dari pelapor"
    assert summary_value(operator, "Batas waktu").startswith("dijeda sejak")

    # The reporter's secret link shows the question and a form to answer it.
    citizen = new_context().new_page()
    citizen.goto(f"/lacak/{code}/{secret}/")
    assert citizen.locator("#status-h .status").inner_text() == "Menunggu informasi dari pelapor"
    assert question in citizen.locator("ol.timeline").inner_text()
    assert_accessible(citizen)
    answer = "Sisi kiri dari arah bandara, di depan warung makan. Foto terlampir."
    citizen.get_by_label("Jawaban untuk petugas").fill(answer)
    citizen.get_by_label("Berkas (opsional)").set_input_files(png_file("saluran.png", "blue"))
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="Kirim informasi").click()
    assert "Terima kasih, sudah kami terima." in citizen.locator("main").inner_text()
    assert citizen.locator("#status-h .status").inner_text() == "Sedang ditangani"
    assert citizen.get_by_label("Jawaban untuk petugas").count() == 0
    # The reporter can fetch their own file back through the secret link.
    expect(citizen.get_by_role("link", name="saluran.png")).to_be_visible()

    # The staff page shows the answer and the file in the timeline.
    operator.reload()
    assert summary_value(operator, "Status") == "Sedang ditangani"
    timeline = operator.locator("ol.timeline")
    assert answer in timeline.inner_text()
    link = timeline.get_by_role("link", name="saluran.png")
    with operator.expect_download() as download_info:
        link.click()
    assert download_info.value.suggested_filename == "saluran.png"
    assert_accessible(operator)


# --- 4. Accessibility, self-hosting, no JavaScript -------------------------------------------


@pytest.fixture
def public_cases(staff):
    """One case waiting for the reporter's information, one already answered."""
    coordinator, operator = staff["coordinator"], staff["dpu"]
    waiting, waiting_secret = make_case()
    case_services.perform(waiting, "verify", actor=coordinator, role=COORDINATOR)
    case_services.perform(waiting, "reply", actor=operator, role="unit", note="Kami cek.")
    case_services.perform(
        waiting, "request_info", actor=operator, role="unit", note="Di sisi mana?"
    )
    answered, answered_secret = make_case(title="Jalan amblas dekat jembatan", reporter_email="")
    case_services.perform(answered, "verify", actor=coordinator, role=COORDINATOR)
    case_services.perform(
        answered, "resolve", actor=operator, role="unit", note="Sudah diperbaiki."
    )
    return {
        "waiting": waiting.tracking_code,
        "waiting_secret": waiting_secret,
        "answered": answered.tracking_code,
        "answered_secret": answered_secret,
    }


PUBLIC_PAGES = [
    "/aduan/",
    "/aduan/baru/",
    "/lacak/",
    "/lacak/{waiting}/",
    "/lacak/{waiting}/{waiting_secret}/",
    "/lacak/{answered}/{answered_secret}/",
    "/aduan/statistik/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_complaint_page_is_accessible_and_self_hosted(
    path, public_cases, page, assert_accessible, foreign_requests
):
    recorder = foreign_requests()
    page.on("request", recorder)

    response = page.goto(path.format(**public_cases), wait_until="load")

    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").first.inner_text().strip()
    assert_accessible(page)
    assert recorder.seen, "the request listener saw nothing"
    assert recorder.foreign == [], f"requests left the live server: {recorder.foreign}"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_complaint_page_renders_without_javascript(path, public_cases, new_context):
    page = new_context(java_script_enabled=False).new_page()

    response = page.goto(path.format(**public_cases))

    assert response is not None and response.status == 200
    heading = page.locator("h1").first
    assert heading.is_visible() and heading.inner_text().strip()


def test_complaint_form_errors_are_accessible(categories, page, assert_accessible):
    page.goto("/aduan/baru/")
    with page.expect_navigation():
        page.get_by_role("button", name="Kirim laporan").click()
    alerts = page.get_by_role("alert")
    assert alerts.count() >= 3  # the form-wide message, category, title, description
    assert "pilih pelaporan anonim" in alerts.first.inner_text()
    assert Case.objects.count() == 0
    assert_accessible(page)


def test_complaint_can_be_filed_without_javascript(categories, new_context, png_file):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/aduan/baru/")
    # The location button is progressive enhancement: hidden without JavaScript.
    expect(page.locator("#use-location")).to_be_hidden()
    fill_complaint(
        page,
        title="Drainase meluap setiap hujan",
        phone="0812 5555 0101",
        files=[png_file()],
    )
    code = submit_complaint(page)
    expect(page.locator("#secret-link a")).to_be_visible()
    case = Case.objects.get(tracking_code=code)
    assert case.reporter_phone == "+6281255550101"
    assert case.attachments.count() == 1

    page.get_by_role("link", name="Lihat status").click()
    page.wait_for_url(f"**/lacak/{code}/")
    assert page.locator("#status-h .status").inner_text() == "Menunggu verifikasi"


@pytest.mark.parametrize("who", ["coordinator", "dpu"])
def test_staff_case_pages_are_accessible_and_self_hosted(
    who, staff, public_cases, new_context, assert_accessible, foreign_requests
):
    page = log_in(new_context, staff[who])
    recorder = foreign_requests()
    page.on("request", recorder)

    for path in ("/kantor/kasus/", f"/kantor/kasus/{public_cases['waiting']}/"):
        response = page.goto(path, wait_until="load")
        assert response is not None and response.status == 200
        assert page.locator("h1").first.inner_text().strip()
        assert_accessible(page)

    # One small form per action, each behind its own summary (issue 16).
    assert page.locator("details.action-form form[action$='/tindakan/']").count() >= 2
    expect(page.locator("details.action-form > summary").first).to_be_visible()
    assert recorder.seen, "the request listener saw nothing"
    assert recorder.foreign == [], f"requests left the live server: {recorder.foreign}"
