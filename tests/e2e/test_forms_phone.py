"""Citizen forms on a 390 × 844 phone (issue 16, point 4), in headless Chromium.

- A date of birth after today is refused: the page comes back with the error summary
  ("Ada masalah"), which has the focus; its link puts the focus in the date field. Without
  JavaScript the summary is the first thing in the form.
- Deleting a draft asks first (a page of its own, JavaScript off), then "Urungkan" brings it back.
- On the review page each answer has "Ubah": it opens the step at that field, and saving goes
  straight back to the review.
- Checkboxes and radios are at least 24 × 24 px.
"""

import copy
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from satupintu.applications.services import citizen as citizen_services
from satupintu.applications.tests.conftest import (
    FORM_SCHEMA,
    FORM_UI,
    STEP_ONE,
    STEP_TWO,
    make_service,
    pdf_bytes,
    png_bytes,
    upload,
)
from satupintu.catalog.models import FormSchemaVersion
from satupintu.org.models import OrgUnit
from satupintu.testing.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def service(reference_data_live, settings, tmp_path):
    """The shared test service, its form published again with limits on the birth date."""
    settings.MEDIA_ROOT = tmp_path / "media"
    service = make_service(OrgUnit.objects.get(code="DPU"))
    schema = copy.deepcopy(FORM_SCHEMA)
    schema["properties"]["tanggal_lahir"].update(
        {"formatMinimum": "today-120y", "formatMaximum": "today"}
    )
    FormSchemaVersion.objects.create(
        service=service, version=2, schema=schema, ui=FORM_UI, published_at=timezone.now()
    )
    return service


@pytest.fixture
def citizen(db):
    return UserFactory(full_name="Siti Rahmawati")


def logged_in(new_context, user, **options):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True, **options).new_page()
    page.goto("/akun/login/")
    form = page.locator("form[action='/akun/login/']")
    form.locator("[name='login']").fill(user.email)
    form.locator("[name='password']").fill(TEST_PASSWORD)
    form.locator("button[type='submit']").click()
    page.wait_for_url("**/akun/")
    return page


def complete_draft(service, citizen):
    """A draft with both steps answered and every document uploaded: the review is next."""
    draft = citizen_services.start_draft(user=citizen, service=service)
    today = timezone.localdate().isoformat()
    for index, answers in enumerate([{**STEP_ONE, "tanggal_lahir": today}, STEP_TWO]):
        assert citizen_services.save_step(draft, index, answers, actor=citizen).is_valid()
    errors = citizen_services.upload_documents(
        draft,
        {
            "surat-lahir": upload("surat-lahir.pdf", pdf_bytes(), "application/pdf"),
            "kk": upload("kk.pdf", pdf_bytes(), "application/pdf"),
            "ktp-ortu": upload("ktp.png", png_bytes(), "image/png"),
        },
        actor=citizen,
    )
    assert not errors
    citizen_services.reach_step(draft, 3)
    return draft


def focused(page) -> str:
    return page.evaluate(
        "() => document.activeElement.id || document.activeElement.getAttribute('class') || ''"
    )


def no_page_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_a_future_birth_date_is_refused_with_the_focus_on_the_error_summary(
    service, citizen, new_context, assert_accessible
):
    page = logged_in(new_context, citizen)
    page.goto(f"/permohonan/baru/{service.slug}/")
    page.wait_for_url(re.compile(r"/langkah/1/$"))
    field = page.get_by_label("Tanggal lahir")
    assert field.get_attribute("max") == timezone.localdate().isoformat()

    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Nama anak").fill("Budi Santoso")
    field.fill(tomorrow.isoformat())
    page.get_by_label("Jenis kelamin").select_option("L")
    page.get_by_label("Anak ke-").fill("0")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_load_state("load")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert "Ada masalah" in summary.inner_text()
    assert "Tanggal lahir tidak boleh setelah hari ini." in summary.inner_text()
    assert "Anak ke- paling kecil 1." in summary.inner_text()
    assert "error-summary" in focused(page)  # the script moved the focus to the summary
    assert no_page_scroll(page)
    assert_accessible(page)

    summary.get_by_role("link", name="Tanggal lahir tidak boleh setelah hari ini.").click()
    assert focused(page) == "id_tanggal_lahir"

    field.fill(timezone.localdate().isoformat())
    page.get_by_label("Anak ke-").fill("1")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_url(re.compile(r"/langkah/2/$"))


