"""CSV exports of e-office: text that a spreadsheet would read as a formula is shown as text."""

import csv
import io

from satupintu.letters import services
from satupintu.letters.tests.conftest import register
from satupintu.letters.tests.test_dispositions import dispose

FORMULAS = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_archive_export_neutralises_formulas(client, org, code):
    for index, text in enumerate(FORMULAS):
        register(org.tu_setda, org.setda, subject=text, sender_name=text, number=f"{text}{index}")
    client.force_login(org.tu_setda)
    rows = _rows(client.get("/kantor/surat/arsip/csv/"))
    header, data = rows[0], rows[1:]
    subjects = {row[header.index("perihal")] for row in data}
    senders = {row[header.index("pengirim")] for row in data}
    numbers = {row[header.index("nomor_pengirim")] for row in data}
    assert subjects == {"'" + t for t in FORMULAS} == senders
    assert all(number.startswith("'") for number in numbers)


def test_performance_export_neutralises_formulas(client, org, code):
    org.asisten1.full_name = "=cmd|' /C calc'!A0"
    org.asisten1.save(update_fields=["full_name"])
    letter = register(org.tu_setda, org.setda)
    d1, _d2 = dispose(org.sekda, letter, users=[org.asisten1, org.asisten2])
    services.mark_read(actor=org.asisten1, letter=letter)
    client.force_login(org.sekda)
    rows = _rows(client.get("/kantor/surat/kinerja/csv/"))
    labels = [row[1] for row in rows[1:]]
    assert "'" + str(org.asisten1) in labels
    assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)
