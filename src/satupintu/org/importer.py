"""Read and check the three reference-data CSVs (wilayah, dapil, OPD) of a city.

Parsing is separate from writing so that every problem in every file is reported at once,
with file name and line, before anything touches the database.
"""

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from satupintu.org.models import OrgUnit, Region

WILAYAH_COLUMNS = ["kode", "tingkat", "nama", "kode_induk"]
DAPIL_COLUMNS = ["dapil", "nama", "kode_kecamatan", "kursi"]
OPD_COLUMNS = ["singkatan", "nama", "jenis"]
OPD_OPTIONAL_COLUMNS = [
    "induk",
    "kode_wilayah",
    "alamat",
    "telepon",
    "email",
    "situs",
    "jam_layanan",
]

CODE_PATTERNS = {
    Region.Level.PROVINCE: re.compile(r"^\d{2}$"),
    Region.Level.CITY: re.compile(r"^\d{2}\.[7-9]\d$"),
    Region.Level.REGENCY: re.compile(r"^\d{2}\.[0-6]\d$"),
    Region.Level.DISTRICT: re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    Region.Level.URBAN_VILLAGE: re.compile(r"^\d{2}\.\d{2}\.\d{2}\.1\d{3}$"),
    Region.Level.VILLAGE: re.compile(r"^\d{2}\.\d{2}\.\d{2}\.2\d{3}$"),
}
OPD_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,39}$")
# Codes the import itself gives the root unit (services.ROOT_UNIT_CODE) and the kecamatan and
# kelurahan offices; an OPD row using one would overwrite that unit (or make the root its own
# parent).
RESERVED_OPD_CODE_PATTERN = re.compile(r"^(PEMKOT$|KEC-|KEL-)")
IMPORTABLE_OPD_KINDS = {
    OrgUnit.Kind.SECRETARIAT,
    OrgUnit.Kind.INSPECTORATE,
    OrgUnit.Kind.AGENCY,
    OrgUnit.Kind.OFFICE,
    OrgUnit.Kind.HOSPITAL,
    OrgUnit.Kind.DIVISION,
    OrgUnit.Kind.SECTION,
    OrgUnit.Kind.SERVICE_UNIT,
}


class ReferenceDataError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class RegionRow:
    code: str
    level: str
    name: str
    parent_code: str


@dataclass
class DistrictRow:
    number: int
    name: str
    seats: int
    district_codes: list[str] = field(default_factory=list)


@dataclass
class OrgUnitRow:
    code: str
    name: str
    kind: str
    parent_code: str = ""
    region_code: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class ReferenceData:
    regions: list[RegionRow]
    districts: list[DistrictRow]
    org_units: list[OrgUnitRow]
    # What the extra readers below parsed, by prefix (e.g. "dprd").
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ExtraFiles:
    """Files an app above `org` reads beside the three (e.g. the DPRD's `dprd-*.csv`).

    `parse(paths, data, errors)` checks every row (appending `FILE baris N: …`) and returns
    what `write(parsed, data)` stores inside the import's transaction. No file: not called.
    """

    prefix: str
    parse: object
    write: object


_extra_files: dict[str, ExtraFiles] = {}


def register_extra_files(prefix: str, parse, write) -> None:
    _extra_files[prefix] = ExtraFiles(prefix, parse, write)


def extra_files() -> list[ExtraFiles]:
    return list(_extra_files.values())


def _find_file(directory: Path, prefix: str, errors: list[str]) -> Path | None:
    matches = sorted(directory.glob(f"{prefix}*.csv"))
    if len(matches) != 1:
        errors.append(
            _("%(dir)s: harus ada tepat satu berkas %(prefix)s-*.csv (ditemukan %(n)d)")
            % {"dir": directory, "prefix": prefix, "n": len(matches)}
        )
        return None
    return matches[0]


