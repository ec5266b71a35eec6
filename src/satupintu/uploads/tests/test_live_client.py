"""The server against an existing tus client: tuspy (tus-py-client) over real HTTP to
pytest-django's live server. Sessions are passed as a cookie header, as a browser would."""

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client
from tusclient import client as tus_client
from tusclient.exceptions import TusCommunicationError, TusUploadFailed

from satupintu.uploads.models import Upload
from satupintu.uploads.tests.helpers import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db(transaction=True)
CHUNK = 16 * 1024


def session_cookie(user) -> dict:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"Cookie": f"{name}={client.cookies[name].value}"}


@pytest.fixture
def endpoint(live_server):
    return f"{live_server.url}/unggah/"


def test_tuspy_uploads_a_file_in_chunks(endpoint, citizen, tmp_path):
    data = png_bytes(150)
    path = tmp_path / "foto.png"
    path.write_bytes(data)
    uploader = tus_client.TusClient(endpoint, headers=session_cookie(citizen)).uploader(
        file_path=str(path), chunk_size=CHUNK, metadata={"filename": "foto.png"}
    )
    uploader.upload()
    upload = Upload.objects.get()
    assert uploader.url.endswith(f"/unggah/{upload.public_id}/")
    assert upload.state == Upload.State.COMPLETE
    assert upload.owner == citizen and upload.filename == "foto.png"
    with default_storage.open(upload.file.name) as stored:
        assert stored.read() == data


def test_tuspy_resumes_from_the_server_offset_with_checksums(endpoint, citizen, tmp_path):
    data = pdf_bytes(100_000)
    path = tmp_path / "akta.pdf"
    path.write_bytes(data)
    headers = session_cookie(citizen)
    first = tus_client.TusClient(endpoint, headers=headers).uploader(
        file_path=str(path), chunk_size=CHUNK, upload_checksum=True
    )
    first.upload(stop_at=3 * CHUNK)  # the connection "drops" here
    assert Upload.objects.get().offset == 3 * CHUNK
    # A new client knows only the URL: it asks the offset (HEAD) and goes on from there.
    second = tus_client.TusClient(endpoint, headers=headers).uploader(
        file_path=str(path), url=first.url, chunk_size=CHUNK, upload_checksum=True
    )
    assert second.offset == 3 * CHUNK
    second.upload()
    upload = Upload.objects.get()
    assert upload.state == Upload.State.COMPLETE
    assert upload.content_type == "application/pdf"


def test_someone_elses_upload_is_not_found(endpoint, citizen, tmp_path):
    from satupintu.testing.factories import UserFactory

    path = tmp_path / "foto.png"
    path.write_bytes(png_bytes(100))
    mine = tus_client.TusClient(endpoint, headers=session_cookie(citizen)).uploader(
        file_path=str(path), chunk_size=CHUNK
    )
    mine.upload(stop_at=CHUNK)
    other = session_cookie(UserFactory())
    with pytest.raises(TusCommunicationError) as refused:
        tus_client.TusClient(endpoint, headers=other).uploader(
            file_path=str(path), url=mine.url, chunk_size=CHUNK
        )
    assert refused.value.status_code == 404


def test_size_over_the_limit_is_refused_before_sending(endpoint, citizen, tmp_path, settings):
    path = tmp_path / "besar.pdf"
    path.write_bytes(b"%PDF-" + b"0" * (settings.UPLOAD_MAX_BYTES + 10))
    uploader = tus_client.TusClient(endpoint, headers=session_cookie(citizen)).uploader(
        file_path=str(path), chunk_size=CHUNK
    )
    with pytest.raises(TusCommunicationError) as refused:
        uploader.upload()
    assert refused.value.status_code == 413
    assert not Upload.objects.exists()


def test_refused_content_is_reported_to_the_client(endpoint, citizen, tmp_path):
    path = tmp_path / "dokumen.docx"
    path.write_bytes(b"PK\x03\x04" + b"z" * 50_000)
    uploader = tus_client.TusClient(endpoint, headers=session_cookie(citizen)).uploader(
        file_path=str(path), chunk_size=CHUNK
    )
    with pytest.raises(TusUploadFailed) as refused:
        uploader.upload()
    assert refused.value.status_code == 422
    assert "tidak diterima" in refused.value.response_content.decode()
