"""Project photos through the staff API: a dated progress report with field photos sent as
multipart, checked and resized by the public pictures' pipeline (`core.images`), alt text
required, idempotent, one audit event; the gallery read by staff and by the public; bad
input and OPD scoping."""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from satupintu.core.models import AuditEvent
from satupintu.projects.models import ProgressPhoto, ProgressUpdate
from satupintu.projects.tests.conftest import make_project

pytestmark = pytest.mark.django_db
STAFF = "/api/v1/kantor/proyek/"
PUBLIC = "/api/v1/proyek/"


def photo(name="foto.jpg", size=(640, 480), fmt="JPEG", mode="RGB", exif_gps=False):
    buffer = BytesIO()
    image = Image.new(mode, size, "blue" if mode != "1" else 0)
    extra = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "Ponsel petugas"  # Make
        exif[0x8825] = {2: (1.0, 15.0, 30.0)}  # GPSInfo: where the officer stood
        extra["exif"] = exif
    image.save(buffer, format=fmt, **extra)
    mime = {"JPEG": "image/jpeg", "PNG": "image/png"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=mime)


def report(**changes):
    data = {
        "reported_on": timezone.localdate().isoformat(),
        "progress": 55,
        "note": "Pengecoran badan jalan.",
        "photos": [photo(exif_gps=True), photo("denah.png", (800, 400), "PNG", "RGBA")],
        "alt_text": "Pengecoran jalan Sepinggan sisi utara",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_officer_adds_photos_and_everyone_reads_the_gallery(client, staff_a, project_a):
    client.force_login(staff_a)
    url = f"{STAFF}{project_a.slug}/kemajuan/"
    created = client.post(url, report(), headers={"Idempotency-Key": "foto-1"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["progress"] == 55 and len(body["photos"]) == 2
    first = body["photos"][0]
    assert first["alt_text"] == "Pengecoran jalan Sepinggan sisi utara"
    assert (first["width"], first["height"]) == (640, 480)
    assert [r["width"] for r in first["renditions"]] == [480, 640]
    assert first["renditions"][0]["webp"].startswith("http://testserver/proyek/")
    assert AuditEvent.objects.filter(action="projects.progress").count() == 1

    # A retry with the same key: the first report, nothing new, no second audit event.
    again = client.post(url, report(), headers={"Idempotency-Key": "foto-1"})
    assert again.status_code == 200
    assert [p["id"] for p in again.json()["photos"]] == [p["id"] for p in body["photos"]]
    assert ProgressUpdate.objects.count() == 1 and ProgressPhoto.objects.count() == 2
    assert AuditEvent.objects.filter(action="projects.progress").count() == 1

    # Every rendition is WebP/JPEG of its width; the kept file has no EXIF (no GPS).
    stored = ProgressPhoto.objects.order_by("pk").first()
    for width, formats in stored.renditions.items():
        for fmt, name in formats.items():
            with default_storage.open(name) as handle, Image.open(handle) as image:
                assert image.width == int(width)
                assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[fmt]
    with stored.file.open("rb") as handle, Image.open(handle) as kept:
        assert not kept.getexif()

    staff_gallery = client.get(f"{STAFF}{project_a.slug}/galeri/")
    assert staff_gallery.status_code == 200
    assert [p["id"] for p in staff_gallery.json()["results"]] == [p["id"] for p in body["photos"]]
    client.logout()
    public = client.get(f"{PUBLIC}{project_a.slug}/galeri/").json()["results"]
    assert public[0]["reported_on"] == timezone.localdate().isoformat()
    assert public[0]["progress"] == 55
    rendition = client.get(public[0]["renditions"][0]["webp"])
    assert rendition.status_code == 200 and rendition["Content-Type"] == "image/webp"
    assert rendition["Cache-Control"] == "public, max-age=86400"
    detail = client.get(f"{PUBLIC}{project_a.slug}/").json()
    assert len(detail["updates"][0]["photos"]) == 2
    page = client.get(f"/proyek/{project_a.slug}/")
    assert 'type="image/webp"' in page.text and "480w" in page.text
    assert 'alt="Pengecoran jalan Sepinggan sisi utara"' in page.text


def huge_png():
    """More pixels than the pipeline accepts (40 million), in a few kilobytes."""
    buffer = BytesIO()
    Image.new("1", (8000, 6000), 0).save(buffer, format="PNG")
    return SimpleUploadedFile("besar.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"photos": [SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan foto", "image/jpeg")]},
            "photos",
            "Hanya foto",
        ),
        ({"photos": [SimpleUploadedFile("x.jpg", b"", "image/jpeg")]}, "photos", "kosong"),
        ({"photos": "huge"}, "photos", "piksel"),
        ({"photos": [photo(size=(200, 150))]}, "photos", "terlalu kecil"),
        ({"photos": "six"}, "photos", "Paling banyak 5 foto"),
        ({"alt_text": None}, "alt_text", "keterangan foto"),
        ({"alt_text": "   "}, "alt_text", "keterangan foto"),
        ({"alt_text": "<script>x</script>"}, "alt_text", ""),
    ],
)
def test_bad_photos_are_refused_and_nothing_is_kept(
    client, staff_a, project_a, changes, field, message
):
    if changes.get("photos") == "huge":
        changes["photos"] = [huge_png()]
    elif changes.get("photos") == "six":
        changes["photos"] = [photo(f"f{n}.jpg") for n in range(6)]
    client.force_login(staff_a)
    response = client.post(f"{STAFF}{project_a.slug}/kemajuan/", report(**changes))
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert message in " ".join(response.json()[field])
    assert not ProgressUpdate.objects.exists() and not ProgressPhoto.objects.exists()
    assert not AuditEvent.objects.filter(action="projects.progress").exists()


