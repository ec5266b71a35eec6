"""XLSX import and export of the application inventory: the same columns and the same checks
as the CSV (importer.parse_rows), line numbers are the sheet's row numbers."""

import io
import zipfile
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from satupintu.spbe import importer

XLSX_MAGIC = b"PK\x03\x04"
MAX_CELLS = (importer.MAX_ROWS + 1) * 40
SHEET_TITLE = "Inventaris"


class NotAWorkbook(Exception):
    pass


def is_xlsx(head: bytes) -> bool:
    return head.startswith(XLSX_MAGIC)


def _text(value) -> str:
    """A cell as the CSV would carry it: dates as YYYY-MM-DD, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read(data: bytes) -> tuple[list[str], list[dict]]:
    """The first sheet as (column names, records); raises NotAWorkbook for anything else."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise NotAWorkbook(_("Berkas bukan XLSX yang dapat dibaca.")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_row=importer.MAX_ROWS + 2)
        header = [_text(c).lower() for c in next(rows, ())]
        records = [dict(zip(header, [_text(c) for c in row], strict=False)) for row in rows]
        while records and not any(records[-1].values()):
            records.pop()  # formatted empty rows at the end (row numbers above stay true)
    finally:
        workbook.close()
    return [h for h in header if h], records


def export(queryset) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(importer.COLUMNS)
    for values in importer.export_rows(queryset):
        sheet.append([str(v) for v in values])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"  # text, never a formula (a name starting with "=" stays text)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