def test_without_javascript_the_summary_is_first_in_the_form(service, citizen, new_context):
    page = logged_in(new_context, citizen, java_script_enabled=False)
    page.goto(f"/permohonan/baru/{service.slug}/")
    page.wait_for_url(re.compile(r"/langkah/1/$"))
    page.get_by_label("Tanggal lahir").fill("2999-01-01")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.wait_for_load_state("load")
    first = page.locator("form.card > :not(input):not(h2)").first
    assert first.get_attribute("data-error-summary") is not None
    summary_top = page.locator("[data-error-summary]").bounding_box()["y"]
    assert summary_top < page.get_by_label("Nama anak").bounding_box()["y"]
    assert page.locator("[data-error-summary] a[href='#id_tanggal_lahir']").count() == 1
    # (axe runs only with JavaScript on: the same page is checked in the test above.)


@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
def test_deleting_a_draft_asks_first_and_can_be_undone(
    javascript, service, citizen, new_context, assert_accessible
):
    draft = citizen_services.start_draft(user=citizen, service=service)
    page = logged_in(new_context, citizen, java_script_enabled=javascript)

    def accessible():
        if javascript:  # axe needs JavaScript
            assert_accessible(page)

    page.goto("/permohonan/")
    assert no_page_scroll(page)
    page.locator("#draft-list").get_by_role("link", name=re.compile("hapus draf")).click()
    page.wait_for_url(f"**/permohonan/draf/{draft.public_id}/hapus/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hapus draf?"
    assert no_page_scroll(page)
    accessible()
    page.get_by_role("button", name="Ya, hapus draf").click()
    page.wait_for_url(re.compile(r"/permohonan/#baru-dihapus$"))
    assert page.locator("#draft-list").count() == 0
    deleted = page.locator("#baru-dihapus")
    assert service.name in deleted.inner_text()
    accessible()

    deleted.get_by_role("button", name=re.compile("^Urungkan")).click()
    page.wait_for_url(re.compile(r"/permohonan/#draf$"))
    assert "dipulihkan" in page.locator(".messages").inner_text()
    assert service.name in page.locator("#draft-list").inner_text()
    assert page.locator("#baru-dihapus").count() == 0


def test_review_ubah_goes_to_the_field_and_back(service, citizen, new_context, assert_accessible):
    draft = complete_draft(service, citizen)
    page = logged_in(new_context, citizen)
    page.goto(f"/permohonan/draf/{draft.public_id}/langkah/4/")
    answers = page.locator("#review-answers")
    assert "Budi Santoso" in answers.inner_text()
    assert no_page_scroll(page)
    assert_accessible(page)
    # The declaration checkbox: a target of at least 24 × 24 px.
    box = page.locator("input[type='checkbox'][name='declaration']").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24

    answers.get_by_role("link", name="Ubah Nama anak").click()
    page.wait_for_url(re.compile(r"/langkah/1/\?kembali=periksa#id_nama_anak$"))
    name = page.get_by_label("Nama anak")
    name.fill("Budi Pratama")
    page.get_by_role("button", name="Simpan dan kembali ke pemeriksaan").click()
    page.wait_for_url(re.compile(r"/langkah/4/#review-answers$"))
    assert "Budi Pratama" in page.locator("#review-answers").inner_text()


def test_radios_are_big_enough_to_tap(reference_data_live, new_context):
    page = new_context(viewport=PHONE, is_mobile=True).new_page()
    page.goto("/aduan/baru/")
    radios = page.locator("input[type='radio']")
    assert radios.count() >= 2
    for i in range(radios.count()):
        box = radios.nth(i).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
