"""The open-data pages on a phone: a dataset's page (metadata, downloads, the preview table)
passes axe, loads nothing from other hosts, works without JavaScript, and its CSV downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CSV = (
    "nama,kecamatan,lintang,bujur\n"
    "Puskesmas Sepinggan,Balikpapan Selatan,-1.2597,116.8921\n"
    "Puskesmas Manggar,Balikpapan Timur,-1.2213,116.9679\n"
)


@pytest.fixture
def dataset(reference_data_live):
    from satupintu.opendata import services
    from satupintu.opendata.models import Group
    from satupintu.org.models import OrgUnit

    today = timezone.localdate()
    made = services.create_dataset(
        actor=None,
        org_unit=OrgUnit.objects.get(code="DINKES"),
        metadata={
            "title": "Lokasi puskesmas",
            "description": "Puskesmas dengan koordinat.",
            "frequency": "tahunan",
            "license": "cc-by",
            "period_start": today.replace(month=1, day=1),
            "period_end": today,
            "contact_name": "Seksi Data Dinkes",
            "contact_email": "data.dinkes@example.go.id",
        },
        tags=["puskesmas"],
        groups=[Group.objects.create(slug="kesehatan", title="Kesehatan")],
        upload=SimpleUploadedFile("puskesmas.csv", CSV.encode()),
    )
    return services.set_published(actor=None, dataset=made, published=True)


def test_dataset_page_is_accessible_and_self_hosted(
    dataset, page, assert_accessible, foreign_requests
):
    recorder = foreign_requests()
    page.on("request", recorder)
    page.set_viewport_size({"width": 360, "height": 740})
    response = page.goto(f"/data/{dataset.slug}/", wait_until="load")
    assert response is not None and response.status == 200
    assert page.locator("h1").inner_text() == "Lokasi puskesmas"
    expect(page.get_by_role("cell", name="Puskesmas Manggar")).to_be_visible()
    assert_accessible(page)
    assert recorder.foreign == []
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    assert download.value.suggested_filename == f"{dataset.slug}.csv"


def test_catalogue_filters_without_javascript(dataset, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/data/")
    page.get_by_label("Produsen data").select_option("dinkes")
    page.get_by_role("button", name="Cari").click()
    assert "opd=dinkes" in page.url
    page.get_by_role("link", name="Lokasi puskesmas").click()
    assert page.locator("h1").inner_text() == "Lokasi puskesmas"
