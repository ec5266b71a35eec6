"""Placeholders of a service's result document and of its number format.

The result template body is HTML written by an OPD admin; it is filled by
`core.placeholders.fill` over the flat dict made by `result_values()`, never by a template
engine. The names are fixed (`RESULT_PLACEHOLDERS`) plus `{isian.<field>}` for each field of
the service's application form (any of its versions).
"""

import datetime
import re

from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from satupintu.core import placeholders

FIELD_PREFIX = "isian."
EMPTY = "-"

# name → what it holds (shown in the editor and in docs/catalog.md).
RESULT_PLACEHOLDERS = {
    "judul": _("judul dokumen"),
    "nomor": _("nomor dokumen"),
    "layanan": _("nama layanan"),
    "tanggal_terbit": _("tanggal terbit, mis. 5 Maret 2026"),
    "berlaku_sampai": _("tanggal akhir masa berlaku, atau - bila tanpa batas"),
    "keterangan_berlaku": _("kalimat 'Berlaku sampai dengan …', kosong bila tanpa batas"),
    "nama_pemegang": _("nama pemegang dokumen"),
    "unit": _("nama unit/OPD penerbit"),
    "alamat_unit": _("alamat unit"),
    "telepon_unit": _("telepon unit"),
    "kontak_unit": _("alamat dan telepon unit dalam satu baris"),
    "penandatangan": _(
        "nama penanda tangan: pejabat yang ditetapkan untuk unit (signatories.yaml), atau nama "
        "pada sertifikat elektronik"
    ),
    "jabatan_penandatangan": _("jabatan penanda tangan yang ditetapkan, atau - bila belum ada"),
    "nip_penandatangan": _("NIP penanda tangan yang ditetapkan, atau - bila tidak ada"),
    "qr": _("kode QR verifikasi"),
    "alamat_verifikasi": _("alamat halaman verifikasi dokumen"),
    "kode_permohonan": _("kode permohonan"),
}

# Service.number_format: the names kept from the earlier str.format syntax.
NUMBER_PLACEHOLDERS = ["seq", "code", "unit", "month", "roman_month", "year"]
NUMBER_NUMERIC = ["seq", "month", "year"]

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def form_fields(service) -> dict[str, dict]:
    """Field name → its JSON Schema, over all the service's form versions (newest wins)."""
    if service is None or service.pk is None:
        return {}
    fields: dict[str, dict] = {}
    for version in service.form_versions.order_by("version"):
        for name, spec in ((version.schema or {}).get("properties") or {}).items():
            fields[name] = spec if isinstance(spec, dict) else {}
    return fields


def result_placeholders(service) -> list[str]:
    return list(RESULT_PLACEHOLDERS) + [FIELD_PREFIX + name for name in form_fields(service)]


def result_help(service) -> str:
    """The allowed list for the editor (escaped: the admin prints help texts as HTML, and
    field names come from an admin-written schema)."""
    fixed = "; ".join(f"{{{name}}}: {text}" for name, text in RESULT_PLACEHOLDERS.items())
    fields = form_fields(service)
    if fields:
        isian = placeholders.describe(FIELD_PREFIX + name for name in fields)
    else:
        isian = str(_("(belum ada formulir: buat formulir layanan dahulu)"))
    return escape(
        _(
            "Placeholder yang tersedia: %(fixed)s. Jawaban formulir pemohon: %(fields)s. "
            "Tulis dengan satu kurung kurawal; sintaks {{ … }} dan {%% … %%} tidak dijalankan."
        )
        % {"fixed": fixed, "fields": isian}
    )


def check_result_body(text: str, service) -> None:
    placeholders.check(text, result_placeholders(service))


def check_number_format(text: str) -> None:
    placeholders.check(text, NUMBER_PLACEHOLDERS, numeric=NUMBER_NUMERIC, required=["seq"])


def long_date(value) -> str:
    """`5 Maret 2026`: documents are Indonesian whatever language the officer reads in."""
    if value is None:
        return EMPTY
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
    with translation.override("id"):
        return date_format(value, "j F Y")


def answer_text(value, spec: dict | None = None) -> str:
    """A form answer as printed: dates in words, lists joined, yes/no, `-` when empty."""
    spec = spec or {}
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return str(_("Ya")) if value else str(_("Tidak"))
    if isinstance(value, list | tuple):
        return ", ".join(answer_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(answer_text(item) for item in value.values())
    text = str(value)
    if spec.get("format") == "date" and ISO_DATE.fullmatch(text):
        try:
            return long_date(datetime.date.fromisoformat(text))
        except ValueError:
            return text
    return text


def result_values(
    *,
    title: str,
    number: str,
    service,
    org_unit,
    issued_at,
    valid_until,
    holder_name: str,
    signer_name: str,
    signer_title: str = "",
    signer_nip: str = "",
    qr_svg: SafeString,
    verify_url: str,
    tracking_code: str,
    answers: dict,
) -> dict:
    """The flat dict a result template is filled from: pre-formatted strings only (the QR
    code, generated by the platform, is the one value kept as HTML)."""
    contact = org_unit.address or ""
    if org_unit.phone:
        phone = str(_("Telp. %(phone)s") % {"phone": org_unit.phone})
        contact = f"{contact} · {phone}" if contact else phone
    until = long_date(valid_until) if valid_until else EMPTY
    values = {
        "judul": title,
        "nomor": number,
        "layanan": service.name,
        "tanggal_terbit": long_date(issued_at),
        "berlaku_sampai": until,
        "keterangan_berlaku": (
            str(_("Berlaku sampai dengan %(date)s.") % {"date": until}) if valid_until else ""
        ),
        "nama_pemegang": holder_name,
        "unit": org_unit.name,
        "alamat_unit": org_unit.address or EMPTY,
        "telepon_unit": org_unit.phone or EMPTY,
        "kontak_unit": contact,
        "penandatangan": signer_name,
        "jabatan_penandatangan": signer_title or EMPTY,
        "nip_penandatangan": signer_nip or EMPTY,
        "qr": qr_svg,
        "alamat_verifikasi": verify_url,
        "kode_permohonan": tracking_code,
    }
    fields = form_fields(service)
    for name, spec in fields.items():
        values[FIELD_PREFIX + name] = answer_text((answers or {}).get(name), spec)
    return values
