"""People who cannot do it alone, in the browser (issue #16 point 7).

A counter officer at a kelurahan office, on a 390 px phone screen, files an application for
a citizen who came with her identity card and paper documents: the NIK is checked, the
citizen (new to the platform) consents, the officer fills the form, attaches the scans and
submits; the citizen's phone receives the tracking code and the private link. Every counter
page fits the screen and passes axe-core. Then the guides: the list and a guide page pass
axe-core at 390 px, show the real screens, load nothing from elsewhere, and the catalogue
links to its guide.
"""

import re

import pytest

from satupintu.applications.models import Application
from satupintu.applications.tests.conftest import make_service, pdf_bytes, png_bytes
from satupintu.assisted.models import AssistedFiling
from satupintu.cases import codes
from satupintu.notifications.models import OutboxMessage
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff
from tests.e2e.test_complaints_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
NIK = "6471055203850002"


@pytest.fixture
def counter(reference_data_live, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    kelurahan = OrgUnit.objects.get(code="KEL-64.71.05.1002")
    return {
        "kelurahan": kelurahan,
        "service": make_service(OrgUnit.objects.get(code="DPU")),
        "officer": make_staff(kelurahan, Membership.Role.COUNTER, full_name="Petugas Loket"),
    }


@pytest.fixture
def scans(tmp_path):
    paths = {
        "surat-lahir": tmp_path / "surat-lahir.pdf",
        "kk": tmp_path / "kk.pdf",
        "ktp-ortu": tmp_path / "ktp.png",
    }
    paths["surat-lahir"].write_bytes(pdf_bytes(30_000))
    paths["kk"].write_bytes(pdf_bytes(20_000))
    paths["ktp-ortu"].write_bytes(png_bytes(60, 40))
    return paths


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_counter_officer_files_for_a_citizen_on_a_phone(
    counter, scans, new_context, assert_accessible
):
    service, kelurahan = counter["service"], counter["kelurahan"]
    page = log_in(new_context, counter["officer"], **PHONE)

    page.goto("/kantor/")
    page.get_by_role("link", name="Loket: ajukan untuk warga").click()
    page.wait_for_url("**/kantor/loket/")
    assert_accessible(page)
    page.get_by_role("link", name="Ajukan untuk warga").click()
    page.wait_for_url("**/kantor/loket/baru/")
    assert fits_the_screen(page)
    assert_accessible(page)

    # The identity card is checked, the NIK typed (wrong first).
    page.get_by_label("NIK warga").fill("1234567890123456")
    page.get_by_label(re.compile("Identitas diperiksa")).check()
    page.get_by_role("button", name="Cari warga").click()
    assert "NIK tidak valid" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("NIK warga").fill(NIK)
    page.get_by_label(re.compile("Identitas diperiksa")).check()
    page.get_by_role("button", name="Cari warga").click()
    page.wait_for_url("**/kantor/loket/baru/warga/")
    assert "belum terdaftar" in page.locator("#citizen-new").inner_text()

    # A new citizen: name and phone; the service; consent first refused, then given.
    page.get_by_label("Nama lengkap sesuai KTP-el").fill("Sumiati")
    page.get_by_label("Nomor HP / WhatsApp warga").fill("0812 3456 7001")
    page.get_by_label("Layanan").select_option(label=service.name)
    page.get_by_role("button", name="Mulai isi permohonan").click()
    assert "Bacakan teks persetujuan" in page.locator("main").inner_text()
    assert page.get_by_label("Nama lengkap sesuai KTP-el").input_value() == "Sumiati"
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_label(re.compile("Saya meminta petugas loket")).check()
    page.get_by_role("button", name="Mulai isi permohonan").click()
    page.wait_for_url(re.compile(r"/kantor/loket/\d+/langkah/1/$"))

    # The application form, as the citizen would fill it online.
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_label("Nama anak").fill("Budi Santoso")
    page.get_by_label("Tanggal lahir").fill("2026-10-01")
    page.get_by_label("Jenis kelamin").select_option("L")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url("**/langkah/2/")
    page.get_by_label("NIK ayah").fill("6471054105900001")
    page.get_by_label("Nomor KK").fill("6471050101200003")
    page.get_by_label("Nomor HP yang dapat dihubungi").fill("0812 3456 7001")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url("**/langkah/3/")
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_label("Surat keterangan lahir").set_input_files(scans["surat-lahir"])
    page.get_by_label("Kartu keluarga").set_input_files(scans["kk"])
    page.get_by_label("KTP orang tua").set_input_files(scans["ktp-ortu"])
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url("**/langkah/4/")
    main = page.locator("main").inner_text()
    assert "6471********0001" in main and "6471054105900001" not in main
    assert "+62812*****001" in main
    assert fits_the_screen(page)
    assert_accessible(page)
    page.get_by_label(re.compile("Warga menyatakan")).check()
    page.get_by_role("button", name="Kirim permohonan atas nama warga").click()
    page.wait_for_url(re.compile(r"/kantor/loket/\d+/$"))
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"PMH-[2-9A-Z]{6}", code)
    assert fits_the_screen(page)
    assert_accessible(page)

    # The citizen's application, filed by the officer, with her consent.
    application = Application.objects.get(case__tracking_code=code)
    case = application.case
    filing = AssistedFiling.objects.get(application=application)
    assert case.submitter.full_name == "Sumiati" and filing.citizen == case.submitter
    assert filing.officer == counter["officer"] and filing.counter_unit == kelurahan
    assert filing.consent_given_at is not None and filing.identity_checked
    assert application.documents.count() == 3
    assert case.events.get(action="submit").actor == counter["officer"]
    # Her phone gets the code and the private link.
    message = OutboxMessage.objects.get(reference=code)
    assert message.channel == "sms" and message.recipient == "+6281234567001"
    secret = re.search(rf"/lacak/{code}/([^/\s]+)/", message.body).group(1)
    assert codes.secret_matches(secret, case.secret_hash)

    # The public tracking page says who filed it.
    page.goto(f"/lacak/{code}/")
    assert f"Diajukan oleh petugas loket {kelurahan.name}" in page.locator("main").inner_text()


def test_guides_on_a_phone(reference_data_live, new_context, assert_accessible, foreign_requests):
    page = new_context(**PHONE).new_page()
    outside = foreign_requests()
    page.on("request", outside)

    page.goto("/layanan/")
    help_line = page.locator(".guide-help")
    assert "Butuh bantuan? Baca panduan" in help_line.inner_text()
    assert_accessible(page)  # the help line on an explained page
    help_line.get_by_role("link", name="Mengajukan permohonan").click()
    page.wait_for_url("**/panduan/mengajukan-permohonan/")
    page.wait_for_load_state("networkidle")
    pictures = page.locator(".guide-shot img")
    assert pictures.count() == 6
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        picture.scroll_into_view_if_needed()
        picture.evaluate("img => img.decode()")
        assert picture.evaluate("img => img.naturalWidth") == 390
        assert picture.get_attribute("alt")
    assert fits_the_screen(page)
    assert_accessible(page)
    assert page.get_by_role("link", name=re.compile("Unduh selebaran")).get_attribute("href") == (
        "/panduan/mengajukan-permohonan/selebaran.pdf"
    )

    page.goto("/")
    page.locator("footer").get_by_role("link", name="Panduan").click()
    page.wait_for_url("**/panduan/")
    assert page.locator(".guide-list li").count() == 5
    assert fits_the_screen(page)
    assert_accessible(page)
    assert not outside.foreign, outside.foreign
