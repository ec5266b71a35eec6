"""Tables in and out: an OPD's upload (CSV, JSON, GeoJSON, XLSX) checked by its content and
read into columns and rows, and a table written in every format the catalogue offers.

Columns are dicts {"key", "title", "kind"} (kinds from `registry`); a column named `lat` /
`latitude` / `lintang` and one named `lon` / `lng` / `longitude` / `bujur` make the rows points
of a GeoJSON file. Features of an uploaded GeoJSON keep their geometry in the `geometry`
column."""

import csv
import datetime
import io
import json
import re
import zipfile
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from satupintu.core.exports import csv_cell
from satupintu.opendata import registry

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
GEOMETRY = "geometry"
LAT_NAMES = {"lat", "latitude", "lintang"}
LON_NAMES = {"lon", "lng", "long", "longitude", "bujur"}
GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
}


def column(key, title=None, kind=registry.TEXT) -> dict:
    return {"key": str(key), "title": str(title if title is not None else key), "kind": kind}


def _guess_kind(key: str) -> str:
    name = key.strip().lower()
    if name in LAT_NAMES:
        return registry.LATITUDE
    if name in LON_NAMES:
        return registry.LONGITUDE
    return registry.TEXT


# --- Reading an upload ------------------------------------------------------------------------


def read_upload(upload) -> tuple[list[dict], list[list]]:
    """(columns, rows) of an uploaded file, or ValidationError with an Indonesian message."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (maksimal %(mb)d MB).") % {"mb": MAX_UPLOAD_BYTES // 2**20}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.strip():
        raise ValidationError(_("Berkas kosong."))
    if data.startswith(b"PK\x03\x04"):
        columns, rows = _read_xlsx(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                _("Berkas bukan CSV, JSON, GeoJSON atau XLSX yang dapat dibaca (pakai UTF-8).")
            ) from exc
        if "\x00" in text:
            raise ValidationError(_("Berkas berisi karakter yang tidak sah."))
        if text.lstrip()[:1] in ("{", "["):
            columns, rows = _read_json(text)
        else:
            columns, rows = _read_csv(text)
    if not columns:
        raise ValidationError(_("Tabel tidak punya kolom."))
    if len(columns) > MAX_COLUMNS:
        raise ValidationError(_("Terlalu banyak kolom (maksimal %(n)d).") % {"n": MAX_COLUMNS})
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("Terlalu banyak baris (maksimal %(n)d).") % {"n": MAX_ROWS})
    if not rows:
        raise ValidationError(_("Tabel tidak punya baris data."))
    screen_personal_data(columns, rows)
    return columns, rows


# --- Personal data ----------------------------------------------------------------------------

PERSONAL_COLUMNS = {
    "nik", "no_nik", "nomor_nik", "kk", "no_kk", "nomor_kk", "nomor_hp", "no_hp", "hp",
    "no_wa", "nomor_wa", "whatsapp", "tanggal_lahir", "tgl_lahir",
}  # fmt: skip
PHONE_LIKE = re.compile(r"^(?:\+?62|0)8[0-9]{7,12}$")
NIK_LIKE = re.compile(r"^[0-9]{16}$")


def _column_name(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", key.strip().lower()).strip("_")


def screen_personal_data(columns, rows) -> None:
    """Refuse a table that holds NIKs, KK numbers or mobile numbers (PDP: open data carries no
    personal data). Names cannot be told apart from place names, so the form also warns."""
    from stdnum.id import nik as stdnum_nik

    for c in columns:
        if _column_name(c["key"]) in PERSONAL_COLUMNS:
            raise ValidationError(
                _("Kolom %(name)s tampaknya berisi data pribadi. Data terbuka tidak boleh "
                  "memuat data pribadi; hapus kolom itu.") % {"name": c["key"]}
            )  # fmt: skip
    for number, row in enumerate(rows, 2):
        for c, value in zip(columns, row, strict=False):
            if isinstance(value, bool) or not isinstance(value, str | int):
                continue
            text = re.sub(r"[\s.\-()]", "", str(value))
            if NIK_LIKE.match(text) and stdnum_nik.is_valid(text):
                what = _("NIK atau nomor KK")
            elif PHONE_LIKE.match(text):
                what = _("nomor HP")
            else:
                continue
            raise ValidationError(
                _("Baris %(n)d kolom %(name)s berisi %(what)s. Data terbuka tidak boleh memuat "
                  "data pribadi.") % {"n": number, "name": c["key"], "what": what}
            )  # fmt: skip


def _header(names) -> list[dict]:
    seen, columns = set(), []
    for position, name in enumerate(names, 1):
        key = str(name if name is not None else "").strip()
        if not key:
            raise ValidationError(_("Kolom ke-%(n)d tidak bernama.") % {"n": position})
        if key in seen:
            raise ValidationError(_("Nama kolom %(name)s dipakai dua kali.") % {"name": key})
        seen.add(key)
        columns.append(column(key, key, _guess_kind(key)))
    return columns


def _read_csv(text: str):
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise ValidationError(_("CSV tidak dapat dibaca: tanda kutip tidak seimbang.")) from exc
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if not lines:
        raise ValidationError(_("Berkas kosong."))
    columns = _header(lines[0])
    for number, line in enumerate(lines[1:], 2):
        if len(line) != len(columns):
            raise ValidationError(
                _("Baris %(n)d berisi %(got)d kolom, padahal judul tabel %(want)d kolom.")
                % {"n": number, "got": len(line), "want": len(columns)}
            )
    return columns, [list(line) for line in lines[1:]]


def _scalar(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise ValidationError(_("Nilai sel harus teks atau angka, bukan daftar atau objek."))


def _read_json(text: str):
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ValidationError(_("JSON tidak sah.")) from exc
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        return _read_features(data.get("features"))
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValidationError(
            _("JSON harus berupa daftar objek (satu objek per baris) atau FeatureCollection.")
        )
    names = []
    for item in data:
        names.extend(key for key in item if key not in names)
    columns = _header(names)
    rows = [[_scalar(item.get(c["key"])) for c in columns] for item in data]
    return columns, rows


def check_geometry(geometry) -> None:
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        raise ValidationError(_("Geometri fitur tidak dikenal."))

    def positions(value, depth):
        if depth == 0:
            if not (
                isinstance(value, list)
                and len(value) in (2, 3)
                and all(isinstance(n, int | float) and not isinstance(n, bool) for n in value)
            ):
                raise ValidationError(_("Koordinat geometri tidak sah."))
            lon, lat = value[0], value[1]
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValidationError(_("Koordinat di luar rentang bujur/lintang."))
            return
        if not isinstance(value, list) or not value:
            raise ValidationError(_("Koordinat geometri tidak sah."))
        for item in value:
            positions(item, depth - 1)

    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2}.get(
        geometry["type"], 2 if geometry["type"] == "Polygon" else 3
    )
    positions(geometry.get("coordinates"), depth)


def _read_features(features):
    if not isinstance(features, list):
        raise ValidationError(_("FeatureCollection tanpa daftar fitur."))
    names = []
    for feature in features:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ValidationError(_("Isi FeatureCollection harus berupa Feature."))
        check_geometry(feature.get("geometry"))
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise ValidationError(_("Properti fitur harus berupa objek."))
        names.extend(key for key in properties if key not in names and key != GEOMETRY)
    columns = _header(names) + [column(GEOMETRY, GEOMETRY, "geometry")]
    rows = [
        [_scalar((f.get("properties") or {}).get(c["key"])) for c in columns[:-1]] + [f["geometry"]]
        for f in features
    ]
    return columns, rows


def _cell(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _read_xlsx(data: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationError(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from exc
    try:
        sheet = book.worksheets[0]
        lines = [
            [_cell(v) for v in line]
            for line in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)
            if any(v not in (None, "") for v in line)
        ]
    finally:
        book.close()
    if not lines:
        raise ValidationError(_("Berkas kosong."))
    width = max(i + 1 for i, v in enumerate(lines[0]) if v not in (None, ""))
    columns = _header(lines[0][:width])
    return columns, [list(line[:width]) + [None] * (width - len(line)) for line in lines[1:]]


# --- Writing ----------------------------------------------------------------------------------


def has_geometry(columns) -> bool:
    kinds = {c["kind"] for c in columns}
    return "geometry" in kinds or {registry.LATITUDE, registry.LONGITUDE} <= kinds


def _flat(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def to_csv(columns, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(c["key"]) for c in columns])
    for row in rows:
        writer.writerow([csv_cell(_flat(v)) for v in row])
    return out.getvalue().encode("utf-8")


def to_json(columns, rows, *, meta: dict) -> bytes:
    document = {
        **meta,
        "fields": [{"id": c["key"], "label": c["title"], "type": c["kind"]} for c in columns],
        "records": [{c["key"]: v for c, v in zip(columns, row, strict=True)} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(columns, rows, *, title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "data")
    sheet.append([csv_cell(c["title"]) for c in columns])
    for row in rows:
        sheet.append([csv_cell(_flat(v)) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def to_geojson(columns, rows) -> bytes:
    keys = [c["key"] for c in columns]
    kinds = [c["kind"] for c in columns]
    features = []
    for row in rows:
        geometry, properties, lat, lon = None, {}, None, None
        for key, kind, value in zip(keys, kinds, row, strict=True):
            if kind == "geometry":
                geometry = value
            elif kind == registry.LATITUDE:
                lat = _number(value)
            elif kind == registry.LONGITUDE:
                lon = _number(value)
            else:
                properties[key] = value
        if geometry is None and lat is not None and lon is not None:
            geometry = {"type": "Point", "coordinates": [lon, lat]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
