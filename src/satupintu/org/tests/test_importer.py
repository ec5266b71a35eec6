"""Reference data import (wilayah, dapil, OPD): the good files, and every kind of bad file."""

import csv
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from satupintu.core.models import AuditEvent
from satupintu.org.importer import ReferenceDataError, read_reference_data
from satupintu.org.models import ElectoralDistrict, OrgUnit, Region
from satupintu.org.services import ROOT_UNIT_CODE, import_reference_data
from satupintu.testing.factories import REFERENCE_DATA_DIR

pytestmark = pytest.mark.django_db

WILAYAH = "wilayah-balikpapan.csv"
DAPIL = "dapil-balikpapan.csv"
OPD = "opd-balikpapan.csv"


def _opd_rows() -> list[dict]:
    with (REFERENCE_DATA_DIR / OPD).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def data_dir(tmp_path):
    """A writable copy of the Balikpapan files."""
    directory = tmp_path / "kota"
    shutil.copytree(REFERENCE_DATA_DIR, directory)
    return directory


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write(path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _replace_line(path, line_number: int, new: str) -> str:
    """Replace 1-based `line_number` of `path`; return the old line."""
    lines = _lines(path)
    old = lines[line_number - 1]
    lines[line_number - 1] = new
    _write(path, lines)
    return old


def _append(path, line: str) -> int:
    lines = _lines(path)
    lines.append(line)
    _write(path, lines)
    return len(lines)


def _run_failing(directory) -> tuple[str, str]:
    """Run the command expecting failure; return (CommandError message, stderr)."""
    stderr = StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_reference_data", str(directory), stderr=stderr, stdout=StringIO())
    return str(excinfo.value), stderr.getvalue()


def _assert_nothing_imported():
    assert Region.objects.count() == 0
    assert OrgUnit.objects.count() == 0
    assert ElectoralDistrict.objects.count() == 0
    assert AuditEvent.objects.count() == 0


# --- the good files ------------------------------------------------------------------------


def test_command_imports_balikpapan():
    stdout = StringIO()

    call_command("import_reference_data", str(REFERENCE_DATA_DIR), stdout=stdout)

    assert "41 wilayah" in stdout.getvalue()
    assert "6 dapil" in stdout.getvalue()
    assert Region.objects.count() == 41
    assert Region.objects.filter(level=Region.Level.CITY).count() == 1
    assert Region.objects.filter(level=Region.Level.DISTRICT).count() == 6
    assert Region.objects.filter(level=Region.Level.URBAN_VILLAGE).count() == 34


def test_region_tree(reference_data):
    city = Region.objects.get(code="64.71")
    assert city.name == "Kota Balikpapan"
    assert city.parent is None  # the province is not in the file
    timur = Region.objects.get(code="64.71.01")
    assert timur.name == "Balikpapan Timur"
    assert timur.parent == city
    manggar = Region.objects.get(code="64.71.01.1001")
    assert manggar.parent == timur
    assert manggar.level == Region.Level.URBAN_VILLAGE
    assert all(
        r.parent.level == Region.Level.DISTRICT
        for r in Region.objects.filter(level=Region.Level.URBAN_VILLAGE).select_related("parent")
    )


def test_electoral_districts(reference_data):
    districts = list(ElectoralDistrict.objects.prefetch_related("districts"))

    assert [d.number for d in districts] == [1, 2, 3, 4, 5, 6]
    assert sum(d.seats for d in districts) == 45
    assert all(d.districts.count() == 1 for d in districts)
    assert ElectoralDistrict.objects.get(number=1).districts.get().code == "64.71.06"
    covered = {r.code for d in districts for r in d.districts.all()}
    assert covered == set(
        Region.objects.filter(level=Region.Level.DISTRICT).values_list("code", flat=True)
    )


def test_every_opd_from_the_csv_is_imported_under_the_root(reference_data):
    rows = _opd_rows()
    root = OrgUnit.objects.get(code=ROOT_UNIT_CODE)

    assert reference_data.org_units == len(rows) == 30
    for row in rows:
        unit = OrgUnit.objects.get(code=row["singkatan"])
        assert unit.name == row["nama"]
        assert unit.kind == row["jenis"]
        assert unit.parent == root
        assert unit.short_name == row["singkatan"]


def test_root_unit_is_the_city_government(reference_data):
    root = OrgUnit.objects.get(code=ROOT_UNIT_CODE)

    assert root.parent is None
    assert root.kind == OrgUnit.Kind.GOVERNMENT
    assert root.name == "Pemerintah Kota Balikpapan"
    assert root.region.code == "64.71"
    assert root.path == f"/{root.pk}/"


def test_kecamatan_and_kelurahan_offices(reference_data):
    root = OrgUnit.objects.get(code=ROOT_UNIT_CODE)
    kecamatan = OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT)
    kelurahan = OrgUnit.objects.filter(kind=OrgUnit.Kind.URBAN_VILLAGE)

    assert kecamatan.count() == 6
    assert kelurahan.count() == 34
    assert reference_data.offices == 40
    office = OrgUnit.objects.get(code="KEC-64.71.01")
    assert office.name == "Kecamatan Balikpapan Timur"
    assert office.parent == root
    assert office.region.code == "64.71.01"
    village = OrgUnit.objects.get(code="KEL-64.71.01.1001")
    assert village.name == "Kelurahan Manggar"
    assert village.parent == office
    assert village.path.startswith(office.path)
    assert OrgUnit.objects.count() == 1 + 30 + 6 + 34


