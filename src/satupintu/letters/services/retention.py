"""The retention schedule (Jadwal Retensi Arsip) per classification code: city admins set it
one code at a time or import it from a CSV."""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from satupintu.core import audit
from satupintu.letters.errors import LetterError, refusals_audited
from satupintu.letters.models import ClassificationCode
from satupintu.letters.retention import MAX_YEARS
from satupintu.org.permissions import is_city_admin

RETENTION_COLUMNS = ("retensi_aktif", "retensi_inaktif", "keterangan_akhir")


def can_edit_retention(user) -> bool:
    return bool(is_city_admin(user))


def _retention_snapshot(code: ClassificationCode) -> dict:
    return {
        "active_years": code.active_years,
        "inactive_years": code.inactive_years,
        "final_disposition": code.final_disposition,
    }


def parse_final_disposition(text: str) -> str | None:
    """The stored value for "Musnah", "permanen", "Dinilai kembali", "dinilai_kembali"; ""
    for an empty cell; None for anything else."""
    value = (text or "").strip().lower().replace(" ", "_")
    if not value:
        return ""
    return value if value in ClassificationCode.FinalDisposition.values else None


def check_retention(active_years, inactive_years, final_disposition) -> str | None:
    """None when the values are a valid retention (all three) or empty (all three: the code
    takes its ancestor's retention); otherwise the message for the officer."""
    given = [active_years is not None, inactive_years is not None, bool(final_disposition)]
    if any(given) and not all(given):
        return _(
            "Isi retensi aktif, retensi inaktif dan keterangan akhir sekaligus, atau kosongkan "
            "ketiganya agar kode mengikuti retensi kode induknya."
        )
    for years in (active_years, inactive_years):
        if years is not None and not 0 <= years <= MAX_YEARS:
            return _("Masa retensi harus antara 0 dan %(n)d tahun.") % {"n": MAX_YEARS}
    if final_disposition and final_disposition not in ClassificationCode.FinalDisposition.values:
        return _("Keterangan akhir tidak dikenal.")
    return None


@refusals_audited("letters.set_retention")
@transaction.atomic
def set_retention(
    *,
    actor,
    code: ClassificationCode,
    active_years: int | None,
    inactive_years: int | None,
    final_disposition: str,
) -> ClassificationCode:
    """Record (or, all empty, clear) the retention of one classification code. City admins
    only. Codes below it without their own values follow it (see retention.py)."""
    if not can_edit_retention(actor):
        raise LetterError(
            _("Hanya admin kota yang dapat mengubah jadwal retensi."), code="forbidden", obj=code
        )
    problem = check_retention(active_years, inactive_years, final_disposition)
    if problem:
        raise LetterError(problem, code="invalid", obj=code)
    locked = ClassificationCode.objects.select_for_update().get(pk=code.pk)
    old = _retention_snapshot(locked)
    locked.active_years = active_years
    locked.inactive_years = inactive_years
    locked.final_disposition = final_disposition or ""
    new = _retention_snapshot(locked)
    if new != old:
        locked.save(update_fields=["active_years", "inactive_years", "final_disposition"])
    audit.record(
        "letters.retention_set",
        actor=actor,
        obj=locked,
        data={"code": locked.code, "old": old, "new": new, "changed": new != old},
    )
    return locked


@dataclass
class RetentionImport:
    changed: list[str]
    unchanged: int
    blank: int
    unknown: list[str]


def _int_or_none(text: str):
    text = (text or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return "invalid"


def parse_retention_csv(text: str) -> tuple[list[tuple[int, str, tuple]], list[str]]:
    """Rows (line number, code, (active, inactive, final)) and the errors ("Baris n: ...").
    Rows with all three retention columns empty are returned with None values."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in ("kode", *RETENTION_COLUMNS) if c not in header]
    if missing:
        return [], [
            _("Kolom tidak ada: %(cols)s. Kolom yang dipakai: %(all)s.")
            % {
                "cols": ", ".join(missing),
                "all": "kode,nama,retensi_aktif,retensi_inaktif,keterangan_akhir",
            }
        ]
    rows, errors, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        code = (row.get("kode") or "").strip()
        if not code:
            if any((value or "").strip() for value in row.values() if isinstance(value, str)):
                errors.append(_("Baris %(n)d: kode kosong.") % {"n": line})
            continue
        if code in seen:
            errors.append(
                _("Baris %(n)d: kode %(code)s sudah ada di baris %(m)d.")
                % {"n": line, "code": code, "m": seen[code]}
            )
            continue
        seen[code] = line
        active = _int_or_none(row.get("retensi_aktif"))
        inactive = _int_or_none(row.get("retensi_inaktif"))
        final = parse_final_disposition(row.get("keterangan_akhir"))
        if "invalid" in (active, inactive):
            errors.append(
                _("Baris %(n)d (%(code)s): masa retensi harus bilangan bulat tahun.")
                % {"n": line, "code": code}
            )
            continue
        if final is None:
            errors.append(
                _(
                    "Baris %(n)d (%(code)s): keterangan akhir harus Musnah, Permanen atau "
                    "Dinilai kembali."
                )
                % {"n": line, "code": code}
            )
            continue
        problem = check_retention(active, inactive, final)
        if problem:
            errors.append(
                _("Baris %(n)d (%(code)s): %(problem)s")
                % {"n": line, "code": code, "problem": problem}
            )
            continue
        rows.append((line, code, (active, inactive, final)))
    return rows, errors


@refusals_audited("letters.import_retention")
@transaction.atomic
def import_retention(*, actor, text: str, filename: str = "") -> RetentionImport:
    """Apply the retention columns of a CSV (same columns as the shipped classification table)
    to existing codes. All or nothing: one bad row and nothing is applied (LetterError, its
    `data["errors"]` lists the rows). Unknown codes are reported and skipped (new codes come in
    with `manage.py import_classification`); rows without retention values change nothing."""
    if not can_edit_retention(actor):
        raise LetterError(
            _("Hanya admin kota yang dapat mengubah jadwal retensi."), code="forbidden"
        )
    rows, errors = parse_retention_csv(text)
    if errors:
        raise LetterError(
            _("Berkas tidak diterapkan: %(n)d baris bermasalah. Perbaiki lalu unggah lagi.")
            % {"n": len(errors)},
            code="invalid_csv",
            data={"file": filename, "errors": errors[:200]},
        )
    codes = {
        c.code: c
        for c in ClassificationCode.objects.select_for_update().filter(
            code__in=[code for _line, code, _values in rows]
        )
    }
    result = RetentionImport(changed=[], unchanged=0, blank=0, unknown=[])
    changes = {}
    for _line, code, (active, inactive, final) in rows:
        row = codes.get(code)
        if row is None:
            result.unknown.append(code)
            continue
        if active is None:
            result.blank += 1
            continue
        old = _retention_snapshot(row)
        row.active_years, row.inactive_years, row.final_disposition = active, inactive, final
        new = _retention_snapshot(row)
        if new == old:
            result.unchanged += 1
            continue
        row.save(update_fields=["active_years", "inactive_years", "final_disposition"])
        result.changed.append(code)
        changes[code] = {"old": old, "new": new}
    audit.record(
        "letters.retention_imported",
        actor=actor,
        data={
            "file": filename,
            "changed": changes,
            "unchanged": result.unchanged,
            "blank": result.blank,
            "unknown": result.unknown,
        },
    )
    return result