def _read_rows(path: Path, required: list[str], optional: list[str], errors: list[str]):
    """Yield (line number, row dict); report a wrong header as one error."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError:
        errors.append(_("%(file)s: berkas tidak dapat dibaca") % {"file": path.name})
        return
    with handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in (reader.fieldnames or [])]
        missing = [name for name in required if name not in header]
        unknown = [name for name in header if name not in required + optional]
        if missing or unknown:
            errors.append(
                _(
                    "%(file)s baris 1: kolom harus %(expected)s "
                    "(kurang: %(missing)s; asing: %(unknown)s)"
                )
                % {
                    "file": path.name,
                    "expected": ",".join(required),
                    "missing": ",".join(missing) or "-",
                    "unknown": ",".join(unknown) or "-",
                }
            )
            return
        reader.fieldnames = header
        for row in reader:
            if None in row:
                errors.append(
                    _("%(file)s baris %(line)d: terlalu banyak kolom")
                    % {"file": path.name, "line": reader.line_num}
                )
                continue
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def _parse_regions(path: Path, errors: list[str]) -> list[RegionRow]:
    rows: list[RegionRow] = []
    seen: dict[str, RegionRow] = {}
    where = path.name
    for line, row in _read_rows(path, WILAYAH_COLUMNS, [], errors):
        code, level, name, parent = (
            row["kode"],
            row["tingkat"].lower(),
            row["nama"],
            row["kode_induk"],
        )
        prefix = f"{where} " + _("baris %(line)d") % {"line": line}
        if level not in CODE_PATTERNS:
            errors.append(f"{prefix}: " + _("tingkat %(level)s tidak dikenal") % {"level": level})
            continue
        if not CODE_PATTERNS[level].match(code):
            errors.append(f"{prefix}: " + _("kode %(code)s tidak valid") % {"code": code})
            continue
        if not name:
            errors.append(f"{prefix}: " + _("nama wajib diisi"))
            continue
        if code in seen:
            errors.append(f"{prefix}: " + _("kode %(code)s ganda") % {"code": code})
            continue
        expected_parent = code.rsplit(".", 1)[0] if "." in code else ""
        if parent != expected_parent:
            errors.append(
                f"{prefix}: "
                + _("kode_induk %(parent)s tidak cocok dengan kode %(code)s")
                % {"parent": parent or "-", "code": code}
            )
            continue
        region = RegionRow(code, level, name, parent)
        seen[code] = region
        rows.append(region)
    # A parent must be in the file unless the row is the top of the file's tree.
    top_depth = min((r.code.count(".") for r in rows), default=0)
    for region in rows:
        if region.code.count(".") > top_depth and region.parent_code not in seen:
            errors.append(
                f"{where}: "
                + _("kode_induk %(parent)s dari %(code)s tidak ada di berkas")
                % {"parent": region.parent_code, "code": region.code}
            )
    return rows


def _positive_int(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) > 0 else None


def _parse_districts(path: Path, regions: list[RegionRow], errors: list[str]) -> list[DistrictRow]:
    kecamatan = {r.code for r in regions if r.level == Region.Level.DISTRICT}
    by_number: dict[int, DistrictRow] = {}
    where = path.name
    for line, row in _read_rows(path, DAPIL_COLUMNS, [], errors):
        prefix = f"{where} " + _("baris %(line)d") % {"line": line}
        number, seats = _positive_int(row["dapil"]), _positive_int(row["kursi"])
        if number is None:
            errors.append(f"{prefix}: " + _("nomor dapil %(v)s tidak valid") % {"v": row["dapil"]})
            continue
        if seats is None:
            errors.append(f"{prefix}: " + _("jumlah kursi %(v)s tidak valid") % {"v": row["kursi"]})
            continue
        if not row["nama"]:
            errors.append(f"{prefix}: " + _("nama wajib diisi"))
            continue
        if row["kode_kecamatan"] not in kecamatan:
            errors.append(
                f"{prefix}: "
                + _("kode kecamatan %(code)s tidak ada di data wilayah")
                % {"code": row["kode_kecamatan"]}
            )
            continue
        district = by_number.setdefault(number, DistrictRow(number, row["nama"], seats))
        if district.seats != seats or district.name != row["nama"]:
            errors.append(
                f"{prefix}: "
                + _("dapil %(n)d sudah ditulis dengan nama atau kursi lain") % {"n": number}
            )
            continue
        district.district_codes.append(row["kode_kecamatan"])
    return list(by_number.values())


def _parse_org_units(path: Path, regions: list[RegionRow], errors: list[str]) -> list[OrgUnitRow]:
    region_codes = {r.code for r in regions}
    units: list[OrgUnitRow] = []
    seen: set[str] = set()
    where = path.name
    for line, row in _read_rows(path, OPD_COLUMNS, OPD_OPTIONAL_COLUMNS, errors):
        prefix = f"{where} " + _("baris %(line)d") % {"line": line}
        code, kind = row["singkatan"].upper(), row["jenis"].lower()
        if not OPD_CODE_PATTERN.match(code):
            errors.append(
                f"{prefix}: " + _("singkatan %(code)s tidak valid") % {"code": row["singkatan"]}
            )
            continue
        if RESERVED_OPD_CODE_PATTERN.match(code):
            errors.append(f"{prefix}: " + _("singkatan %(code)s dipakai sistem") % {"code": code})
            continue
        if code in seen:
            errors.append(f"{prefix}: " + _("singkatan %(code)s ganda") % {"code": code})
            continue
        if kind not in IMPORTABLE_OPD_KINDS:
            errors.append(
                f"{prefix}: " + _("jenis %(kind)s tidak dikenal") % {"kind": row["jenis"]}
            )
            continue
        if not row["nama"]:
            errors.append(f"{prefix}: " + _("nama wajib diisi"))
            continue
        parent = row.get("induk", "").upper()
        if parent and parent not in seen:
            errors.append(
                f"{prefix}: "
                + _("induk %(parent)s harus ditulis di baris sebelumnya") % {"parent": parent}
            )
            continue
        region_code = row.get("kode_wilayah", "")
        if region_code and region_code not in region_codes:
            errors.append(
                f"{prefix}: " + _("kode wilayah %(code)s tidak ada") % {"code": region_code}
            )
            continue
        seen.add(code)
        extra = {
            "address": row.get("alamat", ""),
            "phone": row.get("telepon", ""),
            "email": row.get("email", ""),
            "website": row.get("situs", ""),
            "office_hours": row.get("jam_layanan", ""),
        }
        units.append(OrgUnitRow(code, row["nama"], kind, parent, region_code, extra))
    return units


def read_reference_data(directory: str | Path) -> ReferenceData:
    directory = Path(directory)
    errors: list[str] = []
    if not directory.is_dir():
        raise ReferenceDataError([_("%(dir)s bukan folder") % {"dir": directory}])
    wilayah = _find_file(directory, "wilayah", errors)
    dapil = _find_file(directory, "dapil", errors)
    opd = _find_file(directory, "opd", errors)
    if errors:
        raise ReferenceDataError(errors)
    regions = _parse_regions(wilayah, errors)
    cities = [r for r in regions if r.level in (Region.Level.CITY, Region.Level.REGENCY)]
    if len(cities) != 1:
        errors.append(f"{wilayah.name}: " + _("harus ada tepat satu baris kota atau kabupaten"))
    districts = _parse_districts(dapil, regions, errors)
    org_units = _parse_org_units(opd, regions, errors)
    data = ReferenceData(regions, districts, org_units)
    for extra in extra_files():
        paths = sorted(directory.glob(f"{extra.prefix}-*.csv"))
        if paths:
            data.extra[extra.prefix] = extra.parse(paths, data, errors)
    if errors:
        raise ReferenceDataError(errors)
    return data
