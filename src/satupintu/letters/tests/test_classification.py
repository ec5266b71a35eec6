"""The Permendagri 83/2022 classification table shipped with the app (migration 0004 and the
`import_classification` command): primary classes, their second level, idempotent loading."""

import csv
from pathlib import Path

from django.core.management import call_command

from satupintu.letters.models import ClassificationCode
from satupintu.letters.tests.conftest import ensure_codes

DATA = Path(__file__).resolve().parents[1] / "data" / "klasifikasi-permendagri-83-2022.csv"
PRIMARY = {
    "000": "Umum",
    "100": "Pemerintahan",
    "200": "Politik",
    "300": "Keamanan dan Ketertiban",
    "400": "Kesejahteraan Rakyat",
    "500": "Perekonomian",
    "600": "Pekerjaan Umum dan Ketenagaan",
    "700": "Pengawasan",
    "800": "Kepegawaian",
    "900": "Keuangan",
}
SECOND_LEVEL_COUNTS = {
    "000": 9,
    "100": 3,
    "200": 2,
    "300": 2,
    "400": 14,
    "500": 18,
    "600": 4,
    "700": 1,
    "800": 2,
    "900": 1,
}


def rows():
    with DATA.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_data_file_has_every_primary_class_and_its_second_level():
    data = {r["kode"]: r["nama"] for r in rows()}
    assert len(data) == len(rows())  # no duplicate codes
    for code, name in PRIMARY.items():
        assert data[code] == name
        second = [c for c in data if c.startswith(code + ".") and c.count(".") == 1]
        assert len(second) == SECOND_LEVEL_COUNTS[code], code
    assert data["400.12"] == "Kependudukan dan Pencatatan Sipil"
    assert data["500.11"] == "Perhubungan"
    assert data["900.1"] == "Keuangan Daerah"
    # The examples of the standards keep their codes; parents of every code exist.
    assert data["000.1.5"] == "Notula/Risalah rapat"
    assert data["000.5.3.1"] == "Registrasi naskah masuk/keluar"
    for code in data:
        if "." in code:
            assert code.rsplit(".", 1)[0] in data, code


def test_loaded_in_the_database(db):
    ensure_codes()
    assert ClassificationCode.objects.filter(code__in=list(PRIMARY)).count() == 10
    assert (
        ClassificationCode.objects.filter(code="300.2")
        .get()
        .name.startswith("Penanggulangan Bencana")
    )
    assert ClassificationCode.objects.count() >= len(rows())


def test_import_is_idempotent_and_keeps_retention(db, tmp_path):
    ensure_codes()
    before = ClassificationCode.objects.count()
    call_command("import_classification")  # the shipped table
    call_command("import_classification")
    assert ClassificationCode.objects.count() == before
    custom = tmp_path / "jra.csv"
    custom.write_text(
        "kode,nama,retensi_aktif,retensi_inaktif,keterangan_akhir\n"
        "000.1.5,Notula/Risalah rapat,2,5,Permanen\n",
        encoding="utf-8",
    )
    call_command("import_classification", str(custom))
    row = ClassificationCode.objects.get(code="000.1.5")
    assert (row.active_years, row.inactive_years, row.final_disposition) == (2, 5, "permanen")
    assert ClassificationCode.objects.count() == before


def test_lookup_by_words_and_code(client, db):
    from satupintu.letters import selectors
    from satupintu.org.models import OrgUnit
    from satupintu.testing.factories import make_staff

    ensure_codes()
    assert [c.code for c in selectors.classifications("500.1")][:1] == ["500.1"]
    assert "500.11" in [c.code for c in selectors.classifications("perhubungan")]
    unit = OrgUnit.objects.create(code="UJI", name="Unit uji", kind=OrgUnit.Kind.OFFICE)
    client.force_login(make_staff(unit))
    page = client.get("/kantor/surat/klasifikasi/?q=pemilihan").content.decode()
    assert "200.2" in page