def test_summary_counts(reference_data):
    assert (reference_data.regions, reference_data.districts) == (41, 6)


def test_import_writes_one_audit_event():
    import_reference_data(REFERENCE_DATA_DIR)

    events = AuditEvent.objects.filter(action="org.reference_data_imported")
    assert events.count() == 1
    assert AuditEvent.objects.count() == 1
    assert events.get().data == {"regions": 41, "districts": 6, "org_units": 30, "offices": 40}


def test_running_twice_creates_no_duplicates():
    call_command("import_reference_data", str(REFERENCE_DATA_DIR), stdout=StringIO())
    before = {
        "regions": list(Region.objects.values_list("pk", "code", "parent_id")),
        "units": list(OrgUnit.objects.values_list("pk", "code", "parent_id", "path")),
        "districts": list(ElectoralDistrict.objects.values_list("pk", "number", "seats")),
        "links": ElectoralDistrict.districts.through.objects.count(),
    }

    call_command("import_reference_data", str(REFERENCE_DATA_DIR), stdout=StringIO())

    after = {
        "regions": list(Region.objects.values_list("pk", "code", "parent_id")),
        "units": list(OrgUnit.objects.values_list("pk", "code", "parent_id", "path")),
        "districts": list(ElectoralDistrict.objects.values_list("pk", "number", "seats")),
        "links": ElectoralDistrict.districts.through.objects.count(),
    }
    assert after == before
    assert Region.objects.count() == 41
    assert ElectoralDistrict.objects.count() == 6


def test_reimport_keeps_contact_details_typed_in_admin(reference_data):
    OrgUnit.objects.filter(code="DPU").update(phone="0542-123456", description="Jalan dan jembatan")

    import_reference_data(REFERENCE_DATA_DIR)

    dpu = OrgUnit.objects.get(code="DPU")
    assert dpu.phone == "0542-123456"
    assert dpu.description == "Jalan dan jembatan"


def test_reimport_applies_changed_names_and_seats(data_dir):
    import_reference_data(data_dir)
    _replace_line(data_dir / DAPIL, 2, "1,Balikpapan Satu,64.71.06,6")
    _replace_line(data_dir / OPD, 12, "DINKES,Dinas Kesehatan Kota,dinas")

    import_reference_data(data_dir)

    assert ElectoralDistrict.objects.get(number=1).name == "Balikpapan Satu"
    assert ElectoralDistrict.objects.get(number=1).seats == 6
    assert OrgUnit.objects.get(code="DINKES").name == "Dinas Kesehatan Kota"
    assert OrgUnit.objects.filter(code="DINKES").count() == 1


def test_optional_opd_columns_and_nested_units(data_dir):
    rows = _lines(data_dir / OPD)
    lines = ["singkatan,nama,jenis,induk,kode_wilayah,telepon,email"]
    lines += [f"{row},,," for row in rows[1:]]
    lines.append("DPU-BM,Bidang Bina Marga,bidang,DPU,,0542-1,bm@contoh.id")
    lines.append("UPT-PKM-MGR,Puskesmas Manggar,upt,DINKES,64.71.01.1001,,")
    _write(data_dir / OPD, lines)

    import_reference_data(data_dir)

    bina_marga = OrgUnit.objects.get(code="DPU-BM")
    assert bina_marga.parent.code == "DPU"
    assert bina_marga.kind == OrgUnit.Kind.DIVISION
    assert bina_marga.phone == "0542-1"
    assert bina_marga.email == "bm@contoh.id"
    assert bina_marga.path.startswith(OrgUnit.objects.get(code="DPU").path)
    puskesmas = OrgUnit.objects.get(code="UPT-PKM-MGR")
    assert puskesmas.region.code == "64.71.01.1001"
    assert puskesmas.parent.code == "DINKES"


