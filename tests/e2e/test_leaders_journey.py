"""Issue 13 in the browser, on a phone (390 × 844): the Sekda opens the dashboard and drills
from "DPU: 12 overdue" down to those twelve complaints in the inbox; a citizen whose
application was finished opens the survey link from the closing message, answers the nine
questions and sees the thanks page; the public IKM page then shows the unit's score and band
(with its chart's table); a visitor answers on the kiosk of a queue site without JavaScript.
axe-core finds nothing on these pages."""

import re

import pytest
from playwright.sync_api import expect

from satupintu.applications.tests import conftest as application_fixtures
from satupintu.applications.tests import staff_fixtures
from satupintu.notifications.models import OutboxMessage
from satupintu.surveys.tests import conftest as survey_fixtures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The applications' and surveys' fixtures, used here under the same names.
service = application_fixtures.service
form_version = application_fixtures.form_version
documents_files = application_fixtures.documents_files
draft = application_fixtures.draft
complete_draft = application_fixtures.complete_draft
submitted_application = application_fixtures.submitted_application
operator = staff_fixtures.operator
koordinator = staff_fixtures.koordinator
head = staff_fixtures.head
signing_keys = staff_fixtures.signing_keys
signing = staff_fixtures.signing
result_template = staff_fixtures.result_template
issued_application = staff_fixtures.issued_application
finished_visit = survey_fixtures.finished_visit


@pytest.fixture
def opd_a(reference_data_live):
    from satupintu.org.models import OrgUnit

    return OrgUnit.objects.get(code="DPU")


@pytest.fixture
def reference_data(reference_data_live):
    return reference_data_live


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def survey_path() -> str:
    for message in OutboxMessage.objects.all():
        found = re.search(r"https?://[^/\s]+(/ikm/isi/[^\s/]+/)", message.body)
        if found:
            return found.group(1)
    raise AssertionError("no survey link in the outbox")


def answer_all(page, value_label: str = "4"):
    for n in range(1, 10):
        page.locator(f"input[name=u{n}][value='{value_label}']").check()
    page.locator("input[name=sex][value=P]").check()
    page.get_by_label("Usia").select_option("30-39")
    page.get_by_label("Pendidikan terakhir").select_option("s1")
    page.get_by_label("Pekerjaan").select_option("swasta")


def test_citizen_answers_from_the_closing_message_and_sees_the_ikm(
    issued_application, new_context, assert_accessible
):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(survey_path())
    assert page.locator("h1").inner_text() == "Survei Kepuasan Masyarakat"
    assert_accessible(page)
    # Sent without the answers: Indonesian errors, the suggestion kept.
    page.get_by_label("Saran dan masukan (boleh dikosongkan)").fill("Cepat dan jelas")
    page.get_by_role("button", name="Kirim survei").click()
    expect(page.get_by_text("Pilih salah satu jawaban.").first).to_be_visible()
    assert page.get_by_label("Saran dan masukan (boleh dikosongkan)").input_value() == (
        "Cepat dan jelas"
    )
    assert_accessible(page)
    answer_all(page)
    page.get_by_role("button", name="Kirim survei").click()
    page.wait_for_url(re.compile(r"/ikm/terima-kasih/$"))
    assert_accessible(page)

    page.get_by_role("link", name="Lihat Indeks Kepuasan Masyarakat").click()
    unit_name = issued_application.case.org_unit.name
    page.get_by_role("link", name=unit_name).click()
    page.wait_for_url(re.compile(r"/ikm/DPU/"))
    body = page.locator("main").inner_text()
    assert "100,00" in body and "Sangat Baik" in body
    assert page.locator("svg.chart").count() == 1
    assert_accessible(page)
    # The same link again: already answered.
    page.goto(survey_path())
    expect(page.get_by_text("sudah diisi")).to_be_visible()


def test_kiosk_without_javascript(finished_visit, new_context, assert_accessible):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"/ikm/kios/{finished_visit.site.slug}/")
    page.get_by_label("Nomor antrean Anda hari ini").fill(finished_visit.label)
    answer_all(page, "3")
    page.get_by_role("button", name="Kirim survei").click()
    expect(page.get_by_text("Terima kasih, jawaban Anda tersimpan.")).to_be_visible()
    page.get_by_label("Nomor antrean Anda hari ini").fill(finished_visit.label)
    answer_all(page, "3")
    page.get_by_role("button", name="Kirim survei").click()
    expect(page.locator("[role=alert]").get_by_text("sudah diisi").first).to_be_visible()
    scripted = new_context(viewport=PHONE).new_page()
    scripted.goto(f"/ikm/kios/{finished_visit.site.slug}/")
    assert_accessible(scripted)


