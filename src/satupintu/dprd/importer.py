"""`dprd-*.csv` beside the city's reference data: the council's bodies and members.

Two files (docs/reference-data.md): `dprd-alat-*.csv` (pimpinan, komisi, badan, fraksi) and
`dprd-anggota-*.csv` (members with fraksi, dapil and positions). Every row of both is checked
first; `org.services.import_reference_data` writes nothing when any file has a problem.
"""

import csv
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satupintu.cityconfig.marks import mark_from_file
from satupintu.dprd import structure
from satupintu.dprd.models import Body, Member, Position
from satupintu.dprd.structure import BodyRow, MemberRow, TermRow
from satupintu.org.importer import _read_rows

BODY_COLUMNS = ["periode", "kode", "nama", "jenis"]
BODY_OPTIONAL = ["bidang"]
MEMBER_COLUMNS = ["periode", "nama", "fraksi", "dapil"]
MEMBER_OPTIONAL = ["jabatan", "email", "telepon", "foto"]
TERM_PATTERN = re.compile(r"^(\d{4})-(\d{4})$")
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9\-]{0,29}$")


@dataclass
class CouncilData:
    bodies: list[BodyRow]
    members: list[MemberRow]
    # The two tables' file names, shown in the admin on what they loaded.
    body_file: str = ""
    member_file: str = ""


def _prefix(path, line):
    return f"{path.name} " + _("baris %(line)d") % {"line": line}


def _parse_bodies(path, errors) -> list[BodyRow]:
    rows, seen = [], set()
    for line, row in _read_rows(path, BODY_COLUMNS, BODY_OPTIONAL, errors):
        where = _prefix(path, line)
        code, kind = row["kode"].upper(), row["jenis"].lower()
        if not TERM_PATTERN.match(row["periode"]):
            errors.append(f"{where}: " + _("periode %(v)s tidak valid") % {"v": row["periode"]})
            continue
        if not CODE_PATTERN.match(code):
            errors.append(f"{where}: " + _("kode %(code)s tidak valid") % {"code": row["kode"]})
            continue
        if (row["periode"], code) in seen:
            errors.append(f"{where}: " + _("kode %(code)s ganda") % {"code": code})
            continue
        if kind not in Body.Kind.values:
            errors.append(f"{where}: " + _("jenis %(kind)s tidak dikenal") % {"kind": row["jenis"]})
            continue
        if not row["nama"]:
            errors.append(f"{where}: " + _("nama wajib diisi"))
            continue
        seen.add((row["periode"], code))
        rows.append(
            BodyRow(
                term=row["periode"],
                code=code,
                name=row["nama"],
                kind=kind,
                description=row.get("bidang", ""),
                order=line,
            )
        )
    return rows


def _parse_positions(value, term, bodies, where, errors):
    positions = []
    for part in filter(None, (p.strip() for p in value.split(";"))):
        code, _sep, role = part.partition(":")
        code, role = code.strip().upper(), role.strip().lower()
        body = bodies.get((term, code))
        if body is None or body.kind == Body.Kind.FACTION:
            errors.append(
                f"{where}: "
                + _("jabatan %(v)s: alat kelengkapan %(code)s tidak ada")
                % {"v": part, "code": code}
            )
            return None
        if role not in Position.Role.values:
            errors.append(
                f"{where}: "
                + _("jabatan %(v)s: peran harus ketua, wakil, sekretaris atau anggota")
                % {"v": part}
            )
            return None
        positions.append((code, role))
    return positions