def test_lowercase_opd_code_and_kind_are_normalised(data_dir):
    _append(data_dir / OPD, "dishub-lalin,Bidang Lalu Lintas,Bidang")

    import_reference_data(data_dir)

    unit = OrgUnit.objects.get(code="DISHUB-LALIN")
    assert unit.kind == OrgUnit.Kind.DIVISION


def test_byte_order_mark_is_accepted(data_dir):
    path = data_dir / WILAYAH
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8-sig")

    summary = import_reference_data(data_dir)

    assert summary.regions == 41


# --- bad files: nothing is imported, every problem is named --------------------------------


def test_invalid_region_code(data_dir):
    old = _replace_line(data_dir / WILAYAH, 4, "64.71.9,kelurahan,Manggar,64.71.01")
    assert old.startswith("64.71.01.1001")

    message, stderr = _run_failing(data_dir)

    assert f"{WILAYAH} baris 4: kode 64.71.9 tidak valid" in stderr
    assert "1 kesalahan" in message
    assert "tidak ada data yang dimuat" in message
    _assert_nothing_imported()


def test_kelurahan_code_in_the_desa_range_is_rejected_for_kelurahan(data_dir):
    _replace_line(data_dir / WILAYAH, 4, "64.71.01.2001,kelurahan,Manggar,64.71.01")

    _message, stderr = _run_failing(data_dir)

    assert f"{WILAYAH} baris 4: kode 64.71.01.2001 tidak valid" in stderr
    _assert_nothing_imported()


def test_wrong_header(data_dir):
    _replace_line(data_dir / WILAYAH, 1, "kode,level,nama,kode_induk")

    _message, stderr = _run_failing(data_dir)

    assert f"{WILAYAH} baris 1: kolom harus kode,tingkat,nama,kode_induk" in stderr
    assert "kurang: tingkat" in stderr
    assert "asing: level" in stderr
    _assert_nothing_imported()


def test_empty_file(data_dir):
    (data_dir / DAPIL).write_text("", encoding="utf-8")

    _message, stderr = _run_failing(data_dir)

    assert f"{DAPIL} baris 1: kolom harus" in stderr
    _assert_nothing_imported()


def test_unknown_tingkat(data_dir):
    _replace_line(data_dir / WILAYAH, 5, "64.71.01.1002,dusun,Lamaru,64.71.01")

    _message, stderr = _run_failing(data_dir)

    assert f"{WILAYAH} baris 5: tingkat dusun tidak dikenal" in stderr
    _assert_nothing_imported()


def test_parent_mismatch(data_dir):
    _replace_line(data_dir / WILAYAH, 4, "64.71.01.1001,kelurahan,Manggar,64.71.02")

    _message, stderr = _run_failing(data_dir)

    assert f"{WILAYAH} baris 4: kode_induk 64.71.02 tidak cocok dengan kode 64.71.01.1001" in (
        stderr
    )
    _assert_nothing_imported()


def test_parent_missing_from_the_file(data_dir):
    lines = [line for line in _lines(data_dir / WILAYAH) if not line.startswith("64.71.06")]
    lines.append("64.71.06.1001,kelurahan,Yatim,64.71.06")
    _write(data_dir / WILAYAH, lines)
    dapil = [line for line in _lines(data_dir / DAPIL) if "64.71.06" not in line]
    _write(data_dir / DAPIL, dapil)

    _message, stderr = _run_failing(data_dir)

    assert "kode_induk 64.71.06 dari 64.71.06.1001 tidak ada di berkas" in stderr
    _assert_nothing_imported()


def test_duplicate_region_code(data_dir):
    line = _append(data_dir / WILAYAH, "64.71.01.1001,kelurahan,Manggar Lagi,64.71.01")

    _message, stderr = _run_failing(data_dir)

    assert f"{WILAYAH} baris {line}: kode 64.71.01.1001 ganda" in stderr
    _assert_nothing_imported()


