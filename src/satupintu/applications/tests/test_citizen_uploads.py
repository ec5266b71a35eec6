"""Documents on the documents step: checked by content, per requirement; bad files refused
with an Indonesian message while the good ones (and earlier ones) stay."""

import pytest
from django.urls import reverse

from satupintu.applications.models import ApplicationDocument
from satupintu.applications.tests.conftest import pdf_bytes, png_bytes, upload
from satupintu.applications.tests.helpers import encrypted_pdf, js_pdf, login, png_header

pytestmark = pytest.mark.django_db


def docs_url(draft):
    return reverse("applications:step", args=[draft.public_id, 3])


def post(client, draft, files, **extra):
    data = {f"doc-{code}": f for code, f in files.items()}
    return client.post(docs_url(draft), {**data, **extra})


def stored_codes(draft):
    return set(draft.documents.values_list("requirement__code", flat=True))


def test_three_documents_uploaded_then_next_step(client, draft, citizen, documents_files):
    login(client, citizen)
    response = post(client, draft, {c: make() for c, make in documents_files.items()}, next="1")
    assert response["Location"] == reverse("applications:step", args=[draft.public_id, 4])
    assert stored_codes(draft) == {"surat-lahir", "kk", "ktp-ortu"}
    doc = draft.documents.get(requirement__code="ktp-ortu")
    assert doc.content_type == "image/png" and doc.original_name == "ktp.png"
    assert len(doc.sha256) == 64
    # Stored under a random name, not the citizen's file name, and outside any public path.
    assert "ktp" not in doc.file.name and doc.file.name.startswith("applications/")
    draft.refresh_from_db()
    assert draft.current_step == 3


BAD_FILES = [
    ("surat-lahir", lambda: upload("surat.pdf", b"hello, not a pdf" * 10), "tidak diterima"),
    ("surat-lahir", lambda: upload("surat.pdf", pdf_bytes(3 * 2**20)), "lebih dari 2 MB"),
    ("surat-lahir", lambda: upload("surat.pdf", js_pdf()), "JavaScript"),
    ("surat-lahir", lambda: upload("surat.pdf", encrypted_pdf()), "terenkripsi"),
    ("surat-lahir", lambda: upload("surat.png", png_bytes()), "hanya PDF"),
    ("ktp-ortu", lambda: upload("ktp.png", png_header(8000, 6000)), "terlalu besar (piksel)"),
    ("ktp-ortu", lambda: upload("ktp.png", png_header(20000, 20000)), "Gambar"),
    ("ktp-ortu", lambda: upload("ktp.pdf", pdf_bytes()), "hanya JPG/PNG"),
]


@pytest.mark.parametrize(("code", "make_bad", "message"), BAD_FILES)
def test_bad_file_is_refused_and_the_others_are_kept(
    client, draft, citizen, documents_files, code, make_bad, message
):
    login(client, citizen)
    # One document stored earlier.
    post(client, draft, {"kk": documents_files["kk"]()}, stay="1")
    assert stored_codes(draft) == {"kk"}
    files = {c: make() for c, make in documents_files.items() if c != "kk"}
    files[code] = make_bad()
    response = post(client, draft, files, next="1")
    # Back to the documents step (POST/redirect/GET) with the message for that file.
    assert response["Location"] == docs_url(draft)
    assert stored_codes(draft) == {"kk", "surat-lahir", "ktp-ortu"} - {code}
    page = client.get(docs_url(draft)).content.decode()
    assert f'id="error-{code}"' in page
    assert message in page
    assert "Berkas lain yang sah sudah tersimpan" in page
    # The message is shown once.
    assert f'id="error-{code}"' not in client.get(docs_url(draft)).content.decode()


def test_replacing_a_document_keeps_one(client, draft, citizen, documents_files):
    login(client, citizen)
    post(client, draft, {"kk": documents_files["kk"]()}, stay="1")
    first = draft.documents.get()
    post(client, draft, {"kk": upload("kk-baru.png", png_bytes(), "image/png")}, stay="1")
    doc = draft.documents.get()
    assert doc.original_name == "kk-baru.png" and doc.pk != first.pk
    page = client.get(docs_url(draft)).content.decode()
    assert "kk-baru.png" in page


def test_next_without_required_documents(client, draft, citizen, documents_files):
    login(client, citizen)
    response = post(client, draft, {"kk": documents_files["kk"]()}, next="1")
    assert response["Location"] == docs_url(draft)
    page = client.get(docs_url(draft)).content.decode()
    assert "Dokumen wajib belum lengkap" in page
    assert "Surat keterangan lahir" in page


def test_upload_script_gets_json(client, draft, citizen, documents_files):
    login(client, citizen)
    response = client.post(
        docs_url(draft),
        {"doc-kk": documents_files["kk"](), "stay": "1"},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json() == {"redirect": docs_url(draft)}


def test_page_has_progress_script_and_no_inline_script(client, draft, citizen):
    login(client, citizen)
    page = client.get(docs_url(draft)).content.decode()
    assert "js/uploads.js" in page
    assert 'data-upload-endpoint="/unggah/"' in page
    assert "<script>" not in page
    assert 'enctype="multipart/form-data"' in page


def test_draft_documents_are_not_for_others(client, draft, citizen, documents_files):
    from satupintu.applications.services import citizen as citizen_services
    from satupintu.testing.factories import UserFactory

    citizen_services.upload_documents(draft, {"kk": documents_files["kk"]()}, actor=citizen)
    doc = ApplicationDocument.objects.get()
    url = reverse("applications:draft_document", args=[draft.public_id, doc.pk])
    login(client, UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(docs_url(draft)).status_code == 404
    login(client, citizen)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


# --- Abuse limits -----------------------------------------------------------------------------


def test_uploads_are_limited_per_session_with_an_indonesian_message(
    client, draft, citizen, documents_files, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload": "100/h/ip,1/h/session"}
    login(client, citizen)
    assert post(client, draft, {"kk": documents_files["kk"]()}, stay="1").status_code == 302

    refused = post(client, draft, {"surat-lahir": documents_files["surat-lahir"]()}, stay="1")

    assert refused.status_code == 429
    assert "Terlalu banyak pengiriman" in refused.content.decode()
    assert stored_codes(draft) == {"kk"}


def test_upload_bytes_per_address_and_hour_are_budgeted(
    client, draft, citizen, documents_files, settings
):
    first = documents_files["kk"]()
    settings.UPLOAD_BYTES_PER_HOUR = first.size + 10
    login(client, citizen)
    assert post(client, draft, {"kk": first}, stay="1").status_code == 302

    refused = post(client, draft, {"surat-lahir": documents_files["surat-lahir"]()}, stay="1")

    assert refused.status_code == 429
    assert "Batas ukuran unggahan" in refused.content.decode()
    assert stored_codes(draft) == {"kk"}
