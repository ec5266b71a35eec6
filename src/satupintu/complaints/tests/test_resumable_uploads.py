"""The complaint form with resumable uploads (/unggah/) and with plain files: a finished
upload is attached by its id, only its owner may use it, and a refused form keeps every file
that was fine so the person does not send it again."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from satupintu.cases.models import Case, CaseAttachment
from satupintu.complaints.tests.test_flow import form_data
from satupintu.uploads.models import Upload
from satupintu.uploads.services import USED_GRACE
from satupintu.uploads.tests.helpers import pdf_bytes, png_bytes, public_id, upload_all

pytestmark = pytest.mark.django_db
NEW = "/aduan/baru/"


def test_a_finished_upload_is_attached_by_its_id(client, category):
    data = png_bytes(80)
    upload_id = public_id(upload_all(client, data, "lubang.png"))
    response = client.post(NEW, {**form_data(category), "files_upload": [upload_id]})
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = CaseAttachment.objects.get(case=Case.objects.get())
    assert attachment.original_name == "lubang.png"
    assert attachment.content_type == "image/png" and attachment.size == len(data)
    with attachment.file.open("rb") as stored:
        assert stored.read() == data
    # The case has its own copy; the upload goes soon (a second tap still finds it).
    upload = Upload.objects.get()
    assert upload.expires_at <= timezone.now() + USED_GRACE + timedelta(seconds=5)


def test_uploads_and_plain_files_together_and_the_limit_counts_both(client, category):
    ids = [public_id(upload_all(client, png_bytes(30, seed=i), f"f{i}.png")) for i in range(4)]
    extra = [SimpleUploadedFile(f"p{i}.pdf", pdf_bytes(seed=i)) for i in range(2)]
    response = client.post(NEW, {**form_data(category), "files_upload": ids, "files": extra})
    assert response.status_code == 400
    assert "Paling banyak 5 berkas" in response.content.decode()
    again = SimpleUploadedFile("p.pdf", pdf_bytes())
    response = client.post(NEW, {**form_data(category), "files_upload": ids, "files": [again]})
    assert response.status_code == 302
    assert CaseAttachment.objects.count() == 5


def test_someone_elses_upload_cannot_be_attached(client, category):
    stranger = Client()
    upload_id = public_id(upload_all(stranger, png_bytes(40), "bukan-milik.png"))
    response = client.post(NEW, {**form_data(category), "files_upload": [upload_id]})
    assert response.status_code == 400
    assert "tidak ditemukan lagi" in response.content.decode()
    assert not Case.objects.exists()


def test_an_unfinished_or_unknown_upload_is_refused(client, category):
    unfinished = client.post("/unggah/", HTTP_TUS_RESUMABLE="1.0.0", HTTP_UPLOAD_LENGTH="100")[
        "Location"
    ]
    for value in [public_id(unfinished), "not-a-uuid", "5b1ad8f0-0000-4000-8000-000000000000"]:
        response = client.post(NEW, {**form_data(category), "files_upload": [value]})
        assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_refused_form_keeps_plain_files_and_shows_them_again(client, category):
    photo = SimpleUploadedFile("foto-jalan.png", png_bytes(50), content_type="image/png")
    bad = SimpleUploadedFile("virus.exe", b"MZ" + b"\x00" * 300)
    response = client.post(NEW, {**form_data(category, title=""), "files": [photo]})
    assert response.status_code == 400
    page = response.content.decode()
    kept = Upload.objects.get()
    assert kept.filename == "foto-jalan.png" and kept.is_complete
    assert f'value="{kept.public_id}" checked' in page
    assert "tidak perlu memilihnya lagi" in page
    assert "pilih ulang berkas" not in page
    # Sent again with the title, the kept photo is attached without being sent again.
    response = client.post(NEW, {**form_data(category), "files_upload": [str(kept.public_id)]})
    assert response.status_code == 302
    assert CaseAttachment.objects.get().original_name == "foto-jalan.png"
    # A file that fails its checks is not kept.
    client.post(NEW, {**form_data(category, title="", idempotency_key="k-2"), "files": [bad]})
    assert Upload.objects.count() == 1


def test_a_refused_form_shows_finished_uploads_again(client, category):
    upload_id = public_id(upload_all(client, png_bytes(40), "sudah.png"))
    response = client.post(
        NEW, {**form_data(category, description="pendek"), "files_upload": [upload_id]}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'value="{upload_id}" checked' in page and "sudah.png" in page


def test_multipart_bytes_count_once_against_the_hourly_budget(client, category, settings):
    data = png_bytes(60)
    upload_id = public_id(upload_all(client, data, "a.png"))
    settings.UPLOAD_BYTES_PER_HOUR = len(data) + 10  # the upload used nearly all of it
    response = client.post(NEW, {**form_data(category), "files_upload": [upload_id]})
    assert response.status_code == 302


def test_the_form_page_offers_resumable_uploads(client, category):
    page = client.get(reverse("complaints:new")).content.decode()
    assert 'data-upload-endpoint="/unggah/"' in page
    assert 'name="files" id="id_files" multiple' in page
    assert "js/uploads.js" in page and "<script>" not in page
