"""Application documents and corrections with resumable uploads (/unggah/): a finished upload
is stored for its requirement by id, checked against the requirement's kind and size, and
only its owner may use it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from satupintu.applications.tests.conftest import pdf_bytes, png_bytes
from satupintu.applications.tests.helpers import login
from satupintu.applications.tests.test_citizen_correction import asked, url  # noqa: F401
from satupintu.uploads.models import Upload
from satupintu.uploads.tests.helpers import public_id, upload_all

pytestmark = pytest.mark.django_db


def docs_url(draft):
    return reverse("applications:step", args=[draft.public_id, 3])


def test_documents_step_stores_finished_uploads(client, draft, citizen):
    login(client, citizen)
    ids = {
        "surat-lahir": public_id(upload_all(client, pdf_bytes(5000), "surat.pdf")),
        "kk": public_id(upload_all(client, pdf_bytes(6000), "kk.pdf")),
        "ktp-ortu": public_id(upload_all(client, png_bytes(40, 30), "ktp.png")),
    }
    data = {f"doc-{code}_upload": value for code, value in ids.items()}
    response = client.post(docs_url(draft), {**data, "next": "1"})
    assert response["Location"] == reverse("applications:step", args=[draft.public_id, 4])
    names = dict(draft.documents.values_list("requirement__code", "original_name"))
    assert names == {"surat-lahir": "surat.pdf", "kk": "kk.pdf", "ktp-ortu": "ktp.png"}


def test_an_upload_of_the_wrong_kind_is_refused_and_dropped(client, draft, citizen):
    login(client, citizen)
    upload_id = public_id(upload_all(client, png_bytes(), "akta.png"))
    response = client.post(docs_url(draft), {"doc-surat-lahir_upload": upload_id, "stay": "1"})
    assert response["Location"] == docs_url(draft)
    assert not draft.documents.exists()
    assert "hanya PDF" in client.get(docs_url(draft)).content.decode()
    assert not Upload.objects.exists()  # refused for its requirement: nothing to offer again


def test_someone_elses_upload_is_not_found(client, draft, citizen):
    stranger = Client()
    upload_id = public_id(upload_all(stranger, pdf_bytes(), "lain.pdf"))
    login(client, citizen)
    client.post(docs_url(draft), {"doc-kk_upload": upload_id, "stay": "1"})
    assert not draft.documents.exists()
    assert "tidak ditemukan lagi" in client.get(docs_url(draft)).content.decode()
    assert Upload.objects.count() == 1


def test_documents_page_offers_resumable_inputs_with_the_requirement_limits(client, draft, citizen):
    login(client, citizen)
    page = client.get(docs_url(draft)).content.decode()
    assert 'data-upload-name="doc-kk_upload"' in page
    assert 'data-upload-types="application/pdf"' in page
    assert 'data-upload-max-bytes="2097152"' in page  # the requirement's 2 MB
    assert 'aria-describedby="doc-kk-help"' in page


def test_correction_with_a_finished_upload(client, asked, citizen):  # noqa: F811
    login(client, citizen)
    upload_id = public_id(upload_all(client, pdf_bytes(4000), "kk-baru.pdf"))
    response = client.post(url(asked), {"doc-kk_upload": upload_id, "note": "KK baru"})
    assert response.status_code == 302
    assert asked.documents.filter(superseded_at__isnull=True, original_name="kk-baru.pdf")


def test_refused_correction_keeps_the_good_plain_file(client, asked, citizen):  # noqa: F811
    login(client, citizen)
    good = SimpleUploadedFile("kk-baru.pdf", pdf_bytes(3000))
    response = client.post(url(asked), {"doc-kk": good, "note": "<b>tebal</b>"})
    assert response.status_code == 400
    kept = Upload.objects.get()
    assert kept.filename == "kk-baru.pdf"
    assert f'value="{kept.public_id}" checked' in response.content.decode()
