"""Data for the drafting and search features (issue 5):

- fill `Letter.search_text` for existing letters (the archive search scans that one column);
- city-wide body templates per letter type (the drafter picks one on the edit page);
- the extended classification table shipped in `letters/data/` (primary classes and their
  second level, Permendagri 83/2022; see docs/eoffice.md). Idempotent: rows upsert by code.
"""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parents[1] / "data" / "klasifikasi-permendagri-83-2022.csv"

TEMPLATES = [
    (
        "surat_dinas",
        "Surat dinas umum",
        "Dengan hormat,\n\nSehubungan dengan {perihal}, bersama ini kami sampaikan bahwa ...\n\n"
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
    ),
    (
        "undangan",
        "Undangan rapat",
        "Dengan hormat,\n\nDalam rangka {perihal}, kami mengundang Bapak/Ibu untuk hadir pada:\n\n"
        "hari/tanggal : ...\npukul        : ... WITA\ntempat       : ...\nacara        : ...\n\n"
        "Mengingat pentingnya acara tersebut, dimohon hadir tepat waktu. Atas perhatiannya "
        "diucapkan terima kasih.",
    ),
    (
        "nota_dinas",
        "Nota dinas",
        "Dengan hormat,\n\nBersama ini kami laporkan/sampaikan mengenai {perihal} sebagai "
        "berikut:\n1. ...\n2. ...\n\nDemikian disampaikan, mohon arahan lebih lanjut.",
    ),
    (
        "surat_edaran",
        "Surat edaran",
        "Dalam rangka {perihal}, dengan ini diminta kepada seluruh perangkat daerah di "
        "lingkungan {kota} untuk:\n1. ...\n2. ...\n\nDemikian surat edaran ini untuk "
        "dilaksanakan sebagaimana mestinya.",
    ),
    (
        "surat_tugas",
        "Surat tugas",
        "Yang bertanda tangan di bawah ini menugaskan kepada:\n\nnama    : ...\nNIP     : ...\n"
        "jabatan : ...\n\nuntuk {perihal} pada tanggal ... bertempat di ....\n\n"
        "Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.",
    ),
    (
        "surat_keterangan",
        "Surat keterangan",
        "Yang bertanda tangan di bawah ini menerangkan bahwa:\n\nnama : ...\n\n"
        "benar ... .\n\nDemikian surat keterangan ini dibuat untuk dipergunakan sebagaimana "
        "mestinya.",
    ),
    (
        "pengumuman",
        "Pengumuman",
        "Diumumkan kepada ... bahwa {perihal} ....\n\nDemikian pengumuman ini untuk "
        "diketahui.",
    ),
]


def search_text(letter, file_texts) -> str:
    parts = [
        letter.subject,
        letter.sender_name,
        letter.external_number,
        letter.letter_number,
        *file_texts,
    ]
    return " ".join(" ".join(p.split()) for p in parts if p).lower()[:60000]


def forwards(apps, schema_editor):
    Letter = apps.get_model("letters", "Letter")
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    ClassificationCode = apps.get_model("letters", "ClassificationCode")

    for letter in Letter.objects.filter(search_text="").iterator(chunk_size=2000):
        Letter.objects.filter(pk=letter.pk).update(search_text=search_text(letter, []))

    for letter_type, name, body in TEMPLATES:
        LetterTemplate.objects.get_or_create(
            letter_type=letter_type, name=name, org_unit=None, defaults={"body": body}
        )

    if CSV.exists():
        from satupintu.letters.services import import_classification_rows

        with CSV.open(encoding="utf-8-sig", newline="") as handle:
            import_classification_rows(list(csv.DictReader(handle)), model=ClassificationCode)


class Migration(migrations.Migration):
    dependencies = [("letters", "0003_drafting_search")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
