"""Projects: staff forms (geometry, bad input), progress reports with photos, permissions per
OPD (pages, export, API), public pages per project, kelurahan and OPD, search, demo."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from satupintu.core.models import AuditEvent
from satupintu.org.models import Region
from satupintu.projects.models import ProgressPhoto, Project
from satupintu.projects.tests.conftest import MANGGAR, SEPINGGAN, make_project
from satupintu.testing.factories import make_staff

pytestmark = pytest.mark.django_db


def form_data(unit, **changes):
    data = {
        "org_unit": unit.pk,
        "name": "Drainase Sepinggan Raya",
        "description": "Normalisasi saluran.",
        "programme": "Program Pengelolaan Sumber Daya Air",
        "activity": "Drainase perkotaan",
        "budget_year": timezone.localdate().year,
        "budget_ceiling": "500000000",
        "realisation": "100000000",
        "funding_source": "apbd",
        "contractor": "CV Contoh Tirta",
        "contract_value": "450000000",
        "start_date": "2026-03-01",
        "finish_date": "2026-11-30",
        "region": Region.objects.get(code=SEPINGGAN).pk,
        "status": "berjalan",
        "is_published": "on",
        "latitude": "-1.2612",
        "longitude": "116.9101",
        "geometry_text": "",
    }
    data.update(changes)
    return data


def jpeg_upload(name="foto.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (120, 130, 140)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_staff_creates_a_project_with_a_point_and_an_audit_event(client, opd_a, staff_a):
    client.force_login(staff_a)
    response = client.post(reverse("projects:staff_create"), form_data(opd_a))
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.org_unit == opd_a and project.geometry_kind == "point"
    assert project.geometry == {"type": "Point", "coordinates": [116.9101, -1.2612]}
    assert (project.west, project.south) == (116.9101, -1.2612)
    assert AuditEvent.objects.filter(action="projects.create").count() == 1
    line = '{"type": "LineString", "coordinates": [[116.91, -1.26], [116.915, -1.259]]}'
    response = client.post(
        reverse("projects:staff_detail", args=[project.slug]),
        form_data(opd_a, latitude="", longitude="", geometry_text=line),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.geometry_kind == "line" and project.east == 116.915


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"geometry_text": "{rusak"}, "JSON tidak terbaca"),
        (
            {
                "geometry_text": '{"type": "Polygon", "coordinates": [[[116.8, -1.2], '
                "[116.9, -1.3], [116.9, -1.2], [116.8, -1.3], [116.8, -1.2]]]}"
            },
            "memotong dirinya sendiri",
        ),
        (
            {"geometry_text": '{"type": "Point", "coordinates": [-1.26, 116.91]}'},
            "di luar wilayah Indonesia",
        ),
        ({"latitude": "48.85", "longitude": "2.35"}, "Pastikan"),
        ({"latitude": "", "longitude": ""}, "Isi lokasi proyek"),
        ({"realisation": "900000000"}, "Realisasi melebihi pagu"),
        ({"finish_date": "2026-01-01"}, "Tanggal selesai sebelum tanggal mulai"),
        ({"budget_year": "1890"}, "Tahun anggaran tidak masuk akal"),
        ({"name": "<script>alert(1)</script>"}, ""),
    ],
)
def test_bad_input_is_refused_keeping_what_was_typed(client, opd_a, staff_a, changes, message):
    client.force_login(staff_a)
    page = client.post(reverse("projects:staff_create"), form_data(opd_a, **changes))
    assert page.status_code == 400
    assert message in page.text
    assert "CV Contoh Tirta" in page.text
    assert not Project.objects.exists()


def test_progress_report_with_photo_updates_the_project(client, project_a, staff_a):
    client.force_login(staff_a)
    url = reverse("projects:staff_progress", args=[project_a.slug])
    today = timezone.localdate().isoformat()
    # A photo without alt text, then a PDF posing as a photo: refused, nothing saved.
    page = client.post(url, {"reported_on": today, "progress": 40, "photos": [jpeg_upload()]})
    assert page.status_code == 400 and "keterangan foto" in page.text
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan foto", content_type="image/jpeg")
    page = client.post(
        url, {"reported_on": today, "progress": 40, "photos": [fake], "alt_text": "Galian"}
    )
    assert page.status_code == 400 and "Hanya foto" in page.text
    page = client.post(url, {"reported_on": "2999-01-01", "progress": 140})
    assert page.status_code == 400 and "masa depan" in page.text
    assert not project_a.updates.exists()
    response = client.post(
        url,
        {
            "reported_on": today,
            "progress": 40,
            "note": "Galian",
            "photos": [jpeg_upload()],
            "alt_text": "Galian saluran di sisi jalan",
        },
    )
    assert response.status_code == 302
    project_a.refresh_from_db()
    assert project_a.progress == 40
    photo = ProgressPhoto.objects.get()
    assert photo.content_type == "image/jpeg" and len(photo.sha256) == 64
    public = client.get(reverse("projects:detail", args=[project_a.slug]))
    assert "Galian saluran di sisi jalan" in public.text
    image = client.get(reverse("projects:photo", args=[project_a.slug, photo.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert image["X-Content-Type-Options"] == "nosniff"
    client.post(url, {"reported_on": today, "progress": 100})
    project_a.refresh_from_db()
    assert project_a.progress == 100 and project_a.status == "selesai"


def test_other_opd_gets_404_on_pages_and_sees_nothing_in_lists_and_export(
    client, project_a, opd_a, opd_b
):
    staff_b = make_staff(opd_b)
    client.force_login(staff_b)
    for name in ("projects:staff_detail", "projects:staff_progress"):
        assert client.get(reverse(name, args=[project_a.slug])).status_code == 404
    response = client.post(
        reverse("projects:staff_detail", args=[project_a.slug]), form_data(opd_a)
    )
    assert response.status_code == 404
    assert project_a.name not in client.get(reverse("projects:staff_list")).text
    export = b"".join(client.get(reverse("projects:staff_export")).streaming_content)
    assert project_a.slug.encode() not in export
    # Nor can OPD B file a project in OPD A's name.
    page = client.post(reverse("projects:staff_create"), form_data(opd_a))
    assert page.status_code == 400 and Project.objects.count() == 1
    staff_a = make_staff(opd_a)
    client.force_login(staff_a)
    export = b"".join(client.get(reverse("projects:staff_export")).streaming_content)
    assert project_a.slug.encode() in export


def test_public_pages_per_project_kelurahan_and_opd(client, project_a, opd_a, opd_b):
    hidden = make_project(opd_b, name="Rencana Tersembunyi", region=MANGGAR, published=False)
    manggar = make_project(
        opd_b,
        name="Gedung Puskesmas Manggar",
        region=MANGGAR,
        geometry={"type": "Point", "coordinates": [116.97, -1.215]},
    )
    listing = client.get(reverse("projects:list"))
    assert project_a.name in listing.text and manggar.name in listing.text
    assert hidden.name not in listing.text
    near = client.get(reverse("projects:region", args=[SEPINGGAN]))
    assert project_a.name in near.text and manggar.name not in near.text
    district = client.get(reverse("projects:region", args=["64.71.05"]))
    assert project_a.name in district.text and manggar.name not in district.text
    by_opd = client.get(reverse("projects:opd", args=["DINKES"]))
    assert manggar.name in by_opd.text and project_a.name not in by_opd.text
    assert client.get(reverse("projects:detail", args=[hidden.slug])).status_code == 404
    assert client.get(reverse("projects:region", args=["99.99"])).status_code == 404
    assert client.get(reverse("projects:opd", args=["TIDAKADA"])).status_code == 404
    filtered = client.get(reverse("projects:list"), {"tahun": "abc", "status": "x", "opd": "DPU"})
    assert filtered.status_code == 200 and manggar.name not in filtered.text
    detail = client.get(reverse("projects:detail", args=[project_a.slug]))
    assert "CV Contoh" in detail.text and "Rp1.000.000.000" in detail.text.replace(",", ".")


def test_public_api_lists_published_projects_with_bbox_filter(client, project_a, opd_b):
    make_project(opd_b, name="Tersembunyi", published=False)
    far = make_project(
        opd_b,
        name="Gedung Puskesmas Manggar",
        region=MANGGAR,
        geometry={"type": "Point", "coordinates": [116.97, -1.215]},
    )
    data = client.get("/api/v1/proyek/").json()
    assert {p["slug"] for p in data["results"]} == {project_a.slug, far.slug}
    south = client.get("/api/v1/proyek/", {"bbox": "116.88,-1.27,116.91,-1.25"}).json()
    assert [p["slug"] for p in south["results"]] == [project_a.slug]
    assert south["results"][0]["geometry"]["type"] == "LineString"
    assert south["results"][0]["bbox"] == [116.892, -1.259, 116.903, -1.254]
    assert client.get("/api/v1/proyek/", {"bbox": "x"}).status_code == 400
    assert client.get("/api/v1/proyek/", {"tahun": "x"}).status_code == 400
    detail = client.get(f"/api/v1/proyek/{project_a.slug}/").json()
    assert detail["opd_code"] == "DPU" and detail["updates"] == []
    assert client.get("/api/v1/proyek/tersembunyi-2026/").status_code == 404


def test_search_finds_a_project_despite_typos(client, project_a):
    from satupintu.portal import findable

    groups = {g.key: g for g in findable.groups("pembangunn jalan sepinggan")}
    assert groups["projects"].hits[0].title == "Pembangunan Jalan Sepinggan"
    assert groups["projects"].hits[0].url == reverse("projects:detail", args=[project_a.slug])
    page = client.get(reverse("portal:search"), {"q": "jalan sepingan"})
    assert "Pembangunan Jalan Sepinggan" in page.text
    # Unpublished: gone from search at once.
    Project.objects.filter(pk=project_a.pk).update(is_published=False)
    project_a.refresh_from_db()
    project_a.save()
    assert "projects" not in {g.key for g in findable.groups("pembangunan jalan sepinggan")}


def test_demo_projects_load_once_with_balikpapan_selatan(reference_data):
    from satupintu.projects import demo

    assert demo.load() == 15
    assert demo.load() == 0
    south = Project.objects.filter(region__parent__code="64.71.05")
    assert south.filter(name="Pembangunan Jalan Sepinggan").exists()
    assert south.count() >= 4
    assert Project.objects.filter(geometry_kind="area").exists()
    assert ProgressPhoto.objects.count() == 1


def test_public_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/proyek/" in schema["paths"]
    assert "/api/v1/proyek/{slug}/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/proyek/"]["get"]["parameters"]}
    assert {"bbox", "opd", "wilayah", "tahun"} <= parameters