def test_missing_name(data_dir):
    _replace_line(data_dir / WILAYAH, 4, "64.71.01.1001,kelurahan,,64.71.01")

    _message, stderr = _run_failing(data_dir)

    assert f"{WILAYAH} baris 4: nama wajib diisi" in stderr
    _assert_nothing_imported()


def test_too_many_columns(data_dir):
    _replace_line(data_dir / WILAYAH, 4, "64.71.01.1001,kelurahan,Manggar,64.71.01,lebih")

    _message, stderr = _run_failing(data_dir)

    assert f"{WILAYAH} baris 4: terlalu banyak kolom" in stderr
    _assert_nothing_imported()


def test_two_cities_in_one_file(data_dir):
    _append(data_dir / WILAYAH, "64.72,kota,Kota Samarinda,64")

    _message, stderr = _run_failing(data_dir)

    assert "harus ada tepat satu baris kota atau kabupaten" in stderr
    _assert_nothing_imported()


def test_dapil_with_unknown_kecamatan(data_dir):
    _replace_line(data_dir / DAPIL, 2, "1,Balikpapan 1,64.71.99,5")

    _message, stderr = _run_failing(data_dir)

    assert f"{DAPIL} baris 2: kode kecamatan 64.71.99 tidak ada di data wilayah" in stderr
    _assert_nothing_imported()


def test_dapil_pointing_at_a_kelurahan_is_rejected(data_dir):
    _replace_line(data_dir / DAPIL, 2, "1,Balikpapan 1,64.71.01.1001,5")

    _message, stderr = _run_failing(data_dir)

    assert "kode kecamatan 64.71.01.1001 tidak ada di data wilayah" in stderr
    _assert_nothing_imported()


def test_dapil_with_inconsistent_seats(data_dir):
    line = _append(data_dir / DAPIL, "1,Balikpapan 1,64.71.01,9")

    _message, stderr = _run_failing(data_dir)

    assert f"{DAPIL} baris {line}: dapil 1 sudah ditulis dengan nama atau kursi lain" in stderr
    _assert_nothing_imported()


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("0,Balikpapan 0,64.71.06,5", "nomor dapil 0 tidak valid"),
        ("x,Balikpapan X,64.71.06,5", "nomor dapil x tidak valid"),
        ("1,Balikpapan 1,64.71.06,-5", "jumlah kursi -5 tidak valid"),
        ("1,Balikpapan 1,64.71.06,", "jumlah kursi  tidak valid"),
        ("1,,64.71.06,5", "nama wajib diisi"),
    ],
)
def test_dapil_bad_values(data_dir, row, error):
    _replace_line(data_dir / DAPIL, 2, row)

    _message, stderr = _run_failing(data_dir)

    assert f"{DAPIL} baris 2: {error}" in stderr
    _assert_nothing_imported()


def test_unknown_opd_jenis(data_dir):
    _replace_line(data_dir / OPD, 13, "DPU,Dinas Pekerjaan Umum,kementerian")

    _message, stderr = _run_failing(data_dir)

    assert f"{OPD} baris 13: jenis kementerian tidak dikenal" in stderr
    _assert_nothing_imported()


def test_opd_may_not_claim_to_be_a_kecamatan(data_dir):
    # Kecamatan offices come from the wilayah file, never from the OPD list.
    _append(data_dir / OPD, "CAMATPALSU,Kecamatan Palsu,kecamatan")

    _message, stderr = _run_failing(data_dir)

    assert "jenis kecamatan tidak dikenal" in stderr
    _assert_nothing_imported()


def test_duplicate_opd_code(data_dir):
    line = _append(data_dir / OPD, "dinkes,Dinas Kesehatan Lagi,dinas")

    _message, stderr = _run_failing(data_dir)

    assert f"{OPD} baris {line}: singkatan DINKES ganda" in stderr
    _assert_nothing_imported()


def test_invalid_opd_code(data_dir):
    line = _append(data_dir / OPD, "DINAS BARU,Dinas Baru,dinas")

    _message, stderr = _run_failing(data_dir)

    assert f"{OPD} baris {line}: singkatan DINAS BARU tidak valid" in stderr
    _assert_nothing_imported()