def test_sekda_drills_from_overdue_count_to_the_complaints(
    reference_data_live, new_context, live_server, assert_accessible
):
    import importlib
    from datetime import timedelta

    from django.apps import apps
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from satupintu.cases.models import Case
    from satupintu.cases.tests.helpers import coordinator, file_case, make_category, verify
    from satupintu.dashboards import rollup
    from satupintu.org.models import Membership, OrgUnit
    from satupintu.testing.factories import make_staff

    # The SLA tiers come from a data migration, which a transactional test's flush wipes.
    importlib.import_module("satupintu.cases.migrations.0002_standard_sla_tiers").create(apps, None)
    category = make_category()
    by = coordinator()
    today = timezone.localdate()
    codes = []
    for i in range(14):
        case, _secret = file_case(category, title=f"Jalan rusak nomor {i}")
        verify(case, by=by, org_unit="DPU")
        # Twelve past their deadline, two still in time.
        due = today - timedelta(days=i + 1) if i < 12 else today + timedelta(days=5)
        Case.objects.filter(pk=case.pk).update(due_date=due, status="diproses")
        if i < 12:
            codes.append(case.tracking_code)
    rollup.rollup_range(today - timedelta(days=1), today)

    sekda = make_staff(OrgUnit.objects.get(code="PEMKOT"), Membership.Role.HEAD)
    client = Client()
    client.force_login(sekda)
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
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
    page.goto("/kantor/dasbor/")
    assert_accessible(page)
    dpu = OrgUnit.objects.get(code="DPU").name
    row = page.locator("#judul-pengaduan-opd ~ .table-scroll tr", has_text=dpu)
    row.get_by_role("link", name="12").click()
    page.wait_for_url(re.compile(r"/kantor/kasus/.*unit=DPU"))
    body = page.locator("main").inner_text()
    assert all(code in body for code in codes)
    assert body.count("ADU-") >= 12


def test_officer_imports_inventory_with_one_bad_line_then_fixes_it(
    reference_data_live, new_context, live_server, assert_accessible, tmp_path
):
    from django.conf import settings
    from django.test import Client

    from satupintu.org.models import OrgUnit
    from satupintu.spbe import importer
    from satupintu.spbe.models import Application
    from satupintu.testing.factories import make_staff

    officer = make_staff(OrgUnit.objects.get(code="DPU"))
    client = Client()
    client.force_login(officer)
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    header = ",".join(importer.COLUMNS)
    good = "sipadu,SI Padu,DPU,khusus,Pengaduan lama,publik,https://sipadu.example.go.id,cloud,"
    good += "Java,tidak,terbuka,aktif,1,,,,"
    bad = "simpeg,SIMPEG,DPU,khusus,,internal,,kota,,ya,terbatas,hidup,,,,,"
    broken = tmp_path / "inventaris.csv"
    broken.write_text("\n".join([header, good, bad]))
    page = context.new_page()
    page.goto("/kantor/spbe/aplikasi/")
    assert_accessible(page)
    page.get_by_label("Berkas CSV").set_input_files(str(broken))
    page.get_by_role("button", name="Impor").click()
    alert = page.get_by_role("alert")
    assert "Baris 3" in alert.inner_text() and "status" in alert.inner_text()
    assert not Application.objects.exists()
    assert_accessible(page)
    fixed = tmp_path / "inventaris-baik.csv"
    fixed.write_text("\n".join([header, good, bad.replace("hidup", "aktif")]))
    page.get_by_label("Berkas CSV").set_input_files(str(fixed))
    page.get_by_role("button", name="Impor").click()
    page.wait_for_url(re.compile(r"/kantor/spbe/aplikasi/$"))
    expect(page.get_by_text("2 aplikasi diimpor.")).to_be_visible()
    assert Application.objects.count() == 2
    public = new_context(viewport=PHONE).new_page()
    public.goto("/aplikasi/")
    expect(public.get_by_role("link", name="SI Padu")).to_be_visible()
    assert_accessible(public)


def test_transparency_page_on_a_phone_without_javascript(
    reference_data_live, new_context, assert_accessible
):
    """/transparansi/ shows each figure's largest rows; "Semua baris" opens the figure with
    all of them; the weekly numbers open without JavaScript; axe finds nothing on either."""
    from django.utils import timezone

    from satupintu.dashboards.models import DailyFigure
    from satupintu.org.models import OrgUnit

    units = list(OrgUnit.objects.order_by("code")[:15])
    DailyFigure.objects.bulk_create(
        DailyFigure(day=timezone.localdate(), metric="complaint.received", org_unit=u, count=i + 1)
        for i, u in enumerate(units)
    )
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto("/transparansi/")
    table = page.locator("#judul-pengaduan-opd ~ .table-scroll tbody tr")
    expect(table).to_have_count(10)
    expect(table.first).to_contain_text(units[-1].name)
    section = page.locator("section.figure", has=page.locator("#judul-pengaduan-opd"))
    section.locator("summary").click()
    expect(section.locator("details table")).to_be_visible()
    page.get_by_role("link", name="Semua baris: Pengaduan per perangkat daerah").click()
    expect(page.locator("#judul-pengaduan-opd ~ .table-scroll tbody tr")).to_have_count(15)
    scripted = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    scripted.goto("/transparansi/")
    assert_accessible(scripted)
    scripted.goto("/transparansi/pengaduan-opd/")
    assert_accessible(scripted)
