"""HTML → PDF, the QR code and what the renderer may read."""

from io import BytesIO

import pytest
from django.conf import settings

from satupintu.documents import services
from satupintu.documents.models import IssuedDocument
from satupintu.documents.pdf import _make_fetcher
from satupintu.documents.tests.conftest import HOLDER, stored_bytes


def test_render_pdf_makes_a_pdf(sample_pdf):
    from pyhanko.pdf_utils.reader import PdfFileReader

    assert sample_pdf.startswith(b"%PDF-")
    reader = PdfFileReader(BytesIO(sample_pdf))
    assert int(reader.root["/Pages"]["/Count"]) == 1
    page = reader.root["/Pages"]["/Kids"][0]
    fonts = [str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()]
    assert fonts and all("DejaVu" in name for name in fonts)  # system fonts, no web font


def test_verification_url_and_qr():
    url = services.verification_url("abc_DEF-123")
    assert url == f"{settings.PUBLIC_BASE_URL}/verifikasi/abc_DEF-123/"
    assert services.qr_data_uri("abc_DEF-123").startswith("data:image/svg+xml")
    svg = services.qr_svg("abc_DEF-123")
    assert svg.startswith("<svg") and "Kode QR verifikasi" in svg


def test_fetcher_reads_static_files_and_data_uris_only(tmp_path):
    fetcher = _make_fetcher(None)
    css = fetcher.fetch(f"{settings.PUBLIC_BASE_URL}/static/css/satupintu.css")
    assert b"Satu Pintu" in css.read()
    assert fetcher.fetch("data:text/plain,halo").read() == b"halo"
    for url in (
        "http://example.com/logo.png",
        "https://example.com/font.woff2",
        "file:///etc/passwd",
        f"{settings.PUBLIC_BASE_URL}/static/../../settings.py",
        f"{settings.PUBLIC_BASE_URL}/admin/",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_fetcher_reads_files_under_a_local_base_url(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = _make_fetcher(str(tmp_path))
    assert fetcher.fetch((tmp_path / "logo.svg").as_uri()).read().startswith(b"<svg")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/hostname")


def test_one_step_issue_stamps_the_qr_code_inside_the_signed_file(issued):
    data = stored_bytes(issued)
    url = services.verification_url(issued.token).encode()
    signature_at = data.rindex(b"/ByteRange")
    # The stamp is written uncompressed, in the revision the signature covers.
    assert url in data[:signature_at] or url in data
    assert issued.sha256 and issued.size == len(data)


def test_two_step_issue_with_the_qr_code_in_the_template(identity, opd_a, staff_a):
    document = services.prepare_document(
        title="Izin Uji",
        number="503/7/DPU/2026",
        holder_name=HOLDER,
        org_unit=opd_a,
        signer=identity,
        kind=IssuedDocument.Kind.SERVICE_RESULT,
        actor=staff_a,
    )
    assert document.status == IssuedDocument.Status.PENDING
    assert services.verify_token(document.token).status == "unknown"

    context = services.verification_context(document)
    assert context["qr"].startswith("data:image/svg+xml")
    pdf = services.render_pdf("documents/pdf/example.html", context)
    document = services.sign_and_store(document, pdf, actor=staff_a)

    assert document.status == IssuedDocument.Status.ISSUED
    result = services.verify_pdf(stored_bytes(document))
    assert result.status == "valid"
    assert result.document == document
