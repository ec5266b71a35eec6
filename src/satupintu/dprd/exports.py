"""SIPD-ready exports of E-Pokir proposals: the same columns in CSV and XLSX (openpyxl)."""

import csv
import io
import re

from django.utils.translation import gettext as _

from satupintu.cases.workflow import get_kind
from satupintu.dprd import workflow

# (column, value of a proposal): every field SIPD asks for a pokir entry.
COLUMNS = [
    ("kode_usulan", lambda p: p.case.tracking_code),
    ("tahun_perencanaan", lambda p: p.planning_year),
    ("dapil", lambda p: p.district.name),
    ("anggota_dprd", lambda p: p.adopted_by.name if p.adopted_by else ""),
    ("judul", lambda p: p.case.title),
    ("uraian", lambda p: p.case.description),
    ("jenis_kegiatan", lambda p: p.get_work_type_display()),
    ("urusan_bidang", lambda p: p.affair),
    ("opd_tujuan", lambda p: p.proposed_unit.name if p.proposed_unit else ""),
    ("kecamatan", lambda p: p.case.region.parent.name if p.case.region else ""),
    ("kelurahan", lambda p: p.case.region.name if p.case.region else ""),
    ("rt", lambda p: p.case.rt),
    ("alamat", lambda p: p.case.street),
    ("lintang", lambda p: p.case.latitude if p.case.latitude is not None else ""),
    ("bujur", lambda p: p.case.longitude if p.case.longitude is not None else ""),
    ("garis", lambda p: ";".join(f"{lat},{lng}" for lat, lng in p.line)),
    ("batas_lokasi", lambda p: p.boundaries),
    ("volume", lambda p: p.volume),
    ("satuan", lambda p: p.volume_unit),
    ("perkiraan_biaya", lambda p: p.estimated_cost if p.estimated_cost is not None else ""),
    ("penerima_manfaat", lambda p: p.beneficiaries),
    ("sumber", lambda p: p.get_source_display()),
    ("jumlah_dukungan", lambda p: p.support_count),
    ("jumlah_foto", lambda p: p.photo_count),
    ("status", lambda p: get_kind(workflow.KIND).status_label(p.case.status)),
]
HEADER = [name for name, _value in COLUMNS]


def _rows(proposals):
    from django.db.models import Count

    queryset = proposals.select_related(
        "case", "case__region__parent", "district", "adopted_by", "proposed_unit"
    ).annotate(photo_count=Count("case__attachments"))
    for proposal in queryset.order_by("planning_year", "-support_count", "id"):
        yield [value(proposal) for _name, value in COLUMNS]


NUMBERS_ONLY = re.compile(r"^[-0-9.,; ]*$")  # a number or a list of coordinates


def _cell(value):
    # Spreadsheets run text that starts with = + - @ as a formula (CSV injection); people's
    # text gets a leading apostrophe, numbers and coordinates stay as they are.
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBERS_ONLY.match(text):
        return "'" + text
    return value


def as_csv(proposals) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in _rows(proposals):
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(proposals) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Pokir"))
    sheet.append(HEADER)
    for row in _rows(proposals):
        sheet.append([_cell(v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
