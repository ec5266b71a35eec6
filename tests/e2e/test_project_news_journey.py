"""One door, one search (issue 12, proof): on a phone with JavaScript off, a resident types
"pembangunn jalan sepinggan" (a typo) into /cari/ and finds the development project AND its
news together; opens the project page and sees its progress, its place and its field photo;
follows "Berita terkait" to the news item with its gallery, and the news item's link back to
the project. Every page passes axe-core and loads nothing from other hosts."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from playwright.sync_api import expect

from satupintu.core import images
from satupintu.geo.geometry import parse
from satupintu.news import gallery
from satupintu.news import services as news_services
from satupintu.org.models import Membership, OrgUnit, Region
from satupintu.projects import services as project_services
from satupintu.testing.factories import make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PROJECT = "Pembangunan Jalan Sepinggan"
NEWS = "Pembangunan jalan di Sepinggan capai 45 persen"
QUERY = "pembangunn jalan sepinggan"


def picture(colour) -> SimpleUploadedFile:
    out = BytesIO()
    PILImage.new("RGB", (1200, 800), colour).save(out, "JPEG")
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def road_works(reference_data_live, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    dpu = OrgUnit.objects.get(code="DPU")
    editor = make_staff(dpu, Membership.Role.OPERATOR, full_name="Editor DPU")
    head = make_staff(dpu, Membership.Role.HEAD, full_name="Kepala DPU")
    project = project_services.save_project(
        actor=editor,
        values={
            "org_unit": dpu,
            "name": PROJECT,
            "description": "Pelebaran dan pengaspalan Jalan Marsma R. Iswahyudi.",
            "programme": "Program Penyelenggaraan Jalan",
            "activity": "Peningkatan jalan",
            "budget_year": timezone.localdate().year,
            "budget_ceiling": 4_500_000_000,
            "realisation": 1_800_000_000,
            "funding_source": "apbd",
            "contractor": "CV Contoh Jaya",
            "contract_value": 4_200_000_000,
            "start_date": None,
            "finish_date": None,
            "region": Region.objects.get(code="64.71.05.1002"),
            "status": "berjalan",
            "is_published": True,
        },
        geometry=parse(
            {"type": "LineString", "coordinates": [[116.892, -1.259], [116.903, -1.254]]}
        ),
    )
    project_services.report_progress(
        actor=editor,
        project=project,
        reported_on=timezone.localdate() - timedelta(days=2),
        progress=45,
        note="Drainase sisi barat selesai; pelebaran badan jalan berjalan.",
        photos=[(images.prepare(picture((80, 80, 80))), "Badan jalan sisi barat")],
    )
    item = news_services.create_item(
        actor=editor,
        org_unit=dpu,
        kind="berita",
        title=NEWS,
        summary="Proyek pembangunan jalan Sepinggan mencapai kemajuan 45 persen.",
        body="<p>Pengaspalan dimulai bulan depan.</p>",
        projects=[project.slug],
    )
    for colour, alt in (
        ((90, 80, 60), "Saluran drainase baru"),
        ((60, 60, 60), "Jalan dilebarkan"),
    ):
        gallery.add_image(actor=editor, item=item, upload=picture(colour), alt_text=alt)
    news_services.transition(actor=head, item=item, action="publish_draft")
    return project, item


def test_typo_search_finds_project_and_news_then_project_then_news(
    road_works, new_context, assert_accessible, foreign_requests
):
    project, item = road_works
    recorder = foreign_requests()

    # 1. JavaScript off: the typo'd search lists the project and its news together.
    resident = new_context(java_script_enabled=False, **PHONE).new_page()
    resident.on("request", recorder)
    resident.goto("/cari/")
    resident.get_by_label("Kata kunci").fill(QUERY)
    resident.get_by_role("button", name="Cari").click()
    resident.wait_for_url("**/cari/?*")
    expect(resident.get_by_role("link", name=PROJECT).first).to_be_visible()
    expect(resident.get_by_role("link", name=NEWS).first).to_be_visible()
    results = resident.url

    # 2. The project page: its progress and its place (kelurahan, map link).
    resident.get_by_role("link", name=PROJECT).first.click()
    resident.wait_for_url(f"**/proyek/{project.slug}/")
    assert resident.locator("progress[value='45']").count() == 1
    expect(resident.get_by_text("kemajuan 45%").first).to_be_visible()
    expect(resident.get_by_role("link", name="Sepinggan").first).to_be_visible()
    expect(resident.get_by_role("link", name="lihat di peta")).to_be_visible()
    expect(resident.get_by_text("Drainase sisi barat selesai")).to_be_visible()
    assert resident.locator("img[alt='Badan jalan sisi barat']").count() == 1

    # 3. "Berita terkait" on the project page leads to the news item and its gallery...
    related = resident.get_by_role("region", name="Berita terkait")
    related.get_by_role("link", name=NEWS).click()
    resident.wait_for_url(f"**/berita/{item.slug}/")
    expect(resident.get_by_text("Pengaspalan dimulai bulan depan.")).to_be_visible()
    pictures = resident.locator(".news-gallery img[loading='lazy']")
    assert pictures.count() == 2
    assert resident.locator("img[alt='Saluran drainase baru']").count() == 1

    # ... whose link to the project goes back; the search results find the news as well.
    about = resident.get_by_role("region", name="Proyek pembangunan terkait")
    about.get_by_role("link", name=PROJECT).click()
    resident.wait_for_url(f"**/proyek/{project.slug}/")
    resident.goto(results)
    resident.get_by_role("link", name=NEWS).first.click()
    resident.wait_for_url(f"**/berita/{item.slug}/")

    # 4. The same pages pass axe-core (JavaScript on, as the checker needs it).
    visitor = new_context(**PHONE).new_page()
    visitor.on("request", recorder)
    for path in (
        f"/cari/?q={QUERY.replace(' ', '+')}",
        f"/proyek/{project.slug}/",
        f"/berita/{item.slug}/",
    ):
        response = visitor.goto(path)
        assert response is not None and response.status == 200, path
        assert_accessible(visitor)
    gallery_image = visitor.locator("img[alt='Jalan dilebarkan']")
    gallery_image.scroll_into_view_if_needed()
    assert gallery_image.evaluate("img => img.complete && img.naturalWidth > 0")
    visitor.goto(f"/proyek/{project.slug}/")
    field_photo = visitor.locator("img[alt='Badan jalan sisi barat']")
    field_photo.scroll_into_view_if_needed()
    visitor.wait_for_function(
        "() => { const img = document.querySelector(\"img[alt='Badan jalan sisi barat']\");"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    assert field_photo.evaluate("img => img.currentSrc.includes('/foto/')")
    assert recorder.seen and recorder.foreign == []