def _parse_members(path, bodies, districts, errors) -> list[MemberRow]:
    rows: list[MemberRow] = []
    slugs: set[str] = set()
    for line, row in _read_rows(path, MEMBER_COLUMNS, MEMBER_OPTIONAL, errors):
        where = _prefix(path, line)
        term = row["periode"]
        if not TERM_PATTERN.match(term):
            errors.append(f"{where}: " + _("periode %(v)s tidak valid") % {"v": term})
            continue
        if not row["nama"]:
            errors.append(f"{where}: " + _("nama wajib diisi"))
            continue
        faction = bodies.get((term, row["fraksi"].upper()))
        if faction is None or faction.kind != Body.Kind.FACTION:
            errors.append(f"{where}: " + _("fraksi %(v)s tidak ada") % {"v": row["fraksi"]})
            continue
        number = int(row["dapil"]) if row["dapil"].isascii() and row["dapil"].isdigit() else None
        if number not in districts:
            errors.append(f"{where}: " + _("dapil %(v)s tidak ada") % {"v": row["dapil"]})
            continue
        email = row.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(f"{where}: " + _("e-mail %(v)s tidak valid") % {"v": email})
                continue
        positions = _parse_positions(row.get("jabatan", ""), term, bodies, where, errors)
        if positions is None:
            continue
        slug = slugify(row["nama"])[:110] or "anggota"
        if slug in slugs:
            errors.append(f"{where}: " + _("nama %(v)s ganda") % {"v": row["nama"]})
            continue
        slugs.add(slug)
        rows.append(
            MemberRow(
                term=term,
                slug=slug,
                name=row["nama"],
                faction=faction.code,
                district=number,
                positions=positions,
                email=email,
                phone=row.get("telepon", ""),
                photo=row.get("foto", ""),
            )
        )
    # No more members in a dapil than its seats, and one ketua per body.
    for term in {m.term for m in rows}:
        for number, seats in districts.items():
            count = sum(1 for m in rows if m.term == term and m.district == number)
            if count > seats:
                errors.append(
                    f"{path.name}: "
                    + _("periode %(t)s dapil %(n)d: %(c)d anggota untuk %(s)d kursi")
                    % {"t": term, "n": number, "c": count, "s": seats}
                )
        chairs: dict[str, int] = {}
        for member in (m for m in rows if m.term == term):
            for code, role in member.positions:
                if role == Position.Role.CHAIR:
                    chairs[code] = chairs.get(code, 0) + 1
        for code, count in sorted(chairs.items()):
            if count > 1:
                errors.append(
                    f"{path.name}: "
                    + _("periode %(t)s: %(code)s punya %(c)d ketua")
                    % {"t": term, "code": code, "c": count}
                )
    return rows


def parse(paths, data, errors) -> CouncilData | None:
    by_kind = {"alat": [], "anggota": []}
    for path in paths:
        kind = path.name.removeprefix("dprd-").split("-", 1)[0]
        if kind not in by_kind:
            errors.append(
                f"{path.name}: " + _("nama berkas harus dprd-alat-*.csv atau dprd-anggota-*.csv")
            )
            continue
        by_kind[kind].append(path)
    if any(len(found) != 1 for found in by_kind.values()):
        errors.append(_("DPRD: harus ada tepat satu dprd-alat-*.csv dan satu dprd-anggota-*.csv"))
        return None
    bodies = _parse_bodies(by_kind["alat"][0], errors)
    index = {(b.term, b.code): b for b in bodies}
    districts = {d.number: d.seats for d in data.districts}
    # A dapil row refused in its own file is reported there, not again on every member of it.
    districts |= {n: 10**6 for n in _dapil_numbers(paths[0].parent) if n not in districts}
    members = _parse_members(by_kind["anggota"][0], index, districts, errors)
    return CouncilData(bodies, members, by_kind["alat"][0].name, by_kind["anggota"][0].name)


def _dapil_numbers(directory) -> set[int]:
    numbers = set()
    for path in directory.glob("dapil-*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                value = (row.get("dapil") or "").strip()
                if value.isascii() and value.isdigit():
                    numbers.add(int(value))
    return numbers


def as_structure(parsed: CouncilData) -> structure.Structure:
    """The tables as the rows `dprd.structure.save` stores: a term is named by its years."""
    terms = []
    for name in sorted({b.term for b in parsed.bodies} | {m.term for m in parsed.members}):
        start, end = (int(y) for y in TERM_PATTERN.match(name).groups())
        terms.append(TermRow(name=name, start_year=start, end_year=end))
    return structure.Structure(terms, parsed.bodies, parsed.members)


def write(parsed: CouncilData | None, data) -> None:
    """Add and update the tables' terms, bodies and members (the CSV never retires: a member
    left out of the table keeps their row until `dprd.yaml` or the admin retires them)."""
    if parsed is None:
        return
    result = structure.save(as_structure(parsed), complete=False)
    now = timezone.now()
    for obj, changed in result.saved:
        file = parsed.member_file if isinstance(obj, Member) else parsed.body_file
        mark_from_file(obj, file, now, refresh=changed)
