"""Staff API of development projects: create and change through the staff form's checks,
dated progress reports, idempotent creates, Indonesian refusals, OPD scoping."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from satupintu.core.models import AuditEvent
from satupintu.projects.models import ProgressUpdate, Project
from satupintu.projects.tests.conftest import SEPINGGAN

pytestmark = pytest.mark.django_db
BASE = "/api/v1/kantor/proyek/"
PROJECT = {
    "opd": "DPU",
    "name": "Pembangunan drainase Sepinggan",
    "budget_year": 2026,
    "budget_ceiling": "500000000",
    "funding_source": "apbd",
    "region": SEPINGGAN,
    "latitude": -1.258,
    "longitude": 116.895,
}


def png_upload():
    buffer = BytesIO()
    Image.new("RGB", (400, 300), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def test_staff_create_change_and_report_progress(client, staff_a):
    client.force_login(staff_a)
    created = post(client, BASE, PROJECT)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["opd_code"] == "DPU" and body["region_code"] == SEPINGGAN
    assert body["geometry"] == {"type": "Point", "coordinates": [116.895, -1.258]}
    assert body["status"] == "rencana" and body["is_published"] is True
    url = f"{BASE}{body['slug']}/"
    line = {"type": "LineString", "coordinates": [[116.89, -1.26], [116.9, -1.25]]}
    changed = client.patch(
        url, {"contractor": "CV Maju", "geometry": line}, content_type="application/json"
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["contractor"] == "CV Maju"
    assert changed.json()["geometry"]["type"] == "LineString"
    assert changed.json()["name"] == PROJECT["name"]  # untouched fields stay
    today = timezone.localdate().isoformat()
    reported = post(client, f"{url}kemajuan/", {"reported_on": today, "progress": 40})
    assert reported.status_code == 201, reported.content
    project = Project.objects.get(slug=body["slug"])
    assert project.progress == 40 and project.status == "berjalan"
    assert client.get(url).json()["updates"][0]["progress"] == 40
    assert AuditEvent.objects.filter(action="projects.progress").count() == 1


def test_progress_with_photo_by_multipart(client, staff_a, project_a):
    client.force_login(staff_a)
    today = timezone.localdate().isoformat()
    url = f"{BASE}{project_a.slug}/kemajuan/"
    missing_alt = client.post(url, {"reported_on": today, "progress": 60, "photos": png_upload()})
    assert missing_alt.status_code == 400 and "alt_text" in missing_alt.json()
    done = client.post(
        url,
        {"reported_on": today, "progress": 60, "photos": png_upload(), "alt_text": "Galian"},
    )
    assert done.status_code == 201, done.content
    assert ProgressUpdate.objects.get().photos.count() == 1


def test_idempotency_keys(client, staff_a, project_a):
    client.force_login(staff_a)
    first = post(client, BASE, PROJECT, **{"Idempotency-Key": "p-1"})
    again = post(client, BASE, PROJECT, **{"Idempotency-Key": "p-1"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["slug"] == first.json()["slug"]
    assert Project.objects.filter(name=PROJECT["name"]).count() == 1
    url = f"{BASE}{project_a.slug}/kemajuan/"
    report = {"reported_on": timezone.localdate().isoformat(), "progress": 10}
    assert post(client, url, report, **{"Idempotency-Key": "k-1"}).status_code == 201
    assert post(client, url, report, **{"Idempotency-Key": "k-1"}).status_code == 200
    assert ProgressUpdate.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"budget_year": 1990}, "budget_year", "Tahun anggaran"),
        ({"realisation": "900000000"}, "realisation", "Realisasi melebihi pagu"),
        ({"region": "99.99"}, "region", "Kelurahan tidak ditemukan"),
        ({"latitude": None, "longitude": None}, "latitude", ""),
        ({"geometry": {"type": "Point", "coordinates": ["a"]}}, "geometry", ""),
        ({"funding_source": "hibah-gelap"}, "funding_source", ""),
        ({"budget_ceiling": "banyak"}, "budget_ceiling", ""),
    ],
)
def test_bad_input_is_400(client, staff_a, changes, field, message):
    client.force_login(staff_a)
    data = {k: v for k, v in {**PROJECT, **changes}.items() if v is not None}
    response = post(client, BASE, data)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert message in " ".join(response.json()[field])
    assert not Project.objects.exists()


def test_bad_progress_and_bad_json(client, staff_a, project_a):
    client.force_login(staff_a)
    url = f"{BASE}{project_a.slug}/kemajuan/"
    future = (timezone.localdate().replace(year=timezone.localdate().year + 1)).isoformat()
    assert "reported_on" in post(client, url, {"reported_on": future, "progress": 5}).json()
    over = post(client, url, {"reported_on": "2026-01-02", "progress": 150})
    assert over.status_code == 400 and "progress" in over.json()
    broken = client.post(url, "{oops", content_type="application/json")
    assert broken.status_code == 400 and "JSON" in broken.json()["detail"]
    assert not ProgressUpdate.objects.exists()


def test_other_opd_gets_404(client, staff_b, project_a):
    client.force_login(staff_b)
    url = f"{BASE}{project_a.slug}/"
    assert client.get(url).status_code == 404
    assert client.patch(url, {"name": "x"}, content_type="application/json").status_code == 404
    report = {"reported_on": "2026-01-02", "progress": 5}
    assert post(client, f"{url}kemajuan/", report).status_code == 404
    assert post(client, BASE, PROJECT).status_code == 404  # DPU is not their unit
    assert client.get(BASE).json()["results"] == []
    assert not ProgressUpdate.objects.exists()
