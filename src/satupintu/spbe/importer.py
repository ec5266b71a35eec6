"""CSV import and export of the application inventory. An import is checked whole first:
any error (reported with its line number) and nothing is saved."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satupintu.org.models import OrgUnit
from satupintu.spbe.models import Application

COLUMNS = [
    "kode", "nama", "pemilik", "jenis", "fungsi", "pengguna", "alamat", "hosting", "teknologi",
    "data_pribadi", "klasifikasi", "status", "tahap", "kontak", "uji_keamanan_tanggal",
    "uji_keamanan_hasil", "integrasi",
]  # fmt: skip
MAX_ROWS = 2000


@dataclass
class LineError:
    line: int
    message: str


@dataclass
class Parsed:
    values: dict
    integrations: list


def _choice(value, choices, label, errors):
    value = (value or "").strip().lower()
    if value not in choices:
        errors.append(
            _("%(label)s harus salah satu dari: %(allowed)s")
            % {"label": label, "allowed": ", ".join(choices)}
        )
    return value


def parse(text: str, allowed_units: dict[str, OrgUnit]) -> tuple[list[Parsed], list[LineError]]:
    """Rows and errors of a CSV file; `allowed_units` maps the unit codes the importer may
    write for."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return parse_rows(reader.fieldnames or [], reader, allowed_units)


def parse_rows(
    fieldnames: list[str], records, allowed_units: dict[str, OrgUnit]
) -> tuple[list[Parsed], list[LineError]]:
    """The same checks for any table (CSV or XLSX): `records` are dicts by column name, the
    first of them on line 2."""
    missing = [c for c in ("kode", "nama", "pemilik") if c not in fieldnames]
    if missing:
        return [], [LineError(1, _("Kolom wajib tidak ada: %(c)s") % {"c": ", ".join(missing)})]
    rows, errors, seen = [], [], set()
    for number, raw in enumerate(records, start=2):
        if number > MAX_ROWS + 1:
            errors.append(LineError(number, _("Terlalu banyak baris (maksimal 2000).")))
            break
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        problems = []
        code = slugify(row.get("kode", ""))
        if not code:
            problems.append(_("kode wajib diisi"))
        elif code in seen:
            problems.append(_("kode %(code)s muncul dua kali") % {"code": code})
        seen.add(code)
        if not row.get("nama"):
            problems.append(_("nama wajib diisi"))
        owner = allowed_units.get(row.get("pemilik", "").upper())
        if owner is None:
            problems.append(
                _("pemilik %(unit)s tidak dikenal atau bukan unit Anda")
                % {"unit": row.get("pemilik", "")}
            )
        values = {
            "name": row.get("nama", "")[:150],
            "owner": owner,
            "scope": _choice(row.get("jenis"), Application.Scope.values, "jenis", problems),
            "purpose": row.get("fungsi", ""),
            "users": _choice(row.get("pengguna"), Application.Users.values, "pengguna", problems),
            "url": row.get("alamat", ""),
            "hosting": _choice(row.get("hosting"), Application.Hosting.values, "hosting", problems),
            "technology": row.get("teknologi", "")[:150],
            "personal_data": row.get("data_pribadi", "").lower() in ("ya", "1", "true"),
            "classification": _choice(
                row.get("klasifikasi"), Application.Classification.values, "klasifikasi", problems
            ),
            "status": _choice(row.get("status"), Application.Status.values, "status", problems),
            "merge_stage": None,
            "contact": row.get("kontak", "")[:150],
            "security_test_date": None,
            "security_test_result": row.get("uji_keamanan_hasil", "")[:200],
        }
        if values["url"]:
            try:
                URLValidator(schemes=["http", "https"])(values["url"])
            except ValidationError:
                problems.append(_("alamat bukan URL http(s)"))
        if row.get("tahap"):
            if row["tahap"] in ("1", "2", "3"):
                values["merge_stage"] = int(row["tahap"])
            else:
                problems.append(_("tahap harus 1, 2 atau 3"))
        if row.get("uji_keamanan_tanggal"):
            try:
                values["security_test_date"] = date.fromisoformat(row["uji_keamanan_tanggal"])
            except ValueError:
                problems.append(_("tanggal uji keamanan harus TTTT-BB-HH"))
        integrations = [slugify(c) for c in row.get("integrasi", "").split(";") if c.strip()]
        for problem in problems:
            errors.append(LineError(number, problem))
        rows.append(Parsed({"code": code, **values}, integrations))
    known = seen | set(Application.objects.values_list("code", flat=True))
    for number, parsed in enumerate(rows, start=2):
        for target in parsed.integrations:
            if target not in known:
                errors.append(
                    LineError(number, _("integrasi %(code)s tidak dikenal") % {"code": target})
                )
    return rows, sorted(errors, key=lambda e: e.line)


def export_rows(queryset):
    for app in queryset.select_related("owner").prefetch_related("integrations"):
        yield (
            [
                app.code, app.name, app.owner.code, app.scope, app.purpose, app.users, app.url,
                app.hosting, app.technology, "ya" if app.personal_data else "tidak",
                app.classification, app.status, app.merge_stage or "", app.contact,
                app.security_test_date.isoformat() if app.security_test_date else "",
                app.security_test_result, ";".join(sorted(i.code for i in app.integrations.all())),
            ]
        )  # fmt: skip


def export(queryset) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(export_rows(queryset))
    return out.getvalue()
