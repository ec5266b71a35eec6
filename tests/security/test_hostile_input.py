"""Hostile input: NUL bytes, overlong fields, invalid UTF-8, malformed JSON/XML, broken and
hostile PDFs and images, path-like file names, template syntax. Each gets a clear 4xx with an
Indonesian message, and nothing is stored half-made (row counts unchanged, no files left)."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satupintu.cases.models import Case, CaseAttachment
from satupintu.testing.complaints import complaint_form_data, png_bytes, road_category

pytestmark = pytest.mark.django_db

INDONESIAN = ("tidak", "Tidak", "harus", "Berkas", "berkas", "isian", "Isian", "wajib", "terlalu")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def png_bomb() -> bytes:
    """A PNG whose header claims 30000 × 30000 pixels (900 megapixels) in a few hundred bytes."""
    width = height = 30000

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + width * 3) * 4)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


HOSTILE_IMAGES = {
    "bomb": ("foto.png", png_bomb, "image/png"),
    "truncated": ("foto.png", lambda: png_bytes((64, 64))[:60], "image/png"),
    "html-as-png": ("foto.png", lambda: b"<html><script>alert(1)</script></html>", "image/png"),
    "exe-as-jpg": ("foto.jpg", lambda: b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg"),
    "path-name": ("../../etc/passwd", lambda: b"root:x:0:0:root:/root:/bin/bash\n", "image/png"),
}


@pytest.fixture
def category(reference_data):
    return road_category()


def complaint(category, **extra):
    return complaint_form_data(category, **{"idempotency_key": "k-hostile", **extra})


def assert_refused(response, *, media, cases_before=0):
    assert 400 <= response.status_code < 500, response.status_code
    body = response.content.decode(errors="replace")
    assert any(word in body for word in INDONESIAN), body[:500]
    assert Case.objects.count() == cases_before
    assert CaseAttachment.objects.count() == 0
    assert files_in(media) == []


@pytest.mark.parametrize("kind", sorted(HOSTILE_IMAGES))
def test_hostile_images_on_the_complaint_form(client, category, media, kind):
    name, make, content_type = HOSTILE_IMAGES[kind]
    upload = SimpleUploadedFile(name, make(), content_type=content_type)

    response = client.post("/aduan/baru/", complaint(category, files=[upload]))

    assert_refused(response, media=media)
    assert "Jalan berlubang besar" in response.content.decode()  # the form keeps what was typed


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", "Jalan\x00rusak"),
        ("description", "Lubang\x00besar di depan sekolah, sudah dua minggu lamanya."),
        ("reporter_name", "Budi\x00"),
        ("title", "J" * 5000),
        ("description", "x" * 200_000),
    ],
)
def test_nul_bytes_and_overlong_fields_on_the_complaint_form(client, category, media, field, value):
    response = client.post("/aduan/baru/", complaint(category, **{field: value}))

    assert_refused(response, media=media)


@pytest.mark.parametrize("text", ["{{ request.user.password }}", "{% debug %}", "{{7*7}}"])
def test_template_syntax_is_refused_or_kept_as_text(client, category, media, text):
    response = client.post("/aduan/baru/", complaint(category, title=f"Jalan {text}"))

    if response.status_code == 302:  # accepted as plain text: stored and shown verbatim
        case = Case.objects.get()
        assert text in case.title  # stored verbatim, never evaluated
    else:
        assert_refused(response, media=media)


def test_invalid_utf8_in_form_body_and_query_string(client, category, media):
    body = b"title=Jalan+%FF%FE+rusak&subtype=pengaduan"
    response = client.post(
        "/aduan/baru/", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500
    assert Case.objects.count() == 0
    assert files_in(media) == []
    for url in ("/cari/?q=%FF%FE", "/layanan/?q=%C0%AF", "/lacak/?code=%FF", "/risalah/?q=%FF"):
        assert client.get(url).status_code < 500, url


def pdf(extra: bytes = b"") -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + extra + b"trailer << >>\n%%EOF\n"


HOSTILE_PDFS = {
    "not-a-pdf": ("dokumen.pdf", b"GIF89a not a pdf at all"),
    "truncated": ("dokumen.pdf", b"%PDF-1.7\n1 0 obj << /Type"),
    "javascript": ("dokumen.pdf", pdf(b"2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n")),
    "encrypted": ("dokumen.pdf", pdf(b"trailer << /Encrypt 5 0 R >>\n")),
    "path-name": ("../../etc/passwd", pdf()),
    "empty": ("dokumen.pdf", b""),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_PDFS))
def test_hostile_pdfs_on_document_verification(client, db, media, kind):
    name, content = HOSTILE_PDFS[kind]
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")

    response = client.post("/verifikasi/", {"file": upload})

    assert response.status_code < 500
    if response.status_code >= 400:
        body = response.content.decode()
        assert any(word in body for word in INDONESIAN), body[:300]
    else:
        assert "tidak" in response.content.decode().lower()  # "tidak sah" / "tidak dikenal"
    assert files_in(media) == []


@pytest.fixture
def staff_client(client, staff_a):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from world import log_in

    return log_in(staff_a)


@pytest.mark.parametrize(
    "body,content_type",
    [
        (b'{"action": "verify", ', "application/json"),
        (b'{"action": "\xff\xfe"}', "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (
            b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>",
            "application/xml",
        ),
        (b'{"subject": "Surat\\u0000rahasia"}', "application/json"),
    ],
)
def test_malformed_bodies_on_the_api(staff_client, media, body, content_type):
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    staff_client.cookies["csrftoken"] = token
    for path in (
        "/api/v1/kantor/surat/",
        "/api/v1/kantor/rapat/",
        "/api/v1/kantor/surat/keluar/",
        "/api/v1/kantor/berita/",
        "/api/v1/kantor/proyek/",
    ):
        before = Case.objects.count()
        response = staff_client.post(
            path, data=body, content_type=content_type, HTTP_X_CSRFTOKEN=token
        )
        assert response.status_code in (400, 415), (path, response.status_code, response.content)
        assert Case.objects.count() == before
        detail = response.json()
        text = str(detail)
        assert any(word in text for word in INDONESIAN + ("Kesalahan", "didukung", "kosong")), (
            path,
            text,
        )
    assert files_in(media) == []
