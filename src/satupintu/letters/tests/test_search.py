"""Archive search: subject, sender, numbers and text extracted from PDFs (a task queued on
commit); Rahasia visibility on every path (page, API, CSV)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from satupintu.cases.uploads import check_upload
from satupintu.letters import selectors, services
from satupintu.letters.models import Letter, LetterFile
from satupintu.letters.tasks import extract, pdf_text
from satupintu.letters.tests.conftest import pdf_upload, png_upload, register
from satupintu.org.models import Membership
from satupintu.testing.factories import make_staff


def text_pdf_bytes(text: str) -> bytes:
    """A one-page PDF with a real text layer (Helvetica)."""
    content = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_pdf(text: str, name="pindaian.pdf"):
    return check_upload(
        SimpleUploadedFile(name, text_pdf_bytes(text), content_type="application/pdf")
    )


def find(user, **params):
    return list(selectors.search(user, selectors.filters_from(params)))


def test_pdf_text_layer_is_read():
    import io

    assert "Jembatan Manggar retak" in pdf_text(
        io.BytesIO(text_pdf_bytes("Jembatan Manggar retak"))
    )
    assert pdf_text(io.BytesIO(b"bukan pdf")) == ""


def test_text_extracted_after_registration_and_found(
    client, org, code, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = register(
            org.tu_setda,
            org.setda,
            subject="Laporan infrastruktur",
            scans=[text_pdf("Jembatan Manggar retak di pilar dua")],
        )
    scan = letter.files.get(kind=LetterFile.Kind.SCAN)
    assert "Jembatan Manggar retak" in scan.extracted_text and scan.text_extracted_at
    letter.refresh_from_db()
    assert "manggar retak" in letter.search_text
    assert find(org.sekda, q="Manggar PILAR") == [letter]
    assert find(org.sekda, q="manggar jembatan tol") == []  # every word must match
    client.force_login(org.sekda)
    assert "Laporan infrastruktur" in client.get("/kantor/surat/arsip/?q=manggar").content.decode()
    api = client.get("/api/v1/kantor/surat/?q=manggar").json()
    rows = api["results"] if isinstance(api, dict) else api
    assert [r["id"] for r in rows] == [letter.pk]
    csv = b"".join(client.get("/kantor/surat/arsip/csv/?q=manggar").streaming_content).decode()
    assert "Laporan infrastruktur" in csv
    # Running the task again does nothing: every file is done.
    assert extract(letter.pk) == 0


def test_scans_without_text_are_fine(org, code, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        letter = register(
            org.tu_setda, org.setda, subject="Surat pindaian", scans=[png_upload(), pdf_upload()]
        )
    pdf = letter.files.get(content_type="application/pdf")
    assert pdf.extracted_text == "" and pdf.text_extracted_at is not None
    image = letter.files.get(content_type="image/png")
    assert image.text_extracted_at is None  # images are not read (no OCR)
    assert find(org.sekda, q="pindaian") == [letter]


def test_search_by_sender_numbers_and_agenda(org, code):
    a = register(org.tu_setda, org.setda, number="005/123/PEMPROV", subject="Undangan A")
    b = register(
        org.tu_setda,
        org.setda,
        number="170/9/DPRD",
        subject="Undangan B",
        sender_name="Sekretariat DPRD Kota Balikpapan",
    )
    assert find(org.sekda, q="005/123/pemprov") == [a]
    assert find(org.sekda, q="sekretariat dprd") == [b]
    assert b in find(org.sekda, q=str(b.agenda_number))  # agenda number (or text)
    assert set(find(org.sekda, q="undangan")) == {a, b}


def test_outgoing_number_and_body_are_searchable(org, code):
    from satupintu.letters.tests.test_outgoing import to_sign

    letter = services.sign_outgoing(actor=org.kadis_dpu, letter=to_sign(org))
    assert find(org.staff_bm, q=letter.letter_number) == [letter]
    assert find(org.staff_bm, q="dengan hormat") == [letter]


def test_attachment_added_on_edit_is_extracted(org, code, django_capture_on_commit_callbacks):
    from satupintu.letters.tests.test_outgoing import draft

    letter = draft(org)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_outgoing(
            actor=org.staff_bm,
            letter=letter,
            changes={},
            attachments=[text_pdf("Rencana anggaran drainase Klandasan", name="rab.pdf")],
        )
    assert find(org.staff_bm, q="drainase klandasan") == [letter]


def test_rahasia_text_found_only_by_the_chain(
    client, org, code, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        secret = register(
            org.tu_setda,
            org.setda,
            sifat=Letter.Sifat.SECRET,
            subject="Hasil pemeriksaan khusus",
            number="R/7",
            scans=[text_pdf("Temuan kerugian daerah pada proyek Sepinggan")],
        )
    services.dispose(
        actor=org.sekda,
        letter=secret,
        to_users=[org.asisten2],
        instructions=["pelajari"],
        due_date=timezone.localdate() + timedelta(days=2),
    )
    colleague = make_staff(org.setda, Membership.Role.OPERATOR)  # same unit, not in the chain
    assert find(org.asisten2, q="sepinggan") == [secret]
    assert find(org.sekda, q="sepinggan") == [secret]
    for outsider in (colleague, org.asisten1, org.kadis_dinkes):
        assert find(outsider, q="sepinggan") == []
        client.force_login(outsider)
        assert (
            "Hasil pemeriksaan"
            not in client.get("/kantor/surat/arsip/?q=sepinggan").content.decode()
        )
        api = client.get("/api/v1/kantor/surat/?q=sepinggan").json()
        assert (api["results"] if isinstance(api, dict) else api) == []
        csv = b"".join(client.get("/kantor/surat/arsip/csv/?q=sepinggan").streaming_content)
        assert b"pemeriksaan" not in csv
        assert client.get(f"/kantor/surat/{secret.pk}/").status_code == 404


def test_other_opd_does_not_find_letters(org, code):
    letter = register(org.tu_setda, org.setda, subject="Koordinasi internal Setda")
    assert find(org.tu_dinkes, q="koordinasi") == []
    assert find(org.sekda, q="koordinasi") == [letter]


def test_search_scans_one_column(org):
    sql = str(selectors.search(org.sekda, selectors.filters_from({"q": "jalan rusak"})).query)
    if connection.vendor == "sqlite":  # both words from the FTS5 index (letters/fulltext.py)
        assert sql.count("letters_letter_fts MATCH") == 1
    else:
        assert sql.count("search_text") >= 2
    assert '"subject" LIKE' not in sql and '"sender_name" LIKE' not in sql
    assert '"search_text",' not in sql.split("FROM")[0]  # the big column is not fetched


@pytest.mark.parametrize("days_back, found", [(0, True), (3, False)])
def test_date_filters(org, code, days_back, found):
    letter = register(org.tu_setda, org.setda)
    day = timezone.localdate() - timedelta(days=days_back)
    params = {"dari": day.isoformat(), "sampai": day.isoformat()}
    assert (letter in find(org.sekda, **params)) is found


def test_archive_pages_without_a_total_count(client, org, code):
    from satupintu.letters.views import SearchPage

    a = register(org.tu_setda, org.setda, number="1/A", subject="Surat pertama")
    b = register(org.tu_setda, org.setda, number="1/B", subject="Surat kedua")
    first = SearchPage(Letter.objects.order_by("-pk"), "1", size=1)
    assert list(first) == [b] and first.has_next() and not first.has_previous()
    second = SearchPage(Letter.objects.order_by("-pk"), "2", size=1)
    assert list(second) == [a] and not second.has_next() and second.previous_page_number() == 1
    assert SearchPage(Letter.objects.all(), "x", size=1).number == 1
    client.force_login(org.sekda)
    html = client.get("/kantor/surat/arsip/", {"q": "surat", "halaman": "1"}).content.decode()
    assert "Surat pertama" in html and "Surat kedua" in html and "Halaman 1" in html
