"""Public verification pages and the staff page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from satupintu.documents import services
from satupintu.documents.models import IssuedDocument, VerificationLog
from satupintu.documents.tests.conftest import HOLDER, stored_bytes
from satupintu.org.models import Membership, OrgUnit
from satupintu.testing.factories import make_staff
from satupintu.testing.pages import without_app_script


def _page(client, token):
    return client.get(reverse("documents:verify_token", args=[token]))


def _upload(client, data, name="dokumen.pdf"):
    return client.post(
        reverse("documents:verify_upload"),
        {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def _assert_citizen_page(response):
    html = response.content.decode()
    assert '<html lang="id"' in html
    assert "<script" not in without_app_script(html)
    assert 'src="http' not in html and 'href="http' not in html  # nothing from elsewhere


def test_valid_page_shows_masked_holder_and_is_logged(client, issued):
    response = _page(client, issued.token)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dokumen asli" in html
    assert issued.number in html and issued.title in html
    assert issued.org_unit.name in html
    assert "S*** R***" in html and HOLDER not in html
    assert issued.get_kind_display() in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    log = VerificationLog.objects.get()
    assert (log.document, log.method, log.result) == (issued, "halaman", "valid")
    assert log.ip == "127.0.0.1"


def test_revoked_page_shows_date_and_reason(client, issued, staff_a):
    services.revoke(issued, reason="Data pemohon keliru", actor=staff_a)
    response = _page(client, issued.token)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dokumen telah dicabut" in html and "Data pemohon keliru" in html
    assert "Dicabut pada" in html
    assert VerificationLog.objects.get().result == "revoked"


def test_unknown_token_page(client, db):
    response = _page(client, "bukan-token-yang-ada")
    assert response.status_code == 404
    assert "Dokumen tidak dikenal" in response.content.decode()
    log = VerificationLog.objects.get()
    assert log.document is None and log.result == "unknown"


def test_prepared_but_unsigned_document_is_unknown(client, identity, opd_a, staff_a):
    document = services.prepare_document(
        title="Uji",
        number="9",
        holder_name=HOLDER,
        org_unit=opd_a,
        signer=identity,
        kind=IssuedDocument.Kind.OTHER,
        actor=staff_a,
    )
    assert _page(client, document.token).status_code == 404


def test_pages_are_plain_indonesian_without_javascript(client, issued):
    _assert_citizen_page(_page(client, issued.token))
    _assert_citizen_page(client.get(reverse("documents:verify_upload")))


def test_upload_form_page(client, db):
    response = client.get(reverse("documents:verify_upload"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html
    assert not VerificationLog.objects.exists()


def test_upload_valid_file(client, issued):
    response = _upload(client, stored_bytes(issued))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dokumen asli" in html and issued.number in html and "S*** R***" in html
    log = VerificationLog.objects.get()
    assert (log.document, log.method, log.result) == (issued, "unggah", "valid")


def test_upload_tampered_file(client, issued):
    data = bytearray(stored_bytes(issued))
    data[len(data) // 3] ^= 0x20
    response = _upload(client, bytes(data))
    assert response.status_code == 200
    assert "Dokumen tidak sah" in response.content.decode()
    assert VerificationLog.objects.get().result == "invalid"


def test_upload_revoked_file(client, issued, staff_a):
    services.revoke(issued, reason="Dibatalkan", actor=staff_a)
    response = _upload(client, stored_bytes(issued))
    assert "Dokumen telah dicabut" in response.content.decode()


def test_upload_non_pdf_gets_an_indonesian_message(client, db):
    response = _upload(client, b"\x89PNG\r\n\x1a\n gambar", name="foto.pdf")
    assert response.status_code == 400
    assert "Berkas ini bukan PDF" in response.content.decode()
    assert not VerificationLog.objects.exists()


def test_upload_without_file(client, db):
    response = client.post(reverse("documents:verify_upload"), {})
    assert response.status_code == 400
    assert "Pilih berkas PDF" in response.content.decode()


def test_upload_larger_than_10_mb(client, db):
    response = _upload(client, b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
    assert response.status_code == 400
    assert "lebih dari 10 MB" in response.content.decode()


def test_upload_is_rate_limited(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "verify_document": "1/10m/ip"}
    assert _upload(client, b"%PDF-1.7\nrusak").status_code == 200
    refused = _upload(client, b"%PDF-1.7\nrusak")
    assert refused.status_code == 429
    assert "Terlalu banyak pengiriman" in refused.content.decode()
    assert refused["Retry-After"] == "600"


def test_upload_is_rate_limited_per_session(client, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "verify_document": "100/10m/ip,1/10m/session"}
    assert _upload(client, b"%PDF-1.7\nrusak").status_code == 200
    assert _upload(client, b"%PDF-1.7\nrusak").status_code == 429
    assert _upload(Client(), b"%PDF-1.7\nrusak").status_code == 200


def test_upload_bytes_count_against_the_hourly_budget(client, db, settings):
    content = b"%PDF-1.7\nrusak"
    settings.UPLOAD_BYTES_PER_HOUR = len(content) * 2
    assert _upload(client, content).status_code == 200
    assert _upload(Client(), content).status_code == 200
    refused = _upload(Client(), content)
    assert refused.status_code == 429
    assert "Batas ukuran unggahan" in refused.content.decode()


# --- Staff ------------------------------------------------------------------------------------


def _staff_url(document, name="staff_detail"):
    return reverse(f"documents:{name}", args=[document.token])


def test_staff_of_the_issuing_unit_sees_and_revokes(client, issued, staff_a):
    client.force_login(staff_a)
    response = client.get(_staff_url(issued))
    assert response.status_code == 200
    html = response.content.decode()
    assert HOLDER in html and "Cabut dokumen" in html and issued.sha256 in html

    response = client.post(_staff_url(issued, "staff_revoke"), {"reason": "Salah ketik nama"})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.status == IssuedDocument.Status.REVOKED
    assert issued.revocation_reason == "Salah ketik nama" and issued.revoked_by == staff_a
    assert "Dokumen telah dicabut" in _page(client, issued.token).content.decode()
    assert "Cabut dokumen" not in client.get(_staff_url(issued)).content.decode()


def test_revoke_without_reason(client, issued, staff_a):
    client.force_login(staff_a)
    response = client.post(_staff_url(issued, "staff_revoke"), {"reason": ""})
    assert response.status_code == 400
    assert "Alasan pencabutan wajib diisi" in response.content.decode()
    issued.refresh_from_db()
    assert issued.status == IssuedDocument.Status.ISSUED


def test_staff_of_another_opd_get_404(client, issued, staff_b):
    client.force_login(staff_b)
    assert client.get(_staff_url(issued)).status_code == 404
    assert client.post(_staff_url(issued, "staff_revoke"), {"reason": "x"}).status_code == 404
    assert client.get(_staff_url(issued, "staff_download")).status_code == 404
    issued.refresh_from_db()
    assert issued.status == IssuedDocument.Status.ISSUED


def test_citizens_get_404_and_visitors_must_log_in(client, issued, citizen):
    response = client.get(_staff_url(issued))
    assert response.status_code == 302 and "/akun/" in response["Location"]
    client.force_login(citizen)
    assert client.get(_staff_url(issued)).status_code == 404
    assert client.post(_staff_url(issued, "staff_revoke"), {"reason": "x"}).status_code == 404


def test_city_wide_staff_see_documents_below_them(client, issued, reference_data):
    root = OrgUnit.objects.get(parent__isnull=True)
    admin = make_staff(root, Membership.Role.ADMIN)
    client.force_login(admin)
    assert client.get(_staff_url(issued)).status_code == 200


def test_auditor_sees_but_cannot_revoke(client, issued, opd_a):
    auditor = make_staff(opd_a, Membership.Role.AUDITOR)
    client.force_login(auditor)
    response = client.get(_staff_url(issued))
    assert response.status_code == 200 and "Cabut dokumen" not in response.content.decode()
    assert client.post(_staff_url(issued, "staff_revoke"), {"reason": "x"}).status_code == 404


def test_unknown_token_on_staff_page(client, staff_a):
    client.force_login(staff_a)
    assert client.get(reverse("documents:staff_detail", args=["tidak-ada"])).status_code == 404


def test_staff_download(client, issued, staff_a):
    client.force_login(staff_a)
    response = client.get(_staff_url(issued, "staff_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == stored_bytes(issued)


@pytest.mark.parametrize("path", ["/verifikasi/", "/verifikasi/abc/"])
def test_public_urls(path, client, db):
    assert client.get(path).status_code in (200, 404)


def test_old_verification_logs_are_purged(issued):
    from datetime import timedelta

    from django.utils import timezone

    from satupintu.documents.tasks import purge_old_verification_logs

    old = services.log_verification(services.verify_token(issued.token), method="halaman")
    VerificationLog.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    recent = services.log_verification(services.verify_token(issued.token), method="halaman")
    assert purge_old_verification_logs() == 1
    assert list(VerificationLog.objects.all()) == [recent]
    issued.refresh_from_db()  # the document stays
