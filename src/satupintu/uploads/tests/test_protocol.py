"""The tus 1.0.0 server at /unggah/: core protocol, creation, expiration, termination and
checksum, against the specification's rules."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from satupintu.core.models import AuditEvent
from satupintu.uploads import services
from satupintu.uploads.models import Upload, UploadPart
from satupintu.uploads.tests.helpers import (
    TUS,
    create,
    metadata,
    patch,
    pdf_bytes,
    png_bytes,
    public_id,
    sha1_header,
    upload_all,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client()


def test_options_announces_version_extensions_and_limits(client, settings):
    response = client.options("/unggah/")
    assert response.status_code == 204
    assert response["Tus-Resumable"] == "1.0.0"
    assert response["Tus-Version"] == "1.0.0"
    assert set(response["Tus-Extension"].split(",")) == {
        "creation",
        "expiration",
        "termination",
        "checksum",
    }
    assert response["Tus-Max-Size"] == str(settings.UPLOAD_MAX_BYTES)
    assert "sha1" in response["Tus-Checksum-Algorithm"]


def test_creation_answers_201_with_location_and_expiry(client):
    response = create(client, 1234, "ktp saya.png")
    assert response.status_code == 201
    assert response["Tus-Resumable"] == "1.0.0"
    assert "/unggah/" in response["Location"]
    assert response["Upload-Expires"].endswith("GMT")
    upload = Upload.objects.get(public_id=public_id(response["Location"]))
    assert (upload.length, upload.offset, upload.filename) == (1234, 0, "ktp saya.png")
    assert upload.owner is None and upload.owner_session
    assert AuditEvent.objects.filter(action="uploads.created").count() == 1


def test_head_gives_offset_and_length_without_body(client):
    url = create(client, 500)["Location"]
    response = client.head(url, **TUS)
    assert response.status_code == 200
    assert response["Upload-Offset"] == "0"
    assert response["Upload-Length"] == "500"
    assert "no-store" in response["Cache-Control"]
    assert response.content == b""


def test_whole_file_in_chunks_completes_and_is_checked(client, django_capture_on_commit_callbacks):
    data = png_bytes(120)
    with django_capture_on_commit_callbacks(execute=True):
        url = upload_all(client, data, chunk=10_000)
    upload = Upload.objects.get(public_id=public_id(url))
    assert upload.state == Upload.State.COMPLETE
    assert upload.content_type == "image/png"
    assert upload.offset == upload.length == len(data)
    # Joined into one file, encrypted at rest; the parts are gone.
    assert not UploadPart.objects.filter(upload=upload).exists()
    assert not [
        n for n in default_storage.listdir("uploads/parts")[1] if str(upload.public_id) in n
    ]
    with default_storage.open(upload.file.name) as stored:
        assert stored.read() == data
    with open(default_storage.path(upload.file.name), "rb") as raw:
        assert data[:16] not in raw.read()
    status = client.get(url).json()
    assert status["state"] == "complete"


def test_offset_mismatch_is_409_with_the_server_offset(client):
    url = create(client, 100)["Location"]
    assert patch(client, url, 0, b"a" * 40).status_code == 204
    response = patch(client, url, 10, b"b" * 10)
    assert response.status_code == 409
    assert response["Upload-Offset"] == "40"
    assert Upload.objects.get().offset == 40


def test_announced_size_over_the_limit_is_413_before_any_byte(client, settings):
    response = create(client, settings.UPLOAD_MAX_BYTES + 1)
    assert response.status_code == 413
    assert response["Tus-Max-Size"] == str(settings.UPLOAD_MAX_BYTES)
    assert "MB" in response.content.decode()
    assert not Upload.objects.exists()


def test_a_chunk_larger_than_one_request_may_carry_is_413(client, settings):
    settings.UPLOAD_CHUNK_BYTES = 1000
    url = create(client, 5000)["Location"]
    assert patch(client, url, 0, b"x" * 1001).status_code == 413
    assert patch(client, url, 0, b"x" * 1000).status_code == 204


def test_more_bytes_than_announced_are_refused(client):
    url = create(client, 10)["Location"]
    assert patch(client, url, 0, b"x" * 11).status_code == 400
    assert Upload.objects.get().offset == 0


def test_missing_or_wrong_tus_version_is_412(client):
    response = client.post("/unggah/", HTTP_UPLOAD_LENGTH="10")
    assert response.status_code == 412
    assert response["Tus-Version"] == "1.0.0"
    url = create(client, 10)["Location"]
    response = client.generic(
        "PATCH",
        url,
        b"x",
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET="0",
        HTTP_TUS_RESUMABLE="0.2.2",
    )
    assert response.status_code == 412


def test_patch_needs_the_offset_content_type(client):
    url = create(client, 10)["Location"]
    response = client.generic(
        "PATCH", url, b"x", content_type="text/plain", HTTP_UPLOAD_OFFSET="0", **TUS
    )
    assert response.status_code == 415


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_UPLOAD_LENGTH": "-1"},
        {"HTTP_UPLOAD_LENGTH": "abc"},
        {"HTTP_UPLOAD_LENGTH": "10", "HTTP_UPLOAD_METADATA": "filename ***"},
        {"HTTP_UPLOAD_LENGTH": "10", "HTTP_UPLOAD_METADATA": "a b c"},
        {"HTTP_UPLOAD_DEFER_LENGTH": "1"},
    ],
)
def test_bad_creation_headers_are_400(client, headers):
    assert client.post("/unggah/", **TUS, **headers).status_code == 400


def test_empty_file_is_refused_at_creation(client):
    assert create(client, 0).status_code == 400


def test_metadata_file_name_loses_its_path():
    client = Client()
    response = client.post(
        "/unggah/",
        HTTP_UPLOAD_LENGTH="5",
        HTTP_UPLOAD_METADATA=metadata(filename="C:\\Users\\a\\..\\ktp.jpg", filetype="image/jpeg"),
        **TUS,
    )
    assert response.status_code == 201
    assert Upload.objects.get().filename == "ktp.jpg"


def test_checksum_is_optional_and_checked_when_given(client):
    url = create(client, 30)["Location"]
    good, bad = b"a" * 10, b"b" * 10
    response = patch(client, url, 0, bad, HTTP_UPLOAD_CHECKSUM=sha1_header(good))
    assert response.status_code == 460
    assert Upload.objects.get().offset == 0
    assert patch(client, url, 0, good, HTTP_UPLOAD_CHECKSUM=sha1_header(good)).status_code == 204
    assert patch(client, url, 10, bad).status_code == 204  # no checksum: accepted
    response = patch(client, url, 20, b"x", HTTP_UPLOAD_CHECKSUM="crc32 AAAA")
    assert response.status_code == 400


def test_content_that_is_not_an_accepted_file_is_rejected_when_complete(client):
    data = b"PK\x03\x04 this is a zip file, not a scan" * 10
    url = create(client, len(data), "berkas.docx")["Location"]
    response = patch(client, url, 0, data)
    assert response.status_code == 422
    assert "tidak diterima" in response.content.decode()
    upload = Upload.objects.get()
    assert upload.state == Upload.State.REJECTED and not upload.file
    assert not UploadPart.objects.exists()
    assert client.get(url).json()["state"] == "rejected"


def test_a_pdf_is_accepted(client):
    url = upload_all(client, pdf_bytes(30_000), "akta.pdf", chunk=8000)
    assert Upload.objects.get(public_id=public_id(url)).content_type == "application/pdf"


def test_termination_deletes_upload_and_parts(client, django_capture_on_commit_callbacks):
    url = create(client, 100)["Location"]
    patch(client, url, 0, b"x" * 50)
    part = UploadPart.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(url, **TUS)
    assert response.status_code == 204
    assert not Upload.objects.exists()
    assert not default_storage.exists(part.file.name)
    assert client.head(url, **TUS).status_code == 404
    assert AuditEvent.objects.filter(action="uploads.terminated").count() == 1


def test_expired_upload_is_410_and_swept(client, django_capture_on_commit_callbacks):
    url = create(client, 100)["Location"]
    patch(client, url, 0, b"x" * 50)
    part_name = UploadPart.objects.get().file.name
    Upload.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.head(url, **TUS).status_code == 410
    assert patch(client, url, 50, b"x" * 50).status_code == 410
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep_expired() == 1
    assert not Upload.objects.exists()
    assert not default_storage.exists(part_name)


def test_each_chunk_moves_the_expiry_forward(client):
    url = create(client, 100)["Location"]
    Upload.objects.update(expires_at=timezone.now() + timedelta(minutes=1))
    patch(client, url, 0, b"x" * 10)
    assert Upload.objects.get().expires_at > timezone.now() + timedelta(hours=1)


def test_periodic_task_sweeps(client):
    from satupintu.uploads.tasks import sweep_expired_uploads

    create(client, 100)
    Upload.objects.update(expires_at=timezone.now() - timedelta(hours=1))
    sweep_expired_uploads.enqueue()
    assert not Upload.objects.exists()


def test_methods_outside_the_protocol_are_405(client):
    assert client.get("/unggah/").status_code == 405
    url = create(client, 10)["Location"]
    assert client.put(url, **TUS).status_code == 405


def test_creation_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload_create": "2/h/session"}
    assert create(client, 10).status_code == 201
    assert create(client, 10).status_code == 201
    response = create(client, 10)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_announced_bytes_count_against_the_hourly_budget(client, settings):
    settings.UPLOAD_BYTES_PER_HOUR = 1000
    assert create(client, 800).status_code == 201
    assert create(client, 300).status_code == 429


def test_only_the_owner_reaches_an_upload(client):
    url = create(client, 100)["Location"]
    stranger = Client()
    assert stranger.head(url, **TUS).status_code == 404
    assert patch(stranger, url, 0, b"x" * 10).status_code == 404
    assert stranger.delete(url, **TUS).status_code == 404
    assert stranger.get(url).status_code == 404
    assert Upload.objects.get().offset == 0


def test_an_account_reaches_its_upload_from_another_browser():
    from satupintu.testing.factories import UserFactory

    user = UserFactory()
    phone, laptop = Client(), Client()
    phone.force_login(user)
    laptop.force_login(user)
    url = create(phone, 100)["Location"]
    assert Upload.objects.get().owner == user
    assert patch(laptop, url, 0, b"x" * 10).status_code == 204
    other = Client()
    other.force_login(UserFactory())
    assert other.head(url, **TUS).status_code == 404


def test_an_upload_started_before_logging_in_stays_the_persons():
    from satupintu.testing.factories import TEST_PASSWORD, UserFactory

    user = UserFactory()
    browser = Client()
    url = create(browser, 100)["Location"]
    response = browser.post("/akun/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert patch(browser, url, 0, b"x" * 10).status_code == 204