def test_a_failed_save_leaves_no_renditions(client, staff_a, project_a, monkeypatch, settings):
    from satupintu.projects import services

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(services.audit, "record", broken)
    client.force_login(staff_a)
    client.raise_request_exception = False
    response = client.post(f"{STAFF}{project_a.slug}/kemajuan/", report())
    assert response.status_code == 500
    assert not ProgressPhoto.objects.exists()
    folder = settings.MEDIA_ROOT / "projects"
    assert not folder.exists() or not [p for p in folder.rglob("*") if p.is_file()]


def test_other_opd_and_the_public_do_not_see_what_is_not_theirs(
    client, staff_a, staff_b, opd_a, project_a
):
    hidden = make_project(opd_a, name="Gedung belum terbit", published=False)
    client.force_login(staff_a)
    made = client.post(f"{STAFF}{hidden.slug}/kemajuan/", report())
    assert made.status_code == 201, made.content
    rendition = made.json()["photos"][0]["renditions"][0]["jpeg"]
    own = client.get(rendition)
    assert own.status_code == 200 and own["Cache-Control"] == "private, no-store"
    assert client.get(f"{STAFF}{hidden.slug}/galeri/").json()["count"] == 2

    client.force_login(staff_b)
    for slug in (project_a.slug, hidden.slug):
        assert client.post(f"{STAFF}{slug}/kemajuan/", report()).status_code == 404
        assert client.get(f"{STAFF}{slug}/galeri/").status_code == 404
    assert client.get(rendition).status_code == 404
    assert ProgressUpdate.objects.filter(project=project_a).count() == 0

    client.logout()
    assert client.get(f"{PUBLIC}{hidden.slug}/galeri/").status_code == 404
    assert client.get(rendition).status_code == 404
    assert client.get(f"{STAFF}{project_a.slug}/galeri/").status_code in (401, 403)


def test_gallery_routes_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "get" in schema["paths"]["/api/v1/proyek/{slug}/galeri/"]
    assert "get" in schema["paths"]["/api/v1/kantor/proyek/{slug}/galeri/"]
    progress = schema["paths"]["/api/v1/kantor/proyek/{slug}/kemajuan/"]["post"]
    assert "multipart/form-data" in progress["requestBody"]["content"]