def test_opd_parent_must_come_first(data_dir):
    lines = _lines(data_dir / OPD)
    lines[0] = "singkatan,nama,jenis,induk"
    lines = [lines[0], "DPU-BM,Bidang Bina Marga,bidang,DPU", *[f"{x}," for x in lines[1:]]]
    _write(data_dir / OPD, lines)

    _message, stderr = _run_failing(data_dir)

    assert f"{OPD} baris 2: induk DPU harus ditulis di baris sebelumnya" in stderr
    _assert_nothing_imported()


def test_opd_with_unknown_region(data_dir):
    lines = _lines(data_dir / OPD)
    lines = ["singkatan,nama,jenis,kode_wilayah", *[f"{x}," for x in lines[1:]]]
    lines.append("UPT-X,UPT X,upt,64.71.99.1001")
    _write(data_dir / OPD, lines)

    _message, stderr = _run_failing(data_dir)

    assert f"{OPD} baris {len(lines)}: kode wilayah 64.71.99.1001 tidak ada" in stderr
    _assert_nothing_imported()


def test_several_errors_in_several_files_are_all_reported(data_dir):
    _replace_line(data_dir / WILAYAH, 4, "64.71.9,kelurahan,Manggar,64.71.01")
    _replace_line(data_dir / WILAYAH, 5, "64.71.01.1002,dusun,Lamaru,64.71.01")
    _replace_line(data_dir / DAPIL, 2, "1,Balikpapan 1,64.71.99,5")
    _replace_line(data_dir / OPD, 13, "DPU,Dinas Pekerjaan Umum,kementerian")

    message, stderr = _run_failing(data_dir)

    assert "4 kesalahan" in message
    assert f"{WILAYAH} baris 4: kode 64.71.9 tidak valid" in stderr
    assert f"{WILAYAH} baris 5: tingkat dusun tidak dikenal" in stderr
    assert f"{DAPIL} baris 2: kode kecamatan 64.71.99 tidak ada" in stderr
    assert f"{OPD} baris 13: jenis kementerian tidak dikenal" in stderr
    _assert_nothing_imported()


def test_reader_raises_with_every_error_listed(data_dir):
    _replace_line(data_dir / WILAYAH, 4, "64.71.9,kelurahan,Manggar,64.71.01")
    _replace_line(data_dir / OPD, 13, "DPU,Dinas Pekerjaan Umum,kementerian")

    with pytest.raises(ReferenceDataError) as excinfo:
        read_reference_data(data_dir)

    assert len(excinfo.value.errors) == 2
    assert "kode 64.71.9 tidak valid" in str(excinfo.value)


def test_failed_reimport_leaves_earlier_import_untouched(data_dir):
    import_reference_data(data_dir)
    units_before = OrgUnit.objects.count()
    _replace_line(data_dir / OPD, 12, "DINKES,Dinas Kesehatan Baru,dinas")
    _append(data_dir / OPD, "BARU,Dinas Baru,planet")

    _run_failing(data_dir)

    assert OrgUnit.objects.get(code="DINKES").name == "Dinas Kesehatan"
    assert not OrgUnit.objects.filter(code="BARU").exists()
    assert OrgUnit.objects.count() == units_before
    assert AuditEvent.objects.count() == 1


def test_missing_file(data_dir):
    (data_dir / DAPIL).unlink()

    _message, stderr = _run_failing(data_dir)

    assert "harus ada tepat satu berkas dapil-*.csv (ditemukan 0)" in stderr
    _assert_nothing_imported()


def test_two_files_of_one_kind(data_dir):
    shutil.copy(data_dir / OPD, data_dir / "opd-lain.csv")

    _message, stderr = _run_failing(data_dir)

    assert "harus ada tepat satu berkas opd-*.csv (ditemukan 2)" in stderr
    _assert_nothing_imported()


def test_directory_that_does_not_exist(tmp_path):
    _message, stderr = _run_failing(tmp_path / "tidak-ada")

    assert "bukan folder" in stderr
    _assert_nothing_imported()


@pytest.mark.parametrize("code", ["PEMKOT", "pemkot", "KEC-64.71.01", "KEL-64.71.01.1001"])
def test_opd_may_not_use_a_code_the_import_reserves(data_dir, code):
    # PEMKOT would become its own parent; KEC-/KEL- would be overwritten by the offices.
    line = _append(data_dir / OPD, f"{code},Unit Bentrok,sekretariat")

    _message, stderr = _run_failing(data_dir)

    assert f"{OPD} baris {line}: singkatan {code.upper()} dipakai sistem" in stderr
    _assert_nothing_imported()
