"""The classification table (klasifikasi arsip): loading it from the shipped CSV."""

import csv

from django.db import transaction

from satupintu.core import audit
from satupintu.letters.models import ClassificationCode
from satupintu.letters.services.retention import RETENTION_COLUMNS, parse_final_disposition


def import_classification_rows(rows, model=ClassificationCode) -> tuple[int, int]:
    """Upsert classification rows (dicts with kode, nama, retensi_aktif, retensi_inaktif,
    keterangan_akhir); returns (created, updated). Used by the command and the migrations.

    A row whose retention columns are all empty sets the code and name only: the retention
    recorded for that code (schedule page, an earlier import) stays, so loading the shipped
    table again, which has no retention, never erases the city's schedule."""
    created = updated = 0
    for row in rows:
        code = (row.get("kode") or "").strip()
        name = (row.get("nama") or "").strip()
        if not code or not name:
            continue
        values = {"name": name, "is_active": True}
        if any((row.get(column) or "").strip() for column in RETENTION_COLUMNS):
            active = (row.get("retensi_aktif") or "").strip()
            inactive = (row.get("retensi_inaktif") or "").strip()
            values["active_years"] = int(active) if active else None
            values["inactive_years"] = int(inactive) if inactive else None
            final = parse_final_disposition(row.get("keterangan_akhir"))
            values["final_disposition"] = final or ""
        _obj, was_created = model.objects.update_or_create(code=code, defaults=values)
        created += was_created
        updated += not was_created
    return created, updated


@transaction.atomic
def import_classification(path, *, actor=None) -> tuple[int, int]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    created, updated = import_classification_rows(rows)
    audit.record(
        "letters.classification_imported",
        actor=actor,
        data={"file": str(path).rsplit("/", 1)[-1], "created": created, "updated": updated},
    )
    return created, updated
