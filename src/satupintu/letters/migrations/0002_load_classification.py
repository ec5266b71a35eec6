"""Load the shipped classification codes (partial table; see docs/eoffice.md)."""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parents[4] / "data" / "klasifikasi-arsip-permendagri-83-2022.csv"


def load(apps, schema_editor):
    from satupintu.letters.services import import_classification_rows

    if not CSV.exists():  # an installed package without the data folder: load with the command
        return
    with CSV.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    import_classification_rows(rows, model=apps.get_model("letters", "ClassificationCode"))


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
