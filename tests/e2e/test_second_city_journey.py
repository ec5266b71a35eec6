"""The second city in a real browser, on a phone: an invented kabupaten (desa, WIT, its own
OPDs, two services and one complaint category) loaded from tests/data/kabupaten-contoh/ into
an empty database, then a citizen's complaint with its tracking page and an application
through the wizard, approved by the unit and downloaded. No page the browser shows carries a
Balikpapan name, Kemendagri code or map coordinate, and the result PDF names the kabupaten's
own designated signatory."""

import io
import re

import pytest
from pypdf import PdfReader

from satupintu.applications.models import Application
from satupintu.cases.models import Case
from satupintu.cityconfig.services import import_city_config
from satupintu.cityconfig.tests.test_second_city import BALIKPAPAN, CITY_DIR
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import UserFactory, make_staff
from tests.e2e.test_application_journey import citizen_login
from tests.e2e.test_complaints_journeys import log_in, staff_action, submit_complaint

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SERVICE = "surat-keterangan-lahir-desa"


class SeenPages:
    """Every page the browser showed, checked for Balikpapan as soon as it is read."""

    def __init__(self):
        self.urls: list[str] = []

    def check(self, page) -> str:
        page.wait_for_load_state()
        html = page.content()
        found = BALIKPAPAN.search(html)
        assert found is None, f"{page.url}: {html[max(0, found.start() - 80) : found.end() + 80]}"
        self.urls.append(page.url)
        return html


@pytest.fixture
def kabupaten_live(transactional_db, settings, tmp_path):
    """The kabupaten's reference data and configuration in the live server's database, the
    way `make run` loads a city; the unit's seal made on this server (keys are never files)."""
    from satupintu.documents import services as documents
    from satupintu.org.services import import_reference_data

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CITY_REGION_CODE = "94.09"
    settings.TIME_ZONE = "Asia/Jayapura"
    settings.MAP_CENTER = (-2.61, 140.52)
    import_reference_data(CITY_DIR)
    summary = import_city_config(CITY_DIR)
    assert summary.counts["services"]["created"] == 2
    assert summary.counts["signatories"]["created"] == 1
    unit = OrgUnit.objects.get(code="DKPS-LS")
    documents.issue_demo_identity(ca=documents.create_demo_ca(), org_unit=unit)
    return unit


def test_complaint_and_tracking_on_a_phone_in_the_second_city(
    kabupaten_live, new_context, assert_accessible
):
    seen = SeenPages()
    coordinator = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.COORDINATOR)
    operator = make_staff(OrgUnit.objects.get(code="DPUPR-LS"), full_name="Petugas Jalan")
    page = new_context(**PHONE).new_page()

    page.goto("/")
    assert "Lembah Sunyi" in seen.check(page)
    page.goto("/aduan/baru/")
    seen.check(page)
    page.get_by_label("Pengaduan", exact=True).check()
    page.get_by_label("Kategori").select_option(label="Jembatan kayu rusak")
    page.get_by_label("Judul singkat").fill("Jembatan kayu ke kebun putus")
    page.get_by_label("Apa yang terjadi?").fill(
        "Jembatan kayu ke kebun putus sejak hujan deras, anak sekolah menyeberang sungai."
    )
    # Its villages are all desa, so the field says "Desa", never "Kelurahan".
    page.get_by_label("Desa", exact=True).select_option(label="Sungai Kecil — Bukit Kabut")
    page.get_by_label("RT", exact=True).fill("2")
    page.get_by_label("Jalan / patokan").fill("Jalan kebun, dekat gereja")
    page.get_by_label("Biasa").check()
    page.get_by_label("Nama", exact=True).fill("Yosina Kogoya")
    page.get_by_label("E-mail", exact=True).fill("yosina@contoh.id")
    code = submit_complaint(page)
    seen.check(page)
    assert_accessible(page)
    case = Case.objects.get(tracking_code=code)
    # The routing rule of the kabupaten's own file sent it to its own OPD.
    assert case.org_unit.code == "DPUPR-LS"

    page.goto(f"/lacak/{code}/")
    assert code in seen.check(page)

    staff = log_in(new_context, coordinator, **PHONE)
    staff.goto(f"/kantor/kasus/{code}/")
    seen.check(staff)
    staff_action(staff, "Verifikasi dan teruskan", unit="DPUPR-LS")
    seen.check(staff)
    staff = log_in(new_context, operator, **PHONE)
    staff.goto("/kantor/kasus/")
    assert code in seen.check(staff)
    staff.goto(f"/kantor/kasus/{code}/")
    staff_action(staff, "Beri jawaban akhir", note="Jembatan sudah disambung dengan kayu baru.")
    seen.check(staff)

    page.goto(f"/lacak/{code}/")
    assert "Jembatan sudah disambung dengan kayu baru." in seen.check(page)
    assert_accessible(page)


def test_application_through_the_wizard_on_a_phone_in_the_second_city(
    kabupaten_live, new_context, assert_accessible
):
    seen = SeenPages()
    citizen = UserFactory(full_name="Markus Wenda")
    operator = make_staff(kabupaten_live, Membership.Role.OPERATOR, full_name="Operator Dukcapil")
    head = make_staff(kabupaten_live, Membership.Role.HEAD, full_name="Kepala Dukcapil")

    page = citizen_login(lambda: new_context(**PHONE), citizen)
    page.goto(f"/layanan/{SERVICE}/")
    assert "Keterangan dari bidan kampung" in seen.check(page)
    page.get_by_role("link", name="Ajukan permohonan online").click()
    page.wait_for_url(re.compile(r"/permohonan/draf/[0-9a-f-]+/langkah/1/$"))
    seen.check(page)
    assert_accessible(page)
    page.get_by_label("Nama anak").fill("Yakob Wenda")
    page.get_by_label("Nama kampung tempat lahir").fill("Kampung Pelangi")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url(re.compile(r"/langkah/\d+/$"))
    for _step in range(3):
        seen.check(page)
        declaration = page.get_by_label(re.compile("Saya menyatakan"))
        if declaration.count():
            break
        page.get_by_role("button", name="Simpan dan lanjutkan").click()
        page.wait_for_load_state()
    assert "Yakob Wenda" in page.locator("main").inner_text()
    declaration.check()
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(re.compile(r"/permohonan/PMH-[A-Z0-9]+/terkirim/$"))
    code = page.locator("#tracking-code").inner_text().strip()
    seen.check(page)
    assert_accessible(page)

    page.goto(f"/lacak/{code}/")
    seen.check(page)
    page.goto("/permohonan/")
    assert code in seen.check(page)

    for officer, button in ((operator, "Selesaikan langkah"), (head, "Setujui")):
        staff = log_in(new_context, officer, **PHONE)
        staff.goto(f"/kantor/permohonan/{code}/")
        seen.check(staff)
        staff.get_by_role("button", name=re.compile(button)).click()
        staff.wait_for_load_state()
        seen.check(staff)
    application = Application.objects.get(case__tracking_code=code)
    assert application.case.status == "selesai", application.case.status
    assert "472.11" in application.result_document.number

    page.goto(f"/lacak/{code}/")
    seen.check(page)
    with page.expect_download() as result:
        page.locator("#result-link").click()
    data = result.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert BALIKPAPAN.search(text) is None, text
    assert "Yakob Wenda" in text and "LEMBAH SUNYI" in text
    # The kabupaten's own designated signatory (signatories.yaml), with jabatan and NIP.
    assert "Yohanes Wenda, S.Sos." in text and "NIP. 197801012005011002" in text
    assert len(seen.urls) >= 12
